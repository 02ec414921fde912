import { isChar, isKey, type KeyEvent } from '../input/key-event.js';
import { isHelpKey } from '../keys/screen-keys.js';
import type { PodRow } from '../panels/cluster-snapshot.js';
import { PodsPanel } from '../panels/PodsPanel.js';
import { useScroll } from '../scroll/use-scroll.js';
import { fromTop, viewportLabel } from '../scroll/viewport.js';

export interface PodsViewProps {
  namespace: string;
  pods: PodRow[];
  now: number;
  width: number;
  /** Lines for the view, the panel's title included. */
  height: number;
  onClose(): void;
  onHelp(): void;
}

// The panel's title, the table's header and its "+N more" line.
const chrome = 3;

/** The pods panel with the live area to itself, scrolled with ↑/↓; `p` or Esc returns. */
export function PodsView({ namespace, pods, now, width, height, onClose, onHelp }: PodsViewProps) {
  const { from, to } = useScroll({
    total: pods.length,
    height: Math.max(1, height - chrome),
    initial: fromTop,
    capture: true,
    onOtherKey: (key: KeyEvent) => {
      if (isKey(key, 'escape') || isChar(key, 'p')) onClose();
      else if (isHelpKey(key, 'run-pods')) onHelp();
    },
  });
  return (
    <PodsPanel
      namespace={namespace}
      pods={pods}
      now={now}
      width={width}
      maxLines={height}
      scroll={{ offset: from, label: viewportLabel(from, to, pods.length) }}
    />
  );
}
