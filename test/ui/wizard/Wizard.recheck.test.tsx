import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PartialAnswers } from '../../../source/config/partial-answers.js';
import { renderWizard } from './render-wizard.js';
import {
  apiHost,
  editReviewLine,
  erase,
  fakeData,
  fakeRecheck,
  flat,
  focusedReviewLine,
  reviewLabels,
  keys,
  press,
  rancherHost,
  send,
  waitForText,
  writeCertFiles,
  type CertFiles,
} from './wizard-fixtures.js';

const { enter } = keys;

let certs: CertFiles;
beforeAll(async () => {
  certs = await writeCertFiles();
});
afterAll(() => certs.cleanup());

function answers(rancher: PartialAnswers['rancher'] = {}): PartialAnswers {
  return {
    pks: {
      plan: 'rancher',
      cluster: 'czpksrancher05',
      externalHostname: apiHost,
      lbSize: 'medium',
    },
    rancher: { hostname: rancherHost, ...rancher },
    tls: { cert: 'rancher.crt', key: 'rancher.key', caCerts: 'cacerts.pem' },
  };
}

function review(initial: PartialAnswers, data = fakeData()) {
  return renderWizard({ initial, startAt: 'review', baseDir: certs.dir, data });
}

/** To the Start line (one burst down, unless the cursor is there) and Enter (which may only call back). */
async function pressStart(app: ReturnType<typeof review>) {
  if (focusedReviewLine(app.frame()) < reviewLabels.length) await press(app, keys.down.repeat(15));
  await send(app, enter);
}

describe('the review re-checks what an edit may have broken', () => {
  it('a new Rancher hostname the certificate does not cover: ✗ on the hostname, Start refused', async () => {
    const app = review(answers());
    await waitForText(app.frame, 'Start the install');
    await editReviewLine(app, 'Rancher hostname');
    await waitForText(app.frame, 'Rancher hostname:');
    await press(app, ...erase(rancherHost.length), 'other.sovsystems.com', enter);
    const frame = flat(await waitForText(app.frame, 'DNS:other.sovsystems.com'));
    expect(frame).toContain('✗ Rancher hostname other.sovsystems.com');
    expect(frame).toMatch(
      /✗ the certificate .* does not cover other\.sovsystems\.com|✗ the certificate/,
    );
    expect(frame).toContain('→ reissue the certificate with DNS:other.sovsystems.com');
    await pressStart(app);
    const refused = flat(await waitForText(app.frame, 'Start refused'));
    expect(refused).toContain('Start refused: 1 problem to fix first (marked ✗): Rancher hostname');
    expect(app.onConfirm).not.toHaveBeenCalled();
  });

  it('more replicas than the plan has workers: ! with the remedy; Start needs an explicit y', async () => {
    const app = review(answers({ replicas: 4 }));
    const frame = flat(await waitForText(app.frame, '! Replicas'));
    expect(frame).toContain('! 4 replicas on 3 workers');
    expect(frame).toContain('→ set rancher.replicas to 3 or fewer');
    await pressStart(app);
    await waitForText(app.frame, 'y start anyway');
    await press(app, 'n'); // anything but y goes back
    expect(app.frame()).not.toContain('y start anyway');
    expect(app.onConfirm).not.toHaveBeenCalled();
    // Esc on the prompt goes back to the review: it does not also leave the wizard.
    await press(app, enter);
    await waitForText(app.frame, 'y start anyway');
    await press(app, keys.escape);
    expect(app.frame()).not.toContain('y start anyway');
    expect(app.frame()).toContain('Start the install');
    expect(app.onCancel).not.toHaveBeenCalled();
    await press(app, enter);
    await waitForText(app.frame, 'y start anyway');
    await send(app, 'y');
    expect(app.onConfirm).toHaveBeenCalledWith(
      expect.objectContaining({ rancher: expect.objectContaining({ replicas: 4 }) }),
      undefined,
      ['rancher.replicas'],
    );
  });

  it('a pinned chart version the repository does not have: ✗ on Chart version', async () => {
    const app = review(answers({ chartVersion: '9.9.9' }));
    const frame = flat(await waitForText(app.frame, 'has no rancher chart'));
    expect(frame).toContain('✗ Chart version 9.9.9');
    expect(frame).toContain('→ set rancher.chartVersion to a version');
    await pressStart(app);
    await waitForText(app.frame, 'Start refused: 1 problem to fix first (marked ✗): Chart version');
    expect(app.onConfirm).not.toHaveBeenCalled();
  });

  it("a pinned chart that exists but does not fit the cluster's Kubernetes version, when known", async () => {
    const data = fakeData({ recheck: fakeRecheck({ kubeVersion: async () => 'v1.31.4' }) });
    const app = review(answers({ chartVersion: '2.8.13' }), data);
    const frame = flat(await waitForText(app.frame, 'does not install on Kubernetes v1.31.4'));
    expect(frame).toContain('✗ Chart version 2.8.13');
    // The same pin, on a cluster it fits: nothing to say.
    const fits = review(answers({ chartVersion: '2.12.5' }), data);
    await waitForText(fits.frame, 'Start the install');
    await waitForText(fits.frame, '› Start the install'); // no problem: the cursor starts on Start
    expect(fits.frame()).not.toContain('✗');
  });

  it('fixing the line clears its mark, and Start goes on', async () => {
    const app = review(answers({ chartVersion: '9.9.9' }));
    await waitForText(app.frame, 'has no rancher chart');
    await editReviewLine(app, 'Chart version');
    await waitForText(app.frame, '› Replicas (3 for HA');
    await press(app, enter);
    await waitForText(app.frame, '› Chart version');
    await press(app, ...erase(5), '2.12.5', enter);
    await waitForText(app.frame, '› Bootstrap password');
    await press(app, enter); // no password
    await waitForText(app.frame, 'Start the install');
    expect(app.frame()).not.toContain('has no rancher chart');
    await pressStart(app);
    expect(app.onConfirm).toHaveBeenCalledWith(
      expect.objectContaining({ rancher: expect.objectContaining({ chartVersion: '2.12.5' }) }),
      undefined,
    );
  });
});

