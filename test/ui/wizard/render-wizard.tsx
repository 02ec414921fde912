import { render } from 'ink-testing-library';
import { vi } from 'vitest';
import { Wizard, type WizardProps } from '../../../source/ui/wizard/Wizard.js';
import { renderSizedApp } from '../run/render-sized.js';
import { fakeData } from './wizard-fixtures.js';

/**
 * The wizard with spies for every callback and a fake PKS unless one is given. With
 * `columns`, on a terminal that wide from the first frame (ink-testing-library's is 100).
 */
export function renderWizard(props: Partial<WizardProps> = {}, columns?: number) {
  const onConfirm = vi.fn();
  const onDraft = vi.fn();
  const onCancel = vi.fn();
  const onPreflight = vi.fn();
  const tree = (
    <Wizard
      data={fakeData()}
      baseDir={process.cwd()}
      env={{}}
      onConfirm={onConfirm}
      onDraft={onDraft}
      onCancel={onCancel}
      onPreflight={onPreflight}
      {...props}
    />
  );
  const app = columns === undefined ? render(tree) : renderSizedApp(tree, columns, 40);
  const frame = () => app.lastFrame() ?? '';
  return { ...app, frame, onConfirm, onDraft, onCancel, onPreflight };
}
