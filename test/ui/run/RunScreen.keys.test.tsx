import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RunScreen, type RunScreenProps } from '../../../source/ui/run/RunScreen.js';
import { runReducer, type RunState } from '../../../source/ui/run/run-state.js';
import { flat, keys, press, send } from '../wizard/wizard-fixtures.js';
import { renderSizedApp, type SizedApp } from './render-sized.js';
import { fold, stageStarted, started, stepStarted } from './run-fixtures.js';
import { busySnapshot, ingressWaitingForDns, rancherFailed } from './screen-fixtures.js';

const pageUp = '\u001B[5~';
const end = '\u001B[F';
const local = (hours: number, minutes: number, seconds = 0) =>
  new Date(2026, 10, 28, hours, minutes, seconds).getTime();

/** Waiting for the DNS record, at 13:34 (local), giving up at 14:32. */
function waitingForDns(): RunState {
  let state = runReducer(ingressWaitingForDns(), {
    type: 'event',
    at: local(13, 33, 50),
    event: {
      type: 'wait-started',
      step: 'ingress.dns',
      what: 'DNS to answer rancher.example.com → 10.40.14.5',
      deadline: local(14, 32),
    },
  });
  state = runReducer(state, {
    type: 'event',
    at: local(13, 33, 57),
    event: { type: 'wait-checked', step: 'ingress.dns', early: false },
  });
  return runReducer(state, { type: 'tick', now: local(13, 34) });
}

let dir: string;
let transcriptPath: string;
let app: SizedApp | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rpt-runkeys-'));
  transcriptPath = join(dir, 's-123.transcript.log');
});
afterEach(() => {
  app?.unmount();
  app = undefined;
  rmSync(dir, { recursive: true, force: true });
});

function show(state: RunState, props: Partial<RunScreenProps> = {}, columns = 80, rows = 24) {
  const callbacks = { onRetry: vi.fn(), onQuit: vi.fn(), onCheckNow: vi.fn() };
  app = renderSizedApp(
    <RunScreen
      state={state}
      columns={columns}
      rows={rows}
      transcriptPath={transcriptPath}
      {...callbacks}
      {...props}
    />,
    columns,
    rows,
  );
  const a = app;
  const frame = () => stripVTControlCharacters(a.lastFrame());
  return { ...a, frame, ...callbacks };
}

/** The live area: from the header down (debug frames repeat the finished stages above it). */
function liveArea(frame: string): string[] {
  const lines = frame.replace(/\n$/, '').split('\n');
  return lines.slice(lines.findIndex((l) => l.startsWith('Rancher HA on Enterprise PKS')));
}

function transcriptLines(count: number, from = 0): string {
  return Array.from(
    { length: count },
    (_, i) =>
      `2026-11-28T09:12:${String((from + i) % 60).padStart(2, '0')}.000Z # line ${from + i}\n`,
  ).join('');
}

