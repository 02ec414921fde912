import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { useEffect, useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { PksPasswordPrompt } from '../../../source/ui/run/PksPasswordPrompt.js';
import { usePasswordRequest } from '../../../source/ui/run/use-password-request.js';
import { press, waitForText } from '../wizard/wizard-fixtures.js';

/** A step asking for the password, as the install does through askPksPassword. */
function Asking({ onAnswer }: { onAnswer(password: string | undefined): void }) {
  const request = usePasswordRequest();
  const [asked, setAsked] = useState(false);
  useEffect(() => {
    if (asked) return;
    setAsked(true);
    void request.ask().then(onAnswer);
  }, [asked, request, onAnswer]);
  return request.pending ? (
    <PksPasswordPrompt width={70} onSubmit={request.answer} />
  ) : (
    <Text>no prompt</Text>
  );
}

describe('PksPasswordPrompt', () => {
  it('masks what is typed and hands the password to the waiting step', async () => {
    const answers: (string | undefined)[] = [];
    const app = render(<Asking onAnswer={(p) => answers.push(p)} />);
    await waitForText(app.lastFrame, 'get-credentials needs your PKS password');
    await press(app, 's3cret');
    expect(app.lastFrame()).not.toContain('s3cret');
    expect(app.lastFrame()).toContain('******');
    await press(app, '\r');
    expect(answers).toEqual(['s3cret']);
    expect(app.lastFrame()).toContain('no prompt');
    app.unmount();
  });

  it('an empty answer means no password (the step fails with its one line)', async () => {
    const answers: (string | undefined)[] = [];
    const app = render(<Asking onAnswer={(p) => answers.push(p)} />);
    await waitForText(app.lastFrame, 'get-credentials needs your PKS password');
    app.stdin.write('\r');
    await vi.waitFor(() => expect(answers).toEqual([undefined]));
    app.unmount();
  });
});
