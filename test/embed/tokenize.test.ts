import { describe, expect, it } from 'vitest';
import { harmonicNumber, SIF_SMOOTHING, sifWeight, zipfProbability } from '../../src/embed/sif-weight.ts';
import { tokenize, vocabularyWords } from '../../src/embed/tokenize.ts';

describe('tokenize', () => {
  it('lowercases, drops punctuation and possessives (straight or curly)', () => {
    expect(tokenize('Moscow’s troops, and Russia\'s navy!')).toEqual(['moscow', 'troops', 'and', 'russia', 'navy']);
  });

  it('keeps hyphenated words, contractions and numbers whole', () => {
    expect(tokenize('A well‑known pro-Kremlin outlet didn’t report 3.5 or 1,000 F-16s in 2016.')).toEqual([
      'a', 'well-known', 'pro-kremlin', 'outlet', "didn't", 'report', '3.5', 'or', '1,000', 'f-16s', 'in', '2016',
    ]);
  });

  it('folds accents and drops the periods of initialisms', () => {
    expect(tokenize('Erdoğan met U.S. envoys at a café')).toEqual(['erdogan', 'met', 'us', 'envoys', 'at', 'a', 'cafe']);
  });

  it('handles non-Latin scripts and empty text', () => {
    expect(tokenize('Москва — столица')).toEqual(['москва', 'столица']);
    expect(tokenize('')).toEqual([]);
    expect(tokenize(' .,;— ')).toEqual([]);
  });
});

describe('vocabularyWords', () => {
  const vocabulary = new Set(['well-known', 'pro', 'kremlin', 'dont', 'moscow']);
  const isKnown = (word: string): boolean => vocabulary.has(word);

  it('prefers the whole token, then the token without apostrophes, then its known parts', () => {
    expect(vocabularyWords('well-known', isKnown)).toEqual(['well-known']);
    expect(vocabularyWords("don't", isKnown)).toEqual(['dont']);
    expect(vocabularyWords('pro-kremlin', isKnown)).toEqual(['pro', 'kremlin']);
    expect(vocabularyWords('moscow', isKnown)).toEqual(['moscow']);
    expect(vocabularyWords('zzz', isKnown)).toEqual([]);
    expect(vocabularyWords('anti-zzz', isKnown)).toEqual([]);
  });
});

describe('SIF weights', () => {
  const harmonic = harmonicNumber(341_479);

  it('uses Zipf probabilities that sum to 1', () => {
    expect(harmonicNumber(3)).toBeCloseTo(1 + 1 / 2 + 1 / 3, 12);
    let total = 0;
    for (let rank = 0; rank < 1000; rank++) total += zipfProbability(rank, harmonicNumber(1000));
    expect(total).toBeCloseTo(1, 10);
  });

  it('weighs frequent words far below rare ones', () => {
    expect(SIF_SMOOTHING).toBe(1e-3);
    expect(sifWeight(0, harmonic)).toBeCloseTo(0.013, 3);
    expect(sifWeight(1000, harmonic)).toBeGreaterThan(0.9);
    expect(sifWeight(300_000, harmonic)).toBeGreaterThan(0.999);
    expect(sifWeight(10, harmonic)).toBeLessThan(sifWeight(11, harmonic));
  });
});
