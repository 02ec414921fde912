import { Box } from 'ink';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useKeys } from '../input/use-keys.js';
import { HelpContext, type HelpContextValue, type ShownKeys } from './help-context.js';
import { HelpScreen } from './HelpScreen.js';
import { isHelpKey } from './screen-keys.js';

/**
 * Where `?` opens the help for the screen inside: the screen's hint line says which screen
 * it is (KeyHints), and while the help shows the screen stays mounted but hidden, so
 * nothing typed or chosen there is lost. (Not around the run screen: its finished stages
 * are `<Static>`, which a hidden parent would drop; the run screen shows its help itself.)
 */
export function HelpHost({ children }: { children: ReactNode }) {
  const [shown, setShown] = useState<ShownKeys | undefined>();
  const [open, setOpen] = useState(false);
  const show = useCallback((next: ShownKeys | undefined) => setShown(next), []);
  const value = useMemo<HelpContextValue>(() => ({ show }), [show]);
  // A screen without a hint line (between two screens that have one, it is never seen empty).
  useEffect(() => {
    if (!shown) setOpen(false);
  }, [shown]);
  useKeys(
    (key) => {
      if (shown && isHelpKey(key, shown.screen)) setOpen(true);
    },
    { isActive: !open && shown !== undefined },
  );
  return (
    <HelpContext.Provider value={value}>
      <Box flexDirection="column" display={open && shown ? 'none' : 'flex'}>
        {children}
      </Box>
      {open && shown ? (
        <HelpScreen
          screen={shown.screen}
          conditions={shown.conditions}
          onClose={() => setOpen(false)}
        />
      ) : null}
    </HelpContext.Provider>
  );
}
