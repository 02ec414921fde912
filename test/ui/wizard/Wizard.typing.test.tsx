import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderWizard } from './render-wizard.js';
import {
  apiHost,
  editReviewLine,
  erase,
  focusedReviewLine,
  keys,
  press,
  rancherHost,
  reviewLabels,
  waitForText,
  writeCertFiles,
  type CertFiles,
} from './wizard-fixtures.js';

// Keys as they arrive from a real terminal: several in one chunk (a held key over SSH, fast
// typing), pastes (bracketed or not), and the readline keys. Each chunk is one stdin write.
const { enter, up, down, tab } = keys;

let certs: CertFiles;
beforeAll(async () => {
  certs = await writeCertFiles();
});
afterAll(() => certs.cleanup());

const answers = {
  pks: { plan: 'rancher', cluster: 'c1', externalHostname: apiHost },
  rancher: { hostname: rancherHost },
};

/** The wizard on the review, then the certificate prompt opened from it (fields empty). */
async function atTls() {
  const app = renderWizard({ baseDir: certs.dir, initial: answers, startAt: 'review' });
  await waitForText(app.frame, 'Start the install');
  await editReviewLine(app, 'Certificate');
  await waitForText(app.frame, '› Certificate (server first');
  return app;
}

/** After the three files passed their check, the wizard is back on the review. */
async function expectTlsSaved(app: Awaited<ReturnType<typeof atTls>>, tls: object) {
  await waitForText(app.frame, 'Start the install');
  expect(app.onDraft).toHaveBeenLastCalledWith(expect.objectContaining({ tls }));
}

describe('several keys in one chunk', () => {
  it('a burst of Backspaces deletes that many characters; the path typed next is found', async () => {
    const app = await atTls();
    await press(app, 'oops', erase(4), certs.cert, enter);
    await waitForText(app.frame, '› Private key');
    await press(app, certs.key, enter);
    await waitForText(app.frame, '› CA certificate');
    await press(app, certs.caCerts, enter);
    await expectTlsSaved(app, { cert: certs.cert, key: certs.key, caCerts: certs.caCerts });
  });

  it('Tab completes what is left after a burst of Backspaces', async () => {
    const app = await atTls();
    await press(app, 'rancher.crXYZ', erase(3), tab);
    await waitForText(app.frame, 'intermediates): rancher.crt');
  });

  it('text and Enter in one chunk (a pasted line, fast typing) submit all of the text', async () => {
    const app = await atTls();
    await press(app, `${certs.cert}\r${certs.key}\r${certs.caCerts}\r`);
    await expectTlsSaved(app, { cert: certs.cert, key: certs.key, caCerts: certs.caCerts });
  });

  it('Enter Enter Enter in one chunk walks three fields, each Enter on the screen the last left', async () => {
    const app = renderWizard({ baseDir: certs.dir, initial: answers, startAt: 'review' });
    await waitForText(app.frame, 'Start the install');
    await editReviewLine(app, 'Replicas');
    await waitForText(app.frame, '› Replicas (3 for HA');
    await press(app, '5' + '\x1b[D' + '\x7f' + enter + enter + 'Pw' + enter);
    const frame = await waitForText(app.frame, 'Start the install');
    expect(frame).toMatch(/Replicas\s+5\n/);
    expect(frame).toMatch(/Bootstrap password\s+set \(hidden\)/);
  });

  it('three ↑ in one chunk move three rows; two ↓ move two', async () => {
    const app = renderWizard({ baseDir: certs.dir, initial: answers, startAt: 'review' });
    await waitForText(app.frame, '› Start the install');
    await press(app, up.repeat(3));
    expect(focusedReviewLine(app.frame())).toBe(reviewLabels.indexOf('Replicas'));
    await press(app, down.repeat(2));
    expect(focusedReviewLine(app.frame())).toBe(reviewLabels.indexOf('Bootstrap password'));

    const plans = renderWizard();
    await waitForText(plans.frame, '› rancher');
    await press(plans, down + down);
    await waitForText(plans.frame, '› locked');
  });
});

describe('pastes', () => {
  it('a bracketed paste of a 2 KB path lands exactly', async () => {
    let dir = certs.dir;
    while (dir.length < 2048) dir = join(dir, 'd'.repeat(200));
    mkdirSync(dir, { recursive: true });
    const longCert = join(dir, 'rancher.crt');
    copyFileSync(certs.cert, longCert);
    expect(longCert.length).toBeGreaterThan(2048);

    const app = await atTls();
    await press(app, `\x1b[200~${longCert}\x1b[201~`, enter);
    await waitForText(app.frame, '› Private key');
    await press(app, `\x1b[200~${certs.key}\x1b[201~`, enter, certs.caCerts, enter);
    await expectTlsSaved(app, { cert: longCert, key: certs.key, caCerts: certs.caCerts });
  });

  it('a paste never presses keys: a pasted newline does not submit', async () => {
    const app = await atTls();
    await press(app, `\x1b[200~${certs.cert}\n\x1b[201~`);
    expect(app.frame()).toContain('› Certificate (server first');
    await press(app, enter);
    await waitForText(app.frame, '› Private key');
  });
});

describe('readline keys', () => {
  it('Ctrl-U/A/E/W/K, Alt-B/F, Alt-Backspace, Ctrl-←/→ edit and never type letters', async () => {
    const app = renderWizard({ baseDir: certs.dir, initial: answers, startAt: 'review' });
    await waitForText(app.frame, 'Start the install');
    await editReviewLine(app, 'Rancher hostname'); // the field holds rancher.sovsystems.com
    await waitForText(app.frame, '› Rancher hostname:');
    await press(
      app,
      '\x15', // Ctrl-U: kill to the start of the line → ''
      'example.com',
      '\x01', // Ctrl-A: to the start
      'rancher.', // → rancher.example.com
      '\x05', // Ctrl-E: to the end
      '.junk',
      '\x1b\x7f', // Alt-Backspace: kill the word "junk"
      '\x7f', // → rancher.example.com
      ' zzz',
      '\x17', // Ctrl-W: kill back to the space
      '\x7f', // → rancher.example.com
      '\x1bb', // Alt-B: before "com"
      '\x1b[1;5D', // Ctrl-←: before "example"
      '\x0b', // Ctrl-K: kill to the end → rancher.
      'lab.test',
      '\x1b[H', // Home
      '\x1bf', // Alt-F: after "rancher"
      '2', // → rancher2.lab.test
      '\x1b[1;5C', // Ctrl-→: after "lab"
      '-a', // → rancher2.lab-a.test
      '\x1b[F', // End
      enter,
    );
    await waitForText(app.frame, '› Rancher hostname rancher2.lab-a.test');
    expect(app.onDraft).toHaveBeenLastCalledWith(
      expect.objectContaining({ rancher: { hostname: 'rancher2.lab-a.test' } }),
    );
  });
});
