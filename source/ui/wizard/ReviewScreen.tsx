import { StatusMessage } from '@inkjs/ui';
import { Box, Text } from 'ink';
import { useMemo, useState } from 'react';
import { isChar, isKey } from '../input/key-event.js';
import { useKeyState } from '../input/use-key-state.js';
import { useKeys } from '../input/use-keys.js';
import type { Config } from '../../config/config.js';
import { checkAnswers } from './check-answers.js';
import { focusMove, moveFocus } from './choice-list.js';
import { KeyHints } from './KeyHints.js';
import type { LabelLayout } from '../label-layout.js';
import { LabeledRow } from '../LabeledRow.js';
import { useLabelLayout } from '../use-label-layout.js';
import { problemsOf, reviewLines, unplacedProblems, type ReviewLine } from './review-lines.js';
import type { PartialAnswers } from '../../config/partial-answers.js';
import type { PromptStep } from './wizard-steps.js';
import type { Env } from '../../shared/env.js';

export interface ReviewScreenProps {
  answers: PartialAnswers;
  hasPassword: boolean;
  baseDir: string;
  env: Env;
  /** The line to start on (the prompt just edited); else the first problem, else "install". */
  focusStep?: PromptStep;
  onEdit: (step: PromptStep) => void;
  onConfirm: (config: Config) => void;
  onPreflight?: (config: Config) => void;
}

/** Every answer on one screen; Enter on a line edits it, Enter on the last line installs. */
export function ReviewScreen(props: ReviewScreenProps) {
  const { answers, hasPassword, baseDir, env, onEdit, onConfirm, onPreflight } = props;
  const lines = useMemo(() => reviewLines(answers, hasPassword), [answers, hasPassword]);
  const result = useMemo(() => checkAnswers(answers, baseDir, env), [answers, baseDir, env]);
  const problems = result.ok ? [] : result.problems;
  const installIndex = lines.length;
  const [focused, setFocused, currentFocus] = useKeyState(() =>
    startIndex(lines, problems, props.focusStep, installIndex),
  );
  const [blocked, setBlocked] = useState(false);

  useKeys((key) => {
    const move = focusMove(key, installIndex + 1);
    if (move !== undefined) setFocused((index) => moveFocus(index, move, installIndex + 1));
    if (isKey(key, 'return')) {
      const line = lines[currentFocus()];
      if (line) onEdit(line.step);
      else if (result.ok) onConfirm(result.config);
      else setBlocked(true);
    }
    if (isChar(key, 'p') && onPreflight) {
      if (result.ok) onPreflight(result.config);
      else setBlocked(true);
    }
  });

  // "› ✗ " before each label.
  const layout = useLabelLayout(
    lines.map((line) => line.label),
    4,
  );
  const unplaced = unplacedProblems(lines, problems);
  return (
    <Box flexDirection="column">
      <Text>
        Every answer, before anything is created. Select one and press Enter to change it.
      </Text>
      {lines.map((line, index) => (
        <AnswerLine
          key={`${line.step}:${line.label}`}
          line={line}
          layout={layout}
          isFocused={index === focused}
          problems={problemsOf(line, problems)}
        />
      ))}
      {unplaced.map((problem) => (
        <Text key={problem} color="red">
          ✗ {problem}
        </Text>
      ))}
      <Box marginTop={1}>
        <Text
          color={focused === installIndex ? 'green' : undefined}
          bold={focused === installIndex}
        >
          {focused === installIndex ? '› ' : '  '}Start the install
        </Text>
      </Box>
      {blocked && !result.ok && (
        <StatusMessage variant="error">
          {`${problems.length} problem${problems.length === 1 ? '' : 's'} to fix first (marked ✗)`}
        </StatusMessage>
      )}
      <KeyHints
        hints={[
          '↑↓ move',
          'Enter edit / start',
          ...(onPreflight ? ['p preflight'] : []),
          'Esc quit (answers are kept)',
        ]}
      />
    </Box>
  );
}

function startIndex(
  lines: readonly ReviewLine[],
  problems: readonly string[],
  focusStep: PromptStep | undefined,
  installIndex: number,
): number {
  const edited = focusStep ? lines.findIndex((line) => line.step === focusStep) : -1;
  if (edited >= 0) return edited;
  const firstProblem = lines.findIndex((line) => problemsOf(line, problems).length > 0);
  return firstProblem >= 0 ? firstProblem : installIndex;
}

function AnswerLine(props: {
  line: ReviewLine;
  layout: LabelLayout;
  isFocused: boolean;
  problems: readonly string[];
}) {
  const { line, layout, isFocused, problems } = props;
  return (
    <Box flexDirection="column">
      <LabeledRow
        layout={layout}
        label={`${isFocused ? '› ' : '  '}${problems.length > 0 ? '✗ ' : '  '}${line.label}  `}
        color={isFocused ? 'cyan' : undefined}
      >
        <Text>{line.value}</Text>
      </LabeledRow>
      {problems.map((problem) => (
        <Box key={problem} marginLeft={6}>
          <Text color="red">{problem}</Text>
        </Box>
      ))}
    </Box>
  );
}
