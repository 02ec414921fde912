import { useEffect, useState } from 'react';
import { readTranscript } from '../../session/transcript.js';

/**
 * The session's transcript, as it grows: read whole once, then what was appended, every
 * `pollMs` while mounted (the log view is open). The transcript is the redacted log the
 * engine writes; the view shows it, and keeps no log of its own.
 */
export function useTranscript(path: string, pollMs = 250): string[] {
  const [lines, setLines] = useState<string[]>([]);
  useEffect(() => {
    if (!path) return;
    let next = 0;
    let all: string[] = [];
    const read = () => {
      const chunk = readTranscript(path, next);
      next = chunk.next;
      if (chunk.lines.length === 0) return;
      all = [...all, ...chunk.lines];
      setLines(all);
    };
    read();
    const timer = setInterval(read, pollMs);
    return () => clearInterval(timer);
  }, [path, pollMs]);
  return lines;
}
