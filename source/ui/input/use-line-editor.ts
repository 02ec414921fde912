import { useLayoutEffect } from 'react';
import { isKey, type KeyEvent } from './key-event.js';
import { editLine, lineAtEnd, type LineState } from './line-editor.js';
import { useKeyState } from './use-key-state.js';
import { useKeys } from './use-keys.js';

export interface LineEditorOptions {
  /** The value the parent holds; a change from outside (a completion) puts the cursor at the end. */
  value: string;
  isActive: boolean;
  onChange(value: string): void;
  /** Enter, with the value as typed so far (not as of the last render). */
  onSubmit(value: string): void;
  /** Keys that are not edits (Tab, ↑/↓, Esc…), with the value as typed so far. */
  onOtherKey?(key: KeyEvent, value: string): void;
}

/**
 * A one-line field's text and cursor. Edits go through the pure `editLine`, one key at a
 * time, each starting from the line the previous key left (not the last rendered one).
 */
export function useLineEditor(options: LineEditorOptions): LineState {
  const { value, isActive } = options;
  const [line, setLine, currentLine] = useKeyState(() => lineAtEnd(value));

  useLayoutEffect(() => {
    if (value !== currentLine().value) setLine(lineAtEnd(value));
  }, [value, currentLine, setLine]);

  useKeys(
    (key) => {
      const before = currentLine();
      const after = editLine(before, key);
      if (after === undefined) {
        if (isKey(key, 'return')) options.onSubmit(before.value);
        else options.onOtherKey?.(key, before.value);
        return;
      }
      if (after === before) return;
      setLine(after);
      if (after.value !== before.value) options.onChange(after.value);
    },
    { isActive },
  );
  return line;
}
