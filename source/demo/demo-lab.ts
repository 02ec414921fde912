import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAnswers } from '../config/load-answers.js';
import type { Config } from '../config/config.js';
import { labEnvironment } from '../lab/lab-files.js';
import { createCa, issueCert } from '../lab/pki.js';
import { makeDemoDir, removeStaleDemoDirs } from './demo-dirs.js';
import type { Env } from '../shared/env.js';

export const demoHostname = 'rancher.lab.test';
export const demoCluster = 'czpksrancher05';

export interface DemoLab {
  dir: string;
  /** `127.N.0.0/16`: the loopback range the demo's lab claimed. */
  addressRange: string;
  config: Config;
  env: Env;
  stop(): Promise<void>;
}

/** A CA and a server certificate for the demo hostname, made fresh (never shipped). */
async function writeDemoCertificates(
  dir: string,
): Promise<{ cert: string; key: string; caCerts: string }> {
  const ca = await createCa({ commonName: 'rancher-pks-tui demo CA' });
  const server = await issueCert(ca, { commonName: demoHostname, dnsNames: [demoHostname] });
  const paths = {
    cert: join(dir, 'rancher.crt'),
    key: join(dir, 'rancher.key'),
    caCerts: join(dir, 'cacerts.pem'),
  };
  writeFileSync(paths.cert, server.certPem, { mode: 0o600 });
  writeFileSync(paths.key, server.keyPem, { mode: 0o600 });
  writeFileSync(paths.caCerts, ca.certPem, { mode: 0o600 });
  return paths;
}

export function demoAnswers(
  paths: { cert: string; key: string; caCerts: string },
  dnsServer: string,
) {
  return {
    pks: {
      cli: 'pks',
      plan: 'rancher',
      cluster: demoCluster,
      externalHostname: `${demoCluster}.lab.test`,
      networkProfile: 'lb-medium',
      lbSize: 'medium',
    },
    rancher: { hostname: demoHostname, replicas: 3 },
    tls: paths,
    dns: { servers: [dnsServer] },
  };
}

/** `--demo`: the lab in this process, certificates and answers made for it. */
export async function startDemoLab(options: {
  timescale: number;
  log?: (m: string) => void;
}): Promise<DemoLab> {
  removeStaleDemoDirs();
  const dir = makeDemoDir();
  const { Lab } = await import('../lab/lab.js');
  const lab = await Lab.start({
    dir,
    timescale: options.timescale,
    operatorHostnames: [demoHostname],
    log: options.log,
  });
  const env = labEnvironment(
    { dir, dnsServer: lab.dnsServer, ingressHttpsPort: lab.ingressHttpsPort },
    process.env,
  );
  const paths = await writeDemoCertificates(dir);
  const config = parseAnswers(demoAnswers(paths, lab.dnsServer), dir, env);
  return {
    dir,
    addressRange: lab.addressRange,
    config,
    env,
    async stop() {
      await lab.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
