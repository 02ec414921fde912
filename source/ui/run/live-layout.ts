import { commandTail } from './command-tail.js';
import { allocateLines, type LineDemand } from './allocate-lines.js';
import { liveStage, pendingStages } from './run-selectors.js';
import type { RunFailure, RunState } from './run-state.js';
import { panelsForStage, type PanelKind } from './stage-panels.js';
import { wrapText } from './wrap-text.js';
import { pksClusterLines } from '../panels/pks-cluster-lines.js';
import { liveRows } from '../copy-text.js';

export interface LiveLayoutOptions {
  columns: number;
  rows: number;
  /** Set once the user asked where the transcript is. */
  transcriptPath?: string;
  /** Set once the user quit: the box says the session is saved (the command follows on exit). */
  quitting?: boolean;
  /** Lines of the key hints: under the live area, or inside the error box (default 1). */
  keyHintLines?: number;
}

/** How tall each part of the live area may be, decided once so the parts just render. */
export interface LiveLayout {
  /** Lines for the live stage's steps (the window around the current one). */
  stepLines: number;
  panels: { kind: PanelKind; lines: number }[];
  /** The failure's message and remedy, wrapped to the error box. */
  errorLines: string[];
  remedyLines: string[];
  /** Under the error box, whole, to be copied: the transcript's path. */
  errorCopy: CopyItem[];
  /** The manual action's title and lines, wrapped to its box. */
  manual: ManualBoxText;
  /** Lines of the whole live area: never more than the terminal has. */
  height: number;
}

// Borders (2) and padding (2) of the boxes.
const boxFrameWidth = 4;
const boxFrameHeight = 2;
/** Boxes hold sentences: wider than this they only get harder to read. */
const maxBoxWidth = 100;

/** The width of the manual-action and error boxes on a terminal this wide. */
export function boxWidth(columns: number): number {
  return Math.min(columns, maxBoxWidth);
}

/** The manual action box's title and lines, wrapped to its inside. */
export interface ManualBoxText {
  title: string[];
  body: string[];
}

const noManualText: ManualBoxText = { title: [], body: [] };

/** The box's heading; once the check passes, `✓ DONE` (shorter) takes its place. */
export const manualHeading = 'ACTION NEEDED';

function manualBoxText(state: RunState, columns: number): ManualBoxText {
  if (!state.manual) return noManualText;
  const inner = boxWidth(columns) - boxFrameWidth;
  return {
    title: wrapText(`${manualHeading}: ${state.manual.title}`, inner, 3),
    body: state.manual.lines.flatMap((line) => wrapText(line, inner, 3)),
  };
}

/** The manual action: its box (title, lines, the live check), then the text to copy under it. */
function manualActionHeight(state: RunState, text: ManualBoxText, columns: number): number {
  if (!state.manual) return 0;
  const copy = liveRows(state.manual.copy ?? [], columns);
  return boxFrameHeight + text.title.length + text.body.length + 1 + copy;
}

/** Lines of a panel: its title, and for tables a header, then rows. */
function panelDemand(kind: PanelKind, state: RunState): LineDemand {
  const { panels, cluster } = state;
  // A table is worth showing with at least one row, or with one row and "+N more".
  const table = (rows: number): LineDemand =>
    rows <= 1 ? { min: 2 + rows, want: 2 + rows } : { min: 4, want: 2 + rows };
  switch (kind) {
    case 'pods':
      return cluster ? table(cluster.pods.length) : { min: 0, want: 0 };
    case 'services':
      return cluster ? table(cluster.services.length) : { min: 0, want: 0 };
    case 'dns': {
      const names = Object.keys(panels.dns).length;
      return names ? table(names) : { min: 0, want: 0 };
    }
    case 'virtual-server':
      return panels.virtualServer
        ? { min: 2, want: panels.virtualServer.error ? 4 : 3 }
        : { min: 0, want: 0 };
    case 'pks-cluster':
      return panels.pksCluster
        ? { min: 2, want: 1 + pksClusterLines(panels.pksCluster).length }
        : { min: 0, want: 0 };
    case 'fleet': {
      // The counts and the header, then rows: at least a few, to be worth scrolling.
      const rows = state.fleet.sorted.length;
      return rows ? { min: 2 + Math.min(rows, 3), want: 2 + rows } : { min: 0, want: 0 };
    }
    case 'command': {
      if (!panels.command) return { min: 0, want: 0 };
      const tail = commandTail(panels.command).length;
      return { min: Math.min(2, 1 + tail), want: 1 + tail };
    }
  }
}

