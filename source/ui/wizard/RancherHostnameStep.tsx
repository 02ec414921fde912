import { Box, Text } from 'ink';
import { useState } from 'react';
import { KeyHints } from '../keys/KeyHints.js';
import { rancherHostnameProblem, twoHostnamesExplanation } from './rancher-hostname.js';
import type { StepProps } from './step-props.js';
import { TextField } from './TextField.js';

export function RancherHostnameStep({
  answers,
  errors,
  onSubmit,
  onReject,
  onClearError,
}: StepProps) {
  const [hostname, setHostname] = useState(answers.rancher?.hostname ?? '');
  const api = answers.pks?.externalHostname;
  const submit = () => {
    const problem = rancherHostnameProblem(hostname, api);
    if (problem) onReject({ 'rancher.hostname': problem });
    else onSubmit({ rancher: { hostname: hostname.trim() } });
  };
  return (
    <Box flexDirection="column">
      <Text>{twoHostnamesExplanation}</Text>
      {api && <Text dimColor>The cluster’s API hostname is {api}.</Text>}
      <TextField
        label="Rancher hostname"
        value={hostname}
        isFocused
        placeholder="e.g. rancher.example.com"
        error={errors['rancher.hostname']}
        onChange={(value) => {
          setHostname(value);
          onClearError('rancher.hostname');
        }}
        onSubmit={submit}
      />
      <KeyHints screen="field" />
    </Box>
  );
}
