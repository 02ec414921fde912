import { homedir } from 'node:os';
import { useState } from 'react';
import { completePath, type ListDirectory } from './complete-path.js';
import { listDirectory } from './list-directory.js';

export interface PathCompletionState {
  /** The names still possible after the last Tab, when it was ambiguous. */
  candidates: readonly string[];
  /** Changes after each completion, to remount the input with the cursor at the end. */
  inputKey: number;
  /** Completes `value` from the filesystem; returns the new value. */
  complete: (value: string) => string;
  clear: () => void;
}

export function usePathCompletion(
  baseDir: string,
  list: ListDirectory = listDirectory,
): PathCompletionState {
  const [candidates, setCandidates] = useState<readonly string[]>([]);
  const [inputKey, setInputKey] = useState(0);
  return {
    candidates,
    inputKey,
    complete: (value) => {
      const result = completePath(value, { baseDir, home: homedir(), list });
      setCandidates(result.candidates);
      if (result.value !== value) setInputKey((key) => key + 1);
      return result.value;
    },
    clear: () => setCandidates([]),
  };
}
