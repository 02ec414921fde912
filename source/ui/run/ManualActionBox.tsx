import { Box, Text } from 'ink';
import type { DnsCheckView } from '../panels/panel-data.js';
import { clockTime } from './format-time.js';
import type { ManualActionState } from './run-state.js';

export interface ManualActionBoxProps {
  action: ManualActionState;
  /** The latest DNS check of the action's own step: it turns the box green by itself. */
  check?: DnsCheckView;
  width: number;
}

function CheckLine({ check }: { check?: DnsCheckView }) {
  if (!check) {
    return (
      <Text dimColor wrap="truncate">
        … waiting for the first check
      </Text>
    );
  }
  const when = clockTime(check.checkedAt);
  const seen = check.answers.length ? check.answers.join(', ') : 'nothing yet';
  if (check.ok) {
    return (
      <Text color="green" wrap="truncate">
        {`✓ ${check.server} answers ${seen} · checked ${when} · continuing`}
      </Text>
    );
  }
  const want = check.expected ? ` (want ${check.expected})` : '';
  return (
    <Text color="yellow" wrap="truncate">
      {`✗ ${check.server} answers ${seen}${want} · checked ${when}`}
    </Text>
  );
}

/** Something only the user can do (a DNS record), exactly what, with a live check of it. */
export function ManualActionBox({ action, check, width }: ManualActionBoxProps) {
  const ok = check?.ok === true;
  return (
    <Box
      flexDirection="column"
      borderStyle="round"
      borderColor={ok ? 'green' : 'yellow'}
      paddingX={1}
      width={width}
    >
      <Text bold color={ok ? 'green' : 'yellow'} wrap="truncate">
        {`${ok ? '✓ DONE' : 'ACTION NEEDED'}: ${action.title}`}
      </Text>
      {action.lines.map((line, i) => (
        <Text key={i} wrap="truncate">
          {line}
        </Text>
      ))}
      <CheckLine check={check} />
    </Box>
  );
}
