/**
 * @module The corpus words a word soft-matches, best first: those sharing its root, then those whose GloVe vectors
 * are closest to its own. Query expansion (retrieve/) and evidence scoring (answer/) ask the same question of the
 * same vocabulary, so they share one cache. A small vocabulary is scanned exactly; a large one is searched through an
 * HNSW index of its words' vectors built with the index, so a new question word costs the same at any corpus size.
 */
import type { UnitVectorOf } from '../embed/from-config.ts';
import { cosineOfUnitVectors, cosinesWithRows } from '../embed/unit-vectors.ts';
import type { CorpusVocabulary } from './corpus-vocabulary.ts';
import { type HnswParameters, VectorIndex } from './vector-index.ts';

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
/** Root-sharing words share their first this many characters (sharesRoot needs 4), which buckets the vocabulary. */
const ROOT_PREFIX = 4;

/**
 * Nearest words asked of the HNSW first; most words have few neighbours above SOFT_MATCH_MIN (median 5, 99th
 * percentile 95 at 161k words), so the search widens fourfold only while the farthest hit is still above it.
 */
const FIRST_NEAREST = 32;
/** The widest search: a word with more neighbours than this loses only its least similar ones (credit near 0.22). */
const MAX_NEAREST = 2048;
/** hnswlib's float32 cosines may differ from the exact ones in the last digits; widening errs on the safe side. */
const HNSW_SIMILARITY_SLACK = 0.01;

/**
 * Credit for a soft match rises from 0.22 at the threshold to 1 for near-identical words: related words (left/end
 * 0.69, entirely/fairly 0.68) earn little, so a claim cannot be "supported" by a quote that merely shares its topic.
 */
export function softCredit(similarity: number): number {
  return Math.min(1, Math.max(0, (similarity - 0.5) / 0.45));
}

/**
 * A verb and its noun: "agreement", "deployment", "removal", "proposal", and "-ion" after a verb in -ene, -ete, -ute
 * ("intervention", "execution"). Not "-ation" or "-ion" after any stem: media/mediation, state/station and
 * found/foundation are different words.
 */
function isNounOfVerb(verb: string, noun: string): boolean {
  if (verb.length < 5) return false;
  if (noun === `${verb}ment`) return true;
  const stem = verb.endsWith('e') ? verb.slice(0, -1) : verb;
  if (noun === `${stem}al`) return true;
  return /(?:en|et|ut)e$/.test(verb) && (noun === `${stem}ion` || noun === `${stem}tion`);
}

