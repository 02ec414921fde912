import { isKey, type KeyEvent } from '../input/key-event.js';

/**
 * Which keys each screen has, as data: the hint line under a screen and its help (`?`) are
 * both drawn from this one list, so they never disagree. A screen's handlers act on these
 * keys; the tests hold each screen's handler to its list (test/ui/keys).
 */
export interface KeyBinding {
  /** As the hint line writes it: `↑↓`, `Enter`, `Ctrl-C`. */
  readonly keys: string;
  /** What it does, in a few words. */
  readonly does: string;
  /** More about it, for the help only (in brackets after `does`). */
  readonly detail?: string;
  /** Said only in the help: the hint line has no room for it (the readline keys). */
  readonly helpOnly?: boolean;
  /** Only while the screen says this holds (`waiting`: a step is waiting, `c` checks now). */
  readonly when?: KeyCondition;
  /** Only while this does not hold. */
  readonly unless?: KeyCondition;
}

/** What a screen may say holds right now; each names keys that only work then. */
export type KeyCondition =
  /** The run: a step is waiting for something (the key checks it now). */
  | 'waiting'
  /** The run: the pods panel is on screen. */
  | 'pods'
  /** The run: a fleet import's table is on screen, with more rows than it shows. */
  | 'fleet'
  /** The run stopped on a failure (Ctrl-C then quits). */
  | 'failed'
  /** The review: the preflight can be run from here. */
  | 'preflight'
  /** The preflight report is taller than the screen. */
  | 'scrolls'
  /** The wizard's Esc, set by the wizard for the prompt it shows: one of the three. */
  | 'escBack'
  | 'escReview'
  | 'escQuit';

export interface ScreenKeys {
  /** A text field has the cursor: `?` is typed into it, so help is F1 there. */
  readonly typing?: boolean;
  readonly keys: readonly KeyBinding[];
}

const list: readonly KeyBinding[] = [
  { keys: '↑↓', does: 'move' },
  { keys: 'PgUp/PgDn', does: 'a page up, down', helpOnly: true },
  { keys: 'Home/End', does: 'the first, the last', helpOnly: true },
];

const scroll: readonly KeyBinding[] = [
  { keys: '↑↓', does: 'scroll' },
  { keys: 'PgUp/PgDn', does: 'a page up, down', helpOnly: true },
  { keys: 'Home/End', does: 'the top, the bottom', helpOnly: true },
];

/** The preflight report's: only when it is taller than the screen. */
const reportScroll: readonly KeyBinding[] = scroll.map((k) => ({ ...k, when: 'scrolls' }));

/** GNU Readline's defaults (see input/line-editor.ts), in every text field. */
const lineEditing: readonly KeyBinding[] = [
  { keys: '←/→ Home/End', does: 'move in the line', helpOnly: true },
  { keys: 'Ctrl-A/Ctrl-E', does: 'to the start, the end of the line', helpOnly: true },
  { keys: 'Alt-B/Alt-F', does: 'a word back, forward (Ctrl-←/Ctrl-→ too)', helpOnly: true },
  { keys: 'Ctrl-U/Ctrl-K', does: 'delete to the start, to the end', helpOnly: true },
  { keys: 'Ctrl-W', does: 'delete the word before the cursor', helpOnly: true },
  { keys: 'Ctrl-Y', does: 'put back what was deleted last', helpOnly: true },
];

/** The wizard's Esc: where it leads depends on the prompt (the wizard says which). */
const wizardEscape: readonly KeyBinding[] = [
  { keys: 'Esc', does: 'back', when: 'escBack' },
  { keys: 'Esc', does: 'back to the review', when: 'escReview' },
  { keys: 'Esc', does: 'quit (answers are kept)', when: 'escQuit' },
];

const quit: KeyBinding = { keys: 'Ctrl-C', does: 'quit' };

/** A fleet import's table on the run screen: it scrolls under the stage, in place. */
const fleetScroll: readonly KeyBinding[] = [
  { keys: '↑↓', does: 'scroll clusters', when: 'fleet' },
  { keys: 'PgUp/PgDn', does: 'a page of clusters up, down', helpOnly: true, when: 'fleet' },
  { keys: 'Home/End', does: 'the first, the last cluster', helpOnly: true, when: 'fleet' },
];

/** Ctrl-C while the install runs: stop it cleanly, or (again) at once; after a failure, quit. */
const runInterrupt: readonly KeyBinding[] = [
  {
    keys: 'Ctrl-C',
    does: 'stop',
    detail: 'the session stays resumable; twice: at once',
    unless: 'failed',
  },
  { ...quit, when: 'failed' },
];

