import { describe, expect, it } from 'vitest';
import { citedNumbers, LEADING_CITATION_MARKERS, withoutCitationMarkers } from '../../src/answer/citation-markers.ts';

describe('citation markers', () => {
  it('reads [n], [n, m] and [n,m] alike, in order', () => {
    expect(citedNumbers('Tartous [1]. Hmeimim [2, 3]. Idlib [4,5] and [6 ,  7].')).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(citedNumbers('No markers, 500,000 people, [a] or [1;2].')).toEqual([]);
  });

  it('gives the same numbers on every call (no shared regex state)', () => {
    expect(citedNumbers('x [1, 2]')).toEqual([1, 2]);
    expect(citedNumbers('x [1, 2]')).toEqual([1, 2]);
  });

  it('removes every marker with the spaces before it, leaving no stray digits', () => {
    expect(withoutCitationMarkers('Moscow enlarged Tartous [1, 2]. It killed 500,000 [3,4] people [5].')).toBe('Moscow enlarged Tartous. It killed 500,000 people.');
  });

  it('finds markers at the head of a text', () => {
    expect(LEADING_CITATION_MARKERS.exec('[1, 2] [3] Next sentence.')?.[0]).toBe('[1, 2] [3] ');
    expect(LEADING_CITATION_MARKERS.exec('Next [1].')).toBeNull();
  });
});
