import { render } from 'ink-testing-library';
import { resumeCommandLine } from '../../../source/invocation.js';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fail, type CheckResult } from '../../../source/checks/check.js';
import { preflightReport, type PreflightReport } from '../../../source/checks/preflight-report.js';
import type { runPreflight } from '../../../source/checks/preflight.js';
import { parseAnswers } from '../../../source/config/load-answers.js';
import { SessionStore } from '../../../source/session/session-store.js';
import { Pks } from '../../../source/systems/pks.js';
import { App, type AppStart } from '../../../source/ui/App.js';
import { DraftStore } from '../../../source/ui/wizard/draft-store.js';
import type { PartialAnswers } from '../../../source/config/partial-answers.js';
import { tempHome } from '../../session/temp-home.js';
import {
  apiHost,
  editReviewLine,
  enterThrough,
  flat,
  keys,
  press,
  rancherHost,
  send,
  waitForText,
  writeCertFiles,
  type CertFiles,
} from '../wizard/wizard-fixtures.js';

// The whole interactive app, as a terminal drives it: Ctrl-C arrives as the byte 0x03
// (raw mode), and the bootstrap password lives in memory across screens.
const ctrlC = '\u0003';

let certs: CertFiles;
let home: ReturnType<typeof tempHome>;
beforeAll(async () => {
  certs = await writeCertFiles();
});
afterAll(() => certs.cleanup());
afterEach(() => home.cleanup());

function answers(): PartialAnswers {
  return {
    pks: { plan: 'rancher', cluster: 'czpksrancher05', externalHostname: apiHost },
    rancher: { hostname: rancherHost },
    tls: { cert: certs.cert, key: certs.key, caCerts: certs.caCerts },
  };
}

interface Setup {
  preflight?: typeof runPreflight;
  /** Runs on the store before the app starts (to leave an unfinished session). */
  before?: (store: SessionStore) => void;
}

/** The app with a session store in a temp home, and no pks CLI (PATH leads nowhere). */
function renderApp(start: AppStart, { preflight, before }: Setup = {}) {
  home = tempHome();
  const env = { ...home.env, PATH: '/nonexistent' };
  const store = new SessionStore({ env });
  before?.(store);
  const onExit = vi.fn();
  const app = render(
    <App
      env={env}
      store={store}
      pks={new Pks({ binary: 'pks', env })}
      baseDir={certs.dir}
      start={start}
      openSession={() => {
        throw new Error('not in these tests');
      }}
      onExit={onExit}
      {...(preflight ? { preflight } : {})}
    />,
  );
  return { ...app, frame: () => app.lastFrame() ?? '', onExit, store, env };
}

describe('Ctrl-C quits before the install starts, with 130', () => {
  it('on the review: the answers are kept as the draft', async () => {
    const app = renderApp({ initial: answers(), startAt: 'review', offerResume: false });
    await waitForText(app.frame, 'Start the install');
    await editReviewLine(app, 'Rancher hostname');
    await waitForText(app.frame, '› Rancher hostname:');
    await press(app, '\u0015', 'rancher.example.com', keys.enter);
    await waitForText(app.frame, 'Start the install');
    await send(app, ctrlC);
    expect(app.onExit).toHaveBeenCalledWith(
      130,
      'Stopped. Nothing was changed. Your answers are kept for next time.',
    );
    expect(DraftStore.fromEnv(app.env).load()?.rancher?.hostname).toBe('rancher.example.com');
  });

  it('in a prompt, with a field focused', async () => {
    const app = renderApp({ initial: answers(), startAt: 'review', offerResume: false });
    await waitForText(app.frame, 'Start the install');
    await editReviewLine(app, 'Replicas');
    await waitForText(app.frame, '› Replicas');
    await send(app, ctrlC);
    expect(app.onExit).toHaveBeenCalledWith(130, expect.stringContaining('answers are kept'));
  });

  it('on the resume offer: the session stays, and the message says how to resume it', async () => {
    let id = '';
    const app = renderApp(
      { offerResume: true },
      {
        before: (store) => {
          id = store.create(parseAnswers(answers(), certs.dir, {})).id;
        },
      },
    );
    await waitForText(app.frame, 'Resume install of czpksrancher05');
    await send(app, ctrlC);
    expect(app.onExit).toHaveBeenCalledWith(
      130,
      // The command as this process was started (source/invocation.ts), whatever that is here.
      `Stopped. Nothing was changed. Resume when ready with:\n${resumeCommandLine({ id })}`,
    );
    expect(app.store.get(id)).toBeDefined();
  });

  it('offers no unfinished uninstall (that is `resume ID`), and names a migration as one', async () => {
    const app = renderApp(
      { offerResume: true },
      {
        before: (store) => {
          store.create(parseAnswers(answers(), certs.dir, {}), 'migrate-ingress');
          const other = { ...answers(), pks: { ...answers().pks, cluster: 'czpksrancher06' } };
          store.create(parseAnswers(other, certs.dir, {}), 'uninstall');
        },
      },
    );
    await waitForText(app.frame, 'Resume the ingress migration of czpksrancher05');
  });

  it('while the preflight runs', async () => {
    const never: typeof runPreflight = () => new Promise<PreflightReport>(() => {});
    const app = renderApp(
      { initial: answers(), startAt: 'review', offerResume: false },
      { preflight: never },
    );
    await waitForText(app.frame, 'Start the install');
    await send(app, 'p');
    await waitForText(app.frame, 'Checking everything that can be known');
    await send(app, ctrlC);
    expect(app.onExit).toHaveBeenCalledWith(130, expect.stringMatching(/^Stopped\. /));
  });
});

describe('the bootstrap password (memory only)', () => {
  it('is still set after p (preflight) then Esc on the review', async () => {
    const blocked: typeof runPreflight = async () =>
      preflightReport([fail('pks.login', 'not logged in', 'run pks login') as CheckResult]);
    const app = renderApp(
      { initial: answers(), startAt: 'review', offerResume: false },
      { preflight: blocked },
    );
    await waitForText(app.frame, 'Start the install');
    await editReviewLine(app, 'Bootstrap password');
    await enterThrough(app, 'Chart version', 'Bootstrap password');
    await press(app, 'Sup3r-secret!', keys.enter);
    expect(flat(await waitForText(app.frame, 'Start the install'))).toContain(
      'Bootstrap password set (hidden)',
    );

    await send(app, 'p');
    await waitForText(app.frame, 'preflight: 0 pass, 0 warn, 1 fail');
    await press(app, keys.escape);
    expect(flat(await waitForText(app.frame, 'Start the install'))).toContain(
      'Bootstrap password set (hidden)',
    );
    expect(JSON.stringify(DraftStore.fromEnv(app.env).load() ?? {})).not.toContain('Sup3r');
  });
});