export const screens = {
  /** A list to choose from (plans, load-balancer sizes, ingress controllers). */
  choice: { keys: [...list, { keys: 'Enter', does: 'choose' }, ...wizardEscape, quit] },
  /** The resume offer, before the wizard. */
  'resume-offer': { keys: [...list, { keys: 'Enter', does: 'choose' }, quit] },
  'resume-pick': { keys: [...list, { keys: 'Enter', does: 'resume' }, quit] },
  /** A prompt that is reading something (pks plans, the certificate files). */
  loading: { keys: [...wizardEscape, quit] },
  /** What a prompt read failed (not logged in, no plans). */
  'load-failed': { keys: [{ keys: 'r', does: 'retry' }, ...wizardEscape, quit] },
  /** A yes/no question. */
  confirm: {
    keys: [
      { keys: 'y/n', does: 'yes, no' },
      { keys: 'Enter', does: 'the answer in capitals' },
      ...wizardEscape,
      quit,
    ],
  },
  /** One text field. */
  field: {
    typing: true,
    keys: [{ keys: 'Enter', does: 'next' }, ...lineEditing, ...wizardEscape, quit],
  },
  /** Several text fields. */
  fields: {
    typing: true,
    keys: [
      { keys: '↑↓', does: 'field' },
      { keys: 'Enter', does: 'next' },
      ...lineEditing,
      ...wizardEscape,
      quit,
    ],
  },
  /** The certificate files. */
  'path-fields': {
    typing: true,
    keys: [
      { keys: '↑↓', does: 'field' },
      { keys: 'Tab', does: 'complete' },
      { keys: 'Enter', does: 'next / check' },
      ...lineEditing,
      ...wizardEscape,
      quit,
    ],
  },
  /** The certificate files only warned. */
  'tls-warned': {
    keys: [{ keys: 'Enter', does: 'continue anyway' }, ...wizardEscape, quit],
  },
  review: {
    keys: [
      ...list,
      { keys: 'Enter', does: 'edit / start' },
      { keys: 'p', does: 'preflight', when: 'preflight' },
      ...wizardEscape,
      quit,
    ],
  },
  /** Start asked about the review's warnings (marked !). */
  'review-confirm': {
    keys: [
      { keys: 'y', does: 'start anyway' },
      { keys: 'other keys', does: 'back to the answers' },
      ...wizardEscape,
      quit,
    ],
  },
  'preflight-running': { keys: [quit] },
  'preflight-blocked': {
    keys: [...reportScroll, { keys: 'Esc', does: 'back to fix what fails' }, quit],
  },
  'preflight-confirm': {
    keys: [
      ...reportScroll,
      { keys: 'y', does: 'continue anyway' },
      { keys: 'n/Esc', does: 'back' },
      quit,
    ],
  },
  'preflight-clear': {
    keys: [
      ...reportScroll,
      { keys: 'Enter', does: 'continue' },
      { keys: 'Esc', does: 'back' },
      quit,
    ],
  },
  /** The install running. */
  run: {
    keys: [
      ...fleetScroll,
      { keys: 'c', does: 'check now', when: 'waiting' },
      { keys: 'l', does: 'log' },
      { keys: 'p', does: 'pods', when: 'pods' },
      ...runInterrupt,
    ],
  },
  /** The install stopped on a failure. */
  'run-failed': {
    keys: [
      { keys: 'r', does: 'retry' },
      { keys: 't', does: 'transcript path' },
      { keys: 'q', does: 'quit (the session stays resumable)' },
      ...fleetScroll,
      { keys: 'l', does: 'log' },
      { keys: 'p', does: 'pods', when: 'pods' },
      quit,
    ],
  },
  /** The run's transcript, live. */
  'run-log': {
    keys: [
      ...scroll,
      { keys: 'End', does: 'follow new lines' },
      { keys: 'l/Esc', does: 'back' },
      ...runInterrupt,
    ],
  },
  /** The pods panel, the whole live area to itself. */
  'run-pods': {
    keys: [...scroll, { keys: 'p/Esc', does: 'back' }, ...runInterrupt],
  },
  summary: { keys: [{ keys: 'any key', does: 'exit' }] },
} satisfies Record<string, ScreenKeys>;

export type ScreenId = keyof typeof screens;

/** What holds on a screen right now; keys with a `when` show only while it does. */
export type KeyConditions = Partial<Record<KeyCondition, boolean>>;

/** The key that opens (and closes) the help here: F1 where `?` would be typed into a field. */
export function helpBinding(screen: ScreenId): KeyBinding {
  const typing = (screens[screen] as ScreenKeys).typing ?? false;
  return { keys: typing ? 'F1' : '?', does: 'help' };
}

/** The keys that work on `screen` now, help last. */
export function keysOf(screen: ScreenId, conditions: KeyConditions = {}): KeyBinding[] {
  const own = screens[screen].keys as readonly KeyBinding[];
  const holds = (k: KeyBinding) =>
    (k.when === undefined || conditions[k.when] === true) &&
    (k.unless === undefined || conditions[k.unless] !== true);
  return [...own.filter(holds), helpBinding(screen)];
}

/** Opens the help on `screen`: F1 anywhere, `?` where no text field takes it. */
export function isHelpKey(key: KeyEvent, screen: ScreenId): boolean {
  if (isKey(key, 'f1')) return true;
  return !(screens[screen] as ScreenKeys).typing && key.kind === 'text' && key.text === '?';
}

/** The hint line of `screen` as it shows now, in lines of `width`. */
export function hintLinesOf(screen: ScreenId, conditions: KeyConditions, width: number): string[] {
  return hintLines(keysOf(screen, conditions), width);
}

/** `↑↓ move · Enter choose · ? help`, packed into lines of `width`, never splitting a key. */
export function hintLines(bindings: readonly KeyBinding[], width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const binding of bindings) {
    if (binding.helpOnly) continue;
    const hint = `${binding.keys} ${binding.does}`;
    if (line && line.length + 3 + hint.length > width) {
      lines.push(line);
      line = hint;
    } else line = line ? `${line} · ${hint}` : hint;
  }
  if (line) lines.push(line);
  return lines;
}
