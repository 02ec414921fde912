import { describe, expect, it } from 'vitest';
import { jsonErrorOffset, lineColumn } from '../../source/config/json-error-offset.js';

describe('jsonErrorOffset', () => {
  it.each([
    ['{"a": 1}', undefined],
    ['[1, 2.5e3, "x\\n", true, null, {}]', undefined],
    ['{"a": }', 6],
    ['{"a": 1,}', 8],
    ['{"a" 1}', 5],
    ['[1 2]', 3],
    ['{"a": 1} x', 9],
    ['{"a": tru}', 6],
    ['', 0],
  ])('%j fails at %j', (text, offset) => {
    expect(jsonErrorOffset(text)).toBe(offset);
  });

  it('agrees with JSON.parse on what is valid', () => {
    for (const text of ['{"a":[1,{"b":null}]}', '"\\u00e9"', '-0.5', '01', '{"a":1,}', "{'a':1}"]) {
      let valid = true;
      try {
        JSON.parse(text);
      } catch {
        valid = false;
      }
      expect(jsonErrorOffset(text) === undefined, text).toBe(valid);
    }
  });
});

describe('lineColumn', () => {
  it('counts from 1', () => {
    expect(lineColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});
