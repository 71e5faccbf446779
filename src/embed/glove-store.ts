/** @module Word lookup and vector access over the binary GloVe tables, without building a Map of 341k strings. */
import { fnv1a, type GloveTables } from './glove-format.ts';
import { harmonicNumber, type WordVectors } from './sif-weight.ts';

export class GloveStore implements WordVectors {
  readonly dimensions: number;
  readonly count: number;
  /** Zipf normaliser H over the vocabulary, computed once for SIF weights. */
  readonly harmonic: number;
  readonly commonComponent: Float32Array;
  readonly #tables: GloveTables;
  readonly #encoder = new TextEncoder();
  #scratch = new Uint8Array(256);

  constructor(tables: GloveTables) {
    this.#tables = tables;
    this.dimensions = tables.dimensions;
    this.count = tables.count;
    this.harmonic = harmonicNumber(tables.count);
    this.commonComponent = tables.commonComponent;
  }

  /**
   * The tables themselves, to hand to a worker thread: read from the cache they live in a SharedArrayBuffer, so a
   * GloveStore built from them there shares this one's memory.
   */
  get tables(): GloveTables {
    return this.#tables;
  }

  /** The word's frequency rank (its index), or -1 when the vocabulary does not hold it. Exact, case-sensitive match. */
  indexOf(word: string): number {
    // UTF-8 needs at most 3 bytes per UTF-16 code unit.
    if (word.length * 3 > this.#scratch.length) this.#scratch = new Uint8Array(word.length * 3);
    const length = this.#encoder.encodeInto(word, this.#scratch).written;
    const { table, wordOffsets, words } = this.#tables;
    const mask = table.length - 1;
    for (let slot = fnv1a(this.#scratch, length) & mask; ; slot = (slot + 1) & mask) {
      const entry = table[slot] as number;
      if (entry === 0) return -1;
      const index = entry - 1;
      const start = wordOffsets[index] as number;
      if ((wordOffsets[index + 1] as number) - start !== length) continue;
      let same = true;
      for (let position = 0; position < length && same; position++) same = words[start + position] === this.#scratch[position];
      if (same) return index;
    }
  }

  addScaled(target: Float32Array, index: number, factor: number): void {
    const { vectors, scales, dimensions } = this.#tables;
    const scaled = factor * (scales[index] as number);
    const base = index * dimensions;
    for (let dimension = 0; dimension < dimensions; dimension++) {
      target[dimension] = (target[dimension] as number) + scaled * (vectors[base + dimension] as number);
    }
  }

  /** The (dequantised) vector of the word at `index`. */
  vector(index: number): Float32Array {
    const vector = new Float32Array(this.dimensions);
    this.addScaled(vector, index, 1);
    return vector;
  }
}

/**
 * Builds the open-addressing table for `wordOffsets`/`words`: twice as many slots as words (rounded up to a power of
 * two) keeps probe chains short. A repeated word keeps its first, most frequent, index.
 */
export function buildHashTable(wordOffsets: Uint32Array, words: Uint8Array): Uint32Array {
  const count = wordOffsets.length - 1;
  let slots = 1;
  while (slots < count * 2) slots *= 2;
  const table = new Uint32Array(slots);
  const mask = slots - 1;
  for (let index = 0; index < count; index++) {
    const bytes = words.subarray(wordOffsets[index], wordOffsets[index + 1]);
    let slot = fnv1a(bytes) & mask;
    let duplicate = false;
    for (; table[slot] !== 0 && !duplicate; slot = (slot + 1) & mask) {
      const other = (table[slot] as number) - 1;
      duplicate = Buffer.compare(bytes, words.subarray(wordOffsets[other], wordOffsets[other + 1])) === 0;
    }
    if (!duplicate) table[slot] = index + 1;
  }
  return table;
}
