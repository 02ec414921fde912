import { useInput } from 'ink';
import { useState } from 'react';
import { moveFocus } from './choice-list.js';

export interface ChoiceListInput {
  count: number;
  initialIndex: number;
  isActive: boolean;
  onSubmit: (index: number) => void;
}

/** ↑/↓ move, Enter chooses the focused item (even when it is the one already chosen). */
export function useChoiceList({
  count,
  initialIndex,
  isActive,
  onSubmit,
}: ChoiceListInput): number {
  const [focused, setFocused] = useState(initialIndex);
  const clamped = moveFocus(focused, 0, count);
  useInput(
    (_input, key) => {
      if (key.upArrow) setFocused(moveFocus(clamped, -1, count));
      if (key.downArrow) setFocused(moveFocus(clamped, 1, count));
      if (key.return && count > 0) onSubmit(clamped);
    },
    { isActive },
  );
  return clamped;
}
