import { Box, Text } from 'ink';
import { planTitles } from './plan-titles.js';
import { useState, type ReactNode } from 'react';
import { humanDuration } from '../../shared/human-duration.js';
import { givesUpAt } from '../../shared/deadline.js';
import { isChar } from '../input/key-event.js';
import { useKeys } from '../input/use-keys.js';
import { HelpScreen } from '../keys/HelpScreen.js';
import { KeyHints } from '../keys/KeyHints.js';
import { hintLinesOf, isHelpKey, type KeyConditions, type ScreenId } from '../keys/screen-keys.js';
import { CommandPanel } from '../panels/CommandPanel.js';
import { DnsPanel } from '../panels/DnsPanel.js';
import { PksClusterPanel } from '../panels/PksClusterPanel.js';
import { PodsPanel } from '../panels/PodsPanel.js';
import { ServicesPanel } from '../panels/ServicesPanel.js';
import { VirtualServerPanel } from '../panels/VirtualServerPanel.js';
import { FleetPanel, fleetRowsShown } from '../fleet/FleetPanel.js';
import { ErrorBox } from './ErrorBox.js';
import { formatElapsed } from './format-time.js';
import { boxWidth, liveLayout } from './live-layout.js';
import { ManualActionBox } from './ManualActionBox.js';
import { LogView } from './LogView.js';
import { PodsView } from './PodsView.js';
import {
  liveStage,
  manualCheck,
  pendingStages,
  podsInStageOrder,
  podsOnShow,
  stagePosition,
} from './run-selectors.js';
import type { RunState, WaitState } from './run-state.js';
import type { PanelKind } from './stage-panels.js';
import { StageList } from './StageList.js';
import { useErrorKeys } from './use-error-keys.js';

export interface RunScreenProps {
  state: RunState;
  /** The terminal's size: the live area fits in it. */
  columns: number;
  rows: number;
  transcriptPath: string;
  onRetry(): void;
  onQuit(): void;
  /** `c` while a step waits: it looks again now (through the run's hooks). */
  onCheckNow?(): void;
  /** Whether the screen's keys work (not while the PKS password is asked). Default: yes. */
  keysActive?: boolean;
}

function Header({ state, width }: { state: RunState; width: number }) {
  const elapsed = state.durationMs ?? state.now - (state.startedAt ?? state.now);
  const session = state.sessionId
    ? ` · session ${state.sessionId}${state.resumed ? ' (resumed)' : ''}`
    : '';
  return (
    <Box width={width}>
      <Text wrap="truncate">
        <Text bold>{planTitles[state.plan ?? 'install'].header}</Text>
        <Text dimColor>{`${session} · ${formatElapsed(Math.max(0, elapsed))}`}</Text>
      </Text>
    </Box>
  );
}

/** `◷ gives up at 14:32 (in 58m) · checked 3s ago · waiting for …`, the deadline first. */
function WaitLine({ wait, now }: { wait: WaitState; now: number }) {
  const checked =
    wait.askedAt !== undefined
      ? ' · checking now…'
      : wait.checkedAt !== undefined
        ? ` · checked ${humanDuration(Math.max(0, now - wait.checkedAt))} ago`
        : '';
  return (
    <Text wrap="truncate">
      <Text color="cyan">{`◷ ${givesUpAt(wait.deadline, now)}`}</Text>
      <Text dimColor>{`${checked} · waiting for ${wait.what}`}</Text>
    </Text>
  );
}

/** The line that stands for the stage list when no stage is live. */
function RunStatusLine({ state }: { state: RunState }) {
  if (state.status === 'done') {
    return (
      <Text color="green" bold wrap="truncate">
        {`✓ ${planTitles[state.plan ?? 'install'].done} in ${formatElapsed(state.durationMs ?? 0)}`}
      </Text>
    );
  }
  return <Text dimColor>Starting…</Text>;
}

