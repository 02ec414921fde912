import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { useRunState, type RunStateHandle } from '../../../source/ui/run/use-run-state.js';
import { outline, stageStarted, started } from './run-fixtures.js';

describe('useRunState', () => {
  it('folds runner events and command output into state, and ticks the clock', async () => {
    let handle: RunStateHandle | undefined;
    function Probe() {
      handle = useRunState(outline, 20);
      return <Text>{handle.state.status}</Text>;
    }
    const { lastFrame, unmount } = render(<Probe />);
    expect(lastFrame()).toBe('idle');
    handle!.onEvent(started);
    handle!.onEvent(stageStarted('cluster'));
    handle!.onCommandOutput(['pks', 'clusters'], 'Name  Plan\n');
    await new Promise((r) => setTimeout(r, 60));
    expect(lastFrame()).toBe('running');
    expect(handle!.state.stages[0]!.status).toBe('running');
    expect(handle!.state.panels.command?.lines).toEqual(['Name  Plan']);
    const before = handle!.state.now;
    await new Promise((r) => setTimeout(r, 60));
    expect(handle!.state.now).toBeGreaterThan(before);
    unmount();
  });
});
