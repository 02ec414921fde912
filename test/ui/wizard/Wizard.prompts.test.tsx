import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermanentError, TransientError } from '../../../source/systems/errors.js';
import { PksError } from '../../../source/systems/pks-errors.js';
import { renderWizard } from './render-wizard.js';
import {
  apiHost,
  editReviewLine,
  enterThrough,
  erase,
  flat,
  existingCluster,
  fakeData,
  haPlan,
  keys,
  lockedPlan,
  press,
  rancherHost,
  send,
  smallPlan,
  waitForText,
  writeCertFiles,
  type CertFiles,
} from './wizard-fixtures.js';

const { enter, down, up, escape, tab } = keys;

describe('login', () => {
  it('explains how to log in, and retries on r', async () => {
    let loggedIn = false;
    const data = fakeData({
      loginState: async () =>
        loggedIn
          ? { ok: true }
          : { ok: false, message: 'You are not currently authenticated', remedy: 'run pks login' },
    });
    const app = renderWizard({ data });
    const frame = await waitForText(app.frame, 'You are not currently authenticated');
    expect(frame).toContain('pks login -a API -u USER -k');
    expect(frame).toContain('r retry');
    loggedIn = true;
    await press(app, 'r');
    await waitForText(app.frame, 'Which plan builds the cluster?');
  });

  it('shows a failed check (not just "logged out") and leaves on Esc', async () => {
    const app = renderWizard({
      data: fakeData({ loginState: () => Promise.reject(new Error('connection refused')) }),
    });
    await waitForText(app.frame, 'connection refused');
    await send(app, escape);
    expect(app.onCancel).toHaveBeenCalled();
  });

  it('a missing pks says it is not on PATH, not "log in"', async () => {
    const missing = new PermanentError(
      'pks/tkgi is not on PATH (looked for pks)',
      'install the PKS CLI (`pks` or `tkgi`) and put it on PATH',
    );
    const app = renderWizard({ data: fakeData({ loginState: () => Promise.reject(missing) }) });
    const frame = flat(await waitForText(app.frame, 'not on PATH'));
    expect(frame).toContain('The PKS CLI cannot be run');
    expect(frame).toContain('put it on PATH');
    expect(frame).not.toContain('Log in from another terminal');
    expect(frame).not.toContain('not logged in');
  });

  it('an unreachable PKS API says so, not "log in"', async () => {
    const down = new TransientError('pks plans: dial tcp 10.0.0.9:9021: connection refused');
    const app = renderWizard({ data: fakeData({ loginState: () => Promise.reject(down) }) });
    const frame = flat(await waitForText(app.frame, 'connection refused'));
    expect(frame).toContain('The PKS API cannot be reached');
    expect(frame).not.toContain('Log in from another terminal');
  });

  it('an untrusted PKS API certificate shows how to log in with its CA', async () => {
    const untrusted = new PksError(
      'pks plans: x509: certificate signed by unknown authority',
      'log in again with `pks login ... --ca-cert CA.pem`',
      'untrusted-api',
    );
    const app = renderWizard({ data: fakeData({ loginState: () => Promise.reject(untrusted) }) });
    const frame = flat(await waitForText(app.frame, 'x509'));
    expect(frame).toContain("The PKS API's certificate is not trusted");
    expect(frame).toContain('Log in from another terminal');
  });
});

