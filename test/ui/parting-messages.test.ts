import { describe, expect, it } from 'vitest';
import { resumeCommandLine } from '../../source/invocation.js';
import { interruptedMessage, stoppedRun } from '../../source/ui/parting-messages.js';

// What the app prints as it leaves: a command stands alone on its line, to be copied exactly.
describe('parting messages', () => {
  it('a stopped run leaves with the resume command alone, after the screen’s "resume it with:"', () => {
    const session = { id: '20261201-182943-czpksrancher05' };
    expect(stoppedRun('interrupted', session)).toEqual({
      code: 130,
      message: resumeCommandLine(session),
    });
    expect(stoppedRun('failed', { ...session, demo: true })).toEqual({
      code: 1,
      message: resumeCommandLine({ ...session, demo: true }),
    });
    expect(stoppedRun('failed')).toEqual({ code: 1 });
  });

  it('Ctrl-C before the install: the sentence, then the command on a line of its own', () => {
    const lines = interruptedMessage({ id: 'x' }).split('\n');
    expect(lines).toEqual([
      'Stopped. Nothing was changed. Resume when ready with:',
      resumeCommandLine({ id: 'x' }),
    ]);
  });
});
