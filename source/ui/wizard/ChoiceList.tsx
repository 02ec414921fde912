import { Box, Text } from 'ink';
import { initialFocus, visibleWindow } from './choice-list.js';
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
  visibleCount?: number;
  onSubmit: (value: string) => void;
}

export function ChoiceList({
  items,
  initialValue,
  isActive = true,
  visibleCount = 8,
  onSubmit,
}: ChoiceListProps) {
  const initialIndex = initialFocus(
    items.map((item) => item.value),
    initialValue,
  );
  const focused = useChoiceList({
    count: items.length,
    initialIndex,
    isActive,
    pageSize: visibleCount,
    onSubmit: (index) => {
      const item = items[index];
      if (item) onSubmit(item.value);
    },
  });
  const { from, to } = visibleWindow(focused, items.length, visibleCount);
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

function ChoiceRow({ item, isFocused }: { item: ChoiceItem; isFocused: boolean }) {
  return (
    <Box flexDirection="column">
      <Text color={isFocused ? 'cyan' : undefined}>
        {isFocused ? '› ' : '  '}
        {item.label}
        {item.detail && <Text dimColor>{`  ${item.detail}`}</Text>}
      </Text>
      {(item.warnings ?? []).map((warning) => (
        <Text key={warning} color="yellow">
          {`    ⚠ ${warning}`}
        </Text>
      ))}
    </Box>
  );
}
