import { HelmError } from './errors.js';
import type { HelmSession } from './session.js';
import { helm2Version, tillerState } from './tiller.js';

/**
 * The builds the lab's helm reports for each major: the real binaries the contract test
 * runs (test/helpers/real-helm.ts), whose flags the lab's tables follow.
 */
export const buildInfo = {
  3: {
    Version: 'v3.18.0',
    GitCommit: 'cc58e3f5a3aa615c6a86275e6f4444b5fdd3cc4e',
    GitTreeState: 'clean',
    GoVersion: 'go1.24.3',
  },
  4: {
    Version: 'v4.1.4',
    GitCommit: '05fa37973dc9e42b76e1d2883494c87174b6074f',
    GitTreeState: 'clean',
    GoVersion: 'go1.25.9',
    KubeClientVersion: 'v1.35',
  },
} as const;

/** A Go template over the version fields: `{{.Version}}` and friends. */
function applyTemplate(template: string, fields: Record<string, string>): string {
  return template.replace(/\{\{-?\s*\.(\w+)\s*-?\}\}/g, (whole, field: string) => {
    if (!(field in fields)) {
      throw new HelmError(
        `template: version:1:2: executing "version" at <.${field}>: can't evaluate field ${field} in type version.BuildInfo`,
      );
    }
    return fields[field]!;
  });
}

function modernVersion(s: HelmSession, major: 3 | 4): void {
  const info: Record<string, string> = { ...buildInfo[major] };
  const template = s.flags.string('template');
  if (template) return s.print(applyTemplate(template, info));
  if (s.flags.bool('short')) return s.print(`${info.Version}+g${info.GitCommit!.slice(0, 7)}\n`);
  const fields = Object.entries(info)
    .map(([k, v]) => `${k}:"${v}"`)
    .join(', ');
  s.print(`version.BuildInfo{${fields}}\n`);
}

function tillerFormat(short: boolean): string {
  const { semver, gitCommit } = helm2Version;
  if (short) return `${semver}+g${gitCommit.slice(0, 7)}`;
  return `&version.Version{SemVer:"${semver}", GitCommit:"${gitCommit}", GitTreeState:"clean"}`;
}

/** Helm 2: the client line, then Tiller's (which needs a ready Tiller pod). */
function tillerVersion(s: HelmSession): void {
  const short = s.flags.bool('short');
  let client = s.flags.bool('client');
  let server = s.flags.bool('server');
  if (!client && !server) client = server = true;
  if (client) s.print(`Client: ${tillerFormat(short)}\n`);
  if (!server) return;
  const state = tillerState(s.kube().cluster.store, s.tillerNamespace());
  if (state === 'absent') throw new HelmError('could not find tiller');
  if (state === 'not-ready') throw new HelmError('could not find a ready tiller pod');
  s.print(`Server: ${tillerFormat(short)}\n`);
}

export function versionCommand(s: HelmSession): void {
  if (s.major === 2) tillerVersion(s);
  else modernVersion(s, s.major);
}
