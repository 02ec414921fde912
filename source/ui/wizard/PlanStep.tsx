import { StatusMessage } from '@inkjs/ui';
import { Box, Text } from 'ink';
import { isChar } from '../input/key-event.js';
import { useKeys } from '../input/use-keys.js';
import { useState } from 'react';
import type { Plan } from '../../systems/pks.js';
import { ChoiceList, type ChoiceItem } from './ChoiceList.js';
import { YesNo } from './YesNo.js';
import { KeyHints } from '../keys/KeyHints.js';
import { Loading } from './Loading.js';
import { initialPlan, planConcerns, planDetail } from './plan-choice.js';
import type { StepProps } from './step-props.js';
import { useAsync } from './use-async.js';

/** The plan the cluster is built from; plans unfit for Rancher HA need a second yes. */
export function PlanStep({ answers, data, onSubmit }: StepProps) {
  const plans = useAsync(() => data.plans());
  const [pending, setPending] = useState<Plan | undefined>();

  useKeys((key) => isChar(key, 'r') && plans.retry(), {
    isActive: plans.status === 'failed' || (plans.status === 'done' && plans.value.length === 0),
  });

  if (plans.status === 'loading') return <Loading label="Reading pks plans…" />;
  if (plans.status === 'failed')
    return <LoadFailed message={`could not list the plans: ${plans.error}`} />;
  if (plans.value.length === 0) {
    return (
      <LoadFailed message="pks plans lists no plans; ask your PKS operator to make one available" />
    );
  }

  const choose = (name: string) => {
    const plan = plans.value.find((p) => p.name === name);
    if (!plan) return;
    if (planConcerns(plan).length > 0) setPending(plan);
    else onSubmit({ pks: { plan: plan.name } });
  };
  const current = answers.pks?.plan;
  const unlisted = current && !plans.value.some((plan) => plan.name === current);

  return (
    <Box flexDirection="column">
      <Text>Which plan builds the cluster? Rancher HA wants 3 masters and 3 workers.</Text>
      {unlisted && (
        <Text color="yellow">The answers name plan {current}, which pks plans does not list.</Text>
      )}
      <ChoiceList
        items={plans.value.map(planItem)}
        initialValue={initialPlan(plans.value, current)}
        isActive={!pending}
        onSubmit={choose}
      />
      {pending ? (
        <ConfirmPlan
          plan={pending}
          onConfirm={() => onSubmit({ pks: { plan: pending.name } })}
          onCancel={() => setPending(undefined)}
        />
      ) : (
        <KeyHints screen="choice" />
      )}
    </Box>
  );
}

function planItem(plan: Plan): ChoiceItem {
  return {
    value: plan.name,
    label: plan.name,
    detail: planDetail(plan),
    warnings: planConcerns(plan),
  };
}

function ConfirmPlan({
  plan,
  onConfirm,
  onCancel,
}: {
  plan: Plan;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <Box flexDirection="column" marginTop={1}>
      {planConcerns(plan).map((concern) => (
        <StatusMessage key={concern} variant="warning">
          {plan.name}: {concern}
        </StatusMessage>
      ))}
      <Box>
        <Text>Use plan {plan.name} anyway? </Text>
        <YesNo defaultChoice="cancel" onConfirm={onConfirm} onCancel={onCancel} />
      </Box>
      <KeyHints screen="confirm" />
    </Box>
  );
}

function LoadFailed({ message }: { message: string }) {
  return (
    <Box flexDirection="column">
      <StatusMessage variant="error">{message}</StatusMessage>
      <KeyHints screen="load-failed" />
    </Box>
  );
}
