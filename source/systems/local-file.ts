import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** Why a local file cannot be used, in words that name no content. */
export class LocalFileError extends Error {
  constructor(
    readonly file: string,
    /** What is wrong, e.g. `is a folder`; the caller puts the file and the fix around it. */
    readonly problem: string,
    readonly code: 'missing' | 'folder' | 'not-regular' | 'too-large' | 'unreadable',
  ) {
    super(`${file}: ${problem}`);
    this.name = 'LocalFileError';
  }
}

/** `1.5 MiB`, `52 MB`: sizes as people read them. */
export function humanBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MiB`;
}

function openProblem(file: string, error: unknown): LocalFileError {
  const code = (error as { code?: unknown }).code;
  if (code === 'ENOENT') return new LocalFileError(file, 'file not found', 'missing');
  if (code === 'EISDIR') return new LocalFileError(file, 'is a folder, not a file', 'folder');
  if (code === 'EACCES' || code === 'EPERM')
    return new LocalFileError(file, 'cannot be read (permission denied)', 'unreadable');
  const why = error instanceof Error ? error.message : String(error);
  return new LocalFileError(file, `cannot be read (${why})`, 'unreadable');
}

/**
 * Reads a regular file of at most `maxBytes`. A pipe, device or socket is refused before
 * anything is read (opened non-blocking, so a FIFO cannot hang us), and so is anything
 * larger than the limit, even one that grows while we read.
 */
export function readRegularFile(file: string, maxBytes: number, what = 'this file'): Buffer {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw openProblem(file, error);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new LocalFileError(file, 'is a folder, not a file', 'folder');
    if (!stat.isFile())
      throw new LocalFileError(
        file,
        'is not a regular file (a pipe, device or socket)',
        'not-regular',
      );
    const tooLarge = (size: string) =>
      new LocalFileError(
        file,
        `is ${size}; ${what} is at most ${humanBytes(maxBytes)}: is it the right file?`,
        'too-large',
      );
    if (stat.size > maxBytes) throw tooLarge(humanBytes(stat.size));
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length > maxBytes) throw tooLarge(`over ${humanBytes(maxBytes)}`);
    }
    return buffer.subarray(0, length);
  } catch (error) {
    if (error instanceof LocalFileError) throw error;
    throw openProblem(file, error);
  } finally {
    closeSync(fd);
  }
}
