import { stripVTControlCharacters } from 'node:util';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCa, issueCert } from '../../../source/lab/pki.js';
import type { NetworkProfile, PksCluster, Plan } from '../../../source/systems/pks.js';
import { checkTlsFiles } from '../../../source/systems/tls.js';
import type { WizardData } from '../../../source/ui/wizard/wizard-data.js';

/** Keys as a terminal sends them. */
export const keys = {
  enter: '\r',
  up: '\u001B[A',
  down: '\u001B[B',
  escape: '\u001B',
  tab: '\t',
} as const;

/** Backspace `count` times (one key per write: a single write would read as a paste). */
export const erase = (count: number): string[] => Array<string>(count).fill('\u007F');

/** The frame as plain text on one line: no colours, wrapping undone, for matching sentences. */
export const flat = (frame: string): string => stripVTControlCharacters(frame).replace(/\s+/g, ' ');

/** Ink handles input asynchronously: give it a moment between writes. */
export const tick = (ms = 40) => new Promise((resolve) => setTimeout(resolve, ms));

interface Typing {
  stdin: { write: (data: string) => void };
}

/** Writes each chunk, waiting after each (text is written whole, like a paste). */
export async function press(app: Typing, ...chunks: string[]): Promise<void> {
  for (const chunk of chunks) {
    app.stdin.write(chunk);
    await tick();
  }
}

/**
 * Enter, then wait for the next field's cursor (`› Label`) before going on: each field
 * attaches its input handler only once it is drawn, and a key sent earlier is lost.
 */
export async function enterThrough(
  app: Typing & { lastFrame: () => string | undefined },
  ...nextFields: string[]
): Promise<void> {
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
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const frame = lastFrame() ?? '';
    if (frame.includes(text) || flat(frame).includes(text)) {
      await tick(60); // the frame is drawn before the new screen's input handlers are attached
      return frame;
    }
    await tick(10);
  }
  throw new Error(`"${text}" did not appear; last frame:\n${lastFrame() ?? ''}`);
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

/** A PKS that is logged in and has plans; TLS checks run for real. */
export function fakeData(overrides: Partial<WizardData> = {}): WizardData {
  return {
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

/** On the review: goes to the top, then down to `label`'s line, and presses Enter. */
export async function editReviewLine(app: Typing, label: (typeof reviewLabels)[number]) {
  await press(app, ...Array<string>(reviewLabels.length + 1).fill(keys.up));
  await press(app, ...Array<string>(reviewLabels.indexOf(label)).fill(keys.down), keys.enter);
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
