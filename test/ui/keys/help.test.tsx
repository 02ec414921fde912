import { render } from 'ink-testing-library';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { HelpHost } from '../../../source/ui/keys/HelpHost.js';
import { Wizard } from '../../../source/ui/wizard/Wizard.js';
import { SummaryScreen } from '../../../source/ui/summary/SummaryScreen.js';
import { summaryModel } from '../../../source/engine/summary.js';
import { parseAnswers } from '../../../source/config/load-answers.js';
import { fakeData, flat, keys, press, send, waitForText } from '../wizard/wizard-fixtures.js';

const f1 = '\u001BOP';

/** The wizard inside a help host, as the app renders it. */
function renderWizard(initial = {}) {
  const onCancel = vi.fn();
  const app = render(
    <HelpHost>
      <Wizard
        data={fakeData()}
        baseDir={process.cwd()}
        env={{}}
        initial={initial}
        onConfirm={() => {}}
        onCancel={onCancel}
      />
    </HelpHost>,
  );
  return { ...app, frame: () => stripVTControlCharacters(app.lastFrame() ?? ''), onCancel };
}

/** The hint line: the frame's last non-empty line. */
const hintLine = (frame: string) => frame.trimEnd().split('\n').at(-1)!;
const focusedPlan = (frame: string) => /^› (\S+)/m.exec(frame)?.[1];

describe('? shows the keys of the screen on show', () => {
  it('on a list: every key of the hint line and the ones it has no room for; the list beneath takes none', async () => {
    const app = renderWizard();
    await waitForText(app.frame, 'Which plan');
    const hints = hintLine(app.frame());
    expect(hints).toBe(
      '↑↓ move · Enter choose · Esc quit (answers are kept) · Ctrl-C quit · ? help',
    );
    const before = focusedPlan(app.frame());

    await press(app, '?');
    const help = app.frame();
    expect(help).toContain('Keys on this screen');
    expect(help).not.toContain('Which plan'); // the screen is hidden, not gone
    // Help and hints never disagree: every hint is in the help, with what it does.
    for (const hint of hints.split(' · ').filter((h) => h !== '? help')) {
      const [key, ...does] = hint.split(' ');
      expect(flat(help)).toMatch(new RegExp(`${escape(key!)}\\s+${escape(does.join(' '))}`));
    }
    expect(help).toMatch(/PgUp\/PgDn\s+a page up, down/);
    expect(help).toContain('? or Esc closes this help');

    // Keys go to the help while it shows: ↓ and Enter do nothing to the list.
    await send(app, keys.down, keys.down, keys.enter);
    expect(app.frame()).toContain('Keys on this screen');
    // Esc closes the help, and only the help: the wizard does not quit.
    await press(app, keys.escape);
    expect(app.frame()).toContain('Which plan');
    expect(app.frame()).not.toContain('Keys on this screen');
    expect(app.onCancel).not.toHaveBeenCalled();
    expect(focusedPlan(app.frame())).toBe(before);
    // ? opens and ? closes.
    await press(app, '?');
    expect(app.frame()).toContain('Keys on this screen');
    await press(app, '?');
    expect(app.frame()).toContain('Which plan');
    app.unmount();
  });

  it('in a text field ? is typed; F1 opens the help, with the line-editing keys', async () => {
    const app = renderWizard({ pks: { plan: 'rancher' } });
    await waitForText(app.frame, 'Which plan');
    await press(app, keys.enter); // plan
    await waitForText(app.frame, 'Load-balancer size');
    await press(app, keys.enter);
    await waitForText(app.frame, 'Ingress controller');
    await press(app, keys.enter);
    await waitForText(app.frame, '› Cluster name');
    expect(hintLine(app.frame())).toBe('↑↓ field · Enter next · Esc back · Ctrl-C quit · F1 help');
    await press(app, 'a?b');
    // Values line up in a column of their own (label-layout.ts).
    expect(app.frame()).toMatch(/› Cluster name: +a\?b/);
    await press(app, f1);
    const help = app.frame();
    expect(help).toMatch(/Ctrl-U\/Ctrl-K\s+delete to the start, to the end/);
    expect(help).toMatch(/Esc\s+back/);
    expect(help).toContain('F1 or Esc closes this help');
    await press(app, f1);
    // What was typed is still there.
    // Values line up in a column of their own (label-layout.ts).
    expect(app.frame()).toMatch(/› Cluster name: +a\?b/);
    app.unmount();
  });
});

describe('the summary', () => {
  const config = parseAnswers(
    {
      pks: { plan: 'rancher', cluster: 'c1', externalHostname: 'c1.example.com' },
      rancher: { hostname: 'rancher.example.com' },
      tls: { cert: 'a.cer', key: 'a.key', caCerts: 'cacerts.pem' },
    },
    '/srv',
    {},
  );
  const model = summaryModel(config, {}, '/tmp/s.transcript.log');

  it('exits on any key but ?, which shows its keys', async () => {
    const onExit = vi.fn();
    const app = render(
      <HelpHost>
        <SummaryScreen model={model} onExit={onExit} />
      </HelpHost>,
    );
    const frame = () => stripVTControlCharacters(app.lastFrame() ?? '');
    expect(flat(frame())).toContain('any key exit · ? help');
    await press(app, '?');
    expect(frame()).toMatch(/any key\s+exit/);
    expect(onExit).not.toHaveBeenCalled();
    await press(app, '?');
    await send(app, 'q');
    expect(onExit).toHaveBeenCalledOnce();
    app.unmount();
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
