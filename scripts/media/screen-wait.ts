import type { TmuxSession } from '../../test/helpers/tmux.js';
import { plainText } from './shot.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Polls the screen (with its colours) until its text passes `ready`; hands back that very
 * capture, so the picture is the frame that was checked.
 */
export async function waitForScreen(
  session: TmuxSession,
  what: string,
  ready: (text: string) => boolean,
  timeoutMs = 180_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ansi = session.captureAnsi();
    if (ready(plainText(ansi))) return ansi;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}:\n${plainText(ansi)}`);
    await sleep(150);
  }
}

/**
 * Like waitForScreen, for a moment that passes: the first frame that is `best`, or else the
 * last `good` one, once the screen has moved on from good frames.
 */
export async function waitForBestScreen(
  session: TmuxSession,
  what: string,
  test: { good: (text: string) => boolean; best: (text: string) => boolean },
  timeoutMs = 180_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let good: string | undefined;
  for (;;) {
    const ansi = session.captureAnsi();
    const text = plainText(ansi);
    if (test.good(text)) {
      if (test.best(text)) return ansi;
      good = ansi;
    } else if (good) return good;
    if (Date.now() > deadline) {
      if (good) return good;
      throw new Error(`timed out waiting for ${what}:\n${text}`);
    }
    await sleep(100);
  }
}

/** Presses Enter (accepting each default) until the screen shows `pattern`. */
export async function pressEnterUntil(
  session: TmuxSession,
  pattern: RegExp,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (pattern.test(session.capture())) return;
    if (Date.now() > deadline) throw new Error(`never reached ${pattern}:\n${session.capture()}`);
    session.keys('Enter');
    await sleep(400);
  }
}

/** Waits a moment so a screen that just changed has finished drawing. */
export const settle = (ms = 300) => sleep(ms);
