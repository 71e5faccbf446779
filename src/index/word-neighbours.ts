/**
 * @module The corpus words a word soft-matches, best first: those sharing its root, then those whose GloVe vectors
 * are closest to its own. Query expansion (retrieve/) and evidence scoring (answer/) ask the same question of the
 * same vocabulary, so they share one cache.
 */
import type { UnitVectorOf } from '../embed/from-config.ts';
import type { CorpusVocabulary } from './corpus-vocabulary.ts';

/**
 * Below this cosine two different words are not treated as meaning the same. GloVe puts inflections and
 * near-synonyms (truce/ceasefire 0.92, militia/forces 0.73) above it; merely related words mostly fall under it,
 * and those just above it earn little (see softCredit).
 */
export const SOFT_MATCH_MIN = 0.6;
/** A country and its adjective (Russia/Russian, Iran/Iranian) are one subject, whatever the stemmer says. */
const ROOT_MATCH_CREDIT = 0.9;
/** Words whose neighbours are kept; questions and claims reuse a small working vocabulary. */
const MAX_CACHED_NEIGHBOURS = 20_000;

/**
 * Credit for a soft match rises from 0.22 at the threshold to 1 for near-identical words: related words (left/end
 * 0.69, entirely/fairly 0.68) earn little, so a claim cannot be "supported" by a quote that merely shares its topic.
 */
export function softCredit(similarity: number): number {
  return Math.min(1, Math.max(0, (similarity - 0.5) / 0.45));
}

function sharesRoot(left: string, right: string): boolean {
  const [shorter, longer] = left.length <= right.length ? [left, right] : [right, left];
  return shorter.length >= 4 && longer.length - shorter.length <= 3 && longer.startsWith(shorter);
}

/** A word's soft matches in the corpus, best first, with the credit each earns, and each word's rank for lookups. */
export interface Neighbours {
  ranked: { word: string; credit: number }[];
  rankOf: Map<string, number>;
}

/** The vocabulary words that have a vector, with those vectors in one matrix for fast scans. */
interface VectorMatrix {
  vectorWords: string[];
  vectors: Float32Array;
  dimensions: number;
}

export class WordNeighbours {
  private matrix: VectorMatrix | null = null;
  private readonly cache = new Map<string, Neighbours>();

  constructor(
    private readonly vocabulary: CorpusVocabulary,
    private readonly unitVector: UnitVectorOf,
  ) {}

  /** Computed once per word and cached: scanning the vocabulary once beats comparing with every evidence word each time. */
  of(word: string): Neighbours {
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached;
    const ranked = [...this.vocabulary.wordCounts.keys()].filter((other) => sharesRoot(word, other)).map((other) => ({ word: other, credit: ROOT_MATCH_CREDIT }));
    const roots = new Set(ranked.map((match) => match.word));
    for (const match of this.similarWords(word)) if (!roots.has(match.word)) ranked.push({ word: match.word, credit: softCredit(match.similarity) });
    const rankOf = new Map<string, number>();
    ranked.forEach((match, rank) => {
      if (!rankOf.has(match.word)) rankOf.set(match.word, rank);
    });
    const neighbours = { ranked, rankOf };
    if (this.cache.size >= MAX_CACHED_NEIGHBOURS) this.cache.clear();
    this.cache.set(word, neighbours);
    return neighbours;
  }

  /** Vocabulary words at cosine ≥ SOFT_MATCH_MIN, closest first (ties in first-seen order). */
  private similarWords(word: string): { word: string; similarity: number }[] {
    const { vectorWords, vectors, dimensions } = this.loadMatrix();
    const own = this.unitVector(word);
    const similar: { word: string; similarity: number }[] = [];
    if (own === null || own.length !== dimensions) return similar;
    for (let row = 0; row < vectorWords.length; row++) {
      const base = row * dimensions;
      let dot = 0;
      for (let dimension = 0; dimension < dimensions; dimension++) dot += (own[dimension] as number) * (vectors[base + dimension] as number);
      if (dot >= SOFT_MATCH_MIN) similar.push({ word: vectorWords[row] as string, similarity: dot });
    }
    return similar.sort((left, right) => right.similarity - left.similarity);
  }

  /** Built on first use, so starting the server does not wait for it. */
  private loadMatrix(): VectorMatrix {
    if (this.matrix !== null) return this.matrix;
    const found: Float32Array[] = [];
    const vectorWords: string[] = [];
    for (const word of this.vocabulary.wordCounts.keys()) {
      const vector = this.unitVector(word);
      if (vector === null) continue;
      found.push(vector);
      vectorWords.push(word);
    }
    const dimensions = found[0]?.length ?? 0;
    const vectors = new Float32Array(found.length * dimensions);
    found.forEach((vector, row) => vectors.set(vector, row * dimensions));
    this.matrix = { vectorWords, vectors, dimensions };
    return this.matrix;
  }
}
