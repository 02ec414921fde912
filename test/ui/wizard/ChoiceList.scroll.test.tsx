import { render } from 'ink-testing-library';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { ChoiceList, type ChoiceItem } from '../../../source/ui/wizard/ChoiceList.js';
import { keys, press, send } from './wizard-fixtures.js';

/** Twenty plans, every other one with two warnings (three rows). */
const items: ChoiceItem[] = Array.from({ length: 20 }, (_, i) => ({
  value: `plan-${i}`,
  label: `plan-${i}`,
  detail: `${i % 2 ? 1 : 3} masters`,
  warnings:
    i % 2 ? ['not HA: Rancher HA needs 3 masters and 3 workers', 'privileged not allowed'] : [],
}));
const pageDown = '\u001B[6~';
const end = '\u001B[F';

describe('ChoiceList in a terminal shorter than the list', () => {
  it('shows what fits (tall items counted), scrolls with the cursor, says how many are left out', async () => {
    const onSubmit = vi.fn();
    // ink-testing-library's terminal: 100 columns, 24 rows; the list leaves 7 for the rest.
    const app = render(<ChoiceList items={items} onSubmit={onSubmit} />);
    const lines = () => stripVTControlCharacters(app.lastFrame() ?? '').split('\n');
    expect(lines().length).toBeLessThanOrEqual(24 - 7);
    expect(lines()[0]).toBe('› plan-0  3 masters');
    expect(lines().at(-1)).toMatch(/^ ↓ \d+ more$/);

    await press(app, pageDown);
    expect(lines()[0]).toMatch(/^ ↑ \d+ more$/);
    expect(lines().length).toBeLessThanOrEqual(24 - 7);
    await press(app, end);
    expect(lines().at(-3)).toBe('› plan-19  1 masters');
    expect(lines().at(-1)).toBe('    ⚠ privileged not allowed');
    expect(lines().length).toBeLessThanOrEqual(24 - 7);
    await send(app, keys.enter);
    expect(onSubmit).toHaveBeenCalledWith('plan-19');
    app.unmount();
  });
});
