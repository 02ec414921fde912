import { Box, Static, Text } from 'ink';
import { useKeys } from '../input/use-keys.js';
import { KeyHints } from '../keys/KeyHints.js';
import { isHelpKey } from '../keys/screen-keys.js';
import { chartLine, zoneLine, type SummaryModel } from '../../engine/summary.js';
import { CopyText } from '../CopyText.js';
import { labelColumnWidth, labelLayout, type LabelLayout } from '../label-layout.js';
import { LabeledRow } from '../LabeledRow.js';
import { wrapText } from '../run/wrap-text.js';
import { useTerminalSize } from '../use-terminal-size.js';

export interface SummaryScreenProps {
  model: SummaryModel;
  onExit(): void;
}

const labels = ['Charts', 'NSX-T VIP', 'HA spread', 'Next steps'];
// Borders (2) and padding (2).
const frame = 4;

/** A value wrapped at word boundaries to its column (Ink's own wrap starts lines with a space). */
function Prose({ text, width, color }: { text: string; width: number; color?: string }) {
  return <Text color={color}>{wrapText(text, width, Number.MAX_SAFE_INTEGER).join('\n')}</Text>;
}

function Facts({ model, layout }: { model: SummaryModel; layout: LabelLayout }) {
  const width = layout.valueWidth;
  const row = (label: string, body: React.ReactNode) => (
    <LabeledRow layout={layout} label={`${label}  `} dim>
      {body}
    </LabeledRow>
  );
  return (
    <>
      {row(
        'Charts',
        <Box flexDirection="column">
          {model.charts.map((chart) => (
            <Prose key={chart.chart} text={chartLine(chart)} width={width} />
          ))}
        </Box>,
      )}
      {model.vip ? row('NSX-T VIP', <Text>{model.vip}</Text>) : null}
      {row(
        'HA spread',
        <Box flexDirection="column">
          {model.spread.length === 0 ? <Text>-</Text> : null}
          {model.spread.map((p) => (
            <Text key={p.pod} wrap="truncate-middle">
              {p.pod} → {p.node}
            </Text>
          ))}
          {model.spreadWarning ? (
            <Prose text={`⚠ ${model.spreadWarning}`} width={width} color="yellow" />
          ) : null}
        </Box>,
      )}
      {row(
        'Next steps',
        <Box flexDirection="column">
          {model.nextSteps.map((step, index) => (
            <Prose
              key={step.text}
              text={`${index + 1}. ${step.text}${step.command ? ' (below)' : ''}`}
              width={width}
            />
          ))}
        </Box>,
      )}
    </>
  );
}

/** What is there to copy, each under a line saying what it is. */
function copyables(model: SummaryModel): { what: string; text: string }[] {
  return [
    ...model.nextSteps.flatMap((step, index) =>
      step.command ? [{ what: `Next step ${index + 1}:`, text: step.command }] : [],
    ),
    ...model.dnsRecords.map((record, i) => ({
      what: i === 0 ? 'DNS records (keep them):' : '',
      text: zoneLine(record),
    })),
    { what: 'Transcript:', text: model.transcriptPath },
  ];
}

/**
 * The summary, written once: the facts in a box, then what to copy, whole, outside it,
 * and last the URL, so on a short terminal what scrolls away is the prose, not it.
 */
function Summary({ model, columns }: { model: SummaryModel; columns: number }) {
  // One column short of the edge: a line that fills the terminal exactly makes some
  // terminals wrap early.
  const width = Math.min(columns - 1, 110);
  const layout = labelLayout(width - frame, labelColumnWidth(labels, 0));
  return (
    <Box flexDirection="column">
      <Box
        flexDirection="column"
        borderStyle="round"
        borderColor="green"
        paddingX={1}
        width={width}
      >
        <Facts model={model} layout={layout} />
      </Box>
      {copyables(model).map(({ what, text }) => (
        <Box key={text} flexDirection="column">
          {what ? <Text dimColor>{what}</Text> : null}
          <CopyText text={text} columns={columns} once />
        </Box>
      ))}
      <Text color="green" bold>
        ✓ Rancher is up: {model.url}
      </Text>
    </Box>
  );
}

/**
 * The end of a good run: where Rancher is and what is left for the user to do. Written
 * to <Static> once, so it stays in the scrollback as it was and its commands are left
 * whole for the terminal to wrap (copy-text.ts); only the key hint is live.
 */
export function SummaryScreen({ model, onExit }: SummaryScreenProps) {
  // Any key but the help's: the summary is the last screen, and the one to read.
  useKeys((key) => isHelpKey(key, 'summary') || onExit());
  const { columns } = useTerminalSize();
  return (
    <>
      <Static items={[model]}>
        {(m) => <Summary key="summary" model={m} columns={columns} />}
      </Static>
      <KeyHints screen="summary" width={Math.min(columns - 1, 110)} />
    </>
  );
}
