import { Box, Text } from 'ink';
import { useRef } from 'react';
import { useTerminalSize } from '../use-terminal-size.js';
import { detailLines, initialFocus, visibleWindow } from './choice-list.js';
import { useChoiceList } from './use-choice-list.js';

export interface ChoiceItem {
  value: string;
  label: string;
  detail?: string;
  /** Shown in yellow after the item: why it needs a second thought. */
  warnings?: readonly string[];
}

export interface ChoiceListProps {
  items: readonly ChoiceItem[];
  /** The item focused first: the current answer, so Enter keeps it. */
  initialValue?: string;
  isActive?: boolean;
  /**
   * Rows the rest of the screen takes (header, question, hints, the line Ink keeps free):
   * the list gets what is left of the terminal and scrolls before the screen overflows.
   */
  reservedRows?: number;
  onSubmit: (value: string) => void;
}

/** The wizard's header, its gap and the question; the hint line (two when narrow); a free line. */
const defaultReservedRows = 7;
/** However short the terminal: the focused item and a row either side. */
const minListRows = 3;

export function ChoiceList({
  items,
  initialValue,
  isActive = true,
  reservedRows = defaultReservedRows,
  onSubmit,
}: ChoiceListProps) {
  const { rows, columns } = useTerminalSize();
  // PgUp/PgDn move by as many items as the last frame showed.
  const page = useRef(1);
  const initialIndex = initialFocus(
    items.map((item) => item.value),
    initialValue,
  );
  const focused = useChoiceList({
    count: items.length,
    initialIndex,
    isActive,
    pageSize: () => page.current,
    onSubmit: (index) => {
      const item = items[index];
      if (item) onSubmit(item.value);
    },
  });
  const heights = items.map((item) => itemHeight(item, columns));
  const { from, to } = visibleWindow(heights, focused, Math.max(minListRows, rows - reservedRows));
  page.current = Math.max(1, to - from);
  return (
    <Box flexDirection="column">
      {from > 0 && <Text dimColor> ↑ {from} more</Text>}
      {items.slice(from, to).map((item, offset) => (
        <ChoiceRow key={item.value} item={item} isFocused={from + offset === focused} />
      ))}
      {to < items.length && <Text dimColor> ↓ {items.length - to} more</Text>}
    </Box>
  );
}

/** The width an item's text wraps to: past its 2-column cursor, one column short of the edge. */
const textWidth = (columns: number) => Math.max(10, columns - 3);

/** Rows an item takes on a terminal this wide: its line and each warning, as they wrap. */
function itemHeight(item: ChoiceItem, columns: number): number {
  const rows = (length: number) => Math.max(1, Math.ceil(length / Math.max(1, columns)));
  const detail = item.detail ? detailLines(item.label, item.detail, textWidth(columns)) : undefined;
  return (
    1 +
    (detail?.under.length ?? 0) +
    (item.warnings ?? []).reduce((sum, w) => sum + rows(6 + w.length), 0)
  );
}

function ChoiceRow({ item, isFocused }: { item: ChoiceItem; isFocused: boolean }) {
  const { columns } = useTerminalSize();
  const color = isFocused ? 'cyan' : undefined;
  // Wrapped here: Ink's own wrap would start the detail's next line at column 0.
  const detail = item.detail ? detailLines(item.label, item.detail, textWidth(columns)) : undefined;
  return (
    <Box flexDirection="column">
      <Text color={color}>
        {isFocused ? '› ' : '  '}
        {item.label}
        {detail?.beside ? <Text dimColor>{`  ${detail.beside}`}</Text> : null}
      </Text>
      {detail?.under.map((line, i) => (
        <Text key={i} dimColor>
          {`  ${line}`}
        </Text>
      ))}
      {(item.warnings ?? []).map((warning) => (
        <Text key={warning} color="yellow">
          {`    ⚠ ${warning}`}
        </Text>
      ))}
    </Box>
  );
}
