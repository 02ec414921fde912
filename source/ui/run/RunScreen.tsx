import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { CommandPanel } from '../panels/CommandPanel.js';
import { DnsPanel } from '../panels/DnsPanel.js';
import { PksClusterPanel } from '../panels/PksClusterPanel.js';
import { PodsPanel } from '../panels/PodsPanel.js';
import { ServicesPanel } from '../panels/ServicesPanel.js';
import { VirtualServerPanel } from '../panels/VirtualServerPanel.js';
import { ErrorBox } from './ErrorBox.js';
import { formatElapsed } from './format-time.js';
import { boxWidth, liveLayout } from './live-layout.js';
import { ManualActionBox } from './ManualActionBox.js';
import { liveStage, manualCheck, pendingStages, podsInStageOrder } from './run-selectors.js';
import type { RunState } from './run-state.js';
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
}

function Header({ state, width }: { state: RunState; width: number }) {
  const elapsed = state.durationMs ?? state.now - (state.startedAt ?? state.now);
  const session = state.sessionId
    ? ` · session ${state.sessionId}${state.resumed ? ' (resumed)' : ''}`
    : '';
  return (
    <Box width={width}>
      <Text wrap="truncate">
        <Text bold>Rancher HA on Enterprise PKS</Text>
        <Text dimColor>{`${session} · ${formatElapsed(Math.max(0, elapsed))}`}</Text>
      </Text>
    </Box>
  );
}

/** The line that stands for the stage list when no stage is live. */
function RunStatusLine({ state }: { state: RunState }) {
  if (state.status === 'done') {
    return (
      <Text color="green" bold wrap="truncate">
        {`✓ Install finished in ${formatElapsed(state.durationMs ?? 0)}`}
      </Text>
    );
  }
  return <Text dimColor>Starting…</Text>;
}

function panel(kind: PanelKind, state: RunState, width: number, lines: number): ReactNode {
  const { panels, cluster, now } = state;
  switch (kind) {
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

/**
 * The install as it runs: finished stages scroll away above, the live area below
 * (the current stage, what it waits for, what the user must do, the live panels)
 * always fits the terminal. Renders state only; the keys work on the error screen.
 */
export function RunScreen({
  state,
  columns,
  rows,
  transcriptPath,
  onRetry,
  onQuit,
}: RunScreenProps) {
  const failed = state.status === 'failed' && state.failure !== undefined;
  const keys = useErrorKeys({ active: failed, onRetry, onQuit });
  const width = Math.max(20, columns);
  const layout = liveLayout(state, {
    columns: width,
    rows,
    transcriptPath: keys.showTranscript ? transcriptPath : undefined,
    quitting: keys.quitting,
  });
  const live = liveStage(state);
  return (
    <Box flexDirection="column" width={width}>
      <Header state={state} width={width} />
      <StageList
        finished={state.finished}
        live={live}
        pending={pendingStages(state)}
        stepLines={layout.stepLines}
        now={state.now}
        width={width}
      />
      {live ? null : <RunStatusLine state={state} />}
      {state.progress ? <Text wrap="truncate">{`› ${state.progress.message}`}</Text> : null}
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
          width={boxWidth(width)}
          columns={width}
        />
      ) : null}
      {layout.panels.map((p) => (
        <Box key={p.kind}>{panel(p.kind, state, width, p.lines)}</Box>
      ))}
      {/* The last line: the resume command follows it as the app leaves (App.tsx), whole,
          on a line of its own, for the terminal to wrap; a copy is exact. */}
      {state.status === 'interrupted' ? (
        <Text color="yellow" wrap="truncate">
          ■ Interrupted. The session is saved; resume it with:
        </Text>
      ) : null}
      {failed && keys.quitting ? (
        <Text color="cyan" wrap="truncate">
          Session saved. Resume it with:
        </Text>
      ) : null}
    </Box>
  );
}
