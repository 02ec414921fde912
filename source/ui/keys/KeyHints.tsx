import { Box, Text } from 'ink';
import { useContext, useLayoutEffect } from 'react';
import { useTerminalSize } from '../use-terminal-size.js';
import { HelpContext } from './help-context.js';
import { hintLinesOf, type KeyConditions, type ScreenId } from './screen-keys.js';

export interface KeyHintsProps {
  screen: ScreenId;
  /** What holds now (keys with a `when` show only then); the wizard adds its Esc. */
  when?: KeyConditions;
  /** Wrap to this width (default: the terminal's, one column short of the edge). */
  width?: number;
  /**
   * The screen shows its own help (the run screen: a help host would hide its `<Static>`
   * stages along with it), so `?` is not the host's.
   */
  ownHelp?: boolean;
}

/**
 * The keys that work on this screen, e.g. `↑↓ move · Enter choose · ? help`, from the one
 * list (screen-keys.ts) the help is drawn from too. Mounted, it tells the help host which
 * screen shows, so `?` opens the help for exactly these keys.
 */
export function KeyHints({ screen, when, width, ownHelp = false }: KeyHintsProps) {
  const help = useContext(HelpContext);
  const conditions = { ...help?.conditions, ...when };
  const key = JSON.stringify(conditions);
  const show = ownHelp ? undefined : help?.show;
  useLayoutEffect(() => {
    if (!show) return;
    show({ screen, conditions: JSON.parse(key) as KeyConditions });
    return () => show(undefined);
  }, [show, screen, key]);
  const { columns } = useTerminalSize();
  const lines = hintLinesOf(screen, conditions, width ?? Math.max(20, columns - 1));
  return (
    <Box flexDirection="column">
      {lines.map((line, i) => (
        <Text key={i} dimColor>
          {line}
        </Text>
      ))}
    </Box>
  );
}
