import { describe, expect, it } from 'vitest';
import { clone } from '../../../source/lab/kube/object.js';

describe('clone', () => {
  it('copies JSON deeply, as structuredClone would', () => {
    const original = JSON.parse(
      '{"metadata":{"name":"a","labels":{"x":"1"}},"spec":{"list":[1,{"b":null}]},"__proto__":{"p":1}}',
    ) as Record<string, unknown>;
    const copy = clone(original);
    expect(copy).toStrictEqual(structuredClone(original));
    expect(copy.metadata).not.toBe(original.metadata);
    expect((copy.spec as { list: unknown[] }).list[1]).not.toBe(
      (original.spec as { list: unknown[] }).list[1],
    );
    // An own "__proto__" key stays a key; it does not become the copy's prototype.
    expect(Object.keys(copy)).toContain('__proto__');
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
  });

  it('hands values that are not plain objects to structuredClone', () => {
    const when = new Date(0);
    const copy = clone({ when });
    expect(copy.when).toBeInstanceOf(Date);
    expect(copy.when).not.toBe(when);
    expect(copy.when.getTime()).toBe(0);
  });
});
