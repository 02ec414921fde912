import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readTranscript, Transcript } from '../../source/session/transcript.js';
import { tempHome } from './temp-home.js';

let home: ReturnType<typeof tempHome> | undefined;
afterEach(() => home?.cleanup());

describe('readTranscript', () => {
  it('reads the whole lines, then only what was appended since', () => {
    home = tempHome();
    const path = join(home.home, 's.transcript.log');
    const transcript = new Transcript(path, { now: () => new Date('2026-11-28T09:12:05.120Z') });
    transcript.note('install of c / h');
    const first = readTranscript(path);
    expect(first.lines).toEqual(['2026-11-28T09:12:05.120Z # install of c / h']);
    expect(readTranscript(path, first.next)).toEqual({ lines: [], next: first.next });
    transcript.api('post', '/api/v1/namespaces', 201);
    expect(readTranscript(path, first.next).lines).toEqual([
      '2026-11-28T09:12:05.120Z api POST /api/v1/namespaces → 201',
    ]);
  });

  it('leaves a line still being written for the next read', () => {
    home = tempHome();
    const path = join(home.home, 'partial.log');
    writeFileSync(path, 'one\ntw');
    const first = readTranscript(path);
    expect(first).toEqual({ lines: ['one'], next: 4 });
    appendFileSync(path, 'o\n');
    expect(readTranscript(path, first.next)).toEqual({ lines: ['two'], next: 8 });
  });

  it('reads a missing transcript as empty (the run has not opened it yet)', () => {
    home = tempHome();
    expect(readTranscript(join(home.home, 'none.log'))).toEqual({ lines: [], next: 0 });
  });
});
