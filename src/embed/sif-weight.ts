/** @module Smooth inverse frequency (SIF) word weights, from a word's frequency rank in the GloVe vocabulary. */

/**
 * SIF smoothing constant `a` in a/(a + p(w)) (Arora, Liang and Ma, "A Simple but Tough-to-Beat Baseline for Sentence
 * Embeddings", ICLR 2017). The paper finds 1e-3 to 1e-4 work well across tasks; 1e-3 keeps content words near
 * weight 1 while "the" (p ≈ 0.075) drops to ≈ 0.013.
 */
export const SIF_SMOOTHING = 1e-3;

/**
 * H_n = 1 + 1/2 + … + 1/n, the normaliser that makes Zipf probabilities over n ranks sum to 1.
 */
export function harmonicNumber(count: number): number {
  let sum = 0;
  // Smallest terms first, so the float sum loses less precision.
  for (let rank = count; rank >= 1; rank--) sum += 1 / rank;
  return sum;
}

/**
 * Estimated probability of the word at 0-based frequency `rank`. The vectors package keeps only the order of its
 * words by corpus frequency, not the counts, and Zipf's law (frequency ∝ 1/rank) fits English news text well:
 * p(r) = 1/((r + 1)·H). SIF needs only the rough size of p, so the law's error in the tail does not matter.
 */
export function zipfProbability(rank: number, harmonic: number): number {
  return 1 / ((rank + 1) * harmonic);
}

/** The SIF weight a/(a + p(w)) of the word at 0-based frequency `rank` in a vocabulary with normaliser `harmonic`. */
export function sifWeight(rank: number, harmonic: number, smoothing = SIF_SMOOTHING): number {
  return smoothing / (smoothing + zipfProbability(rank, harmonic));
}

/** What SIF averaging needs from a table of word vectors. */
export interface WordVectors {
  readonly dimensions: number;
  /** Vocabulary size; word indexes are frequency ranks 0..count-1. */
  readonly count: number;
  /** target += factor · vector(index). */
  addScaled(target: Float32Array, index: number, factor: number): void;
}

/**
 * The SIF-weighted average (1/n)·Σ a/(a + p(w))·v(w) of the words at `indexes` (frequency ranks), before the
 * common component is removed. All zeros when `indexes` is empty.
 */
export function sifAverage(vectors: WordVectors, indexes: readonly number[], harmonic: number): Float32Array {
  const sum = new Float32Array(vectors.dimensions);
  if (indexes.length === 0) return sum;
  for (const index of indexes) vectors.addScaled(sum, index, sifWeight(index, harmonic) / indexes.length);
  return sum;
}
