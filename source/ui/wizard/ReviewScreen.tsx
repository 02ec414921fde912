import { StatusMessage } from '@inkjs/ui';
import { Box, Text } from 'ink';
import { useMemo, useState } from 'react';
import { isChar, isKey } from '../input/key-event.js';
import { useKeyState } from '../input/use-key-state.js';
import { useKeys } from '../input/use-keys.js';
import type { Config } from '../../config/config.js';
import { checkAnswers } from './check-answers.js';
import { focusMove, moveFocus } from './choice-list.js';
import { KeyHints } from '../keys/KeyHints.js';
import { reviewLines, type ReviewLine } from './review-lines.js';
import {
  checkMarks,
  fileMarks,
  marksOf,
  problemMarks,
  startDecision,
  uniqueMarks,
  unplacedMarks,
  type ReviewMark,
} from './review-marks.js';
import { useReviewChecks } from './use-review-checks.js';
import type { LabelLayout } from '../label-layout.js';
import { LabeledRow } from '../LabeledRow.js';
import { useLabelLayout } from '../use-label-layout.js';
import type { PartialAnswers } from '../../config/partial-answers.js';
import type { WizardData } from './wizard-data.js';
import type { PromptStep } from './wizard-steps.js';
import type { Env } from '../../shared/env.js';

export interface ReviewScreenProps {
  answers: PartialAnswers;
  hasPassword: boolean;
  baseDir: string;
  env: Env;
  /** The review's re-checks (the preflight rules an edit can break). */
  recheck: WizardData['recheck'];
  /** What the answers file said was wrong and no edit has answered yet. */
  fileProblems?: readonly string[];
  /** The line to start on (the prompt just edited); else the first problem, else "install". */
  focusStep?: PromptStep;
  onEdit: (step: PromptStep) => void;
  /** Start, naming the warnings the user accepted here (preflight ids). */
  onConfirm: (config: Config, acceptedWarnings: string[]) => void;
  onPreflight?: (config: Config) => void;
}

const noProblems: readonly string[] = [];

/** Every answer on one screen; Enter on a line edits it, Enter on the last line installs. */
export function ReviewScreen(props: ReviewScreenProps) {
  const { answers, hasPassword, baseDir, env, onEdit, onConfirm, onPreflight } = props;
  const fileProblems = props.fileProblems ?? noProblems;
  const lines = useMemo(() => reviewLines(answers, hasPassword), [answers, hasPassword]);
  const result = useMemo(() => checkAnswers(answers, baseDir, env), [answers, baseDir, env]);
  const checks = useReviewChecks(props.recheck, result.ok ? result.config : undefined);
  const marks = useMemo(
    () =>
      uniqueMarks([
        ...problemMarks(result.ok ? [] : result.problems),
        ...fileMarks(lines, fileProblems),
        ...(checks.status === 'done' ? checkMarks(checks.results) : []),
      ]),
    [result, fileProblems, lines, checks],
  );
  const installIndex = lines.length;
  const [focused, setFocused, currentFocus] = useKeyState(() =>
    startIndex(lines, marks, props.focusStep, installIndex),
  );
  // Whether Start (or p) was refused: the line says why as long as it still is.
  const [refused, setRefused] = useState(false);
  const [confirming, setConfirming] = useState(false);

  const start = (accepted: boolean) => {
    const decision = startDecision(lines, marks, accepted);
    if (decision.kind === 'refused') return setRefused(true);
    if (decision.kind === 'confirm') return setConfirming(true);
    if (result.ok) onConfirm(result.config, decision.acceptedWarnings);
  };

  // "y start anyway · any other key back": the prompt takes every key while it is up, so
  // Esc goes back to the review and does not also leave the wizard.
  useKeys(
    (key) => {
      setConfirming(false);
      if (isChar(key, 'y')) start(true);
    },
    { isActive: confirming, capture: true },
  );
  useKeys((key) => {
    if (confirming) return;
    const move = focusMove(key, installIndex + 1);
    if (move !== undefined) setFocused((index) => moveFocus(index, move, installIndex + 1));
    if (isKey(key, 'return')) {
      const line = lines[currentFocus()];
      if (line) onEdit(line.step);
      else start(false);
    }
    if (isChar(key, 'p') && onPreflight) {
      if (result.ok) onPreflight(result.config);
      else setRefused(true);
    }
  });

  // "› ✗ " before each label.
  const layout = useLabelLayout(
    lines.map((line) => line.label),
    4,
  );
  const warnings = marks.filter((mark) => mark.status === 'warn');
  const decision = startDecision(lines, marks, false);
  return (
    <Box flexDirection="column">
      <Text>
        Every answer, before anything is created. Select one and press Enter to change it.
      </Text>
      {fileProblems.length > 0 ? (
        <Text color="yellow">
          The answers file has problems, marked below: fix them here (the file itself is not
          changed).
        </Text>
      ) : null}
      {lines.map((line, index) => (
        <AnswerLine
          key={`${line.step}:${line.label}`}
          line={line}
          layout={layout}
          isFocused={index === focused}
          marks={marksOf(line, marks)}
        />
      ))}
      {unplacedMarks(lines, marks).map((mark) => (
        <MarkLines key={mark.text} mark={mark} indent={0} />
      ))}
      <Box marginTop={1}>
        <Text
          color={focused === installIndex ? 'green' : undefined}
          bold={focused === installIndex}
        >
          {focused === installIndex ? '› ' : '  '}Start the install
        </Text>
        {checks.status === 'checking' ? <Text dimColor> (re-checking the answers…)</Text> : null}
      </Box>
      {confirming ? (
        <Text color="yellow">
          {`! ${warnings.length} warning${warnings.length === 1 ? '' : 's'} (marked !): y start anyway · any other key back`}
        </Text>
      ) : null}
      {refused && decision.kind === 'refused' ? (
        <StatusMessage variant="error">{decision.reason}</StatusMessage>
      ) : null}
      <KeyHints
        screen={confirming ? 'review-confirm' : 'review'}
        when={{ preflight: Boolean(onPreflight) }}
      />
    </Box>
  );
}

