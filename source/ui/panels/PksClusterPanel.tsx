import { Box } from 'ink';
import type { PksClusterView } from './panel-data.js';
import { PanelLines } from './PanelLines.js';
import { pksClusterLines } from './pks-cluster-lines.js';
import { PanelTitle } from './PanelTitle.js';

export interface PksClusterPanelProps {
  view: PksClusterView;
  width: number;
  /** Lines for the whole panel, title included. */
  maxLines: number;
}

/** What `pks cluster NAME --json` says, as the fields worth reading (the JSON itself is not shown). */
export function PksClusterPanel({ view, width, maxLines }: PksClusterPanelProps) {
  return (
    <Box flexDirection="column" width={width}>
      <PanelTitle title="PKS cluster" detail={view.name} />
      <PanelLines lines={pksClusterLines(view)} maxLines={maxLines - 1} />
    </Box>
  );
}
