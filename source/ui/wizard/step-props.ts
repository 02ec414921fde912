import type { AnswerField } from '../../config/field-rules.js';
import type { PartialAnswers } from '../../config/partial-answers.js';
import type { WizardData } from './wizard-data.js';
import type { FieldErrors } from './wizard-state.js';

/** What every prompt gets from the wizard. Prompts hold only what is being typed. */
export interface StepProps {
  answers: PartialAnswers;
  errors: FieldErrors;
  data: WizardData;
  /** The step is answered (with these answers): move on. */
  onSubmit: (patch?: PartialAnswers) => void;
  onReject: (errors: FieldErrors) => void;
  onClearError: (field: AnswerField) => void;
}
