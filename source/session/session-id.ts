import { badSessionId } from './session-error.js';

/** Ids are file names: lowercase letters, digits and dashes only (no path tricks). */
const validId = /^[a-z0-9][a-z0-9-]{0,79}$/;

export function isSessionId(value: string): boolean {
  return validId.test(value);
}

/** Throws unless `value` can safely name a session file. */
export function assertSessionId(value: string): void {
  if (!isSessionId(value)) throw badSessionId(value);
}

/**
 * `20261128-091205-czpksrancher05`: UTC time first so ids sort by creation, then the
 * cluster name so a person can tell sessions apart. `-2`, `-3`… on a same-second clash.
 */
export function newSessionId(
  at: Date,
  label: string | undefined,
  isTaken: (id: string) => boolean,
): string {
  const base = [utcStamp(at), slug(label)].filter(Boolean).join('-');
  let id = base;
  for (let n = 2; isTaken(id); n++) id = `${base}-${n}`;
  return id;
}

function utcStamp(at: Date): string {
  const iso = at.toISOString(); // 2026-11-28T09:12:05.000Z
  return `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}`;
}

function slug(label: string | undefined): string {
  return (label ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .slice(0, 32);
}
