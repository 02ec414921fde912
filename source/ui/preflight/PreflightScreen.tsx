import { Box, Text } from 'ink';
import { useMemo } from 'react';
import { statusMarks, type CheckStatus } from '../../checks/check.js';
import { summaryLine, verdict, type PreflightReport } from '../../checks/preflight-report.js';
import { isChar, isKey } from '../input/key-event.js';
import { useKeys } from '../input/use-keys.js';
import { KeyHints } from '../keys/KeyHints.js';
import { hintLinesOf } from '../keys/screen-keys.js';
import { useScroll } from '../scroll/use-scroll.js';
import { fromTop, viewportLabel } from '../scroll/viewport.js';
import { useTerminalSize } from '../use-terminal-size.js';
import { reportLines, type ReportLine } from './report-lines.js';

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

/** One line of the report: a check's mark, id and message, or what wraps under them. */
function Line({ line }: { line: ReportLine }) {
  const color = colors[line.status];
  if (line.remedy) return <Text color="yellow">{line.text}</Text>;
  if (line.id === undefined) return <Text dimColor={line.status === 'skip'}>{line.text}</Text>;
  return (
    <Text>
      <Text color={color}>{`${statusMarks[line.status]} `}</Text>
      <Text bold>{line.id}</Text>
      <Text dimColor={line.status === 'skip'}>{line.text}</Text>
    </Text>
  );
}

const hintScreens = {
  blocked: 'preflight-blocked',
  confirm: 'preflight-confirm',
  clear: 'preflight-clear',
} as const;

/**
 * The preflight report, failures first, then warnings, then the rest: failures block the
 * install, warnings ask for a confirmation. Taller than the terminal, it scrolls (↑/↓, PgUp/PgDn).
 */
export function PreflightScreen({ report, onContinue, onBack }: PreflightScreenProps) {
  const outcome = verdict(report);
  const warnings = report.checks.filter((c) => c.status === 'warn').map((c) => c.id);
  const { columns, rows } = useTerminalSize();
  const width = Math.max(20, columns - 1);
  const lines = useMemo(() => reportLines(report.checks, width), [report, width]);
  const screen = hintScreens[outcome];
  // The title, the summary, the hints and the line Ink keeps free.
  const height = Math.max(3, rows - 3 - hintLinesOf(screen, { scrolls: true }, width).length);
  const scrolls = lines.length > height;
  const { from, to } = useScroll({ total: lines.length, height, initial: fromTop });
  useKeys((key) => {
    if (isKey(key, 'escape') || (outcome === 'confirm' && isChar(key, 'n'))) return onBack();
    if (outcome === 'confirm' && isChar(key, 'y')) return onContinue(warnings);
    if (outcome === 'clear' && isKey(key, 'return')) return onContinue([]);
  });
  return (
    <Box flexDirection="column">
      <Text>
        <Text bold>Preflight</Text>
        {scrolls ? (
          <Text dimColor>{`  lines ${viewportLabel(from, to, lines.length)}`}</Text>
        ) : null}
      </Text>
      {lines.slice(from, to).map((line, i) => (
        <Line key={from + i} line={line} />
      ))}
      <Text bold color={outcome === 'blocked' ? 'red' : outcome === 'confirm' ? 'yellow' : 'green'}>
        {summaryLine(report)}
      </Text>
      <KeyHints screen={screen} when={{ scrolls }} width={width} />
    </Box>
  );
}
