import { commandTail } from './command-tail.js';
import { allocateLines, type LineDemand } from './allocate-lines.js';
import { liveStage, pendingStages } from './run-selectors.js';
import type { RunFailure, RunState } from './run-state.js';
import { panelsForStage, type PanelKind } from './stage-panels.js';
import { wrapText } from './wrap-text.js';
import { pksClusterLines } from '../panels/pks-cluster-lines.js';

export interface LiveLayoutOptions {
  columns: number;
  rows: number;
  /** Set once the user asked where the transcript is. */
  transcriptPath?: string;
  /** Set once the user quit: the command that resumes the session. */
  resumeCommand?: string;
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
  transcriptLines: string[];
  resumeLines: string[];
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

/** The manual action box: title, its lines, the live check. */
export function manualBoxHeight(state: RunState): number {
  return state.manual ? boxFrameHeight + 1 + state.manual.lines.length + 1 : 0;
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

interface ErrorText {
  errorLines: string[];
  remedyLines: string[];
  transcriptLines: string[];
  resumeLines: string[];
  /** The box's height, frame included. */
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
  if (!failure) {
    return { errorLines: [], remedyLines: [], transcriptLines: [], resumeLines: [], height: 0 };
  }
  const transcriptLines = options.transcriptPath
    ? wrapText(`transcript: ${options.transcriptPath}`, inner, 3)
    : [];
  const resumeLines = options.resumeCommand
    ? wrapText(`Session saved. Resume with: ${options.resumeCommand}`, inner, 3)
    : [];
  const keys = options.keyHintLines ?? 1;
  const chrome = boxFrameHeight + 1 + keys + transcriptLines.length + resumeLines.length; // + title
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
  return { errorLines, remedyLines, transcriptLines, resumeLines, height };
}

/**
 * Plans the live area for a terminal of `rows` × `columns`: the fixed parts (header,
 * stage line, status, manual action, error) first, then the steps and the stage's
 * panels share what is left, most important first. One line stays free, because Ink
 * redraws the whole screen when its output is as tall as the terminal.
 */
export function liveLayout(state: RunState, options: LiveLayoutOptions): LiveLayout {
  const stage = liveStage(state);
  const fixed =
    1 + // header
    1 + // the stage line, or the starting / finished line
    (stage && pendingStages(state).length ? 1 : 0) +
    (state.progress ? 1 : 0) +
    (state.retry ? 1 : 0) +
    (state.wait ? 1 : 0) +
    (state.status === 'interrupted' ? 1 : 0) +
    manualBoxHeight(state);
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
  const { errorLines, remedyLines, transcriptLines, resumeLines } = error;
  return { stepLines, panels, errorLines, remedyLines, transcriptLines, resumeLines, height };
}
