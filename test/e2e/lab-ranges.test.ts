import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  claimAddress,
  claimAddressRange,
  claimPort,
  rangesVariable,
} from '../../source/lab/address-range.js';
import { installFixture } from '../helpers/install-fixture.js';
import { cliPath, startLab, type LabProcess } from '../helpers/lab-process.js';
import { TmuxSession } from '../helpers/tmux.js';

// Issue 13 #8: labs on one machine never share a 127.N.0.0/16. Another process holds every
// range but a few, half the way a lab claims one, half the way an older lab (or another
// program) uses one; every lab started here must land in one of the few left.
let holder: ChildProcess;
let free: number[];
const labs: LabProcess[] = [];
let tmux: TmuxSession | undefined;

/**
 * The ranges this file's labs may take (RANCHER_PKS_TUI_LAB_RANGES): its own, outside the
 * labs' usual 100-199, so filling them never crowds out labs other test files start meanwhile.
 */
const ownFirst = 200;
const ownCount = 12;
const labRanges = { [rangesVariable]: `${ownFirst}-${ownFirst + ownCount - 1}` };
const ownOctets = Array.from({ length: ownCount }, (_, i) => ownFirst + i);

async function freeOctets(count: number): Promise<number[]> {
  const ranges = [];
  for (let i = 0; i < count; i++)
    ranges.push(await claimAddressRange({ ingressHttpsPort: 443, octets: ownOctets }));
  for (const r of ranges) await r.release();
  return ranges.map((r) => r.octet);
}

async function holdAllBut(keep: number[]): Promise<ChildProcess> {
  const addresses = [];
  for (const octet of ownOctets) {
    if (keep.includes(octet)) continue;
    addresses.push(
      octet % 2
        ? { host: claimAddress(octet), port: claimPort }
        : { host: `127.${octet}.0.10`, port: 8443 }, // an older lab's first cluster API
    );
  }
  const script = `
    const net = require('node:net');
    const list = ${JSON.stringify(addresses)};
    let left = list.length;
    for (const a of list)
      net.createServer().on('error', () => --left || console.log('held'))
        .listen(a.port, a.host, () => --left || console.log('held'));`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => c.toString().includes('held') && resolve());
    child.on('exit', (code) => reject(new Error(`holder exited (${code})`)));
  });
  return child;
}

/** The second octet of the summary's NSX-T virtual server: the range the install ran in. */
function vipOctet(text: string): number {
  // The line reporter says "NSX-T virtual server: IP", the summary screen "NSX-T VIP  IP".
  const vip = /NSX-T (?:virtual server:|VIP) +127\.(\d+)\.1\.\d+/.exec(text);
  if (!vip) throw new Error(`no virtual server in:\n${text}`);
  return Number(vip[1]);
}

async function installOn(lab: LabProcess): Promise<{ code: number; stdout: string }> {
  const fx = await installFixture(lab.dir);
  return lab.cli(['install', '--answers', fx.answersFile, '--yes'], {
    env: { RANCHER_PKS_TUI_HOME: fx.home },
  });
}

beforeAll(async () => {
  free = await freeOctets(4);
  holder = await holdAllBut(free);
});

afterEach(async () => {
  tmux?.kill();
  tmux = undefined;
  for (const lab of labs.splice(0)) await lab.stop();
});

afterAll(() => {
  holder?.kill('SIGKILL');
});

describe('labs side by side', () => {
  it('two labs started together get different free ranges, and an install works on each', async () => {
    labs.push(...(await Promise.all([startLab([], '0', labRanges), startLab([], '0', labRanges)])));
    const [a, b] = await Promise.all(labs.map(installOn));
    expect(a!.code).toBe(0);
    expect(b!.code).toBe(0);
    const octets = [vipOctet(a!.stdout), vipOctet(b!.stdout)];
    expect(octets[0]).not.toBe(octets[1]);
    for (const octet of octets) expect(free).toContain(octet);
    // `lab up` says which range it took.
    for (const lab of labs) expect(lab.output()).toMatch(/addresses: {4}127\.\d+\.0\.0\/16/);
  });

  it('the demo beside a lab: each in its own range, both reach the end', async () => {
    const lab = await startLab([], '0', labRanges);
    labs.push(lab);
    const home = mkdtempSync(join(tmpdir(), 'rpt-home-'));
    tmux = TmuxSession.start([process.execPath, cliPath, '--demo', '--timescale', '0.02'], {
      columns: 100,
      rows: 40,
      env: { RANCHER_PKS_TUI_HOME: home, ...labRanges },
    });
    const [installed] = await Promise.all([installOn(lab), tmux.waitFor(/PKS plan/)]);
    expect(installed.code).toBe(0);
    await tmux.enterUntil(/Start the install/);
    tmux.keys('Enter');
    await tmux.waitFor(/Rancher is up: https:\/\/rancher\.lab\.test/, 120_000);
    tmux.keys('q');
    const end = await tmux.waitFor(/EXIT=\d+/);
    expect(end).toContain('EXIT=0');
    const demo = vipOctet(end);
    expect(demo).not.toBe(vipOctet(installed.stdout));
    expect(free).toContain(demo);
    expect(free).toContain(vipOctet(installed.stdout));
  });
});
