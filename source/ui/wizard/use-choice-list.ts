import { isKey } from '../input/key-event.js';
import { useKeyState } from '../input/use-key-state.js';
import { useKeys } from '../input/use-keys.js';
import { focusMove, moveFocus } from './choice-list.js';

export interface ChoiceListInput {
  count: number;
  initialIndex: number;
  isActive: boolean;
  /** Items PgUp/PgDn move (as many as are on show). */
  pageSize: () => number;
  onSubmit: (index: number) => void;
}

/**
 * ↑/↓ move one row per key, however many arrive together; Enter chooses the focused item
 * (even when it is the one already chosen).
 */
export function useChoiceList({
  count,
  initialIndex,
  isActive,
  pageSize,
  onSubmit,
}: ChoiceListInput): number {
  const [focused, setFocused, currentFocus] = useKeyState(initialIndex);
  useKeys(
    (key) => {
      const move = focusMove(key, pageSize());
      if (move !== undefined) setFocused((index) => moveFocus(index, move, count));
      else if (isKey(key, 'return') && count > 0) onSubmit(moveFocus(currentFocus(), 0, count));
    },
    { isActive },
  );
  return moveFocus(focused, 0, count);
}