function panel(
  kind: PanelKind,
  state: RunState,
  width: number,
  lines: number,
  keysActive: boolean,
): ReactNode {
  const { panels, cluster, now } = state;
  switch (kind) {
    case 'fleet':
      return (
        <FleetPanel
          fleet={state.fleet}
          now={now}
          width={width}
          maxLines={lines}
          keysActive={keysActive}
        />
      );
    case 'pods':
      return cluster ? (
        <PodsPanel
          namespace={cluster.namespace}
          pods={podsInStageOrder(state)}
          now={now}
          width={width}
          maxLines={lines}
        />
      ) : null;
    case 'services':
      return cluster ? (
        <ServicesPanel
          namespace={cluster.namespace}
          services={cluster.services}
          width={width}
          maxLines={lines}
        />
      ) : null;
    case 'dns':
      return <DnsPanel checks={Object.values(panels.dns)} width={width} maxLines={lines} />;
    case 'virtual-server':
      return panels.virtualServer ? (
        <VirtualServerPanel view={panels.virtualServer} width={width} maxLines={lines} />
      ) : null;
    case 'pks-cluster':
      return panels.pksCluster ? (
        <PksClusterPanel view={panels.pksCluster} width={width} maxLines={lines} />
      ) : null;
    case 'command':
      return panels.command ? (
        <CommandPanel view={panels.command} width={width} maxLines={lines} />
      ) : null;
  }
}

/** What the live area shows: the run, or one of the views a key opens over it. */
type View = 'live' | 'log' | 'pods';

const viewScreens: Record<'live' | 'failed' | 'log' | 'pods', ScreenId> = {
  live: 'run',
  failed: 'run-failed',
  log: 'run-log',
  pods: 'run-pods',
};

/**
 * The install as it runs: finished stages scroll away above, the live area below
 * (the current stage, what it waits for and until when, what the user must do, the live
 * panels, the keys) always fits the terminal. `l` opens the transcript, `p` the pods, `?`
 * the keys; `c` makes a waiting step look again now; r/t/q work on the error screen.
 */
export function RunScreen({
  state,
  columns,
  rows,
  transcriptPath,
  onRetry,
  onQuit,
  onCheckNow,
  keysActive = true,
}: RunScreenProps) {
  const failed = state.status === 'failed' && state.failure !== undefined;
  const keys = useErrorKeys({ active: failed && keysActive, onRetry, onQuit });
  const [view, setView] = useState<View>('live');
  const [help, setHelp] = useState(false);
  const width = Math.max(20, columns);
  const pods = podsOnShow(state);
  const waiting = state.status === 'running' && state.wait !== undefined;
  const screen = viewScreens[view === 'live' ? (failed ? 'failed' : 'live') : view];
  // Failed, the keys are in the error box (inside its border and padding).
  const hintWidth = failed && view === 'live' ? boxWidth(width) - 4 : width - 1;
  const layoutOf = (conditions: KeyConditions) =>
    liveLayout(state, {
      columns: width,
      rows,
      transcriptPath: keys.showTranscript ? transcriptPath : undefined,
      quitting: keys.quitting,
      keyHintLines: hintLinesOf(screen, conditions, hintWidth).length,
    });
  // Whether the fleet table scrolls depends on its room, and its room on the hint lines.
  const fleetScrolls = (conditions: KeyConditions) => {
    const lines = layoutOf(conditions).panels.find((p) => p.kind === 'fleet')?.lines ?? 0;
    return lines > 0 && state.fleet.sorted.length > fleetRowsShown(lines);
  };
  const base: KeyConditions = { waiting, pods, failed };
  const conditions: KeyConditions = { ...base, fleet: view === 'live' && fleetScrolls(base) };

  useKeys(
    (key) => {
      if (isHelpKey(key, screen)) setHelp(true);
      else if (isChar(key, 'l')) setView('log');
      else if (isChar(key, 'p') && pods) setView('pods');
      else if (isChar(key, 'c') && waiting) onCheckNow?.();
    },
    { isActive: keysActive && view === 'live' && !help },
  );
  // The pods went (the stage moved on): back to the run.
  if (view === 'pods' && !pods) setView('live');

  const hints = hintLinesOf(screen, conditions, hintWidth);
  const hintLine = <KeyHints screen={screen} when={conditions} width={hintWidth} ownHelp />;
  const layout = layoutOf(conditions);
  const live = liveStage(state);
  const overlay = help || view !== 'live';
  // Header, hints and the line Ink needs free: the rest is the open view's.
  const viewHeight = Math.max(3, rows - 2 - hints.length);
  return (
    <Box flexDirection="column" width={width}>
      <Header state={state} width={width} />
      <StageList
        finished={state.finished}
        live={overlay ? undefined : live}
        pending={pendingStages(state)}
        stepLines={layout.stepLines}
        now={state.now}
        width={width}
        position={stagePosition(state)}
      />
      {help ? (
        <HelpScreen screen={screen} conditions={conditions} onClose={() => setHelp(false)} />
      ) : null}
      {/* Hidden, not gone, under the help: the view keeps its place. */}
      <Box display={help ? 'none' : 'flex'} flexDirection="column">
        {view === 'log' ? (
          <LogView
            transcriptPath={transcriptPath}
            width={width}
            height={viewHeight}
            onClose={() => setView('live')}
            onHelp={() => setHelp(true)}
          />
        ) : null}
        {view === 'pods' && state.cluster ? (
          <PodsView
            namespace={state.cluster.namespace}
            pods={podsInStageOrder(state)}
            now={state.now}
            width={width}
            height={viewHeight}
            onClose={() => setView('live')}
            onHelp={() => setHelp(true)}
          />
        ) : null}
      </Box>
      {help ? null : view !== 'live' ? (
        hintLine
      ) : (
        <LiveArea
          state={state}
          layout={layout}
          width={width}
          live={live !== undefined}
          failed={failed}
          quitting={keys.quitting}
          hintLine={hintLine}
          keysActive={keysActive && !help}
        />
      )}
    </Box>
  );
}

