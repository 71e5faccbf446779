/** @module The embed stage: texts → unit vectors, offline (GloVe + SIF) or through an OpenAI-compatible API. */
import type { Config } from '../config.ts';
import type { Embedder } from './embedder.ts';
import { configuredEmbedding } from './from-config.ts';

export { type Embedder, type EmbedInBatchesOptions, embedInBatches, fallbackVector, l2Normalize } from './embedder.ts';
export { configuredEmbedding, type ConfiguredEmbedding, createUnitVectorLookup, openAIClientFromConfig, type UnitVectorOf } from './from-config.ts';
export { gloveCachePath, loadGloveStore, type LoadGloveStoreOptions } from './load-glove-store.ts';
export { createLocalEmbedder, createLocalEmbedderFromStore, LOCAL_EMBEDDER_ID, type LocalEmbedderOptions } from './local-embedder.ts';
export { createOpenAIClient, type OpenAIClientOptions } from './openai-client.ts';
export { createOpenAIEmbedder, openAIEmbedderId, type OpenAIEmbedderOptions } from './openai-embedder.ts';

/**
 * The embedder `config.EMBEDDER` selects (local: loads the GloVe cache, converting once; openai: probes the server
 * once for its dimensions). Use `configuredEmbedding` instead when word vectors should share the GloVe store.
 */
export function createEmbedder(config: Config, options: { log?: (message: string) => void } = {}): Promise<Embedder> {
  return configuredEmbedding(config, options).load();
}
