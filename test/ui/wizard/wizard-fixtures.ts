import { stripVTControlCharacters } from 'node:util';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCa, issueCert } from '../../../source/lab/pki.js';
import type { NetworkProfile, PksCluster, Plan } from '../../../source/systems/pks.js';
import { checkTlsFiles } from '../../../source/systems/tls.js';
import { whenKeysHandled } from '../../../source/ui/input/key-stream.js';
import type { WizardData } from '../../../source/ui/wizard/wizard-data.js';
import type { CheckResult } from '../../../source/checks/check.js';
import { reviewChecks, type ReviewReader } from '../../../source/checks/review-checks.js';
import type { Config } from '../../../source/config/config.js';

/** Keys as a terminal sends them. */
export const keys = {
  enter: '\r',
  up: '\u001B[A',
  down: '\u001B[B',
  escape: '\u001B',
  tab: '\t',
} as const;

/** Backspace `count` times, as one burst (a held key over SSH arrives like this). */
export const erase = (count: number): string => '\u007F'.repeat(count);

/** The frame as plain text on one line: no colours, wrapping undone, for matching sentences. */
export const flat = (frame: string): string => stripVTControlCharacters(frame).replace(/\s+/g, ' ');

interface Typing {
  stdin: { write: (data: string) => void };
  frames: string[];
  lastFrame: () => string | undefined;
}

