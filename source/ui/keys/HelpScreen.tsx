import { Box, Text } from 'ink';
import { isKey } from '../input/key-event.js';
import { useKeys } from '../input/use-keys.js';
import {
  helpBinding,
  isHelpKey,
  keysOf,
  type KeyConditions,
  type ScreenId,
} from './screen-keys.js';

export interface HelpScreenProps {
  screen: ScreenId;
  conditions?: KeyConditions;
  onClose(): void;
}

/**
 * Every key of the screen beneath, the ones the hint line has no room for too; `?` (or F1)
 * and Esc close it. It takes the keys while open: the screen beneath acts on none.
 */
export function HelpScreen({ screen, conditions, onClose }: HelpScreenProps) {
  useKeys(
    (key) => {
      if (isKey(key, 'escape') || isHelpKey(key, screen)) onClose();
    },
    { capture: true },
  );
  const bindings = keysOf(screen, conditions).filter((k) => k.does !== 'help');
  const width = Math.max(...bindings.map((k) => k.keys.length));
  return (
    <Box
      flexDirection="column"
      alignSelf="flex-start"
      borderStyle="round"
      borderColor="cyan"
      paddingX={1}
    >
      <Text bold>Keys on this screen</Text>
      {bindings.map((binding) => (
        <Text key={`${binding.keys} ${binding.does}`}>
          <Text bold>{binding.keys.padEnd(width)}</Text>
          {`  ${binding.does}${binding.detail ? ` (${binding.detail})` : ''}`}
        </Text>
      ))}
      <Text dimColor>{`${helpBinding(screen).keys} or Esc closes this help`}</Text>
    </Box>
  );
}
