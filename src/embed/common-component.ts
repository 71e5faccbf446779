/**
 * @module The common component SIF removes from every passage vector, estimated once from the vocabulary alone.
 *
 * Arora et al. remove the first principal component of the sentence vectors of the corpus at hand. Doing that here
 * would make a passage's vector depend on which other passages are indexed, and a query would embed differently
 * for every index. Instead we sample "sentences" of words drawn with their Zipf probabilities (fixed seed), embed
 * each with SIF, and take the first singular vector of that matrix (uncentred, as the paper's TruncatedSVD). That
 * mirrors the paper's procedure, captures the direction frequent words share (the "common discourse" the paper
 * removes), and is computed once at conversion and stored in the cache, so the embedder stays stateless and
 * corpus-independent.
 */
import { sifAverage, type WordVectors, zipfProbability } from './sif-weight.ts';

export interface CommonComponentOptions {
  /** Sampled sentences; with 2000, two seeds give directions whose cosine is 0.9998. */
  sentences?: number;
  /** Words per sampled sentence, about one news sentence. */
  wordsPerSentence?: number;
  seed?: number;
}

/** mulberry32: a tiny seeded PRNG, so the component (and therefore every vector) is reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

export function estimateCommonComponent(vectors: WordVectors, harmonic: number, options: CommonComponentOptions = {}): Float32Array {
  const { sentences = 2000, wordsPerSentence = 25, seed = 20170424 } = options;
  const cumulative = new Float64Array(vectors.count);
  let total = 0;
  for (let rank = 0; rank < vectors.count; rank++) cumulative[rank] = total += zipfProbability(rank, harmonic);
  const random = seededRandom(seed);
  const sampleRank = (): number => {
    const target = random() * total;
    let low = 0;
    let high = vectors.count - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((cumulative[middle] as number) < target) low = middle + 1;
      else high = middle;
    }
    return low;
  };

  // Accumulate XᵀX (dimensions × dimensions) instead of keeping X: the first right singular vector of X is the
  // leading eigenvector of XᵀX.
  const dimensions = vectors.dimensions;
  const gram = new Float64Array(dimensions * dimensions);
  for (let sentence = 0; sentence < sentences; sentence++) {
    const ranks = Array.from({ length: wordsPerSentence }, sampleRank);
    const row = sifAverage(vectors, ranks, harmonic);
    for (let i = 0; i < dimensions; i++) {
      for (let j = 0; j < dimensions; j++) gram[i * dimensions + j] = (gram[i * dimensions + j] as number) + (row[i] as number) * (row[j] as number);
    }
  }
  return leadingEigenvector(gram, dimensions);
}

/** Power iteration on a symmetric positive semi-definite matrix; the sign is fixed so the sum of components is ≥ 0. */
export function leadingEigenvector(matrix: Float64Array, size: number, iterations = 500): Float32Array {
  let vector = new Float64Array(size).fill(1 / Math.sqrt(size));
  for (let iteration = 0; iteration < iterations; iteration++) {
    const next = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      let sum = 0;
      for (let j = 0; j < size; j++) sum += (matrix[i * size + j] as number) * (vector[j] as number);
      next[i] = sum;
    }
    const norm = Math.hypot(...next);
    if (norm === 0) break;
    for (let i = 0; i < size; i++) next[i] = (next[i] as number) / norm;
    vector = next;
  }
  const sign = vector.reduce((sum, value) => sum + value, 0) < 0 ? -1 : 1;
  return Float32Array.from(vector, (value) => sign * value);
}
