import { homedir } from 'node:os';
import { useState } from 'react';
import { completePath, type ListDirectory } from './complete-path.js';
import { listDirectory } from './list-directory.js';

export interface PathCompletionState {
  /** The names still possible after the last Tab, when it was ambiguous. */
  candidates: readonly string[];
  /** Completes `value` from the filesystem; returns the new value (the field puts the cursor at its end). */
  complete: (value: string) => string;
  clear: () => void;
}

export function usePathCompletion(
  baseDir: string,
  list: ListDirectory = listDirectory,
): PathCompletionState {
  const [candidates, setCandidates] = useState<readonly string[]>([]);
  return {
    candidates,
    complete: (value) => {
      const result = completePath(value, { baseDir, home: homedir(), list });
      setCandidates(result.candidates);
      return result.value;
    },
    clear: () => setCandidates([]),
  };
}
