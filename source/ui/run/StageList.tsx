import { Spinner } from '@inkjs/ui';
import { Box, Static, Text } from 'ink';
import { memo } from 'react';
import { formatDuration } from '../../engine/timing.js';
import { FleetClosingBlock } from '../fleet/FleetClosingBlock.js';
import { formatElapsed } from './format-time.js';
import type { StageRow, StepRow } from './run-state.js';
import { stepWindow } from './step-window.js';

export interface StageListProps {
  /** Printed once, above the live area, as they finish. */
  finished: StageRow[];
  /** The stage running (or failed, or interrupted), shown live with its steps. */
  live?: StageRow;
  pending: StageRow[];
  /** Lines for the live stage's steps. */
  stepLines: number;
  /** Where the live stage is in the plan: `stage 3/6`. */
  position?: { index: number; total: number };
  now: number;
  width: number;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

const glyphs: Record<StepRow['status'], { glyph: string; color?: string; dim?: boolean }> = {
  done: { glyph: '✓', color: 'green' },
  skipped: { glyph: '–', dim: true },
  running: { glyph: '▸', color: 'yellow' },
  failed: { glyph: '✗', color: 'red' },
  pending: { glyph: '·', dim: true },
  interrupted: { glyph: '■', color: 'yellow' },
};

/** What follows a step's title: how long it took, how long it has run, why it was skipped. */
function stepDetail(step: StepRow, now: number): string {
  const retries = step.retries ? ` · retry ${step.retries}` : '';
  switch (step.status) {
    case 'done':
      return step.durationMs === undefined ? '' : formatDuration(step.durationMs);
    case 'skipped':
      return step.note ?? 'skipped';
    case 'running':
      return `${formatElapsed(now - (step.startedAt ?? now))}${retries}`;
    case 'failed':
      return `failed${retries}`;
    case 'interrupted':
      return 'interrupted';
    case 'pending':
      return '';
  }
}

function StepLine({ step, now }: { step: StepRow; now: number }) {
  const { glyph, color, dim } = glyphs[step.status];
  const found = step.found && step.status !== 'running' ? ` · ${step.found}` : '';
  const detail = `${stepDetail(step, now)}${found}`;
  return (
    <Text wrap="truncate">
      <Text color={color} dimColor={dim}>{`  ${glyph} `}</Text>
      <Text dimColor={dim || step.status === 'pending'}>{step.title}</Text>
      {detail ? <Text dimColor>{`  ${detail}`}</Text> : null}
    </Text>
  );
}

function FinishedStage({ stage, width }: { stage: StageRow; width: number }) {
  if (stage.status === 'skipped-all') {
    return (
      <Box width={width}>
        <Text wrap="truncate">
          <Text color="green">✓ </Text>
          <Text>{stage.title}</Text>
          <Text dimColor>{`  already done (${plural(stage.steps.length, 'step')})`}</Text>
        </Text>
      </Box>
    );
  }
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate">
        <Text color="green">✓ </Text>
        <Text bold>{stage.title}</Text>
        <Text dimColor>{`  ${formatDuration(stage.durationMs ?? 0)}`}</Text>
      </Text>
      {stage.steps.map((step) => (
        <StepLine key={step.id} step={step} now={0} />
      ))}
      {stage.fleet ? <FleetClosingBlock closing={stage.fleet} width={width} /> : null}
    </Box>
  );
}

/**
 * The finished stages, re-rendered only when one is added. Ink draws a frame at once,
 * outside its maxFps throttle, whenever the `<Static>` box is updated (ink/build/reconciler.js
 * commitUpdate sets isStaticDirty), and React updates it on every render of its parent: so
 * without this every tick, batch and spinner turn bypassed the throttle (27 frames in a second
 * at maxFps 15, bench/fleet-table.tsx).
 */
const FinishedStages = memo(function FinishedStages({
  finished,
  width,
}: {
  finished: StageRow[];
  width: number;
}) {
  return (
    <Static items={finished}>
      {(stage) => <FinishedStage key={stage.id} stage={stage} width={width} />}
    </Static>
  );
});

function LiveStageLine({
  stage,
  now,
  position,
}: {
  stage: StageRow;
  now: number;
  position: StageListProps['position'];
}) {
  // A failed or interrupted stage keeps the time it ran for; only a running one ticks.
  const ran =
    stage.status === 'running' || stage.durationMs === undefined
      ? now - (stage.startedAt ?? now)
      : stage.durationMs;
  const elapsed = formatElapsed(ran);
  const where = position ? ` · stage ${position.index}/${position.total}` : '';
  if (stage.status === 'running') {
    return (
      <Box gap={1}>
        <Spinner />
        <Text wrap="truncate">
          <Text bold>{stage.title}</Text>
          <Text dimColor>{`  ${elapsed}${where}`}</Text>
        </Text>
      </Box>
    );
  }
  const failed = stage.status === 'failed';
  return (
    <Text wrap="truncate">
      <Text color={failed ? 'red' : 'yellow'}>{failed ? '✗ ' : '■ '}</Text>
      <Text bold>{stage.title}</Text>
      <Text dimColor>{`  ${failed ? 'failed' : 'interrupted'} after ${elapsed}${where}`}</Text>
    </Text>
  );
}

/**
 * The stages: finished ones scroll away in `<Static>`, the live one shows its steps
 * (a window around the current step), the ones to come fit on one line.
 */
export function StageList(props: StageListProps) {
  const { finished, live, pending, stepLines, now, width, position } = props;
  const window = live ? stepWindow(live.steps, stepLines) : undefined;
  return (
    <>
      <FinishedStages finished={finished} width={width} />
      {live && window ? (
        <Box flexDirection="column" width={width}>
          <LiveStageLine stage={live} now={now} position={position} />
          {window.before > 0 ? (
            <Text dimColor wrap="truncate">{`  ✓ ${plural(window.before, 'earlier step')}`}</Text>
          ) : null}
          {window.shown.map((step) => (
            <StepLine key={step.id} step={step} now={now} />
          ))}
          {window.after > 0 ? (
            <Text dimColor wrap="truncate">{`  · ${plural(window.after, 'more step')}`}</Text>
          ) : null}
          {pending.length ? (
            <Text dimColor wrap="truncate">
              {`next: ${pending.map((s) => `· ${s.title}`).join('  ')}`}
            </Text>
          ) : null}
        </Box>
      ) : null}
    </>
  );
}