function sharesRoot(left: string, right: string): boolean {
  const [shorter, longer] = left.length <= right.length ? [left, right] : [right, left];
  if (shorter.length < 4) return false;
  return (longer.length - shorter.length <= 3 && longer.startsWith(shorter)) || isNounOfVerb(shorter, longer);
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

/**
 * The word index's own HNSW settings, cheaper to build than the passages' (HNSW_M, HNSW_EF_CONSTRUCTION): every
 * candidate's cosine is recomputed exactly and the search widens while hits stay above the threshold, so the graph
 * only has to reach the neighbours, not rank them. Measured on a synthetic 161k-word vocabulary against the exact
 * scan of 340 words (4,686 neighbours at cosine ≥ 0.6), building on this 2-core machine while it was shared:
 *   M 16, efConstruction 100 (the passages'): 62.7 s, missed 2 (credits ≤ 0.41)
 *   M 16, efConstruction 80:                  40.6 s, missed 3 (credits ≤ 0.45)
 *   M 16, efConstruction 60 (chosen):         28.5 s, missed 9 (credits ≤ 0.57)
 *   M 24, efConstruction 60 / 40:             31 / 24 s, missed 5 / 11, one of them at credit 0.83
 *   M 16, efConstruction 40:                  23 s,   missed 23 (one at credit 0.83), 13 even at ef 512
 *   M 32, efConstruction 30:                  21.5 s, missed 30, and 108 MB instead of 88
 *   M 8 or 12, efConstruction 20–32:          11–17 s, missed 58–260 (up to credit 0.92)
 * Below efConstruction 60 strongly similar words start to go missing, and a larger ef at search does not bring back
 * what a cheap build left unreachable. efSearch is what the index is loaded with (HNSW_EF_SEARCH's default).
 */
export const WORD_INDEX_HNSW: HnswParameters = { m: 16, efConstruction: 60, efSearch: 128 };

export interface WordIndexOptions {
  /** At most this many words with vectors are scanned exactly instead. Env: WORD_INDEX_MIN_WORDS. */
  minWords: number;
  /** Default WORD_INDEX_HNSW. */
  hnsw?: HnswParameters;
}

/**
 * The vocabulary words that have a vector, as one matrix (a single buffer, so it can be handed to a worker thread
 * without copying), each row labelled with the word's position in `vocabulary.wordCounts`.
 */
export interface LabelledWordVectors {
  /** `labels.length` rows of `dimensions` values. */
  vectors: Float32Array;
  labels: Uint32Array;
  dimensions: number;
}

/**
 * The words an HNSW index of the vocabulary would hold; null for a vocabulary small enough to scan (at most
 * `minWords` words with vectors). Words used only once are included: in the seeds (real news) they are 550 of the 827
 * words with vectors, yet plain words ("glimpse", "flexibility"), and 58 % of the eval questions' near words; such a
 * word is the one way to the one passage that uses it.
 */
export function wordVectorsToIndex(vocabulary: CorpusVocabulary, unitVector: UnitVectorOf, minWords: number): LabelledWordVectors | null {
  const found: Float32Array[] = [];
  const labels: number[] = [];
  let position = 0;
  for (const word of vocabulary.wordCounts.keys()) {
    const vector = unitVector(word);
    if (vector !== null && (found[0] === undefined || vector.length === found[0].length)) {
      found.push(vector);
      labels.push(position);
    }
    position += 1;
  }
  if (found.length <= minWords || found[0] === undefined) return null;
  const dimensions = found[0].length;
  const vectors = new Float32Array(found.length * dimensions);
  found.forEach((vector, row) => vectors.set(vector, row * dimensions));
  return { vectors, labels: Uint32Array.from(labels), dimensions };
}

/** The HNSW index of `words`, searched hits carrying each word's label. */
export function indexWordVectors({ vectors, labels, dimensions }: LabelledWordVectors, hnsw: HnswParameters = WORD_INDEX_HNSW): VectorIndex {
  const rows = Array.from(labels, (_, row) => vectors.subarray(row * dimensions, (row + 1) * dimensions));
  return VectorIndex.build(rows, dimensions, hnsw, Array.from(labels));
}

/**
 * An HNSW index of the vocabulary words' unit vectors, labelled by each word's position in `vocabulary.wordCounts`;
 * null for a vocabulary small enough to scan. buildIndex builds the same index in a worker thread (see
 * start-word-index-build.ts).
 */
export function buildWordVectorIndex(vocabulary: CorpusVocabulary, unitVector: UnitVectorOf, options: WordIndexOptions): VectorIndex | null {
  const words = wordVectorsToIndex(vocabulary, unitVector, options.minWords);
  return words === null ? null : indexWordVectors(words, options.hnsw);
}

export class WordNeighbours {
  private matrix: VectorMatrix | null = null;
  private rootBuckets: Map<string, string[]> | null = null;
  private readonly words: readonly string[];
  private readonly cache = new Map<string, Neighbours>();

  /** `wordIndex` is the index's word-vector HNSW; without one (a small or in-memory index) every lookup scans. */
  constructor(
    vocabulary: CorpusVocabulary,
    private readonly unitVector: UnitVectorOf,
    private readonly wordIndex: VectorIndex | null = null,
  ) {
    this.words = [...vocabulary.wordCounts.keys()];
  }

  /** Computed once per word and cached: looking a word up once beats comparing it with every evidence word each time. */
  of(word: string): Neighbours {
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached;
    const candidates = this.loadRootBuckets().get(word.slice(0, ROOT_PREFIX)) ?? [];
    const ranked = candidates.filter((other) => sharesRoot(word, other)).map((other) => ({ word: other, credit: ROOT_MATCH_CREDIT }));
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
    const own = this.unitVector(word);
    if (this.wordIndex !== null) return own === null || own.length !== this.wordIndex.dimensions ? [] : this.searchSimilar(own, this.wordIndex);
    const { vectorWords, vectors, dimensions } = this.loadMatrix();
    const similar: { word: string; similarity: number }[] = [];
    if (own === null || own.length !== dimensions) return similar;
    cosinesWithRows(own, vectors, dimensions).forEach((similarity, row) => {
      if (similarity >= SOFT_MATCH_MIN) similar.push({ word: vectorWords[row] as string, similarity });
    });
    return similar.sort((left, right) => right.similarity - left.similarity);
  }

  /**
   * The HNSW proposes the nearest words; each one's cosine is then computed exactly as the scan does, so credits and
   * order agree with it and only recall is approximate.
   */
  private searchSimilar(own: Float32Array, wordIndex: VectorIndex): { word: string; similarity: number }[] {
    let limit = FIRST_NEAREST;
    let hits = wordIndex.search(own, limit);
    // Wider while the search came back full and its farthest hit may still be above the threshold.
    while (hits.length === limit && limit < MAX_NEAREST && (hits.at(-1)?.similarity ?? 0) >= SOFT_MATCH_MIN - HNSW_SIMILARITY_SLACK) {
      limit *= 4;
      hits = wordIndex.search(own, limit);
    }
    const similar: { word: string; similarity: number; position: number }[] = [];
    for (const hit of hits) {
      const other = this.words[hit.index];
      const vector = other === undefined ? null : this.unitVector(other);
      if (vector === null || vector.length !== own.length) continue;
      const similarity = cosineOfUnitVectors(own, vector);
      if (similarity >= SOFT_MATCH_MIN) similar.push({ word: other as string, similarity, position: hit.index });
    }
    return similar.sort((left, right) => right.similarity - left.similarity || left.position - right.position);
  }

  /** Vocabulary words by their first characters, in first-seen order; built on first use. */
  private loadRootBuckets(): Map<string, string[]> {
    if (this.rootBuckets !== null) return this.rootBuckets;
    this.rootBuckets = new Map();
    for (const word of this.words) {
      if (word.length < ROOT_PREFIX) continue;
      const key = word.slice(0, ROOT_PREFIX);
      const bucket = this.rootBuckets.get(key);
      if (bucket === undefined) this.rootBuckets.set(key, [word]);
      else bucket.push(word);
    }
    return this.rootBuckets;
  }

  /** Built on first use, so starting the server does not wait for it. */
  private loadMatrix(): VectorMatrix {
    if (this.matrix !== null) return this.matrix;
    const found: Float32Array[] = [];
    const vectorWords: string[] = [];
    for (const word of this.words) {
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
