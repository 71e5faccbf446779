/** @module The offline embedder: GloVe word vectors averaged with SIF weights, common component removed. */
import type { Embedder } from './embedder.ts';
import { fallbackVector, l2Normalize } from './embedder.ts';
import type { GloveStore } from './glove-store.ts';
import { loadGloveStore } from './load-glove-store.ts';
import { sifAverage } from './sif-weight.ts';
import { tokenize, vocabularyWords } from './tokenize.ts';

/**
 * Changes whenever any part of the recipe changes (vectors, quantisation, tokenizer, weights, common component), so
 * an index built with an older recipe is detected and rebuilt.
 */
export const LOCAL_EMBEDDER_ID = 'local:glove-sg-100d-sif-v1';

/** Texts per `embed` call: ~10 ms of work for 600-character passages, so progress and aborts are noticed often. */
const LOCAL_MAX_BATCH_SIZE = 256;

export interface LocalEmbedderOptions {
  /** Folder of the binary GloVe cache. Env: CACHE_DIR (default `node_modules/.cache/news-rag`). */
  cacheDir: string;
  /** Receives one line when the one-time conversion starts. */
  logger?: (message: string) => void;
  /** The package's JSON; by default resolved from node_modules. */
  sourcePath?: string;
}

/** Frequency ranks of the vocabulary words in `text`, in order; unknown tokens are skipped. */
export function wordIndexes(store: GloveStore, text: string): number[] {
  const isKnown = (word: string): boolean => store.indexOf(word) >= 0;
  const indexes: number[] = [];
  for (const token of tokenize(text)) {
    const index = store.indexOf(token);
    if (index >= 0) indexes.push(index);
    else for (const word of vocabularyWords(token, isKnown)) indexes.push(store.indexOf(word));
  }
  return indexes;
}

/** SIF (Arora et al. 2017): weighted average, minus its projection on the common component, L2-normalised. */
export function sifEmbed(store: GloveStore, text: string): Float32Array {
  const vector = sifAverage(store, wordIndexes(store, text), store.harmonic);
  const component = store.commonComponent;
  let projection = 0;
  for (let dimension = 0; dimension < store.dimensions; dimension++) projection += (vector[dimension] as number) * (component[dimension] as number);
  let sumOfSquares = 0;
  for (let dimension = 0; dimension < store.dimensions; dimension++) {
    const value = (vector[dimension] as number) - projection * (component[dimension] as number);
    vector[dimension] = value;
    sumOfSquares += value * value;
  }
  // Below ~1e-12 the direction is rounding noise (no known word, or a text that is nothing but the component).
  return sumOfSquares > 1e-24 ? l2Normalize(vector) : fallbackVector(text, store.dimensions);
}

/**
 * Questions remembered; see createLocalEmbedderFromStore. The two embeddings of one question follow each other
 * without another request's work between them, so a few entries suffice, and a benchmark that rotates questions
 * still measures embedding.
 */
const RECENT_QUESTIONS = 4;

export function createLocalEmbedderFromStore(store: GloveStore): Embedder {
  // A question is embedded by retrieval and again by the answerer (to rank sentences by meaning), right after each
  // other: single texts are remembered briefly. Batches (passages, sentences) are not questions and are not kept.
  const recent = new Map<string, Float32Array>();
  const embedQuestion = (text: string): Float32Array => {
    let vector = recent.get(text);
    if (vector === undefined) {
      vector = sifEmbed(store, text);
      if (recent.size >= RECENT_QUESTIONS) recent.delete(recent.keys().next().value as string);
      recent.set(text, vector);
    }
    return vector;
  };
  return {
    id: LOCAL_EMBEDDER_ID,
    dimensions: store.dimensions,
    maxBatchSize: LOCAL_MAX_BATCH_SIZE,
    async embed(texts, options = {}) {
      options.signal?.throwIfAborted();
      if (texts.length === 1) return [embedQuestion(texts[0] as string)];
      return texts.map((text) => sifEmbed(store, text));
    },
  };
}

/** Loads the vectors (from the binary cache; the first run converts the package's JSON, ~10 s) and returns the embedder. */
export async function createLocalEmbedder(options: LocalEmbedderOptions): Promise<Embedder> {
  return createLocalEmbedderFromStore(await loadGloveStore(options));
}
