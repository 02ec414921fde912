import { Box, Text } from 'ink';
import { isKey } from '../input/key-event.js';
import { useKeys } from '../input/use-keys.js';
import type { Config } from '../../config/config.js';
import { ClusterStep } from './ClusterStep.js';
import { KeyScope } from '../keys/KeyScope.js';
import type { KeyConditions } from '../keys/screen-keys.js';
import { LoadBalancerStep } from './LoadBalancerStep.js';
import { LoginStep } from './LoginStep.js';
import { PlanStep } from './PlanStep.js';
import { RancherHostnameStep } from './RancherHostnameStep.js';
import { RancherOptionsStep } from './RancherOptionsStep.js';
import { ReviewScreen } from './ReviewScreen.js';
import type { StepProps } from './step-props.js';
import { TlsStep } from './TlsStep.js';
import { useWizard } from './use-wizard.js';
import type { PartialAnswers } from '../../config/partial-answers.js';
import type { WizardData } from './wizard-data.js';
import { canGoBack, type WizardState } from './wizard-state.js';
import { stepPosition, stepTitles } from './wizard-steps.js';
import type { Env } from '../../shared/env.js';

export interface WizardProps {
  data: WizardData;
  /** Answers to start from: an answers file, a saved draft, or the demo's. */
  initial?: PartialAnswers;
  /** `review`: open on the review screen (answers from `--answers FILE`). */
  startAt?: 'review';
  /** The answers file's problems (one line each): marked on the review until edited. */
  fileProblems?: readonly string[];
  /** Where relative certificate paths start. */
  baseDir: string;
  env: Env;
  /** A bootstrap password typed earlier (before a preflight from the review): memory only. */
  password?: string;
  /** Start; `acceptedWarnings` (preflight ids) were accepted on the review, when any. */
  onConfirm: (config: Config, bootstrapPassword?: string, acceptedWarnings?: string[]) => void;
  /**
   * Runs the preflight checks; the key is hidden when absent. Gets the password so that it
   * survives the trip (the wizard is unmounted while the preflight shows).
   */
  onPreflight?: (config: Config, bootstrapPassword?: string) => void;
  /** The answers so far, each time they change (never the password): keep them as a draft. */
  onDraft?: (answers: PartialAnswers) => void;
  /** Esc on the first prompt or on the review. */
  onCancel?: () => void;
}

/** The guided install: one prompt at a time, then the review. */
export function Wizard(props: WizardProps) {
  const { data, baseDir, env, onConfirm, onPreflight, onCancel } = props;
  const wizard = useWizard({
    answers: props.initial,
    startAt: props.startAt,
    ...(props.fileProblems ? { fileProblems: props.fileProblems } : {}),
    password: props.password,
    onDraft: props.onDraft,
  });
  const { state } = wizard;

  useKeys((key) => {
    if (!isKey(key, 'escape')) return;
    if (canGoBack(state)) wizard.back();
    else onCancel?.();
  });

  const stepProps: StepProps = {
    answers: state.answers,
    errors: state.errors,
    data,
    onSubmit: wizard.submit,
    onReject: wizard.reject,
    onClearError: wizard.clearError,
  };

  const screen = (
    <Box flexDirection="column">
      <Header state={state} />
      <Box marginTop={1} flexDirection="column">
        {state.step === 'login' && <LoginStep key="login" data={data} onSubmit={wizard.submit} />}
        {state.step === 'plan' && <PlanStep key="plan" {...stepProps} />}
        {state.step === 'loadBalancer' && <LoadBalancerStep key="lb" {...stepProps} />}
        {state.step === 'cluster' && <ClusterStep key="cluster" {...stepProps} />}
        {state.step === 'rancherHostname' && <RancherHostnameStep key="hostname" {...stepProps} />}
        {state.step === 'tls' && <TlsStep key="tls" {...stepProps} baseDir={baseDir} />}
        {state.step === 'rancherOptions' && (
          <RancherOptionsStep
            key="options"
            {...stepProps}
            hasPassword={Boolean(wizard.password)}
            onPassword={wizard.setPassword}
          />
        )}
        {state.step === 'review' && (
          <ReviewScreen
            answers={state.answers}
            hasPassword={Boolean(wizard.password)}
            baseDir={baseDir}
            env={env}
            recheck={data.recheck}
            fileProblems={state.fileProblems}
            focusStep={state.lastEdited}
            onEdit={wizard.edit}
            onConfirm={(config, accepted) =>
              accepted.length > 0
                ? onConfirm(config, wizard.password || undefined, accepted)
                : onConfirm(config, wizard.password || undefined)
            }
            {...(onPreflight
              ? {
                  onPreflight: (config: Config) =>
                    onPreflight(config, wizard.password || undefined),
                }
              : {})}
          />
        )}
      </Box>
    </Box>
  );
  // Each prompt's hint line ends with where Esc leads from it.
  return <KeyScope conditions={escapeKeys(state)}>{screen}</KeyScope>;
}

function Header({ state }: { state: WizardState }) {
  const { index, total } = stepPosition(state.step);
  const where = state.step === 'login' || state.step === 'review' ? '' : `${index}/${total - 1} `;
  return (
    <Text bold>
      Rancher HA on Enterprise PKS · {where}
      {stepTitles[state.step]}
      {state.editingFromReview ? ' (editing; Esc returns to the review)' : ''}
    </Text>
  );
}

/** Where Esc leads from this prompt (the handler above does the same). */
function escapeKeys(state: WizardState): KeyConditions {
  if (state.editingFromReview) return { escReview: true };
  return canGoBack(state) ? { escBack: true } : { escQuit: true };
}
