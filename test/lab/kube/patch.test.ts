import { describe, expect, it } from 'vitest';
import { jsonPatch, mergePatch, strategicMergePatch } from '../../../source/lab/kube/patch.js';

describe('patches', () => {
  it('merge patch deletes with null and merges maps', () => {
    expect(mergePatch({ a: { b: 1, c: 2 }, d: [1] }, { a: { b: null, e: 3 }, d: [2] })).toEqual({
      a: { c: 2, e: 3 },
      d: [2],
    });
  });

  it('strategic merge patch merges containers by name', () => {
    const target = {
      spec: {
        containers: [
          { name: 'a', image: 'x' },
          { name: 'b', image: 'y' },
        ],
      },
    };
    const patched = strategicMergePatch(target, {
      spec: { containers: [{ name: 'b', image: 'z' }] },
    });
    expect(patched).toEqual({
      spec: {
        containers: [
          { name: 'a', image: 'x' },
          { name: 'b', image: 'z' },
        ],
      },
    });
  });

  it('json patch adds, replaces and tests', () => {
    const doc = { metadata: { labels: { a: '1' } }, list: [1, 2] };
    expect(
      jsonPatch(doc, [
        { op: 'add', path: '/metadata/labels/b', value: '2' },
        { op: 'replace', path: '/list/0', value: 9 },
        { op: 'add', path: '/list/-', value: 3 },
        { op: 'test', path: '/metadata/labels/a', value: '1' },
      ]),
    ).toEqual({ metadata: { labels: { a: '1', b: '2' } }, list: [9, 2, 3] });
    expect(() => jsonPatch(doc, [{ op: 'test', path: '/metadata/labels/a', value: 'no' }])).toThrow(
      /testing value/,
    );
  });
});