const until = async (done: () => boolean, what: string, frame: () => string) => {
  const deadline = Date.now() + 3000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`${what}; frame:\n${frame()}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('the run screen says where it is and until when it waits', () => {
  it('stage 3/4, the deadline of the wait, when it last looked, and the keys', () => {
    const screen = show(waitingForDns());
    const live = liveArea(screen.frame());
    expect(live.join('\n')).toMatch(/Ingress {2}\d+\S* · stage 3\/4/);
    expect(live).toContainEqual(
      expect.stringMatching(/^◷ gives up at 14:32 \(in 58m\) · checked 3s ago · waiting for DNS/),
    );
    expect(live.at(-1)).toBe('c check now · l log · p pods · Ctrl-C stop · ? help');
    expect(live.length).toBeLessThan(24);
  });

  it('c asks the waiting step to check now; the line says so until it has', async () => {
    const state = waitingForDns();
    const screen = show(state);
    await send(screen, 'c');
    expect(screen.onCheckNow).toHaveBeenCalledOnce();
    const asked = runReducer(state, { type: 'check-now', at: local(13, 34, 1) });
    expect(show(asked).frame()).toContain('· checking now… ·');
    const checked = runReducer(asked, {
      type: 'event',
      at: local(13, 34, 2),
      event: { type: 'wait-checked', step: 'ingress.dns', early: true },
    });
    expect(show(checked).frame()).toContain('· checked 0s ago ·');
  });

  it('c does nothing when nothing waits, nor while the PKS password is asked', async () => {
    const idle = show(ingressWaitingForDns());
    expect(idle.frame()).not.toContain('c check now');
    await send(idle, 'c');
    expect(idle.onCheckNow).not.toHaveBeenCalled();
    idle.unmount();
    const asking = show(waitingForDns(), { keysActive: false });
    await send(asking, 'c', 'l', '?');
    expect(asking.onCheckNow).not.toHaveBeenCalled();
    expect(asking.frame()).not.toContain('Transcript');
    expect(asking.frame()).not.toContain('Keys on this screen');
  });
});

describe('? on the run screen', () => {
  it('lists the keys of the run as they are now, and the screen beneath takes none', async () => {
    const screen = show(waitingForDns());
    await press(screen, '?');
    const help = flat(screen.frame());
    expect(help).toMatch(/c\s+check now/);
    expect(help).toMatch(/l\s+log/);
    expect(help).toMatch(/Ctrl-C\s+stop \(the session stays resumable; twice: at once\)/);
    expect(help).toContain('? or Esc closes this help');
    await send(screen, 'c');
    expect(screen.onCheckNow).not.toHaveBeenCalled();
    await press(screen, keys.escape);
    expect(screen.frame()).toContain('◷ gives up at 14:32');
  });

  it('after a failure: retry, the transcript path, quit', async () => {
    const screen = show(rancherFailed(), {}, 100, 30);
    await press(screen, '?');
    expect(screen.frame()).toMatch(/r\s+retry/);
    expect(screen.frame()).toMatch(/q\s+quit \(the session stays resumable\)/);
    expect(screen.frame()).toMatch(/Ctrl-C\s+quit/);
    await send(screen, 'r');
    expect(screen.onRetry).not.toHaveBeenCalled();
  });
});

describe('l: the transcript, live', () => {
  it('shows the last lines, follows new ones, scrolls, and l/Esc returns', async () => {
    writeFileSync(transcriptPath, transcriptLines(100));
    const screen = show(waitingForDns(), {}, 80, 24);
    await press(screen, 'l');
    await until(() => screen.frame().includes('# line 99'), 'the tail', screen.frame);
    let live = liveArea(screen.frame());
    expect(live[1]).toMatch(/^Transcript {2}\d+–100 of 100 · following · /);
    expect(live.at(-1)).toContain('l/Esc back');
    expect(live.length).toBeLessThan(24);
    expect(live.join('\n')).not.toContain('◷'); // the live area gave the view its room

    // Lines appended by the run show up by themselves while following.
    appendFileSync(transcriptPath, transcriptLines(1, 100));
    await until(() => screen.frame().includes('# line 100'), 'a new line', screen.frame);

    // Scrolled up, it stays where it is as lines come; End follows again.
    await press(screen, pageUp);
    live = liveArea(screen.frame());
    expect(live[1]).toContain('End follows');
    expect(live.join('\n')).not.toContain('# line 100');
    appendFileSync(transcriptPath, transcriptLines(1, 101));
    await until(
      () => liveArea(screen.frame())[1]!.includes('of 102'),
      'the count to grow',
      screen.frame,
    );
    expect(screen.frame()).not.toContain('# line 101');
    await press(screen, end);
    expect(screen.frame()).toContain('# line 101');
    expect(liveArea(screen.frame())[1]).toContain('following');

    // The run's own keys wait: c is not for the log view.
    await send(screen, 'c');
    expect(screen.onCheckNow).not.toHaveBeenCalled();
    await press(screen, keys.escape);
    expect(screen.frame()).toContain('◷ gives up at 14:32');
    await press(screen, 'l');
    expect(screen.frame()).toContain('Transcript');
    await press(screen, 'l');
    expect(screen.frame()).not.toContain('Transcript');
  });

  it('shows the help of the log view on ?, then the log where it was', async () => {
    writeFileSync(transcriptPath, transcriptLines(5));
    const screen = show(waitingForDns());
    await press(screen, 'l');
    await until(() => screen.frame().includes('# line 4'), 'the lines', screen.frame);
    await press(screen, '?');
    expect(screen.frame()).toMatch(/End\s+follow new lines/);
    expect(screen.frame()).not.toContain('# line 4');
    await press(screen, '?');
    expect(screen.frame()).toContain('# line 4');
  });
});

describe('p: the pods with the screen to themselves', () => {
  it('scrolls through pods beyond "+N more"; p/Esc returns', async () => {
    let state = fold([started, stageStarted('rancher'), stepStarted('rancher', 'rancher.install')]);
    state = runReducer(state, { type: 'cluster', snapshot: busySnapshot(40) });
    const screen = show(state, {}, 100, 24);
    expect(screen.frame()).toMatch(/\+\d+ more/);
    expect(liveArea(screen.frame()).at(-1)).toContain('p pods');
    await press(screen, 'p');
    let live = liveArea(screen.frame());
    const shown = Number(
      /^Pods {2}cattle-system · 39\/40 running · 1–(\d+) of 40$/.exec(live[1]!)?.[1],
    );
    // Every row the terminal has, less the header, the hints and Ink's free line.
    expect(shown).toBeGreaterThan(15);
    expect(live.length).toBeLessThan(24);
    expect(live.filter((l) => /^(rancher|ingress)-/.test(l))).toHaveLength(shown);
    await press(screen, keys.down, keys.down);
    live = liveArea(screen.frame());
    expect(live[1]).toContain(`3–${shown + 2} of 40`);
    await press(screen, end);
    live = liveArea(screen.frame());
    expect(live[1]).toContain(`${41 - shown}–40 of 40`);
    expect(live.join('\n')).toContain('ingress-nginx-controller-39wxyz');
    expect(live.join('\n')).not.toMatch(/\+\d+ more/);
    await press(screen, 'p');
    expect(liveArea(screen.frame())[1]).toMatch(/Rancher/);
  });
});
