export { Wizard, type WizardProps } from './Wizard.js';
export { ReviewScreen, type ReviewScreenProps } from './ReviewScreen.js';
export { wizardDataFromSystems, type WizardData } from './wizard-data.js';
export { DraftStore, draftFileName } from './draft-store.js';
export { pickAnswers, type WizardAnswers } from './wizard-answers.js';
export {
  wizardReducer,
  initialWizardState,
  type WizardState,
  type WizardAction,
} from './wizard-state.js';
export { completePath, type PathCompletion } from './complete-path.js';
