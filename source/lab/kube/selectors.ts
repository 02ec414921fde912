import { ApiError } from './api-error.js';
import type { KubeObject } from './object.js';

type Requirement =
  { key: string; op: 'in' | 'notin'; values: string[] } | { key: string; op: 'exists' | '!' };

export type Matcher = (obj: KubeObject) => boolean;

/** Splits on commas that are not inside `in (...)` parentheses. */
function splitTerms(selector: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of selector) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      terms.push(current);
      current = '';
    } else current += ch;
  }
  terms.push(current);
  return terms.map((t) => t.trim()).filter((t) => t !== '');
}

function parseLabelTerm(term: string): Requirement {
  const set = /^([\w./-]+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(term);
  if (set) {
    const values = set[3]!.split(',').map((v) => v.trim());
    return { key: set[1]!, op: set[2] as 'in' | 'notin', values };
  }
  const eq = /^([\w./-]+)\s*(==|=|!=)\s*([\w.-]*)$/.exec(term);
  if (eq) {
    return { key: eq[1]!, op: eq[2] === '!=' ? 'notin' : 'in', values: [eq[3]!] };
  }
  const not = /^!\s*([\w./-]+)$/.exec(term);
  if (not) return { key: not[1]!, op: '!' };
  if (/^[\w./-]+$/.test(term)) return { key: term, op: 'exists' };
  throw new ApiError('BadRequest', `unable to parse requirement: found '${term}'`);
}

function matchesRequirement(labels: Record<string, string>, r: Requirement): boolean {
  const value = labels[r.key];
  switch (r.op) {
    case 'exists':
      return value !== undefined;
    case '!':
      return value === undefined;
    case 'in':
      return value !== undefined && r.values.includes(value);
    case 'notin':
      return value === undefined || !r.values.includes(value);
  }
}

export function labelMatcher(selector: string | undefined): Matcher {
  if (!selector) return () => true;
  const reqs = splitTerms(selector).map(parseLabelTerm);
  return (obj) => reqs.every((r) => matchesRequirement(obj.metadata.labels ?? {}, r));
}

/** Matches a `matchLabels` map (the form Deployments and Services use). */
export function labelsMatch(
  labels: Record<string, string> | undefined,
  wanted: Record<string, string> | undefined,
): boolean {
  if (!wanted || Object.keys(wanted).length === 0) return false;
  return Object.entries(wanted).every(([k, v]) => labels?.[k] === v);
}

function fieldValue(obj: KubeObject, path: string): string {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return '';
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur === undefined || cur === null ? '' : String(cur);
}

/** Field selectors: `metadata.name=x`, `spec.nodeName!=`, joined by commas. */
export function fieldMatcher(selector: string | undefined): Matcher {
  if (!selector) return () => true;
  const terms = splitTerms(selector).map((term) => {
    const m = /^([\w.]+)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (!m)
      throw new ApiError(
        'BadRequest',
        `invalid selector: '${selector}'; can't understand '${term}'`,
      );
    return { path: m[1]!, negate: m[2] === '!=', value: m[3]! };
  });
  return (obj) => terms.every((t) => (fieldValue(obj, t.path) === t.value) !== t.negate);
}
