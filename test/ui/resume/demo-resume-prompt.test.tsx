import { render } from 'ink-testing-library';
import { describe, expect, it, vi } from 'vitest';
import type { SessionSummary } from '../../../source/session/session-store.js';
import { ResumePrompt } from '../../../source/ui/resume/ResumePrompt.js';

const tick = () => new Promise((r) => setTimeout(r, 30));
const down = '\u001B[B';

const demo: SessionSummary = {
  id: '20261201-172853-czpksrancher05',
  plan: 'install',
  demo: true,
  cluster: 'czpksrancher05',
  hostname: 'rancher.lab.test',
  stageReached: 'helm',
  status: 'interrupted',
  createdAt: '2026-12-01T17:28:53Z',
  updatedAt: '2026-12-01T17:29:00Z',
};

// Issue 13 #6: --demo offers its unfinished demo, saying plainly that it starts again.
describe('ResumePrompt for a demo session', () => {
  it('says its lab is gone and every step runs again; no other session to pick', () => {
    const { lastFrame } = render(
      <ResumePrompt latest={demo} sessions={[demo]} onChoice={() => {}} />,
    );
    const frame = lastFrame()!.replace(/\s+/g, ' ');
    expect(frame).toContain(
      'Resume the demo install of czpksrancher05, stopped at stage 2 (Helm)? Its simulated lab ended with it: a new lab starts and every step runs again.',
    );
    expect(frame).toContain('Resume it (in a new lab)');
    expect(frame).toContain(`Start over (forget session ${demo.id})`);
    expect(frame).not.toContain('Pick another session');
  });

  it('resumes it, or starts over', async () => {
    const resume = vi.fn();
    const first = render(<ResumePrompt latest={demo} sessions={[demo]} onChoice={resume} />);
    await tick();
    first.stdin.write('\r');
    await tick();
    expect(resume).toHaveBeenCalledWith({ kind: 'resume', id: demo.id });

    const over = vi.fn();
    const second = render(<ResumePrompt latest={demo} sessions={[demo]} onChoice={over} />);
    await tick();
    second.stdin.write(down);
    await tick();
    second.stdin.write('\r');
    await tick();
    expect(over).toHaveBeenCalledWith({ kind: 'start-over' });
  });
});
