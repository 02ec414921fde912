import { Box, Text } from 'ink';
import type { DnsCheckView } from '../panels/panel-data.js';
import { clockTime } from './format-time.js';
import { CopyText } from '../CopyText.js';
import { manualHeading, type ManualBoxText } from './live-layout.js';
import type { ManualActionState } from './run-state.js';

export interface ManualActionBoxProps {
  action: ManualActionState;
  /** The latest DNS check of the action's own step: it turns the box green by itself. */
  check?: DnsCheckView;
  /** The box's width. */
  width: number;
  /** The terminal's: the text to copy goes outside the box. */
  columns: number;
  /** The title and lines, wrapped to the box (manualBoxText). */
  lines: ManualBoxText;
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

/**
 * Something only the user can do (a DNS record): what, with a live check of it, and
 * under the box, whole and on a line of its own, the text to copy (the zone line).
 * The title and lines come wrapped to the box (live-layout.ts), so the IP in the
 * title is never cut.
 */
export function ManualActionBox({ action, check, width, columns, lines }: ManualActionBoxProps) {
  const ok = check?.ok === true;
  return (
    <Box flexDirection="column">
      <Box
        flexDirection="column"
        borderStyle="round"
        borderColor={ok ? 'green' : 'yellow'}
        paddingX={1}
        width={width}
      >
        {lines.title.map((line, i) => (
          <Text key={`t${i}`} bold color={ok ? 'green' : 'yellow'} wrap="truncate">
            {ok && i === 0 ? line.replace(manualHeading, '✓ DONE') : line}
          </Text>
        ))}
        {lines.body.map((line, i) => (
          <Text key={`b${i}`} wrap="truncate">
            {line}
          </Text>
        ))}
        <CheckLine check={check} />
      </Box>
      {(action.copy ?? []).map((text) => (
        <CopyText key={text} text={text} columns={columns} color={ok ? undefined : 'yellow'} />
      ))}
    </Box>
  );
}