describe('plan', () => {
  it('lists plans with masters and workers, and marks the ones unfit for HA', async () => {
    const app = renderWizard();
    const frame = await waitForText(app.frame, 'Which plan');
    expect(frame).toMatch(/rancher\s+3 masters, 3 workers/);
    // The description only restated the counts: they show once.
    expect(flat(frame)).toMatch(/dev-tiny 1 master, 1 worker ⚠ not HA/);
    expect(flat(frame)).toMatch(/locked .* ⚠ privileged containers not allowed/);
  });

  it('needs an explicit yes for a plan that is not HA; Enter alone says no', async () => {
    const app = renderWizard();
    await waitForText(app.frame, 'Which plan');
    await press(app, down, enter);
    await waitForText(app.frame, 'Use plan dev-tiny anyway? y/N');
    await press(app, enter);
    expect(app.frame()).not.toContain('anyway?');
    await waitForText(app.frame, 'Which plan');
    await press(app, enter, 'y');
    await waitForText(app.frame, 'Load-balancer size for the cluster');
    expect(app.onDraft).toHaveBeenLastCalledWith({ pks: { plan: 'dev-tiny' } });
  });

  it('starts on the first plan fit for HA, wherever it is listed', async () => {
    const app = renderWizard({
      data: fakeData({ plans: async () => [smallPlan, lockedPlan, haPlan] }),
    });
    await waitForText(app.frame, 'Which plan');
    await press(app, enter);
    await waitForText(app.frame, 'Load-balancer size');
    expect(app.onDraft).toHaveBeenLastCalledWith({ pks: { plan: 'rancher' } });
  });

  it('takes an HA plan with one Enter', async () => {
    const app = renderWizard();
    await waitForText(app.frame, 'Which plan');
    await press(app, enter);
    await waitForText(app.frame, 'Load-balancer size');
    expect(app.onDraft).toHaveBeenLastCalledWith({ pks: { plan: 'rancher' } });
  });
});

describe('load balancer', () => {
  it('warns the size is final and offers existing profiles for reuse', async () => {
    const app = renderWizard({ initial: { pks: { plan: 'rancher' } } });
    await waitForText(app.frame, 'Which plan');
    await press(app, enter);
    const frame = await waitForText(app.frame, 'reuse lb-medium');
    expect(frame).toContain('cannot be changed after the cluster exists');
    expect(frame).toContain('existing profile, lb size medium');
    await press(app, down, down, enter);
    const controllers = await waitForText(app.frame, 'Ingress controller in front of Rancher');
    expect(controllers).toContain('Traefik (recommended)');
    expect(controllers).toContain('retired upstream in March 2026');
    await press(app, enter);
    await waitForText(app.frame, 'Cluster name');
    expect(app.onDraft).toHaveBeenLastCalledWith({
      pks: { plan: 'rancher', networkProfile: 'lb-medium', lbSize: 'medium' },
      ingress: { controller: 'traefik' },
    });
  });

  it('takes ingress-nginx only when chosen', async () => {
    const app = renderWizard({ initial: { pks: { plan: 'rancher' } } });
    await waitForText(app.frame, 'Which plan');
    await press(app, enter);
    await waitForText(app.frame, 'Load-balancer size for');
    await press(app, enter);
    await waitForText(app.frame, 'Ingress controller in front of Rancher');
    await press(app, down, enter);
    await waitForText(app.frame, 'Cluster name');
    expect(app.onDraft).toHaveBeenLastCalledWith(
      expect.objectContaining({ ingress: { controller: 'ingress-nginx' } }),
    );
  });
});

/** Renders straight at the cluster prompt (plan and LB answered with Enter). */
async function atCluster(data = fakeData()) {
  const app = renderWizard({ data, initial: { pks: { plan: 'rancher', lbSize: 'small' } } });
  await waitForText(app.frame, 'Which plan');
  await press(app, enter);
  await waitForText(app.frame, 'Load-balancer size for');
  await press(app, enter);
  await waitForText(app.frame, 'Ingress controller in front');
  await press(app, enter);
  await waitForText(app.frame, 'Cluster name');
  return app;
}

