import { StatusMessage } from '@inkjs/ui';
import { Box, Text } from 'ink';
import type { NetworkProfile } from '../../systems/pks.js';
import { ChoiceList } from './ChoiceList.js';
import { KeyHints } from './KeyHints.js';
import {
  currentLoadBalancerChoice,
  loadBalancerChoices,
  loadBalancerPatch,
} from './load-balancer-choice.js';
import { Loading } from './Loading.js';
import type { StepProps } from './step-props.js';
import { useAsync } from './use-async.js';

/** The NSX-T load-balancer size, through a network profile (new, or one that exists). */
export function LoadBalancerStep({ answers, data, onSubmit }: StepProps) {
  const profiles = useAsync(() => data.networkProfiles());
  if (profiles.status === 'loading') return <Loading label="Reading pks network-profiles…" />;
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
        onSubmit={(value) => onSubmit(loadBalancerPatch(value, known))}
      />
      <KeyHints hints={['↑↓ move', 'Enter choose']} />
    </Box>
  );
}
