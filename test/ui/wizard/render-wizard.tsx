import { render } from 'ink-testing-library';
import { vi } from 'vitest';
import { Wizard, type WizardProps } from '../../../source/ui/wizard/Wizard.js';
import { fakeData } from './wizard-fixtures.js';

/** The wizard with spies for every callback and a fake PKS unless one is given. */
export function renderWizard(props: Partial<WizardProps> = {}) {
  const onConfirm = vi.fn();
  const onDraft = vi.fn();
  const onCancel = vi.fn();
  const onPreflight = vi.fn();
  const app = render(
    <Wizard
      data={fakeData()}
      baseDir={process.cwd()}
      env={{}}
      onConfirm={onConfirm}
      onDraft={onDraft}
      onCancel={onCancel}
      onPreflight={onPreflight}
      {...props}
    />,
  );
  const frame = () => app.lastFrame() ?? '';
  return { ...app, frame, onConfirm, onDraft, onCancel, onPreflight };
}