describe('cluster', () => {
  it('checks the name and the API hostname in place', async () => {
    const app = await atCluster();
    await press(app, '9lives', enter);
    await waitForText(app.frame, 'pks.cluster: "9lives" is not a PKS cluster name');
    await press(app, ...erase(6), 'rancher-ha');
    expect(app.frame()).not.toContain('is not a PKS cluster name');
    await enterThrough(app, 'API hostname');
    await press(app, 'api', enter);
    await waitForText(app.frame, 'pks.externalHostname: "api" is not a fully qualified name');
    await press(app, '.example.com', enter);
    await waitForText(app.frame, 'Rancher hostname:');
    expect(app.onDraft).toHaveBeenLastCalledWith(
      expect.objectContaining({
        pks: expect.objectContaining({
          cluster: 'rancher-ha',
          externalHostname: 'api.example.com',
        }),
      }),
    );
  });

  it('offers an existing cluster for reuse and takes its plan, hostname and profile', async () => {
    const data = fakeData({
      cluster: async (name) => (name === existingCluster.name ? existingCluster : undefined),
    });
    const app = await atCluster(data);
    await press(app, existingCluster.name, enter);
    const frame = await waitForText(app.frame, 'already exists');
    expect(frame).toContain('Reuse czpksrancher05? Y/n');
    await press(app, enter);
    await waitForText(app.frame, 'Rancher hostname:');
    expect(app.onDraft).toHaveBeenLastCalledWith({
      pks: {
        plan: 'rancher',
        lbSize: 'medium',
        cluster: 'czpksrancher05',
        externalHostname: 'czpksrancher05.sovsystems.com',
        networkProfile: 'lb-medium',
      },
      ingress: { controller: 'traefik' },
    });
  });

  it('asks for another name when reuse is declined', async () => {
    const data = fakeData({ cluster: async () => existingCluster });
    const app = await atCluster(data);
    await press(app, existingCluster.name, enter);
    await waitForText(app.frame, 'already exists');
    await press(app, 'n');
    await waitForText(
      app.frame,
      'a cluster named czpksrancher05 already exists; reuse it or choose another name',
    );
  });

  it('moves between fields with the arrows and goes back with Esc', async () => {
    const app = await atCluster();
    await press(app, down, 'api.example.com', up, 'abc');
    await waitForText(app.frame, '› Cluster name: abc');
    await press(app, escape);
    await waitForText(app.frame, 'Load-balancer size for');
  });
});

describe('Rancher hostname', () => {
  const start = { pks: { plan: 'rancher', cluster: 'c1', externalHostname: apiHost } };

  async function atHostname() {
    const app = renderWizard({ initial: start });
    for (const text of [
      'Which plan',
      'Load-balancer size for',
      'Ingress controller in front',
      '› Cluster name',
    ]) {
      await waitForText(app.frame, text);
      if (text !== '› Cluster name') await press(app, enter);
    }
    await enterThrough(app, 'API hostname');
    await press(app, enter);
    await waitForText(app.frame, 'Rancher hostname:');
    return app;
  }

  it('explains why it is not the API hostname, and refuses the same name', async () => {
    const app = await atHostname();
    await waitForText(app.frame, 'two separate addresses');
    await waitForText(app.frame, `The cluster’s API hostname is ${apiHost}`);
    await press(app, apiHost.toUpperCase(), enter);
    await waitForText(
      app.frame,
      'is the same as pks.externalHostname, but they are two separate names',
    );
  });

  it('refuses a bad hostname and an IP address', async () => {
    const app = await atHostname();
    await press(app, 'rancher', enter);
    await waitForText(app.frame, '"rancher" is not a fully qualified name');
    await press(app, ...erase(7), '10.1.1.1', enter);
    await waitForText(app.frame, 'is an IP address; Rancher needs a DNS name');
    await press(app, ...erase(8), rancherHost, enter);
    await waitForText(app.frame, 'Certificate (server first');
  });
});

