import { describe, expect, it } from 'vitest';
import {
  abstentionPrecision,
  abstentionRecall,
  citationIsPrecise,
  containsShareOf,
  contentWordShare,
  countAbstentions,
  factCoverage,
  firstGoldRank,
  goldPassagesFound,
  hitAt,
  longestCommonSubstring,
  mean,
  normalizeText,
  percentile,
  rankedDocuments,
  reciprocalRank,
  textsOverlap,
} from '../../src/eval/metrics.ts';

describe('text matching', () => {
  it('normalises whitespace, curly quotes and case', () => {
    expect(normalizeText('  The  Regime’s\n“answer”  ')).toBe('the regime\'s "answer"');
  });

  it('finds the longest common substring', () => {
    expect(longestCommonSubstring('abcdef', 'zcdez')).toBe(3);
    expect(longestCommonSubstring('', 'abc')).toBe(0);
    expect(longestCommonSubstring('abc', 'xyz')).toBe(0);
  });

  it('counts a gold passage as contained when half of it appears in one run, despite cleaned whitespace', () => {
    const gold = 'Russia and Turkey have reached an agreement\nto push for the removal of all Iranian forces.';
    expect(containsShareOf('Intro. Russia and Turkey  have reached an agreement to push for the removal of all Iranian forces. More.', gold)).toBe(true);
    expect(containsShareOf('Russia and Turkey have reached an agreement to push', gold)).toBe(true);
    expect(containsShareOf('Russia and Turkey have reached', gold)).toBe(false);
    expect(containsShareOf('anything', '')).toBe(false);
  });

  it('treats two spans as overlapping when their common run covers half of the shorter', () => {
    expect(textsOverlap('The town was attacked during a cease-fire.', 'Yesterday the town was attacked during a cease-fire, sources said.')).toBe(true);
    expect(textsOverlap('The town was attacked.', 'A different sentence entirely.')).toBe(false);
  });
});

describe('ranks', () => {
  it('reduces passages to documents in first-seen order', () => {
    expect(rankedDocuments(['a', 'b', 'a', 'c', 'b'])).toEqual(['a', 'b', 'c']);
  });

  it('ranks the first gold document, 1-based', () => {
    expect(firstGoldRank(['a', 'b', 'c'], ['c', 'b'])).toBe(2);
    expect(firstGoldRank(['a'], ['z'])).toBeNull();
  });

  it('scores hits and reciprocal ranks', () => {
    expect(hitAt(1, 1)).toBe(1);
    expect(hitAt(2, 1)).toBe(0);
    expect(hitAt(null, 5)).toBe(0);
    expect(reciprocalRank(4)).toBe(0.25);
    expect(reciprocalRank(null)).toBe(0);
  });

  it('marks each gold passage found or not', () => {
    expect(goldPassagesFound(['alpha beta gamma delta', 'omega psi chi phi'], ['xx alpha beta gamma delta yy', 'nothing'])).toEqual([true, false]);
  });
});

describe('answers and citations', () => {
  it('measures fact coverage case-insensitively and lists the missed facts', () => {
    expect(factCoverage(['Khan Tuman', 'May'], 'They died in khan  tuman.')).toEqual({ share: 0.5, missed: ['May'] });
    expect(factCoverage([], 'anything').share).toBe(1);
  });

  it('shares content words, ignoring stopwords and citation markers', () => {
    expect(contentWordShare('The Russians backed the factions [1].', 'Russian backing of a faction')).toBe(1);
    expect(contentWordShare('Lavrov called for withdrawal', 'Lavrov spoke')).toBeCloseTo(1 / 3);
    expect(contentWordShare('the of and', 'anything')).toBe(0);
  });

  it('judges a citation precise by gold overlap, or by content words when there is no gold', () => {
    const gold = ['The town was attacked by anti-Assad fighters during a Russian-imposed cease-fire.'];
    expect(citationIsPrecise('The town was attacked by anti-Assad fighters during a Russian-imposed cease-fire.', [], gold)).toBe(true);
    expect(citationIsPrecise('Russia and Iran are allies.', ['Russia and Iran are allies.'], gold)).toBe(false);
    expect(citationIsPrecise('Russia and Iran are allies.', ['Russia and Iran are allies [1].'], [])).toBe(true);
    expect(citationIsPrecise('Russia and Iran are allies.', ['China said nothing about Ghouta [1].'], [])).toBe(false);
  });
});

describe('abstention and aggregates', () => {
  const outcomes = [
    { abstained: true, answerable: false },
    { abstained: true, answerable: false },
    { abstained: true, answerable: true },
    { abstained: false, answerable: false },
    { abstained: false, answerable: true },
  ];

  it('counts abstentions with abstaining as the positive class', () => {
    const counts = countAbstentions(outcomes);
    expect(counts).toEqual({ truePositives: 2, falsePositives: 1, falseNegatives: 1 });
    expect(abstentionPrecision(counts)).toBeCloseTo(2 / 3);
    expect(abstentionRecall(counts)).toBeCloseTo(2 / 3);
  });

  it('returns null rather than dividing by zero', () => {
    const counts = countAbstentions([{ abstained: false, answerable: true }]);
    expect(abstentionPrecision(counts)).toBeNull();
    expect(abstentionRecall(counts)).toBeNull();
    expect(mean([])).toBeNull();
    expect(percentile([], 50)).toBeNull();
  });

  it('takes nearest-rank percentiles', () => {
    const values = [5, 1, 4, 2, 3, 6, 7, 8, 9, 10];
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 95)).toBe(10);
    expect(percentile([7], 99)).toBe(7);
  });
});
