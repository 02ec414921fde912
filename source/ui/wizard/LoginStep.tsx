import { StatusMessage } from '@inkjs/ui';
import { Box, Text } from 'ink';
import { isChar } from '../input/key-event.js';
import { useKeys } from '../input/use-keys.js';
import { useEffect } from 'react';
import { KeyHints } from '../keys/KeyHints.js';
import { Loading } from './Loading.js';
import { loginProblem } from './login-problem.js';
import type { StepProps } from './step-props.js';
import { useAsync } from './use-async.js';

export const loginCommand = 'pks login -a API -u USER -k';

/** The gate: every pks command fails until the CLI is logged in, so check that first. */
export function LoginStep({ data, onSubmit }: Pick<StepProps, 'data' | 'onSubmit'>) {
  // What loginState threw is kept as an error: its kind says what really failed.
  const login = useAsync(() =>
    data
      .loginState()
      .catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))),
  );
  const problem = login.status === 'done' ? loginProblem(login.value) : undefined;
  const loggedIn = login.status === 'done' && !problem;

  useEffect(() => {
    if (loggedIn) onSubmit();
  }, [loggedIn, onSubmit]);

  useKeys(
    (key) => {
      if (isChar(key, 'r')) login.retry();
    },
    { isActive: login.status !== 'loading' && !loggedIn },
  );

  if (login.status === 'loading') return <Loading label="Checking the PKS CLI is logged in…" />;
  if (loggedIn) return <StatusMessage variant="success">The PKS CLI is logged in</StatusMessage>;
  const shown = problem ?? {
    headline: 'The PKS CLI failed',
    message: login.status === 'failed' ? login.error : '',
    remedy: '',
    showLogin: false,
  };
  return (
    <Box flexDirection="column">
      <StatusMessage variant="error">{`${shown.headline}: ${shown.message}`}</StatusMessage>
      {shown.remedy && <Text>{shown.remedy}</Text>}
      {shown.showLogin ? (
        <Box marginTop={1} flexDirection="column">
          <Text>Log in from another terminal, then retry:</Text>
          <Text color="cyan"> {loginCommand}</Text>
          <Text dimColor>
            (tkgi login for TKGI; -k skips the API certificate check, or use --ca-cert PATH; the
            password is asked by the CLI, never by this tool)
          </Text>
        </Box>
      ) : (
        <Text dimColor>Fix that, then retry.</Text>
      )}
      <KeyHints screen="load-failed" />
    </Box>
  );
}
