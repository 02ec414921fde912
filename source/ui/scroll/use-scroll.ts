import { useKeyState } from '../input/use-key-state.js';
import { useKeys } from '../input/use-keys.js';
import type { KeyEvent } from '../input/key-event.js';
import { scrollByKey, viewport, type Scroll } from './viewport.js';

export interface ScrollOptions {
  total: number;
  height: number;
  initial: Scroll;
  /** Reaching the end follows new lines (a log). */
  canFollow?: boolean;
  /** An overlay: it alone gets the keys (see useKeys). */
  capture?: boolean;
  isActive?: boolean;
  /** Keys that do not scroll (Esc, `l`…). */
  onOtherKey?: (key: KeyEvent) => void;
}

/** A scrolled window over lines, moved by ↑/↓, PgUp/PgDn, Home/End, one step per key. */
export function useScroll(options: ScrollOptions): { from: number; to: number; follow: boolean } {
  const { total, height, canFollow = false } = options;
  const [scroll, setScroll] = useKeyState(options.initial);
  useKeys(
    (key) => {
      let moved = false;
      setScroll((current) => {
        const next = scrollByKey(current, key, total, height, canFollow);
        moved = next !== undefined;
        return next ?? current;
      });
      if (!moved) options.onOtherKey?.(key);
    },
    { capture: options.capture ?? false, isActive: options.isActive ?? true },
  );
  return { ...viewport(scroll, total, height), follow: scroll.follow };
}
