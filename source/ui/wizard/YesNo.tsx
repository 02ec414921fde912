import { Text } from 'ink';
import { useKeys } from '../input/use-keys.js';
import { yesNoAnswer, type YesNoChoice } from './yes-no.js';

export interface YesNoProps {
  /** What Enter alone answers (shown in capitals: Y/n or y/N). */
  defaultChoice?: YesNoChoice;
  onConfirm: () => void;
  onCancel: () => void;
}

/** A y/n question's answer. Keys come through useKeys, like every other prompt's. */
export function YesNo({ defaultChoice = 'confirm', onConfirm, onCancel }: YesNoProps) {
  useKeys((key) => {
    const answer = yesNoAnswer(key, defaultChoice);
    if (answer === 'confirm') onConfirm();
    else if (answer === 'cancel') onCancel();
  });
  return <Text>{defaultChoice === 'confirm' ? 'Y/n' : 'y/N'}</Text>;
}
