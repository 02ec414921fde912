import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAnswers } from '../../../source/config/load-answers.js';
import { demoAnswers, demoHostname } from '../../../source/demo/demo-lab.js';
import { DraftStore } from '../../../source/ui/wizard/draft-store.js';
import type { PartialAnswers } from '../../../source/config/partial-answers.js';
import { tempHome } from '../../session/temp-home.js';
import { renderWizard } from './render-wizard.js';
import {
  apiHost,
  editReviewLine,
  enterThrough,
  erase,
  flat,
  keys,
  press,
  rancherHost,
  send,
  waitForText,
  writeCertFiles,
  type CertFiles,
} from './wizard-fixtures.js';

const { enter, escape } = keys;

let certs: CertFiles;
beforeAll(async () => {
  certs = await writeCertFiles();
});
afterAll(() => certs.cleanup());

function fileAnswers(): PartialAnswers {
  return {
    pks: {
      plan: 'rancher',
      cluster: 'czpksrancher05',
      externalHostname: apiHost,
      lbSize: 'medium',
    },
    rancher: { hostname: rancherHost },
    tls: { cert: 'rancher.crt', key: 'rancher.key', caCerts: 'cacerts.pem' },
  };
}

describe('review', () => {
  it('opens on the review with answers from a file, every answer shown', async () => {
    const app = renderWizard({ initial: fileAnswers(), startAt: 'review', baseDir: certs.dir });
    const frame = flat(await waitForText(app.frame, 'Start the install'));
    for (const text of [
      'PKS plan rancher',
      'Load balancer medium, network profile lb-medium',
      'Cluster czpksrancher05',
      `API hostname ${apiHost}`,
      `Rancher hostname ${rancherHost}`,
      'Certificate rancher.crt',
      'CA file cacerts.pem',
      'Replicas 3',
      'Chart version newest that fits',
      'p preflight',
    ]) {
      expect(frame).toContain(text);
    }
    expect(frame).toContain('› Start the install');
  });

  it('starts the install with the parsed config, paths resolved', async () => {
    const app = renderWizard({ initial: fileAnswers(), startAt: 'review', baseDir: certs.dir });
    await waitForText(app.frame, 'Start the install');
    await send(app, enter);
    expect(app.onConfirm).toHaveBeenCalledWith(
      parseAnswers(fileAnswers(), certs.dir, {}),
      undefined,
    );
  });

  it('runs the preflight on p, and hides the key without onPreflight', async () => {
    const app = renderWizard({ initial: fileAnswers(), startAt: 'review', baseDir: certs.dir });
    await waitForText(app.frame, 'Start the install');
    await send(app, 'p');
    expect(app.onPreflight).toHaveBeenCalledWith(
      parseAnswers(fileAnswers(), certs.dir, {}),
      undefined, // no bootstrap password typed
    );
    const without = renderWizard({
      initial: fileAnswers(),
      startAt: 'review',
      baseDir: certs.dir,
      onPreflight: undefined,
    });
    expect(flat(await waitForText(without.frame, 'Start the install'))).not.toContain('preflight');
  });

  it('marks problems under their line and refuses to start until they are fixed', async () => {
    const answers = fileAnswers();
    const app = renderWizard({
      initial: {
        ...answers,
        rancher: { hostname: apiHost },
        tls: { ...answers.tls, caCerts: 'ca.crt' },
      },
      startAt: 'review',
      baseDir: certs.dir,
    });
    const frame = flat(await waitForText(app.frame, 'Start the install'));
    expect(frame).toContain('✗ Rancher hostname');
    expect(frame).toContain(
      'rancher.hostname: "czpksrancher05.sovsystems.com" is the same as pks.externalHostname',
    );
    expect(frame).toContain('tls.caCerts: the CA file must be named cacerts.pem');
    await editReviewLine(app, 'Bootstrap password'); // any line, then down to the install
    await waitForText(app.frame, 'Replicas (3 for HA');
    await press(app, escape);
    await waitForText(app.frame, 'Start the install');
    await press(app, keys.down.repeat(15), enter); // one burst down to the install line
    await waitForText(app.frame, '2 problems to fix first');
    expect(app.onConfirm).not.toHaveBeenCalled();
  });

  it('edits one answer: Enter jumps to its prompt, then back to the review', async () => {
    const app = renderWizard({ initial: fileAnswers(), startAt: 'review', baseDir: certs.dir });
    await waitForText(app.frame, 'Start the install');
    await editReviewLine(app, 'Rancher hostname');
    expect(flat(await waitForText(app.frame, 'Rancher hostname:'))).toContain(
      '(editing; Esc returns to the review)',
    );
    await press(app, ...erase(rancherHost.length), 'other.sovsystems.com', enter);
    const frame = flat(await waitForText(app.frame, 'Start the install'));
    // The review keeps its place; the re-check may already have marked the new name (the
    // certificate is not for it).
    expect(frame).toMatch(/› (✗ )?Rancher hostname +other\.sovsystems\.com/);
    expect(app.onDraft).toHaveBeenLastCalledWith(
      expect.objectContaining({ rancher: { hostname: 'other.sovsystems.com' } }),
    );
  });

  it('Esc on the review leaves the wizard', async () => {
    const app = renderWizard({ initial: fileAnswers(), startAt: 'review', baseDir: certs.dir });
    await waitForText(app.frame, 'Start the install');
    await send(app, escape);
    expect(app.onCancel).toHaveBeenCalled();
  });
});

