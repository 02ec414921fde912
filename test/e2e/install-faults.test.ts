import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { installFixture } from '../helpers/install-fixture.js';
import { cliPath, poll, startLab, type LabProcess } from '../helpers/lab-process.js';

let lab: LabProcess | undefined;

afterEach(async () => {
  await lab?.stop();
  lab = undefined;
});

function runUntil(
  l: LabProcess,
  args: string[],
  env: Record<string, string>,
  onLine: (out: string) => void,
): Promise<{ out: string; code: number | null }> {
  return new Promise((resolve) => {
    const child = l.spawnCli(args, env);
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      onLine(out);
    });
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => resolve({ out, code }));
    // A hung run shows what it was doing when the test gives up.
    const timer = setTimeout(() => console.error(`still running:\n${out.slice(-3000)}`), 90_000);
    child.on('exit', () => clearTimeout(timer));
  });
}

describe('install under lab faults', () => {
  it('survives 5xx bursts, dropped watches and a short API outage', async () => {
    lab = await startLab(['--fault', 'api5xx=4', '--fault', 'dropWatchesEverySeconds=1'], '0.05');
    const fx = await installFixture(lab.dir);
    const faults = join(lab.dir, 'faults.json');
    let outage = false;
    let burst = false;
    const result = await runUntil(
      lab,
      ['install', '--answers', fx.answersFile, '--yes'],
      { RANCHER_PKS_TUI_HOME: fx.home, RANCHER_PKS_TUI_WAIT_SCALE: '0.1' },
      (out) => {
        if (!burst && out.includes('[certificates] Namespace')) {
          burst = true;
          writeFileSync(faults, JSON.stringify({ api5xx: 6, dropWatchesEverySeconds: 1 }));
        }
        if (!outage && out.includes('[ingress] Controllers ready')) {
          outage = true;
          writeFileSync(faults, JSON.stringify({ apiDownSeconds: 2 }));
        }
      },
    );
    expect(result.out).toContain('Rancher is up');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/retry \d+ in/);
  }, 180_000);

  it('ends with a clear error when the cluster create fails', async () => {
    lab = await startLab(['--fault', 'pksCreateFails'], '0');
    const fx = await installFixture(lab.dir);
    const r = await lab.cli(['install', '--answers', fx.answersFile, '--yes'], {
      env: { RANCHER_PKS_TUI_HOME: fx.home },
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/Wait for provisioning: FAILED: pks: CREATE of czpksrancher05 failed/);
    expect(r.stdout).toMatch(/what to do: .*delete the cluster/);
    // As it was started: `node dist/cli.js`, not a `rancher-pks-tui` that is not on PATH.
    expect(r.stdout).toContain(`resume with: node ${cliPath} resume`);
  });

  it('ends with a clear error when NSX-T never assigns the load balancer IP', async () => {
    lab = await startLab(['--fault', 'lbNoIp'], '0');
    const fx = await installFixture(lab.dir);
    const r = await lab.cli(['install', '--answers', fx.answersFile, '--yes'], {
      env: { RANCHER_PKS_TUI_HOME: fx.home },
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('ncp/error.loadbalancer=IP_POOL_EXHAUSTED');
    expect(r.stdout).toMatch(/what to do: the NSX-T floating IP pool is exhausted/);
  });

  it("reads NCP's NSXError when the load balancer is out of virtual servers", async () => {
    lab = await startLab(['--fault', 'lbNoIp=SERVICE_LOADBALANCER_UNREALIZED'], '0');
    const fx = await installFixture(lab.dir);
    const r = await lab.cli(['install', '--answers', fx.answersFile, '--yes'], {
      env: { RANCHER_PKS_TUI_HOME: fx.home },
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /ncp\/error\.loadbalancer=SERVICE_LOADBALANCER_UNREALIZED \(NSXError: \[[\d :-]+\]10087: Number of loadbalancer requested exceed Edge node limit\)/,
    );
    expect(r.stdout).toMatch(
      /what to do: the load balancer \(lb_size medium\) or its Edge is out of virtual servers/,
    );
    const nsxErrors = await lab.run(['kubectl', 'get', 'nsxerror', '-o', 'name']);
    expect(nsxErrors.stdout).toMatch(/^nsxerror\.nsx\.vmware\.com\/services-[0-9a-f]{32}$/m);
  });

  it('puts the VIP, not the NSX-T transit address NCP lists first, in DNS', async () => {
    lab = await startLab(['--fault', 'lbTransitIp', '--manual-dns'], '0');
    const fx = await installFixture(lab.dir);
    const child = lab.spawnCli(['install', '--answers', fx.answersFile, '--yes'], {
      RANCHER_PKS_TUI_HOME: fx.home,
    });
    let out = '';
    child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    const record = await poll(
      async () =>
        /ACTION NEEDED: Create the DNS A record rancher\.lab\.test → (\S+)/.exec(out)?.[1],
      'the DNS action',
    );
    expect(record).toMatch(/^127\.\d+\.1\.\d+$/);
    expect(out).toMatch(
      new RegExp(
        `virtual server 100\\.64\\.128\\.125, ${record.replace(/\./g, '\\.')}: the DNS record needs ${record.replace(/\./g, '\\.')} \\(100\\.64\\.128\\.125 is NSX-T's transit address\\)`,
      ),
    );
    await lab.cli(['lab', 'dns', 'add', fx.hostname, record, '--dir', lab.dir]);
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(out).toContain('Rancher is up');
    expect(code).toBe(0);
  }, 120_000);

  it('says "change it" when the DNS record points elsewhere, and goes on once it is fixed', async () => {
    lab = await startLab(['--fault', 'dnsWrongIp=127.0.0.99'], '0');
    const fx = await installFixture(lab.dir);
    const child = lab.spawnCli(['install', '--answers', fx.answersFile, '--yes'], {
      RANCHER_PKS_TUI_HOME: fx.home,
    });
    let out = '';
    child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    const vip = await poll(
      async () =>
        /ACTION NEEDED: The DNS A record rancher\.lab\.test points at 127\.0\.0\.99; change it to (\S+)/.exec(
          out,
        )?.[1],
      'the change-the-record action',
    );
    expect(out).not.toContain('Create the DNS A record rancher.lab.test');
    writeFileSync(join(lab.dir, 'faults.json'), '{}');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(out).toContain(`rancher.lab.test → ${vip}`);
    expect(code).toBe(0);
  }, 120_000);
});
