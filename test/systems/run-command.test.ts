import { afterAll, describe, expect, it } from 'vitest';
import type { CommandRecord } from '../../source/systems/command.js';
import { PermanentError, TransientError } from '../../source/systems/errors.js';
import { runCommand } from '../../source/systems/run-command.js';
import { FakeBin } from './fake-bin.js';

const bin = new FakeBin();
afterAll(() => bin.cleanup());

function recorder() {
  const chunks: string[] = [];
  const finished: CommandRecord[] = [];
  const started: string[][] = [];
  return {
    chunks,
    finished,
    started,
    listener: {
      started: (argv: string[]) => started.push(argv),
      output: (_argv: string[], chunk: string) => chunks.push(chunk),
      finished: (r: CommandRecord) => finished.push(r),
    },
  };
}

describe('runCommand', () => {
  it('returns a non-zero exit instead of throwing, with both streams', async () => {
    const tool = bin.write('fails', [
      { when: '*', stdout: 'out', stderr: 'Error: broken', exit: 3 },
    ]);
    const r = await runCommand([tool, 'x'], { timeoutMs: 5000 });
    expect(r).toEqual({ stdout: 'out', stderr: 'Error: broken', exitCode: 3 });
  });

  it('streams output to the listener and reports the finished command', async () => {
    const tool = bin.write('talks', [{ when: '*', stdout: 'hello\n', stderr: 'warn\n' }]);
    const rec = recorder();
    await runCommand([tool, 'a', 'b'], { timeoutMs: 5000, listener: rec.listener });
    expect(rec.started).toEqual([[tool, 'a', 'b']]);
    expect(rec.chunks.join('')).toContain('hello');
    expect(rec.chunks.join('')).toContain('warn');
    expect(rec.finished).toHaveLength(1);
    expect(rec.finished[0]).toMatchObject({
      argv: [tool, 'a', 'b'],
      exitCode: 0,
      stdoutTail: 'hello',
      stderrTail: 'warn',
    });
    expect(rec.finished[0]!.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('throws a TransientError naming the command and the timeout', async () => {
    const tool = bin.write('hangs', [{ when: '*', script: 'exec sleep 10' }]);
    const rec = recorder();
    const error = await runCommand([tool, 'version'], {
      timeoutMs: 300,
      listener: rec.listener,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientError);
    expect((error as Error).message).toBe('`hangs version` did not finish within 300ms');
    expect(rec.finished[0]!.exitCode).toBe(124);
  });

  it('throws a PermanentError when the binary is missing', async () => {
    const error = await runCommand(['pks-definitely-missing', 'plans'], { timeoutMs: 5000 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as PermanentError).message).toBe('pks-definitely-missing: command not found');
    expect((error as PermanentError).remedy).toMatch(/PATH/);
  });

  it('uses the caller remedy for a missing binary', async () => {
    const error = await runCommand(['/nonexistent/pks'], {
      timeoutMs: 5000,
      missingRemedy: 'install pks',
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      message: '/nonexistent/pks: command not found',
      remedy: 'install pks',
    });
  });

  it('never leaves a CLI waiting on stdin', async () => {
    const tool = bin.write('reads', [{ when: '*', script: 'read line; echo "got:$line"' }]);
    const r = await runCommand([tool], { timeoutMs: 3000 });
    expect(r.stdout).toBe('got:');
  });

  it('passes input on stdin when given', async () => {
    const tool = bin.write('echoes', [{ when: '*', script: 'read line; echo "got:$line"' }]);
    const r = await runCommand([tool], { timeoutMs: 3000, input: 'secret\n' });
    expect(r.stdout).toBe('got:secret');
  });

  it('merges env over process.env and drops undefined keys', async () => {
    const tool = bin.write('env', [
      { when: '*', script: 'echo "a=$RPT_A b=${RPT_B-unset} path=${PATH:+set}"' },
    ]);
    process.env.RPT_B = 'inherited';
    try {
      const r = await runCommand([tool], {
        timeoutMs: 3000,
        env: { RPT_A: '1', RPT_B: undefined },
      });
      expect(r.stdout).toBe('a=1 b=unset path=set');
    } finally {
      delete process.env.RPT_B;
    }
  });

  it('rejects with the abort reason when aborted', async () => {
    const tool = bin.write('slow', [{ when: '*', script: 'exec sleep 10' }]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('user pressed q')), 100);
    await expect(
      runCommand([tool], { timeoutMs: 20_000, signal: controller.signal }),
    ).rejects.toThrow('user pressed q');
  });
});