function LiveArea(props: {
  state: RunState;
  layout: ReturnType<typeof liveLayout>;
  width: number;
  live: boolean;
  failed: boolean;
  /** The user quit after a failure: the last line says the resume command follows. */
  quitting: boolean;
  hintLine: ReactNode;
  /** The live panels' own keys (the fleet table's scroll). */
  keysActive: boolean;
}) {
  const { state, layout, width, live, failed, quitting, hintLine, keysActive } = props;
  return (
    <>
      {live ? null : <RunStatusLine state={state} />}
      {state.progress ? <Text wrap="truncate">{`› ${state.progress.message}`}</Text> : null}
      {state.wait ? <WaitLine wait={state.wait} now={state.now} /> : null}
      {state.retry ? (
        <Text color="yellow" wrap="truncate">
          {`↻ retry ${state.retry.attempt} in ${formatElapsed(state.retry.delayMs)} after: ${state.retry.error}`}
        </Text>
      ) : null}
      {state.manual ? (
        <ManualActionBox
          action={state.manual}
          check={manualCheck(state)}
          width={boxWidth(width)}
          columns={width}
          lines={layout.manual}
        />
      ) : null}
      {failed ? (
        <ErrorBox
          title={state.failure!.title}
          errorLines={layout.errorLines}
          remedyLines={layout.remedyLines}
          copy={layout.errorCopy}
          keys={hintLine}
          width={boxWidth(width)}
          columns={width}
        />
      ) : null}
      {layout.panels.map((p) => (
        <Box key={p.kind}>{panel(p.kind, state, width, p.lines, keysActive)}</Box>
      ))}
      {/* The last line: the resume command follows it as the app leaves (App.tsx), whole,
          on a line of its own, for the terminal to wrap; a copy is exact. */}
      {state.status === 'interrupted' ? (
        <Text color="yellow" wrap="truncate">
          ■ Interrupted. The session is saved; resume it with:
        </Text>
      ) : null}
      {failed && quitting ? (
        <Text color="cyan" wrap="truncate">
          Session saved. Resume it with:
        </Text>
      ) : null}
      {failed || state.status === 'interrupted' ? null : hintLine}
    </>
  );
}