const minStepLines = 3;
const maxErrorLines = 6;
const maxRemedyLines = 4;

/** A line saying what it is, then the text to copy, whole. */
export interface CopyItem {
  what: string;
  text: string;
}

/** Rows of copy items on a terminal this wide: each says what it is, then the text. */
function copyHeight(items: readonly CopyItem[], columns: number): number {
  return (
    items.length +
    liveRows(
      items.map((item) => item.text),
      columns,
    )
  );
}

interface ErrorText {
  errorLines: string[];
  remedyLines: string[];
  errorCopy: CopyItem[];
  /** The box's height, frame included, and the copy lines under it. */
  height: number;
}

/**
 * The error box's text, wrapped to its width. The message and remedy share `room`
 * lines (at least one each) so a long helm error cannot push the keys off screen.
 */
function errorText(
  failure: RunFailure | undefined,
  inner: number,
  room: number,
  options: LiveLayoutOptions,
): ErrorText {
  if (!failure) return { errorLines: [], remedyLines: [], errorCopy: [], height: 0 };
  const errorCopy: CopyItem[] = options.transcriptPath
    ? [{ what: 'Transcript:', text: options.transcriptPath }]
    : [];
  const keys = options.keyHintLines ?? 1;
  const chrome =
    boxFrameHeight +
    1 + // title
    keys +
    copyHeight(errorCopy, options.columns) +
    (options.quitting ? 1 : 0); // "Session saved…", the run screen's last line
  const textRoom = Math.max(2, room - chrome);
  const remedy = failure.remedy ? `What to do: ${failure.remedy}` : '';
  const remedyWanted = remedy ? wrapText(remedy, inner, maxRemedyLines).length : 0;
  const errorLines = wrapText(
    failure.error,
    inner,
    Math.min(maxErrorLines, Math.max(1, textRoom - Math.min(remedyWanted, 2))),
  );
  const remedyLines = remedy
    ? wrapText(remedy, inner, Math.min(maxRemedyLines, Math.max(1, textRoom - errorLines.length)))
    : [];
  const height = chrome + errorLines.length + remedyLines.length;
  return { errorLines, remedyLines, errorCopy, height };
}

/**
 * Plans the live area for a terminal of `rows` × `columns`: the fixed parts (header,
 * stage line, status, manual action, error) first, then the steps and the stage's
 * panels share what is left, most important first. One line stays free, because Ink
 * redraws the whole screen when its output is as tall as the terminal.
 */
export function liveLayout(state: RunState, options: LiveLayoutOptions): LiveLayout {
  const stage = liveStage(state);
  const manual = manualBoxText(state, options.columns);
  const fixed =
    1 + // header
    1 + // the stage line, or the starting / finished line
    (stage && pendingStages(state).length ? 1 : 0) +
    (state.progress ? 1 : 0) +
    (state.retry ? 1 : 0) +
    (state.wait ? 1 : 0) +
    (state.status === 'interrupted' ? 1 : 0) +
    manualActionHeight(state, manual, options.columns);
  const failure = state.status === 'failed' ? state.failure : undefined;
  // Failed, the keys are inside the error box (its height counts them).
  const hints = failure ? 0 : (options.keyHintLines ?? 1);
  const inner = boxWidth(options.columns) - boxFrameWidth;
  const error = errorText(failure, inner, options.rows - 1 - fixed, options);
  const budget = options.rows - 1 - fixed - hints - error.height;
  const kinds = panelsForStage(stage?.id);
  const steps = stage?.steps.length ?? 0;
  const [stepLines = 0, ...panelLines] = allocateLines(budget, [
    // On a very short terminal, at least the current step.
    { min: Math.min(minStepLines, steps, Math.max(1, budget)), want: steps },
    ...kinds.map((k) => panelDemand(k, state)),
  ]);
  const panels = kinds
    .map((kind, i) => ({ kind, lines: panelLines[i] ?? 0 }))
    .filter((p) => p.lines > 0);
  const height =
    fixed + hints + error.height + stepLines + panels.reduce((sum, p) => sum + p.lines, 0);
  const { errorLines, remedyLines, errorCopy } = error;
  return { stepLines, panels, errorLines, remedyLines, errorCopy, manual, height };
}
