import { useContext, useMemo, type ReactNode } from 'react';
import { HelpContext } from './help-context.js';
import type { KeyConditions } from './screen-keys.js';

/** Adds what holds for every screen inside (the wizard's Esc) to their hint lines and help. */
export function KeyScope({
  conditions,
  children,
}: {
  conditions: KeyConditions;
  children: ReactNode;
}) {
  const parent = useContext(HelpContext);
  const key = JSON.stringify(conditions);
  const value = useMemo(
    () => ({
      ...parent,
      conditions: { ...parent?.conditions, ...(JSON.parse(key) as KeyConditions) },
    }),
    [parent, key],
  );
  return <HelpContext.Provider value={value}>{children}</HelpContext.Provider>;
}
