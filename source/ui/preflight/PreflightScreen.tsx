import { Box, Text } from 'ink';
import { statusMarks, type CheckResult, type CheckStatus } from '../../checks/check.js';
import { summaryLine, verdict, type PreflightReport } from '../../checks/preflight-report.js';
import { isChar, isKey } from '../input/key-event.js';
import { useKeys } from '../input/use-keys.js';
import type { LabelLayout } from '../label-layout.js';
import { LabeledRow } from '../LabeledRow.js';
import { wrapText } from '../run/wrap-text.js';
import { useLabelLayout } from '../use-label-layout.js';

export interface PreflightScreenProps {
  report: PreflightReport;
  /** Go on with the install (only offered when nothing fails), naming the warnings accepted. */
  onContinue(acceptedWarnings: string[]): void;
  /** Back to the answers (to fix what failed). */
  onBack(): void;
}

const colors: Record<CheckStatus, string> = {
  pass: 'green',
  warn: 'yellow',
  fail: 'red',
  skip: 'gray',
};

/** One check: its mark and id in a column of their own, the message (and remedy) beside it. */
function CheckRow({ check, layout }: { check: CheckResult; layout: LabelLayout }) {
  const mark = statusMarks[check.status];
  const color = colors[check.status];
  // Wrapped here, at word boundaries: Ink's own wrap starts the next line with the space.
  const wrap = (text: string) => wrapText(text, layout.valueWidth, Number.MAX_SAFE_INTEGER);
  return (
    <LabeledRow
      layout={layout}
      label={
        <>
          <Text color={color}>{`${mark} `}</Text>
          <Text bold>{check.id}</Text>
        </>
      }
    >
      <Text dimColor={check.status === 'skip'}>{wrap(check.message).join('\n')}</Text>
      {check.remedy && check.status !== 'pass' ? (
        <Text color="yellow">{wrap(`→ ${check.remedy}`).join('\n')}</Text>
      ) : null}
    </LabeledRow>
  );
}

const hints = {
  blocked: 'fix what fails, then run preflight again — Esc back',
  confirm: 'warnings above: y continue anyway — n / Esc back',
  clear: 'Enter continue — Esc back',
};

/** The preflight report: failures block the install, warnings ask for a confirmation. */
export function PreflightScreen({ report, onContinue, onBack }: PreflightScreenProps) {
  const outcome = verdict(report);
  const warnings = report.checks.filter((c) => c.status === 'warn').map((c) => c.id);
  useKeys((key) => {
    if (isKey(key, 'escape') || (outcome === 'confirm' && isChar(key, 'n'))) return onBack();
    if (outcome === 'confirm' && isChar(key, 'y')) return onContinue(warnings);
    if (outcome === 'clear' && isKey(key, 'return')) return onContinue([]);
  });
  const layout = useLabelLayout(report.checks.map((c) => c.id));
  return (
    <Box flexDirection="column">
      <Text bold>Preflight</Text>
      {report.checks.map((check) => (
        <CheckRow key={check.id} check={check} layout={layout} />
      ))}
      <Text bold color={outcome === 'blocked' ? 'red' : outcome === 'confirm' ? 'yellow' : 'green'}>
        {summaryLine(report)}
      </Text>
      <Text dimColor>{hints[outcome]}</Text>
    </Box>
  );
}
