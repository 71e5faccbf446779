import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuseRankings } from '../../src/retrieve/fuse-rankings.ts';
import { dropNearDuplicates, mergeOverlapping, jaccard, jaccardAtLeast } from '../../src/retrieve/merge-passages.ts';
import { resolveFollowUpDeterministically } from '../../src/retrieve/resolve-follow-up.ts';
import type { Passage, ScoredPassage, SourceDocument } from '../../src/types.ts';

const text = 'Alpha sentence one. Beta sentence two. Gamma sentence three. Delta sentence four.';
const document: SourceDocument = { id: 'doc', sourcePath: 'doc.txt', text, contentHash: '', title: 'T', date: null, outlet: null, author: null, translator: null };
const passage = (ordinal: number, start: number, end: number, docId = 'doc'): Passage => ({
  id: `${docId}#${ordinal}`, docId, ordinal, start, end, text: text.slice(start, end), title: 'T', date: null, outlet: null,
});

describe('fuseRankings', () => {
  it('scores by reciprocal rank and favours passages both retrievers found', () => {
    const fused = fuseRankings([
      { kind: 'dense', indexes: [1, 2, 3], similarities: [0.9, 0.8, 0.7] },
      { kind: 'lexical', indexes: [3, 4] },
    ], 60);
    expect(fused[0]?.index).toBe(3);
    expect(fused[0]?.score).toBeCloseTo(1 / 63 + 1 / 61, 10);
    expect(fused[0]).toMatchObject({ denseRank: 3, lexicalRank: 1, denseSimilarity: 0.7 });
    expect(fused.map((candidate) => candidate.index)).toEqual([3, 1, 2, 4]);
  });
});

describe('mergeOverlapping', () => {
  it('joins overlapping chunks of one document into one span and keeps the better score', () => {
    const results: ScoredPassage[] = [
      { passage: passage(1, 20, 60), score: 0.5 },
      { passage: passage(0, 0, 38), score: 0.4 },
      { passage: passage(0, 0, 20, 'other'), score: 0.3 },
    ];
    const merged = mergeOverlapping(results, () => document);
    expect(merged).toHaveLength(2);
    expect(merged[0]?.passage).toMatchObject({ start: 0, end: 60, id: 'doc#0-1', text: text.slice(0, 60) });
    expect(merged[0]?.score).toBe(0.5);
  });

  it('drops a passage that repeats a better-ranked one', () => {
    const copy = { ...passage(0, 0, 38, 'copy'), text: text.slice(0, 38) };
    const results: ScoredPassage[] = [{ passage: passage(0, 0, 38), score: 1 }, { passage: copy, score: 0.9 }, { passage: passage(2, 40, 80), score: 0.8 }];
    expect(dropNearDuplicates(results).map((result) => result.passage.id)).toEqual(['doc#0', 'doc#2']);
  });
});

describe('resolveFollowUpDeterministically', () => {
  const history = [
    { role: 'user' as const, content: 'What is Russia proposing for the Turkish border?' },
    { role: 'assistant' as const, content: 'Deploying military police in the border areas [1].' },
  ];
  it('carries the previous question’s subject into a follow-up', () => {
    const resolved = resolveFollowUpDeterministically('And what does the regime want first?', history);
    expect(resolved).toMatch(/^And what does the regime want first\?/);
    expect(resolved).toContain('Russia');
    expect(resolved).toContain('Turkish');
  });
  it('leaves a question that stands alone untouched', () => {
    const question = 'Which Russian minister called for a withdrawal of non-Syrian forces from southern Syria?';
    expect(resolveFollowUpDeterministically(question, history)).toBe(question);
  });
});

describe('needsHistory', () => {
  it('takes pronouns and "and…" openings as follow-ups, and named subjects as standalone', async () => {
    const { needsHistory } = await import('../../src/retrieve/resolve-follow-up.ts');
    expect(needsHistory('And what did Iran do?')).toBe(true);
    expect(needsHistory('Did she think the Russians want Iran out?')).toBe(true);
    expect(needsHistory('how was that justified at first?')).toBe(true);
    expect(needsHistory('What is the population of Damascus?')).toBe(false);
    expect(needsHistory('Is there a Russian base in Tartous?')).toBe(false);
  });
});

describe('jaccardAtLeast', () => {
  it('decides exactly what comparing jaccard with the threshold decides', () => {
    const words = fc.uniqueArray(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'.split('')), { maxLength: 26 });
    fc.assert(
      fc.property(words, words, fc.constantFrom(0.2, 0.5, 0.8, 1), (left, right, threshold) => {
        const [a, b] = [new Set(left), new Set(right)];
        expect(jaccardAtLeast(a, b, threshold)).toBe(jaccard(a, b) >= threshold);
      }),
      { numRuns: 2000 },
    );
  });
});
