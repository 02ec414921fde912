import { Box, Text } from 'ink';
import { useKeys } from '../input/use-keys.js';
import { KeyHints } from '../keys/KeyHints.js';
import { isHelpKey } from '../keys/screen-keys.js';
import { useTerminalSize } from '../use-terminal-size.js';
import { chartLine, zoneLine, type SummaryModel } from '../../engine/summary.js';

export interface SummaryScreenProps {
  model: SummaryModel;
  onExit(): void;
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Box>
      <Box width={20} flexShrink={0}>
        <Text dimColor>{label}</Text>
      </Box>
      <Box flexGrow={1}>{children}</Box>
    </Box>
  );
}

/** The end of a good run: where Rancher is and what is left for the user to do. */
export function SummaryScreen({ model, onExit }: SummaryScreenProps) {
  // Any key but the help's: the summary is the last screen, and the one to read.
  useKeys((key) => isHelpKey(key, 'summary') || onExit());
  const { columns } = useTerminalSize();
  const width = Math.min(columns - 1, 110);
  // One column short of the edge: a line that fills the terminal exactly makes some
  // terminals wrap early, and Ink then miscounts what to erase.
  return (
    <Box flexDirection="column" borderStyle="round" borderColor="green" paddingX={1} width={width}>
      <Text color="green" bold>
        ✓ Rancher is up: {model.url}
      </Text>
      {model.vip ? (
        <Field label="NSX-T VIP">
          <Text>{model.vip}</Text>
        </Field>
      ) : null}
      {model.dnsRecords.length > 0 ? (
        <Field label="DNS records">
          <Box flexDirection="column">
            {model.dnsRecords.map((record) => (
              <Text key={record.name} wrap="wrap">
                {zoneLine(record)}
              </Text>
            ))}
          </Box>
        </Field>
      ) : null}
      <Field label="Charts">
        <Box flexDirection="column">
          {model.charts.map((chart) => (
            <Text key={chart.chart} wrap="wrap">
              {chartLine(chart)}
            </Text>
          ))}
        </Box>
      </Field>
      <Field label="HA spread">
        <Box flexDirection="column">
          {model.spread.length === 0 ? <Text>-</Text> : null}
          {model.spread.map((p) => (
            <Text key={p.pod} wrap="truncate-end">
              {p.pod} → {p.node}
            </Text>
          ))}
          {model.spreadWarning ? (
            <Text color="yellow" wrap="wrap">
              ⚠ {model.spreadWarning}
            </Text>
          ) : null}
        </Box>
      </Field>
      <Text dimColor>Next steps:</Text>
      {model.nextSteps.map((step, index) => (
        <Box key={step.text} marginLeft={1}>
          <Box width={3} flexShrink={0}>
            <Text>{`${index + 1}.`}</Text>
          </Box>
          <Box flexDirection="column" flexGrow={1}>
            <Text wrap="wrap">{step.text}</Text>
            {step.command ? <Text wrap="wrap">{step.command}</Text> : null}
          </Box>
        </Box>
      ))}
      <Field label="Transcript">
        <Text wrap="truncate-middle">{model.transcriptPath}</Text>
      </Field>
      <KeyHints screen="summary" width={width - 4} />
    </Box>
  );
}
