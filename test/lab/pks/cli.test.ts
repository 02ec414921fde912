import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAKE_CA_PEM, fakeLab } from './fake-lab.js';

describe('pks CLI surface', () => {
  it('prints a version line', async () => {
    const { run } = fakeLab();
    expect(await run(['--version'])).toEqual({
      stdout: 'pks version 1.20.0-build.37\n',
      stderr: '',
      exitCode: 0,
    });
    expect((await run(['--version'], { tool: 'tkgi' })).stdout).toBe(
      'tkgi version 1.20.0-build.37\n',
    );
  });

  it('prints root help for no args, --help and help', async () => {
    const { run } = fakeLab();
    for (const argv of [[], ['--help'], ['-h'], ['help']]) {
      const result = await run(argv);
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toContain('Usage:\n  pks [command]');
      expect(result.stdout).toMatch(/^ {2}create-cluster +Creates a kubernetes cluster/m);
      expect(result.stdout).toContain(
        'Use "pks [command] --help" for more information about a command.',
      );
    }
  });

  it('prints command help with cobra-style flags', async () => {
    const { run } = fakeLab();
    const result = await run(['create-cluster', '--help']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('Usage:\n  pks create-cluster <cluster-name> [flags]');
    expect(result.stdout).toMatch(/^ {2}-e, --external-hostname string {3}Address from which/m);
    expect(result.stdout).toMatch(/^ {2}-n, --num-nodes int +Number of worker nodes/m);
    expect(result.stdout).toMatch(/^ {6}--json +Return the PKS-API output as json/m);
    expect((await run(['help', 'plans'])).stdout).toContain('Usage:\n  pks plans [flags]');
  });

  it('rejects unknown commands and flags the cobra way', async () => {
    const { run } = fakeLab();
    expect(await run(['frobnicate'])).toEqual({
      stdout: '',
      stderr: 'Error: unknown command "frobnicate" for "pks"\nRun \'pks --help\' for usage.\n',
      exitCode: 1,
    });
    const flag = await run(['plans', '--bogus']);
    expect(flag.exitCode).toBe(1);
    expect(flag.stderr).toMatch(/^Error: unknown flag: --bogus\nUsage:\n {2}pks plans \[flags\]/);
    const short = await run(['plans', '-z']);
    expect(short.stderr).toMatch(/^Error: unknown shorthand flag: 'z' in -z/);
    const missingValue = await run(['create-cluster', 'c', '-e']);
    expect(missingValue.stderr).toMatch(/^Error: flag needs an argument: 'e' in -e/);
    const args = await run(['cluster']);
    expect(args.stderr).toMatch(/^Error: accepts 1 arg\(s\), received 0/);
    expect((await run(['--bogus'])).stderr).toMatch(/^Error: unknown flag: --bogus/);
  });

  it('uses tkgi in messages and help', async () => {
    const { run } = fakeLab();
    const created = await run(['create-cluster', 'c1', '-e', 'c1.lab.test', '-p', 'rancher'], {
      tool: 'tkgi',
    });
    expect(created.stdout).toContain("Use 'tkgi cluster c1' to monitor the state of your cluster");
    const help = await run(['--help'], { tool: 'tkgi' });
    expect(help.stdout).toContain('Usage:\n  tkgi [command]');
    expect(help.stdout).toMatch(/^ {2}login +Log in to TKGI$/m);
    expect(help.stdout).not.toContain('pks');
    const unknown = await run(['nope'], { tool: 'tkgi' });
    expect(unknown.stderr).toContain('for "tkgi"');
  });
});

describe('pks login / logout', () => {
  it('fails every command but login when not logged in', async () => {
    const { run } = fakeLab({ loggedIn: false });
    for (const argv of [
      ['plans'],
      ['clusters', '--json'],
      ['cluster', 'x'],
      ['get-credentials', 'x'],
    ]) {
      const result = await run(argv);
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        'Error: You are not currently authenticated. Please log in to continue\n',
      );
    }
    const tkgi = await run(['plans'], { tool: 'tkgi' });
    expect(tkgi.stderr).toBe(
      'Error: You are not currently authenticated. Please log in to continue\n',
    );
  });

  it('logs in with -k, prints like the real CLI and keeps no password', async () => {
    const { run, state } = fakeLab({ loggedIn: false });
    const result = await run([
      'login',
      '-a',
      'api.pks.lab.test',
      '-u',
      'admin',
      '-p',
      's3cret!',
      '-k',
    ]);
    expect(result).toEqual({
      stdout: '\nAPI Endpoint: api.pks.lab.test\nUser: admin\nLogin successful.\n\n',
      stderr: '',
      exitCode: 0,
    });
    expect(JSON.stringify(state.session)).not.toContain('s3cret!');
    expect((await run(['plans'])).exitCode).toBe(0);
    expect((await run(['logout'])).exitCode).toBe(0);
    expect((await run(['plans'])).exitCode).toBe(1);
  });

  it('logs in with --ca-cert relative to the cwd, or a password on stdin', async () => {
    const { run, dir, state } = fakeLab({ loggedIn: false });
    writeFileSync(join(dir, 'ca.pem'), FAKE_CA_PEM);
    const result = await run(['login', '-a', 'api', '-u', 'admin', '--ca-cert', 'ca.pem'], {
      stdin: 'pw\n',
    });
    expect(result.exitCode).toBe(0);
    expect(state.session?.caCertPath).toBe(join(dir, 'ca.pem'));
    expect(JSON.stringify(state.session)).not.toContain('pw');
  });

  it('rejects a login without -a/-u, without -k or --ca-cert, or with a missing CA file', async () => {
    const { run } = fakeLab({ loggedIn: false });
    expect((await run(['login', '-p', 'x', '-k'])).stderr).toMatch(
      /^Error: required flag\(s\) "api", "username" not set/,
    );
    expect((await run(['login', '-a', 'a', '-u', 'u', '-p', 'x'])).stderr).toMatch(
      /--ca-cert or --skip-ssl-validation/,
    );
    expect(
      (await run(['login', '-a', 'a', '-u', 'u', '-p', 'x', '--ca-cert', 'no.pem'])).stderr,
    ).toBe('Error: open no.pem: no such file or directory\n');
  });
});