describe('an answers file with errors opens on the review', () => {
  const fileProblems = [
    'rancher.replicas: must be a number, not "three"; correct its value',
    'pks.lbSize: must be small, medium or large, not "huge"; correct its value',
    'rancher.hostnmae: unknown key; did you mean hostname?',
  ];

  it('marks every problem: on its line, or (left out here) as a warning below', async () => {
    const initial = answers();
    delete initial.rancher!.hostname;
    const app = renderWizard({
      initial,
      startAt: 'review',
      baseDir: certs.dir,
      fileProblems,
    });
    const frame = flat(await waitForText(app.frame, 'Start the install'));
    expect(frame).toContain('The answers file has problems');
    expect(frame).toContain('✗ Replicas 3 ✗ rancher.replicas: must be a number, not "three"');
    expect(frame).toContain('✗ Load balancer');
    expect(frame).toContain('pks.lbSize: must be small, medium or large, not "huge"');
    expect(frame).toContain('✗ Rancher hostname (not answered) ✗ rancher.hostname: is missing');
    expect(frame).toContain('! rancher.hostnmae: unknown key; did you mean hostname?');
    await pressStart(app);
    const refused = flat(await waitForText(app.frame, 'Start refused'));
    expect(refused).toContain('3 problems to fix first (marked ✗):');
    for (const label of ['Load balancer', 'Rancher hostname', 'Replicas'])
      expect(refused).toMatch(new RegExp(`marked ✗\\):[^.]*${label}`));
  });

  it("a file's problem goes once its line is answered again", async () => {
    const app = renderWizard({
      initial: answers(),
      startAt: 'review',
      baseDir: certs.dir,
      fileProblems: [fileProblems[0]!],
    });
    await waitForText(app.frame, 'must be a number, not "three"');
    await editReviewLine(app, 'Replicas');
    await waitForText(app.frame, '› Replicas (3 for HA');
    await press(app, enter); // 3, the default, confirmed
    await waitForText(app.frame, '› Chart version');
    await press(app, enter);
    await waitForText(app.frame, '› Bootstrap password');
    await press(app, enter);
    await waitForText(app.frame, 'Start the install');
    expect(app.frame()).not.toContain('"three"');
    await pressStart(app);
    expect(app.onConfirm).toHaveBeenCalled();
  });
});
