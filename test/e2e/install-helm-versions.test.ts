import { afterEach, describe, expect, it } from 'vitest';
import { installFixture } from '../helpers/install-fixture.js';
import { startLab, type LabProcess } from '../helpers/lab-process.js';

let lab: LabProcess | undefined;

afterEach(async () => {
  await lab?.stop();
  lab = undefined;
});

function helmCalls(entries: Record<string, unknown>[]): string[][] {
  return entries
    .filter((e) => e.kind === 'cli' && e.tool === 'helm')
    .map((e) => e.argv as string[]);
}

describe('install with each Helm major', () => {
  // Helm 3 and 4 are equals, and so are the two controllers: the same install with each.
  const cases = [
    { major: '3', controller: 'traefik', chart: 'traefik/traefik' },
    { major: '4', controller: 'traefik', chart: 'traefik/traefik' },
    { major: '3', controller: 'ingress-nginx', chart: 'ingress-nginx/ingress-nginx' },
    { major: '4', controller: 'ingress-nginx', chart: 'ingress-nginx/ingress-nginx' },
  ] as const;
  for (const { major, controller, chart } of cases) {
    it(`Helm ${major}, ${controller}: installs Rancher, and a second run finds everything done`, async () => {
      lab = await startLab(['--helm', major], '0');
      const fx = await installFixture(lab.dir, 'czpksrancher05', { ingress: { controller } });
      const env = { RANCHER_PKS_TUI_HOME: fx.home };
      const r = await lab.cli(['install', '--answers', fx.answersFile, '--yes'], { env });
      expect(r.stdout).toContain('Rancher is up');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Helm ${major} (v${major}.`);
      expect(r.stdout + r.stderr).not.toMatch(/deprecated|tiller/i);
      const upgrades = helmCalls(lab.audit()).filter((argv) => argv[0] === 'upgrade');
      expect(upgrades.map((argv) => argv.slice(0, 4))).toEqual([
        ['upgrade', '--install', controller, chart],
        ['upgrade', '--install', 'rancher', 'rancher-stable/rancher'],
      ]);
      // Helm 4 applies server-side and takes back fields others changed; Helm 3 has no such flags.
      for (const argv of upgrades) {
        const ssa = argv.filter((a) => a === '--server-side=true' || a === '--force-conflicts');
        expect(ssa).toEqual(major === '4' ? ['--server-side=true', '--force-conflicts'] : []);
      }
      expect(r.stdout).toMatch(
        new RegExp(
          `^ +${chart} \\d+\\.\\d+\\.\\d+ \\(${controller === 'traefik' ? 'Traefik' : 'ingress-nginx'}, the ingress controller\\)$`,
          'm',
        ),
      );
      const again = await lab.cli(['install', '--answers', fx.answersFile, '--yes'], { env });
      expect(again.code).toBe(0);
      expect(again.stdout).toMatch(/helm upgrade --install rancher: already done/);
    });
  }

  it('Helm 2: preflight fails tools.helm, and the install stops at its gate with nothing changed', async () => {
    lab = await startLab(['--helm', '2'], '0');
    const fx = await installFixture(lab.dir);
    const preflight = await lab.cli(['preflight', '--answers', fx.answersFile]);
    expect(preflight.code).toBe(1);
    expect(preflight.stdout).toMatch(
      /^FAIL tools\.helm: helm v2\.16\.10\+gbceca24 is Helm 2, which cannot install today's charts: /m,
    );
    const r = await lab.cli(['install', '--answers', fx.answersFile, '--yes'], {
      env: { RANCHER_PKS_TUI_HOME: fx.home },
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      "FAIL tools.helm: helm v2.16.10+gbceca24 is Helm 2, which cannot install today's charts: Rancher's chart is apiVersion v2 since Rancher 2.7.2 and Helm 2 refuses it (apiVersion 'v2' is not valid)",
    );
    expect(r.stdout).toContain('install Helm 3 (3.2 or later) or Helm 4');
    expect(r.stdout).toContain('nothing was changed: 1 preflight check failed (tools.helm)');
    // Preflight and the gate only asked for the version: no Tiller, repositories, releases.
    expect(helmCalls(lab.audit())).toEqual([
      ['version', '--short'],
      ['version', '--short'],
    ]);
    // Nothing of the PKS side either: no cluster was created.
    expect((await lab.run(['pks', 'clusters', '--json'])).stdout.trim()).toBe('[]');
  });
});
