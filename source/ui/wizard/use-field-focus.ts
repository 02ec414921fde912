import { isKey } from '../input/key-event.js';
import { useKeyState } from '../input/use-key-state.js';
import { useKeys } from '../input/use-keys.js';
import { moveFocus } from './choice-list.js';

/** Which of a prompt's fields has the cursor; ↑/↓ move between them, one per key. */
export function useFieldFocus<F extends string>(
  fields: readonly F[],
  isActive: boolean,
): [F, (field: F) => void] {
  const [focused, setFocused] = useKeyState<F>(fields[0] as F);
  useKeys(
    (key) => {
      const delta = isKey(key, 'up') ? -1 : isKey(key, 'down') ? 1 : undefined;
      if (delta === undefined) return;
      setFocused(
        (field) => fields[moveFocus(fields.indexOf(field), delta, fields.length)] ?? field,
      );
    },
    { isActive },
  );
  return [focused, setFocused];
}
