import { useLayoutEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { AnswerField } from '../../config/field-rules.js';
import type { PartialAnswers } from '../../config/partial-answers.js';
import {
  initialWizardState,
  wizardReducer,
  type FieldErrors,
  type WizardStart,
} from './wizard-state.js';
import type { PromptStep } from './wizard-steps.js';

export interface WizardOptions extends WizardStart {
  /** A password typed before the wizard was last unmounted (memory only). */
  password?: string;
  /** Called with the answers each time they change, to keep a draft. Never gets the password. */
  onDraft?: (answers: PartialAnswers) => void;
}

/** The wizard's state (the pure reducer) and the bootstrap password (memory only). */
export function useWizard(options: WizardOptions) {
  const { answers, startAt, fileProblems, password: typed, onDraft } = options;
  const [state, dispatch] = useReducer(
    wizardReducer,
    { answers, startAt, ...(fileProblems ? { fileProblems } : {}) },
    initialWizardState,
  );
  const [password, setPassword] = useState<string | undefined>(typed);
  useDraftCallback(state.answers, onDraft);

  const actions = useMemo(
    () => ({
      submit: (patch?: PartialAnswers) => dispatch({ type: 'submit', patch }),
      reject: (errors: FieldErrors) => dispatch({ type: 'reject', errors }),
      clearError: (field: AnswerField) => dispatch({ type: 'clear-error', field }),
      back: () => dispatch({ type: 'back' }),
      edit: (step: PromptStep) => dispatch({ type: 'edit', step }),
    }),
    [],
  );
  return { state, password, setPassword, ...actions };
}

/**
 * Reports answers as they are given (not the ones the wizard started with), in a layout
 * effect: the draft is written before the next key is read, so a Ctrl-C that arrives in the
 * same chunk as the Enter still finds it saved.
 */
function useDraftCallback(
  answers: PartialAnswers,
  onDraft: ((answers: PartialAnswers) => void) | undefined,
): void {
  const started = useRef(answers);
  const report = useRef(onDraft);
  report.current = onDraft;
  useLayoutEffect(() => {
    if (answers !== started.current) report.current?.(answers);
  }, [answers]);
}
