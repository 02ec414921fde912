import { useInput } from 'ink';
import { useState } from 'react';
import { moveFocus } from './choice-list.js';

/** Which of a prompt's fields has the cursor; ↑/↓ move between them. */
export function useFieldFocus<F extends string>(
  fields: readonly F[],
  isActive: boolean,
): [F, (field: F) => void] {
  const [focused, setFocused] = useState<F>(fields[0] as F);
  useInput(
    (_input, key) => {
      const index = fields.indexOf(focused);
      if (key.upArrow) setFocused(fields[moveFocus(index, -1, fields.length)] ?? focused);
      if (key.downArrow) setFocused(fields[moveFocus(index, 1, fields.length)] ?? focused);
    },
    { isActive },
  );
  return [focused, setFocused];
}
