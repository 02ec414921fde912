/**
 * The wizard's screens, in the order a first run visits them. `login` is a gate,
 * not a question: it has no answer and is never returned to.
 */
export const wizardSteps = [
  'login',
  'plan',
  'loadBalancer',
  'cluster',
  'rancherHostname',
  'tls',
  'rancherOptions',
  'review',
] as const;

export type WizardStep = (typeof wizardSteps)[number];

/** The steps that ask for answers (and can be edited from the review). */
export type PromptStep = Exclude<WizardStep, 'login' | 'review'>;

export const stepTitles: Record<WizardStep, string> = {
  login: 'PKS CLI login',
  plan: 'PKS plan',
  loadBalancer: 'Load-balancer size',
  cluster: 'Cluster',
  rancherHostname: 'Rancher hostname',
  tls: 'Certificates',
  rancherOptions: 'Rancher options',
  review: 'Review',
};

export function nextStep(step: WizardStep): WizardStep {
  return wizardSteps[wizardSteps.indexOf(step) + 1] ?? 'review';
}

/** The step Esc goes back to; undefined on the first question (Esc then leaves the wizard). */
export function previousStep(step: WizardStep): WizardStep | undefined {
  const previous = wizardSteps[wizardSteps.indexOf(step) - 1];
  return previous === 'login' ? undefined : previous;
}

/** "3 of 7": where a prompt is among the questions and the review. */
export function stepPosition(step: WizardStep): { index: number; total: number } {
  return { index: wizardSteps.indexOf(step), total: wizardSteps.length - 1 };
}