function startIndex(
  lines: readonly ReviewLine[],
  marks: readonly ReviewMark[],
  focusStep: PromptStep | undefined,
  installIndex: number,
): number {
  const edited = focusStep ? lines.findIndex((line) => line.step === focusStep) : -1;
  if (edited >= 0) return edited;
  const firstProblem = lines.findIndex((line) => marksOf(line, marks).length > 0);
  return firstProblem >= 0 ? firstProblem : installIndex;
}

const markStyle = {
  fail: { sign: '✗', color: 'red' },
  warn: { sign: '!', color: 'yellow' },
} as const;

function MarkLines({ mark, indent }: { mark: ReviewMark; indent: number }) {
  const { sign, color } = markStyle[mark.status];
  return (
    <Box flexDirection="column" marginLeft={indent}>
      {/* Sign and arrow in columns of their own: wrapped text hangs under the text. */}
      <Box>
        <Box width={2} flexShrink={0}>
          <Text color={color}>{sign}</Text>
        </Box>
        <Text color={color}>{mark.text}</Text>
      </Box>
      {mark.remedy ? (
        <Box marginLeft={2}>
          <Box width={2} flexShrink={0}>
            <Text color={color}>→</Text>
          </Box>
          <Text color={color}>{mark.remedy}</Text>
        </Box>
      ) : null}
    </Box>
  );
}

function AnswerLine(props: {
  line: ReviewLine;
  layout: LabelLayout;
  isFocused: boolean;
  marks: readonly ReviewMark[];
}) {
  const { line, layout, isFocused, marks } = props;
  const worst = marks.some((mark) => mark.status === 'fail')
    ? '✗ '
    : marks.length > 0
      ? '! '
      : '  ';
  return (
    <Box flexDirection="column">
      <LabeledRow
        layout={layout}
        label={`${isFocused ? '› ' : '  '}${worst}${line.label}  `}
        color={isFocused ? 'cyan' : undefined}
      >
        <Text>{line.value}</Text>
      </LabeledRow>
      {marks.map((mark) => (
        <MarkLines key={mark.text} mark={mark} indent={4} />
      ))}
    </Box>
  );
}