/** Polls (every few ms, no fixed sleep) until `done` holds; fails with `what` and the frame. */
async function until(
  done: () => boolean,
  what: string,
  lastFrame: () => string | undefined,
  timeoutMs = 3000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`${what}; last frame:\n${lastFrame() ?? ''}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * Writes each chunk (a key, a burst of keys, a paste), waits until every key in it was
 * handled and React drew the result (no sleeping: see whenKeysHandled), and fails when the
 * chunk drew nothing: its effect is a callback (use `send`) or the key was lost.
 */
export async function press(app: Typing, ...chunks: string[]): Promise<void> {
  for (const chunk of chunks) {
    const drawn = app.frames.length;
    app.stdin.write(chunk);
    await whenKeysHandled();
    if (app.frames.length === drawn) {
      throw new Error(`${JSON.stringify(chunk)} drew nothing; frame:\n${app.lastFrame() ?? ''}`);
    }
  }
}

/**
 * Writes keys whose effect is a callback, not a frame (Enter on "Start the install", Esc
 * that leaves), and waits until they were handled.
 */
export async function send(app: Pick<Typing, 'stdin'>, ...chunks: string[]): Promise<void> {
  for (const chunk of chunks) app.stdin.write(chunk);
  await whenKeysHandled();
}

/** Enter, then wait for the next field's cursor (`› Label`). */
export async function enterThrough(app: Typing, ...nextFields: string[]): Promise<void> {
  for (const field of nextFields) {
    await press(app, keys.enter);
    await waitForText(app.lastFrame, `› ${field}`);
  }
}

/** Waits until the frame (as is, or flattened) contains `text` (async data, spinners), or fails with the frame. */
export async function waitForText(
  lastFrame: () => string | undefined,
  text: string,
  timeoutMs = 3000,
): Promise<string> {
  const has = () => {
    const frame = lastFrame() ?? '';
    return frame.includes(text) || flat(frame).includes(text);
  };
  await until(has, `"${text}" did not appear`, lastFrame, timeoutMs);
  return lastFrame() ?? '';
}

export const haPlan: Plan = {
  id: 'p1',
  name: 'rancher',
  description: '3 masters, 3 workers, privileged',
  masterInstances: 3,
  workerInstances: 3,
  allowPrivileged: true,
};
export const smallPlan: Plan = {
  id: 'p2',
  name: 'dev-tiny',
  description: '1 master; 1 worker',
  masterInstances: 1,
  workerInstances: 1,
};
export const lockedPlan: Plan = {
  id: 'p3',
  name: 'locked',
  description: 'no privileged',
  masterInstances: 3,
  workerInstances: 3,
  allowPrivileged: false,
};

export const mediumProfile: NetworkProfile = {
  name: 'lb-medium',
  description: 'medium LB',
  lbSize: 'medium',
  parameters: { lb_size: 'medium' },
};

export const existingCluster: PksCluster = {
  name: 'czpksrancher05',
  planName: 'rancher',
  uuid: 'u-1',
  lastAction: 'CREATE',
  state: 'succeeded',
  description: 'Instance provisioning completed',
  masterIps: ['10.0.0.10'],
  networkProfile: 'lb-medium',
  externalHostname: 'czpksrancher05.sovsystems.com',
};

/** Chart versions the fake repositories hold, with their kubeVersion bounds. */
export const fakeCharts: Record<string, Record<string, string | undefined>> = {
  rancher: { '2.12.5': '< 1.34.0-0', '2.8.13': '< 1.29.0-0' },
  traefik: { '41.3.0': undefined },
};

/** `helm show chart NAME --repo URL --version V` over fakeCharts, with helm's not-found words. */
export const fakeHelm = {
  showChart: async (chart: string, options: { version?: string; repoUrl?: string } = {}) => {
    const versions = fakeCharts[chart] ?? {};
    const version = options.version ?? '';
    if (!(version in versions))
      throw new Error(
        `chart "${chart}" version "${version}" not found in ${options.repoUrl ?? ''} repository`,
      );
    const kubeVersion = versions[version];
    return { name: chart, version, appVersion: version, ...(kubeVersion ? { kubeVersion } : {}) };
  },
};

/** The review's re-checks, for real, over the fake PKS and helm; no cluster (`kubeVersion`). */
export function fakeRecheck(
  reader: Partial<ReviewReader> = {},
): (config: Config) => Promise<CheckResult[]> {
  return (config) =>
    reviewChecks(config, {
      pks: { plans: async () => [haPlan, smallPlan, lockedPlan] },
      helm: fakeHelm,
      kubeVersion: async () => undefined,
      ...reader,
    });
}

/** A PKS that is logged in and has plans; TLS checks and the review's re-checks run for real. */
export function fakeData(overrides: Partial<WizardData> = {}): WizardData {
  return {
    recheck: fakeRecheck(),
    loginState: async () => ({ ok: true }),
    plans: async () => [haPlan, smallPlan, lockedPlan],
    networkProfiles: async () => [mediumProfile],
    cluster: async () => undefined,
    checkTls: (paths, hostname) => checkTlsFiles(paths, hostname),
    ...overrides,
  };
}

/** The review's lines, in order (see review-lines.ts). */
export const reviewLabels = [
  'PKS plan',
  'Load balancer',
  'Ingress controller',
  'Cluster',
  'API hostname',
  'Rancher hostname',
  'Certificate',
  'Private key',
  'CA file',
  'Replicas',
  'Chart version',
  'Bootstrap password',
] as const;

/** The review line that has the cursor (`› `), as an index into reviewLabels (the last: Start). */
export function focusedReviewLine(frame: string): number {
  const line = stripVTControlCharacters(frame)
    .split('\n')
    .find((l) => l.startsWith('› '));
  const text = (line ?? '')
    .slice(2)
    .replace(/^[✗!] /, '')
    .trim();
  const index = reviewLabels.findIndex((label) => text.startsWith(label));
  return index >= 0 ? index : reviewLabels.length;
}

/** On the review: moves the cursor to `label`'s line, one arrow at a time, and presses Enter. */
export async function editReviewLine(app: Typing, label: (typeof reviewLabels)[number]) {
  const delta = reviewLabels.indexOf(label) - focusedReviewLine(app.lastFrame() ?? '');
  const arrow = delta < 0 ? keys.up : keys.down;
  await press(app, ...Array<string>(Math.abs(delta)).fill(arrow), keys.enter);
}

export const rancherHost = 'rancher.sovsystems.com';
export const apiHost = 'czpksrancher05.sovsystems.com';

export interface CertFiles {
  dir: string;
  cert: string;
  key: string;
  caCerts: string;
  /** The key of another certificate (does not match `cert`). */
  otherKey: string;
  /** The right CA, under the wrong name. */
  caWrongName: string;
  cleanup: () => void;
}

/** A CA and a server certificate for rancherHost, written to a temp folder (made at test time). */
export async function writeCertFiles(hostname = rancherHost): Promise<CertFiles> {
  const dir = mkdtempSync(join(tmpdir(), 'rpt-wizard-'));
  const ca = await createCa({ commonName: 'Wizard Test CA' });
  const server = await issueCert(ca, { commonName: hostname, dnsNames: [hostname] });
  const other = await issueCert(ca, { commonName: hostname, dnsNames: [hostname] });
  const files = {
    cert: join(dir, 'rancher.crt'),
    key: join(dir, 'rancher.key'),
    caCerts: join(dir, 'cacerts.pem'),
    otherKey: join(dir, 'other.key'),
    caWrongName: join(dir, 'ca.crt'),
  };
  writeFileSync(files.cert, server.certPem);
  writeFileSync(files.key, server.keyPem);
  writeFileSync(files.caCerts, ca.certPem);
  writeFileSync(files.otherKey, other.keyPem);
  writeFileSync(files.caWrongName, ca.certPem);
  return { dir, ...files, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
