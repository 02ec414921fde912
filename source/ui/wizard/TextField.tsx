import { Box, Text } from 'ink';
import type { KeyEvent } from '../input/key-event.js';
import { lineView } from '../input/line-view.js';
import { useLineEditor } from '../input/use-line-editor.js';
import type { LabelLayout } from '../label-layout.js';
import { LabeledRow } from '../LabeledRow.js';
import { useLabelLayout } from '../use-label-layout.js';

export interface TextFieldProps {
  label: string;
  value: string;
  isFocused: boolean;
  onChange: (value: string) => void;
  /** Enter, with the value as typed (even when Enter came in the same chunk as the text). */
  onSubmit: (value: string) => void;
  /** Keys the field does not use (Tab…), with the value as typed. */
  onOtherKey?: (key: KeyEvent, value: string) => void;
  placeholder?: string;
  /** Why the value is not accepted, shown in place under the field. */
  error?: string;
  /** Shown instead of each character (a password); the value itself stays in memory. */
  mask?: string;
  /** Shown unfocused in place of the value (a password that is set but not shown). */
  summary?: string;
  /** Shared by a form's fields so their values line up (useLabelLayout); else its own. */
  layout?: LabelLayout;
}

/** A labelled one-line input with its problem underneath. Editing: see input/line-editor.ts. */
export function TextField(props: TextFieldProps) {
  const { label, value, isFocused, placeholder, error, mask, summary } = props;
  const line = useLineEditor({
    value,
    isActive: isFocused,
    onChange: props.onChange,
    onSubmit: props.onSubmit,
    onOtherKey: props.onOtherKey,
  });
  const ownLayout = useLabelLayout([label]);
  return (
    <Box flexDirection="column">
      <LabeledRow
        layout={props.layout ?? ownLayout}
        label={`${isFocused ? '› ' : '  '}${label}: `}
        color={isFocused ? 'cyan' : undefined}
      >
        {isFocused ? (
          <EditedLine line={line} placeholder={placeholder} mask={mask} />
        ) : (
          <Text dimColor={!value || summary !== undefined}>{unfocusedText(props)}</Text>
        )}
      </LabeledRow>
      {error && <FieldError message={error} />}
    </Box>
  );
}

/** The value at rest: the summary, the (masked) value, or the placeholder when empty. */
function unfocusedText({ value, mask, summary, placeholder }: TextFieldProps): string {
  if (summary !== undefined) return summary;
  if (value) return mask ? mask.repeat([...value].length) : value;
  return placeholder ?? '';
}

function EditedLine(props: {
  line: { value: string; cursor: number };
  placeholder?: string;
  mask?: string;
}) {
  const { line, placeholder, mask } = props;
  if (!line.value && placeholder) {
    return (
      <Text>
        <Text inverse>{placeholder[0]}</Text>
        <Text dimColor>{placeholder.slice(1)}</Text>
      </Text>
    );
  }
  const view = lineView(line, mask);
  return (
    <Text>
      {view.before}
      <Text inverse>{view.atCursor}</Text>
      {view.after}
    </Text>
  );
}

export function FieldError({ message }: { message: string }) {
  return (
    <Box marginLeft={4}>
      <Text color="red">✗ {message}</Text>
    </Box>
  );
}
