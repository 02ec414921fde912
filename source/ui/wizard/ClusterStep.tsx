import { Box, Text } from 'ink';
import { useState } from 'react';
import { answerFieldProblem } from '../../config/field-rules.js';
import type { NetworkProfile, PksCluster } from '../../systems/pks.js';
import { describeCluster, reuseClusterPatch } from './existing-cluster.js';
import { YesNo } from './YesNo.js';
import { KeyHints } from '../keys/KeyHints.js';
import { Loading } from './Loading.js';
import type { StepProps } from './step-props.js';
import { TextField } from './TextField.js';
import { errorText } from './use-async.js';
import { useFieldFocus } from './use-field-focus.js';
import { useLabelLayout } from '../use-label-layout.js';

type Mode =
  | { kind: 'editing' }
  | { kind: 'looking-up' }
  | { kind: 'found'; cluster: PksCluster; profiles: NetworkProfile[] };

const fields = ['name', 'host'] as const;
const clusterLabels = { name: 'Cluster name', host: 'API hostname (pks create-cluster -e)' };

/** The cluster's name and API hostname; a cluster that already exists can be reused. */
export function ClusterStep({
  answers,
  errors,
  data,
  onSubmit,
  onReject,
  onClearError,
}: StepProps) {
  const [name, setName] = useState(answers.pks?.cluster ?? '');
  const [host, setHost] = useState(answers.pks?.externalHostname ?? '');
  const [mode, setMode] = useState<Mode>({ kind: 'editing' });
  const [focused, setFocused] = useFieldFocus(fields, mode.kind === 'editing');
  const layout = useLabelLayout(Object.values(clusterLabels));

  /** An existing cluster of that name turns the prompt into "reuse it?". */
  const lookUp = async (whenAbsent: () => void) => {
    setMode({ kind: 'looking-up' });
    try {
      const cluster = await data.cluster(name.trim());
      if (!cluster) {
        setMode({ kind: 'editing' });
        whenAbsent();
        return;
      }
      const profiles = await data.networkProfiles().catch(() => []);
      setMode({ kind: 'found', cluster, profiles });
    } catch (error) {
      setMode({ kind: 'editing' });
      setFocused('name');
      onReject({
        'pks.cluster': `pks.cluster: could not look for a cluster named ${name.trim()}: ${errorText(error)}; press Enter to try again`,
      });
    }
  };

  const nameProblem = () => answerFieldProblem('pks.cluster', name);
  const submitName = () => {
    const problem = nameProblem();
    if (problem) return onReject({ 'pks.cluster': problem });
    void lookUp(() => setFocused('host'));
  };
  const submitHost = () => {
    const problem = nameProblem();
    if (problem) {
      setFocused('name');
      return onReject({ 'pks.cluster': problem });
    }
    const hostProblem = answerFieldProblem('pks.externalHostname', host);
    if (hostProblem) return onReject({ 'pks.externalHostname': hostProblem });
    void lookUp(() => onSubmit({ pks: { cluster: name.trim(), externalHostname: host.trim() } }));
  };

  if (mode.kind === 'looking-up') {
    return <Loading label={`Looking for an existing cluster named ${name.trim()}…`} />;
  }
  if (mode.kind === 'found') {
    const { cluster, profiles } = mode;
    const decline = () => {
      setMode({ kind: 'editing' });
      setFocused('name');
      onReject({
        'pks.cluster': `pks.cluster: a cluster named ${cluster.name} already exists; reuse it or choose another name`,
      });
    };
    return (
      <Box flexDirection="column">
        <Text>
          A cluster named <Text bold>{cluster.name}</Text> already exists:
        </Text>
        <Text dimColor> {describeCluster(cluster)}</Text>
        <Text>Reusing it takes its plan, API hostname and network profile.</Text>
        <Box>
          <Text>Reuse {cluster.name}? </Text>
          <YesNo
            onConfirm={() => onSubmit(reuseClusterPatch(cluster, profiles))}
            onCancel={decline}
          />
        </Box>
        <KeyHints screen="confirm" />
      </Box>
    );
  }

  return (
    <Box flexDirection="column">
      <Text>The PKS cluster to create (or reuse), and the DNS name of its Kubernetes API.</Text>
      <TextField
        label={clusterLabels.name}
        layout={layout}
        value={name}
        isFocused={focused === 'name'}
        placeholder="e.g. rancher-ha"
        error={errors['pks.cluster']}
        onChange={(value) => {
          setName(value);
          onClearError('pks.cluster');
        }}
        onSubmit={submitName}
      />
      <TextField
        label={clusterLabels.host}
        layout={layout}
        value={host}
        isFocused={focused === 'host'}
        placeholder="e.g. rancher-ha.pks.example.com"
        error={errors['pks.externalHostname']}
        onChange={(value) => {
          setHost(value);
          onClearError('pks.externalHostname');
        }}
        onSubmit={submitHost}
      />
      <KeyHints screen="fields" />
    </Box>
  );
}
