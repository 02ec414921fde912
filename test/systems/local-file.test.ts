import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalFileError, readRegularFile } from '../../source/systems/local-file.js';

const dir = mkdtempSync(join(tmpdir(), 'local-file-'));

function problemOf(file: string, limit = 1024): LocalFileError {
  try {
    readRegularFile(file, limit, 'a test file');
  } catch (error) {
    if (error instanceof LocalFileError) return error;
    throw error;
  }
  throw new Error('expected a LocalFileError');
}

describe('readRegularFile', () => {
  it('reads a regular file within the limit', () => {
    writeFileSync(join(dir, 'small'), 'hello');
    expect(readRegularFile(join(dir, 'small'), 1024).toString()).toBe('hello');
  });

  it('refuses a FIFO without blocking, and a device', () => {
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    expect(problemOf(join(dir, 'fifo'))).toMatchObject({
      code: 'not-regular',
      problem: 'is not a regular file (a pipe, device or socket)',
    });
    expect(problemOf('/dev/zero').code).toBe('not-regular');
  });

  it('refuses a file over the limit, saying both sizes', () => {
    writeFileSync(join(dir, 'big'), Buffer.alloc(3 * 1024 * 1024, 1));
    expect(problemOf(join(dir, 'big'), 1024 * 1024).problem).toBe(
      'is 3 MiB; a test file is at most 1 MiB: is it the right file?',
    );
  });

  it('names a missing file and a folder', () => {
    expect(problemOf(join(dir, 'nope')).code).toBe('missing');
    expect(problemOf(dir).code).toBe('folder');
  });
});
