import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { LabelLayout } from './label-layout.js';

export interface LabeledRowProps {
  layout: LabelLayout;
  /** The label as shown, marker and colon included (`› Cluster name: `). */
  label: ReactNode;
  color?: string;
  dim?: boolean;
  bold?: boolean;
  /** The value: wraps inside its own column, never under the label. */
  children: ReactNode;
}

/**
 * A label and its value: side by side in a fixed label column on a wide terminal, the
 * value under its label, indented, on a narrow one (label-layout.ts says which).
 */
export function LabeledRow({ layout, label, color, dim, bold, children }: LabeledRowProps) {
  const text = (
    <Text color={color} dimColor={dim} bold={bold}>
      {label}
    </Text>
  );
  if (layout.kind === 'side') {
    return (
      <Box>
        <Box width={layout.labelWidth} flexShrink={0}>
          {text}
        </Box>
        <Box flexDirection="column" flexGrow={1} flexShrink={1}>
          {children}
        </Box>
      </Box>
    );
  }
  return (
    <Box flexDirection="column">
      {text}
      <Box flexDirection="column" paddingLeft={layout.indent}>
        {children}
      </Box>
    </Box>
  );
}
