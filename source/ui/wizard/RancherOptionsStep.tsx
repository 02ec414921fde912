import { Box, Text } from 'ink';
import { useState } from 'react';
import { defaultReplicas } from '../../config/schema.js';
import { KeyHints } from '../keys/KeyHints.js';
import { chartVersionProblem, parseReplicas } from './rancher-options.js';
import type { StepProps } from './step-props.js';
import { TextField } from './TextField.js';
import { useFieldFocus } from './use-field-focus.js';
import { useLabelLayout } from '../use-label-layout.js';

export interface RancherOptionsStepProps extends StepProps {
  hasPassword: boolean;
  /** The bootstrap password stays in memory only: it never reaches the answers or the draft. */
  onPassword: (password: string) => void;
}

const fields = ['replicas', 'chartVersion', 'password'] as const;
const optionLabels = {
  replicas: 'Replicas (3 for HA: one per worker)',
  chartVersion: 'Chart version',
  password: 'Bootstrap password',
};

/** Replicas, chart version and the bootstrap password. */
export function RancherOptionsStep(props: RancherOptionsStepProps) {
  const { answers, errors, onSubmit, onReject, onClearError, hasPassword, onPassword } = props;
  const [replicas, setReplicas] = useState(String(answers.rancher?.replicas ?? defaultReplicas));
  const [chartVersion, setChartVersion] = useState(answers.rancher?.chartVersion ?? '');
  /** What is typed in the password field: memory only, handed on with onPassword. */
  const [password, setPassword] = useState('');
  const [focused, setFocused] = useFieldFocus(fields, true);
  const layout = useLabelLayout(Object.values(optionLabels));

  const submitReplicas = () => {
    const parsed = parseReplicas(replicas);
    if ('problem' in parsed) return onReject({ 'rancher.replicas': parsed.problem });
    setFocused('chartVersion');
  };
  const submitChartVersion = () => {
    const problem = chartVersionProblem(chartVersion);
    if (problem) return onReject({ 'rancher.chartVersion': problem });
    setFocused('password');
  };
  /** The last field: everything is checked once more, then the step is done. */
  const submitPassword = (password: string) => {
    const parsed = parseReplicas(replicas);
    if ('problem' in parsed) {
      setFocused('replicas');
      return onReject({ 'rancher.replicas': parsed.problem });
    }
    const problem = chartVersionProblem(chartVersion);
    if (problem) {
      setFocused('chartVersion');
      return onReject({ 'rancher.chartVersion': problem });
    }
    // Empty keeps a password typed earlier (the field cannot show it again).
    if (password) onPassword(password);
    onSubmit({ rancher: { replicas: parsed.value, chartVersion: chartVersion.trim() } });
  };

  return (
    <Box flexDirection="column">
      <TextField
        label={optionLabels.replicas}
        layout={layout}
        value={replicas}
        isFocused={focused === 'replicas'}
        error={errors['rancher.replicas']}
        onChange={(value) => {
          setReplicas(value);
          onClearError('rancher.replicas');
        }}
        onSubmit={submitReplicas}
      />
      <TextField
        label={optionLabels.chartVersion}
        layout={layout}
        value={chartVersion}
        isFocused={focused === 'chartVersion'}
        placeholder="empty: the latest"
        error={errors['rancher.chartVersion']}
        onChange={(value) => {
          setChartVersion(value);
          onClearError('rancher.chartVersion');
        }}
        onSubmit={submitChartVersion}
      />
      <TextField
        label={optionLabels.password}
        layout={layout}
        value={password}
        isFocused={focused === 'password'}
        mask="*"
        placeholder={hasPassword ? 'set; type to replace it' : 'empty: Rancher generates one'}
        summary={password || !hasPassword ? undefined : 'set (hidden)'}
        onChange={setPassword}
        onSubmit={submitPassword}
      />
      <Text dimColor>
        The password is used for this install only; it is never written to the draft or the session.
      </Text>
      <KeyHints screen="fields" />
    </Box>
  );
}
