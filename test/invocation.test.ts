import { describe, expect, it } from 'vitest';
import { invocationOf, type InvocationFacts } from '../source/invocation.js';
import { shellQuote } from '../source/shared/shell-quote.js';

function facts(over: Partial<InvocationFacts>): InvocationFacts {
  return {
    script: undefined,
    cwd: '/home/ops',
    env: {},
    onPath: () => undefined,
    readText: () => undefined,
    realpath: (p) => p,
    ...over,
  };
}

describe('invocationOf: the command as the user started it', () => {
  it('node and the script, relative to where the user is: `npm run demo`, `node dist/cli.js`', () => {
    expect(invocationOf(facts({ script: '/src/rpt/dist/cli.js', cwd: '/src/rpt' }))).toEqual([
      'node',
      'dist/cli.js',
    ]);
    expect(invocationOf(facts({ script: '/src/rpt/dist/cli.js', cwd: '/tmp' }))).toEqual([
      'node',
      '/src/rpt/dist/cli.js',
    ]);
  });

  it('npx with what it was given: the tarball path, as npm records it in the npx cache', () => {
    const npxDir = '/root/.npm/_npx/e3ed7169f06c1de5';
    const read = (path: string) =>
      path === `${npxDir}/package.json`
        ? JSON.stringify({
            dependencies: { 'rancher-pks-tui': 'file:../../../../tmp/x/rancher-pks-tui-0.1.0.tgz' },
            _npx: { packages: ['./rancher-pks-tui-0.1.0.tgz'] },
          })
        : undefined;
    const script = `${npxDir}/node_modules/.bin/rancher-pks-tui`;
    expect(invocationOf(facts({ script, readText: read }))).toEqual([
      'npx',
      './rancher-pks-tui-0.1.0.tgz',
    ]);
    // `npx --yes …` again: npm hands --yes to the child as npm_config_yes=true.
    const env = { npm_config_yes: 'true' };
    expect(invocationOf(facts({ script, readText: read, env }))).toEqual([
      'npx',
      '--yes',
      './rancher-pks-tui-0.1.0.tgz',
    ]);
  });

  it('npx inside the clone runs the project itself: `npx rancher-pks-tui`', () => {
    const read = () => JSON.stringify({ _npx: { packages: ['/src/rpt'] } });
    const script = '/root/.npm/_npx/abc/node_modules/.bin/rancher-pks-tui';
    expect(invocationOf(facts({ script, cwd: '/src/rpt', readText: read }))).toEqual([
      'npx',
      'rancher-pks-tui',
    ]);
    expect(invocationOf(facts({ script, cwd: '/elsewhere', readText: read }))).toEqual([
      'npx',
      '/src/rpt',
    ]);
  });

  it("a project's own node_modules/.bin (a dependency, an npm script): npx finds it", () => {
    const script = '/work/app/node_modules/.bin/rancher-pks-tui';
    expect(invocationOf(facts({ script, onPath: () => script }))).toEqual([
      'npx',
      'rancher-pks-tui',
    ]);
  });

  it('plain `rancher-pks-tui` only when that name on PATH is this very program', () => {
    const script = '/usr/local/bin/rancher-pks-tui';
    expect(invocationOf(facts({ script, onPath: () => script }))).toEqual(['rancher-pks-tui']);
    expect(invocationOf(facts({ script, onPath: () => '/opt/other/rancher-pks-tui' }))).toEqual([
      '/usr/local/bin/rancher-pks-tui',
    ]);
    expect(invocationOf(facts({ script, onPath: () => undefined }))).toEqual([
      '/usr/local/bin/rancher-pks-tui',
    ]);
  });
});

describe('shellQuote (the words of a printed command)', () => {
  it('quotes only what a shell would split or expand', () => {
    expect(shellQuote('./rancher-pks-tui-0.1.0.tgz')).toBe('./rancher-pks-tui-0.1.0.tgz');
    expect(shellQuote('/home/o p/dist/cli.js')).toBe(`'/home/o p/dist/cli.js'`);
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });
});
