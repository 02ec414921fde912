import { Box, Text } from 'ink';
import { statusMarks, type CheckResult, type CheckStatus } from '../../checks/check.js';
import { summaryLine, verdict, type PreflightReport } from '../../checks/preflight-report.js';
import { isChar, isKey } from '../input/key-event.js';
import { useKeys } from '../input/use-keys.js';

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

/**
 * A check's mark, then its text; wrapped lines start under the text, not at column 0
 * (the mark and the arrow stay a column of their own).
 */
function CheckRow({ check }: { check: CheckResult }) {
  const mark = statusMarks[check.status];
  const color = colors[check.status];
  return (
    <Box flexDirection="column">
      <Box>
        <Box width={2} flexShrink={0}>
          <Text color={color}>{mark}</Text>
        </Box>
        <Text wrap="wrap">
          <Text bold>{check.id}</Text>
          <Text dimColor={check.status === 'skip'}>{`  ${check.message}`}</Text>
        </Text>
      </Box>
      {check.remedy && check.status !== 'pass' ? (
        <Box paddingLeft={4}>
          <Box width={2} flexShrink={0}>
            <Text color="yellow">→</Text>
          </Box>
          <Text color="yellow" wrap="wrap">
            {check.remedy}
          </Text>
        </Box>
      ) : null}
    </Box>
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
  return (
    <Box flexDirection="column">
      <Text bold>Preflight</Text>
      {report.checks.map((check) => (
        <CheckRow key={check.id} check={check} />
      ))}
      <Text bold color={outcome === 'blocked' ? 'red' : outcome === 'confirm' ? 'yellow' : 'green'}>
        {summaryLine(report)}
      </Text>
      <Text dimColor>{hints[outcome]}</Text>
    </Box>
  );
}
