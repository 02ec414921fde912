import { Text } from 'ink';

export interface PanelTitleProps {
  title: string;
  detail?: string;
}

/** A panel's first line: what it shows, and a short summary beside it. */
export function PanelTitle({ title, detail }: PanelTitleProps) {
  return (
    <Text wrap="truncate">
      <Text bold color="cyan">
        {title}
      </Text>
      {detail ? <Text dimColor>{`  ${detail}`}</Text> : null}
    </Text>
  );
}