describe('demo answers', () => {
  it('pre-fill every prompt, and Enter accepts each one through to the install', async () => {
    const demoCerts = await writeCertFiles(demoHostname);
    try {
      const { cert, key, caCerts } = demoCerts;
      const initial = demoAnswers({ cert, key, caCerts }, '127.0.0.1:5353') as PartialAnswers;
      const app = renderWizard({ initial, baseDir: demoCerts.dir });
      const screens = [
        'Which plan',
        'Load-balancer size for',
        'Ingress controller in front',
        '› Cluster name',
        '› API hostname (pks',
        '› Rancher hostname:',
        '› Certificate (server first',
        '› Private key (PEM',
        '› CA certificate (named',
        '› Replicas (3 for HA',
        '› Chart version',
        '› Bootstrap password',
        'Start the install',
      ];
      for (const text of screens.slice(0, -1)) {
        await waitForText(app.frame, text);
        await press(app, enter);
      }
      await waitForText(app.frame, 'Start the install');
      await send(app, enter);
      expect(app.onConfirm).toHaveBeenCalledTimes(1);
      const expected = parseAnswers(initial, demoCerts.dir, {});
      expect(app.onConfirm).toHaveBeenCalledWith(
        { ...expected, rancher: { ...expected.rancher, chartVersion: '' } },
        undefined,
      );
    } finally {
      demoCerts.cleanup();
    }
  });
});

describe('the bootstrap password across a preflight', () => {
  it('p hands it to the preflight; the review reopened with it shows it set', async () => {
    const app = renderWizard({ initial: fileAnswers(), startAt: 'review', baseDir: certs.dir });
    await waitForText(app.frame, 'Start the install');
    await editReviewLine(app, 'Bootstrap password');
    await enterThrough(app, 'Chart version', 'Bootstrap password');
    await press(app, 'Sup3r-secret!', enter);
    await waitForText(app.frame, 'Start the install');
    await send(app, 'p');
    expect(app.onPreflight).toHaveBeenCalledWith(expect.anything(), 'Sup3r-secret!');

    // Esc on the preflight screen opens the review again, in a new wizard.
    const back = renderWizard({
      initial: fileAnswers(),
      startAt: 'review',
      baseDir: certs.dir,
      password: 'Sup3r-secret!',
    });
    expect(flat(await waitForText(back.frame, 'Start the install'))).toContain(
      'Bootstrap password set (hidden)',
    );
    await send(back, keys.down.repeat(15));
    await send(back, enter);
    expect(back.onConfirm).toHaveBeenCalledWith(expect.anything(), 'Sup3r-secret!');
  });
});

describe('draft', () => {
  it('is saved as answers are given, without the bootstrap password, and resumes', async () => {
    const home = tempHome();
    try {
      const store = DraftStore.fromEnv(home.env);
      const app = renderWizard({
        initial: fileAnswers(),
        startAt: 'review',
        baseDir: certs.dir,
        onDraft: (answers) => store.save(answers),
      });
      await waitForText(app.frame, 'Start the install');
      await editReviewLine(app, 'Bootstrap password');
      await waitForText(app.frame, 'Replicas (3 for HA');
      await press(app, ...erase(1), '5');
      await enterThrough(app, 'Chart version', 'Bootstrap password');
      await press(app, 'Sup3r-secret!', enter);
      const frame = flat(await waitForText(app.frame, 'Start the install'));
      expect(frame).toContain('Bootstrap password set (hidden)');

      const saved = readFileSync(store.file, 'utf8');
      expect(saved).not.toContain('Sup3r-secret!');
      expect(saved).not.toMatch(/password/i);
      expect(store.load()).toEqual({
        ...fileAnswers(),
        rancher: { hostname: rancherHost, replicas: 5, chartVersion: '' },
      });

      // 5 replicas on the plan's 3 workers: the review's re-check warns; Start asks first.
      await waitForText(app.frame, '! Replicas');
      await press(app, keys.down.repeat(15));
      await press(app, enter);
      await waitForText(app.frame, 'y start anyway');
      await send(app, 'y');
      expect(app.onConfirm).toHaveBeenCalledWith(
        expect.objectContaining({ rancher: expect.objectContaining({ replicas: 5 }) }),
        'Sup3r-secret!',
        ['rancher.replicas'],
      );

      // Next time the wizard starts from the draft.
      const again = renderWizard({ initial: store.load(), baseDir: certs.dir });
      await waitForText(again.frame, 'Which plan');
      expect(again.frame()).toContain('› rancher');
    } finally {
      home.cleanup();
    }
  });
});