describe('certificates', () => {
  let certs: CertFiles;
  beforeAll(async () => {
    certs = await writeCertFiles();
  });
  afterAll(() => certs.cleanup());

  async function atTls(tls: { cert?: string; key?: string; caCerts?: string } = {}) {
    const app = renderWizard({
      baseDir: certs.dir,
      initial: {
        pks: { plan: 'rancher', cluster: 'c1', externalHostname: apiHost },
        rancher: { hostname: rancherHost },
        tls,
      },
      startAt: 'review',
    });
    await waitForText(app.frame, 'Start the install');
    await editReviewLine(app, 'Certificate');
    await waitForText(app.frame, 'Certificate (server first');
    return app;
  }

  it('completes paths with Tab from the base folder', async () => {
    const app = await atTls();
    await press(app, 'ranc', tab);
    await waitForText(app.frame, 'rancher.crt  rancher.key');
    await press(app, 'c', tab);
    await waitForText(app.frame, 'Certificate (server first, then intermediates): rancher.crt');
    await press(app, enter);
    await waitForText(app.frame, '› Private key');
    await press(app, 'oth', tab);
    await waitForText(app.frame, 'no passphrase): other.key');
    await press(app, enter);
    await waitForText(app.frame, '› CA certificate');
    await press(app, 'cac', tab);
    await waitForText(app.frame, 'CA certificate (named cacerts.pem): cacerts.pem');
  });

  it('requires the CA file to be named cacerts.pem', async () => {
    const app = await atTls({ cert: 'rancher.crt', key: 'rancher.key', caCerts: 'ca.crt' });
    await enterThrough(app, 'Private key', 'CA certificate');
    await press(app, enter);
    await waitForText(app.frame, 'tls.caCerts: the CA file must be named cacerts.pem');
  });

  it('checks certificate and key together, showing message and remedy', async () => {
    const app = await atTls({ cert: 'rancher.crt', key: 'other.key', caCerts: 'cacerts.pem' });
    await enterThrough(app, 'Private key', 'CA certificate');
    await press(app, enter);
    const frame = await waitForText(app.frame, 'does not match');
    expect(frame).toMatch(/key/i);
    expect(frame).toMatch(/› Private key/); // the cursor goes to the file to fix
    await press(app, ...erase('other.key'.length), 'rancher.key');
    await enterThrough(app, 'CA certificate');
    await press(app, enter);
    await waitForText(app.frame, 'Start the install'); // back to the review once they pass
    expect(app.onDraft).toHaveBeenLastCalledWith(
      expect.objectContaining({
        tls: { cert: 'rancher.crt', key: 'rancher.key', caCerts: 'cacerts.pem' },
      }),
    );
  });

  it('refuses a certificate that does not cover the Rancher hostname', async () => {
    const other = await writeCertFiles('elsewhere.example.com');
    try {
      const app = await atTls({ cert: other.cert, key: other.key, caCerts: other.caCerts });
      await enterThrough(app, 'Private key', 'CA certificate');
      await press(app, enter);
      const frame = flat(await waitForText(app.frame, 'reissue the certificate'));
      expect(frame).toContain(
        `the certificate is for DNS:elsewhere.example.com, not ${rancherHost}`,
      );
      expect(frame).toContain(`with DNS:${rancherHost} in its Subject Alternative Names`);
    } finally {
      other.cleanup();
    }
  });
});

describe('Rancher options', () => {
  async function atOptions() {
    const app = renderWizard({
      initial: { pks: { plan: 'rancher' } },
      startAt: 'review',
    });
    await waitForText(app.frame, 'Start the install');
    await editReviewLine(app, 'Replicas');
    await waitForText(app.frame, 'Replicas (3 for HA');
    return app;
  }

  it('defaults replicas to 3 and checks what is typed', async () => {
    const app = await atOptions();
    await waitForText(app.frame, 'Replicas (3 for HA: one per worker): 3');
    await press(app, ...erase(1), 'x', enter);
    await waitForText(app.frame, 'rancher.replicas: must be a whole number such as 3, not "x"');
    await press(app, ...erase(1), '0', enter);
    await waitForText(app.frame, 'must be at least 1');
    await press(app, ...erase(1), '3');
    await enterThrough(app, 'Chart version');
    await press(app, '2.9 .1', enter);
    await waitForText(app.frame, 'rancher.chartVersion: must be a single chart version');
  });

  it('masks the bootstrap password and keeps it out of the draft', async () => {
    const app = await atOptions();
    await enterThrough(app, 'Chart version');
    await press(app, '2.9.3');
    await enterThrough(app, 'Bootstrap password');
    await press(app, 's3cret-pass');
    await waitForText(app.frame, '***********');
    expect(app.frame()).not.toContain('s3cret-pass');
    await press(app, enter);
    const frame = await waitForText(app.frame, 'Start the install');
    expect(frame).toMatch(/Bootstrap password\s+set \(hidden\)/);
    expect(frame).toMatch(/Chart version\s+2\.9\.3/);
    expect(JSON.stringify(app.onDraft.mock.calls)).not.toContain('s3cret');
    expect(app.onDraft).toHaveBeenLastCalledWith({
      pks: { plan: 'rancher' },
      rancher: { replicas: 3, chartVersion: '2.9.3' },
    });
  });
});
