import { describe, expect, it } from 'vitest';
import { boundedMemo } from '../src/bounded-memo.ts';

describe('boundedMemo', () => {
  it('computes each key once, remembers null, and forgets everything once it holds its bound', () => {
    const computed: string[] = [];
    const lengthOrNull = boundedMemo((key) => {
      computed.push(key);
      return key === '' ? null : key.length;
    }, 2);
    expect([lengthOrNull('ab'), lengthOrNull('ab'), lengthOrNull(''), lengthOrNull('')]).toEqual([2, 2, null, null]);
    expect(computed).toEqual(['ab', '']);
    // A third key drops the two it held: "ab" is computed again.
    expect(lengthOrNull('abc')).toBe(3);
    expect(lengthOrNull('ab')).toBe(2);
    expect(computed).toEqual(['ab', '', 'abc', 'ab']);
  });
});
