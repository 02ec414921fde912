import { isKey, type KeyEvent } from '../input/key-event.js';

export type YesNoChoice = 'confirm' | 'cancel';

/** y or n decide; Enter takes the default; anything else is no answer yet. */
export function yesNoAnswer(key: KeyEvent, defaultChoice: YesNoChoice): YesNoChoice | undefined {
  if (key.kind === 'text') {
    const letter = key.text.toLowerCase();
    return letter === 'y' ? 'confirm' : letter === 'n' ? 'cancel' : undefined;
  }
  return isKey(key, 'return') ? defaultChoice : undefined;
}
