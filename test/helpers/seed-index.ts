/** How the index tests build from and load a folder of articles: the default chunking and HNSW, a given embedder. */
import type { BuildIndexOptions } from '../../src/index/build-index.ts';
import type { FakeEmbedder } from '../fakes/fake-embedder.ts';

const CHUNKING = { chunkSize: 600, chunkOverlap: 100 };

export function buildOptions(embedder: FakeEmbedder, inputDir: string, indexDir: string, overrides: Partial<BuildIndexOptions> = {}): BuildIndexOptions {
  return {
    inputDir,
    indexDir,
    chunking: CHUNKING,
    hnsw: { m: 16, efConstruction: 100 },
    embedder: { id: embedder.id, load: async () => embedder },
    ...overrides,
  };
}

/** What loadIndex must find in a build made with buildOptions. */
export function loadExpectations(embedder: FakeEmbedder) {
  return { embedderId: embedder.id, dimensions: embedder.dimensions, ...CHUNKING };
}
