import { createContext } from 'react';
import type { KeyConditions, ScreenId } from './screen-keys.js';

/** The screen whose keys show, as its hint line says them. */
export interface ShownKeys {
  screen: ScreenId;
  conditions: KeyConditions;
}

export interface HelpContextValue {
  /** The hint line of the screen on show mounted (or, `undefined`, went). */
  show?: (shown: ShownKeys | undefined) => void;
  /** Conditions a container adds to the hints inside it (the wizard's Esc). */
  conditions?: KeyConditions;
}

export const HelpContext = createContext<HelpContextValue | undefined>(undefined);
