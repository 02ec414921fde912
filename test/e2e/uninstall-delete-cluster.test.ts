import { afterEach, describe, expect, it } from 'vitest';
import { installFixture } from '../helpers/install-fixture.js';
import { startLab, type LabProcess } from '../helpers/lab-process.js';

// issue 14's uninstall --delete-cluster, through the built CLI against a lab process.
// (Apart from uninstall.test.ts, where the cluster stays: two workers share them.)
let lab: LabProcess | undefined;

afterEach(async () => {
  await lab?.stop();
  lab = undefined;
});

function mutations(entries: Record<string, unknown>[]): Record<string, unknown>[] {
  return entries.filter((e) => e.kind === 'api' || e.mutating === true);
}

async function pksState(l: LabProcess) {
  const clusters = await l.run(['pks', 'clusters', '--json']);
  const profiles = await l.run(['pks', 'network-profiles', '--json']);
  return {
    clusters: JSON.parse(clusters.stdout) as unknown,
    profiles: JSON.parse(profiles.stdout) as unknown,
  };
}

describe('uninstall --delete-cluster', () => {
  it('leaves PKS as it was before the install, resuming after a kill -9', async () => {
    lab = await startLab(['--manual-dns'], '0.05');
    const fx = await installFixture(lab.dir);
    const env = { RANCHER_PKS_TUI_HOME: fx.home };
    const pksBefore = await pksState(lab);
    const install = lab.spawnCli(['install', '--answers', fx.answersFile, '--yes'], env);
    let out = '';
    install.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      // The manual DNS step, done as a user would, once it asks.
      const ask = /ACTION NEEDED: Create the DNS A record (\S+) → (\S+)/.exec(out);
      if (ask && !out.includes('#added')) {
        out += '#added';
        void lab!.cli(['lab', 'dns', 'add', ask[1]!, ask[2]!, '--dir', lab!.dir]);
      }
    });
    expect(await new Promise((resolve) => install.on('exit', resolve))).toBe(0);

    // kill -9 in the middle of removing Rancher's leftovers.
    const killed = await new Promise<string>((resolve) => {
      const child = lab!.spawnCli(['uninstall', '--delete-cluster', '--yes'], env);
      let text = '';
      child.stdout!.on('data', (c: Buffer) => {
        text += c.toString();
        if (/\[remove-rancher\] Rancher's custom resources …/.test(text) && child.exitCode === null)
          child.kill('SIGKILL');
      });
      child.on('exit', () => resolve(text));
    });
    expect(killed).not.toContain('Rancher is uninstalled');

    // The resume goes on to the end: the cluster deleted, then the DNS records to delete.
    const resumed = lab.spawnCli(['resume'], env);
    let text = '';
    resumed.stdout!.on('data', (c: Buffer) => {
      text += c.toString();
      if (text.includes('ACTION NEEDED: Delete the DNS A record') && !text.includes('#removed')) {
        text += '#removed';
        void lab!.cli(['lab', 'dns', 'remove', fx.hostname, '--dir', lab!.dir]);
      }
    });
    expect(await new Promise((resolve) => resumed.on('exit', resolve))).toBe(0);
    expect(text).toContain('resuming session');
    expect(text).toMatch(/DELETE in progress: Instance deletion in progress/);
    expect(text).toContain('the PKS cluster czpksrancher05 is deleted');
    expect(await pksState(lab)).toEqual(pksBefore);

    // Nothing left to do: a re-run changes nothing (and needs no cluster).
    const before = mutations(lab.audit()).length;
    const again = await lab.cli(['uninstall', '--delete-cluster', '--yes'], { env });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('the PKS cluster is gone');
    expect(mutations(lab.audit()).slice(before)).toEqual([]);
  });
});
