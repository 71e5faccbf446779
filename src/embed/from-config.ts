/**
 * @module The embedder and the word similarity that configuration selects, sharing one GloVe store: the citation
 * check needs word vectors even when passages are embedded by an OpenAI-compatible server.
 */
import type { Config } from '../config.ts';
import type { Embedder } from './embedder.ts';
import type { GloveTables } from './glove-format.ts';
import { GloveStore } from './glove-store.ts';
import { loadGloveStore } from './load-glove-store.ts';
import { createLocalEmbedderFromStore, LOCAL_EMBEDDER_ID } from './local-embedder.ts';
import { createOpenAIClient } from './openai-client.ts';
import { createOpenAIEmbedder, openAIEmbedderId } from './openai-embedder.ts';
import { boundedMemo } from '../bounded-memo.ts';

/** A word's unit-length vector; null when the word has none. */
export type UnitVectorOf = (word: string) => Float32Array | null;

/** What the answer stage asks of the GloVe vocabulary. */
export interface WordLookup {
  unitVector: UnitVectorOf;
  /** Frequency rank in the GloVe vocabulary (0 = "the"), -1 for a word it does not have. */
  rank(word: string): number;
}

export interface ConfiguredEmbedding {
  /** Known without loading anything, so an up-to-date index is recognised cheaply. */
  id: string;
  load(): Promise<Embedder>;
  wordVectors(): Promise<WordLookup>;
  /** The local GloVe embedder whatever EMBEDDER says: answer sentences are compared offline, without API calls. */
  localEmbedder(): Promise<Embedder>;
  /** The GloVe tables, in shared memory when read from the cache: what an ask worker is given. */
  gloveTables(): Promise<GloveTables>;
}

/** Word vectors looked up during one process's life; bounded so a long-running server cannot grow without end. */
const MAX_CACHED_WORDS = 50_000;

export function openAIClientFromConfig(config: Config) {
  return createOpenAIClient({ apiKey: config.OPENAI_API_KEY, baseURL: config.OPENAI_BASE_URL, timeoutMs: config.OPENAI_TIMEOUT_MS, maxRetries: config.OPENAI_MAX_RETRIES });
}

export interface EmbeddingOptions {
  log?: (message: string) => void;
  /** Word vectors another thread has loaded (GloveStore.tables), used instead of reading the cache again. */
  gloveTables?: GloveTables;
}

export function configuredEmbedding(config: Config, options: EmbeddingOptions = {}): ConfiguredEmbedding {
  let store: Promise<GloveStore> | null = options.gloveTables === undefined ? null : Promise.resolve(new GloveStore(options.gloveTables));
  const gloveStore = () => (store ??= loadGloveStore({ cacheDir: config.CACHE_DIR, logger: options.log }));
  return {
    id: config.EMBEDDER === 'local' ? LOCAL_EMBEDDER_ID : openAIEmbedderId(config.OPENAI_EMBEDDING_MODEL),
    async load() {
      if (config.EMBEDDER === 'local') return createLocalEmbedderFromStore(await gloveStore());
      return createOpenAIEmbedder({ client: openAIClientFromConfig(config), model: config.OPENAI_EMBEDDING_MODEL });
    },
    async wordVectors() {
      const store = await gloveStore();
      return { unitVector: createUnitVectorLookup(store), rank: (word: string) => store.indexOf(word) };
    },
    async localEmbedder() {
      return createLocalEmbedderFromStore(await gloveStore());
    },
    async gloveTables() {
      return (await gloveStore()).tables;
    },
  };
}

export function createUnitVectorLookup(store: GloveStore): UnitVectorOf {
  return boundedMemo((word): Float32Array | null => {
    const index = store.indexOf(word);
    if (index < 0) return null;
    const vector = store.vector(index);
    const norm = Math.hypot(...vector);
    if (norm === 0) return null;
    for (let dimension = 0; dimension < vector.length; dimension++) vector[dimension] = (vector[dimension] as number) / norm;
    return vector;
  }, MAX_CACHED_WORDS);
}
