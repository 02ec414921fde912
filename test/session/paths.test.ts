import Conf from 'conf';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { confDefaultDir, PROJECT_NAME, resolveSessionPaths } from '../../source/session/paths.js';
import { tempHome } from './temp-home.js';

describe('session paths', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('uses RANCHER_PKS_TUI_HOME when set', () => {
    expect(resolveSessionPaths({ env: { RANCHER_PKS_TUI_HOME: '/srv/rpt' } })).toEqual({
      home: '/srv/rpt',
      sessionsDir: join('/srv/rpt', 'sessions'),
      fromEnv: true,
    });
  });

  it("falls back to conf's standard folder per platform", () => {
    expect(resolveSessionPaths({ env: {}, platform: 'linux', homedir: '/home/op' }).home).toBe(
      '/home/op/.config/rancher-pks-tui-nodejs',
    );
    expect(confDefaultDir({ XDG_CONFIG_HOME: '/xdg' }, 'linux', '/home/op')).toBe(
      '/xdg/rancher-pks-tui-nodejs',
    );
    expect(confDefaultDir({}, 'darwin', '/Users/op')).toBe(
      '/Users/op/Library/Preferences/rancher-pks-tui-nodejs',
    );
  });

  it.runIf(process.platform === 'linux')('agrees with the folder conf itself picks', () => {
    // conf reads only the live process.env, so this one test stubs it (into a temp dir).
    const t = tempHome();
    try {
      vi.stubEnv('XDG_CONFIG_HOME', t.home);
      const conf = new Conf({ projectName: PROJECT_NAME });
      expect(resolveSessionPaths({ env: process.env }).home).toBe(dirname(conf.path));
    } finally {
      t.cleanup();
    }
  });
});
