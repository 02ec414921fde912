import { StatusMessage } from '@inkjs/ui';
import { Box, Text } from 'ink';
import { useState } from 'react';
import type { IngressControllerName } from '../../config/schema.js';
import { currentIngressController, ingressControllerChoices } from './ingress-controller-choice.js';
import { mergeAnswers, type PartialAnswers } from '../../config/partial-answers.js';
import type { NetworkProfile } from '../../systems/pks.js';
import { ChoiceList } from './ChoiceList.js';
import { KeyHints } from '../keys/KeyHints.js';
import {
  currentLoadBalancerChoice,
  loadBalancerChoices,
  loadBalancerPatch,
} from './load-balancer-choice.js';
import { Loading } from './Loading.js';
import type { StepProps } from './step-props.js';
import { useAsync } from './use-async.js';

/**
 * The NSX-T load-balancer size, through a network profile (new, or one that exists), then
 * the ingress controller that sits behind its virtual server.
 */
export function LoadBalancerStep({ answers, data, onSubmit }: StepProps) {
  const profiles = useAsync(() => data.networkProfiles());
  const [sizePatch, setSizePatch] = useState<PartialAnswers | undefined>();
  if (profiles.status === 'loading') return <Loading label="Reading pks network-profiles…" />;
  if (sizePatch)
    return (
      <Box flexDirection="column">
        <Text>
          Ingress controller in front of Rancher (NSX-T's own L7 cannot send X-Forwarded-Proto).
        </Text>
        <ChoiceList
          items={ingressControllerChoices()}
          initialValue={currentIngressController(answers)}
          onSubmit={(value) =>
            onSubmit(
              mergeAnswers(sizePatch, {
                ingress: { controller: value as IngressControllerName },
              }),
            )
          }
        />
        <KeyHints screen="choice" />
      </Box>
    );
  // Without the list the sizes can still be chosen; reuse just is not offered.
  const known: NetworkProfile[] = profiles.status === 'done' ? profiles.value : [];
  const choices = loadBalancerChoices(known);
  return (
    <Box flexDirection="column">
      <Text>Load-balancer size for the cluster (small, medium or large).</Text>
      <Text color="yellow">
        It cannot be changed after the cluster exists: PKS sets it from the network profile at
        create time.
      </Text>
      {profiles.status === 'failed' && (
        <StatusMessage variant="warning">
          could not list network profiles ({profiles.error}); only new profiles are offered
        </StatusMessage>
      )}
      <ChoiceList
        items={choices}
        initialValue={currentLoadBalancerChoice(answers, known)}
        onSubmit={(value) => setSizePatch(loadBalancerPatch(value, known))}
      />
      <KeyHints screen="choice" />
    </Box>
  );
}
