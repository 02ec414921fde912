import type { AnswerField } from '../../config/field-rules.js';
import { mergeAnswers, type PartialAnswers } from '../../config/partial-answers.js';
import { fieldsOfStep } from './review-lines.js';
import { nextStep, previousStep, type PromptStep, type WizardStep } from './wizard-steps.js';

/** Per-field problems, shown in place under the field (`pks.cluster: ...`). */
export type FieldErrors = Readonly<Partial<Record<AnswerField, string>>>;

export interface WizardState {
  readonly step: WizardStep;
  readonly answers: PartialAnswers;
  readonly errors: FieldErrors;
  /** Set while a prompt is edited from the review screen: finishing it returns there. */
  readonly editingFromReview: boolean;
  /** The prompt last opened from the review, so the review can keep its place. */
  readonly lastEdited?: PromptStep;
  /**
   * What was wrong in the answers file, as it said it: each stays on the review until its
   * line is edited (a value the wizard could not keep, e.g. `replicas: three`, is otherwise
   * silently a default).
   */
  readonly fileProblems: readonly string[];
}

export type WizardAction =
  /** The current step is answered: keep the answers and move on. */
  | { type: 'submit'; patch?: PartialAnswers }
  /** The current step's input is not acceptable: show why, next to each field. */
  | { type: 'reject'; errors: FieldErrors }
  | { type: 'clear-error'; field: AnswerField }
  | { type: 'back' }
  /** From the review: open one prompt, then come back. */
  | { type: 'edit'; step: PromptStep };

export interface WizardStart {
  answers?: PartialAnswers;
  /** `review` when the answers came from a file: show them all first. */
  startAt?: 'review';
  /** The answers file's problems, one line each (`field: what; fix`). */
  fileProblems?: readonly string[];
}

export function initialWizardState(start: WizardStart = {}): WizardState {
  return {
    step: start.startAt ?? 'login',
    answers: start.answers ?? {},
    errors: {},
    editingFromReview: false,
    fileProblems: start.fileProblems ?? [],
  };
}

export function wizardReducer(state: WizardState, action: WizardAction): WizardState {
  switch (action.type) {
    case 'submit':
      return {
        ...state,
        answers: action.patch ? mergeAnswers(state.answers, action.patch) : state.answers,
        errors: {},
        step: state.editingFromReview ? 'review' : nextStep(state.step),
        editingFromReview: false,
        fileProblems: withoutProblemsOf(state.fileProblems, state.step),
      };
    case 'reject':
      return { ...state, errors: { ...state.errors, ...action.errors } };
    case 'clear-error':
      return action.field in state.errors
        ? { ...state, errors: without(state.errors, action.field) }
        : state;
    case 'back':
      return goBack(state);
    case 'edit':
      return {
        ...state,
        step: action.step,
        errors: {},
        editingFromReview: true,
        lastEdited: action.step,
      };
  }
}

/** Back from an edit abandons it; otherwise one prompt back (never past the first). */
function goBack(state: WizardState): WizardState {
  if (state.editingFromReview) {
    return { ...state, step: 'review', errors: {}, editingFromReview: false };
  }
  const previous = previousStep(state.step);
  return previous && state.step !== 'review' ? { ...state, step: previous, errors: {} } : state;
}

/** Whether Esc has somewhere to go inside the wizard (else it leaves the wizard). */
export function canGoBack(state: WizardState): boolean {
  return state !== goBack(state);
}

/** The file's problems a prompt just answered again. */
function withoutProblemsOf(problems: readonly string[], step: WizardStep): readonly string[] {
  if (step === 'login' || step === 'review' || problems.length === 0) return problems;
  const fields = fieldsOfStep(step);
  return problems.filter((problem) => !fields.some((field) => problem.startsWith(`${field}:`)));
}

function without(errors: FieldErrors, field: AnswerField): FieldErrors {
  const rest: Partial<Record<AnswerField, string>> = { ...errors };
  delete rest[field];
  return rest;
}
