/** @module The index stage's public face: build, load, search. */
export { buildIndex, passageEmbeddingText, type BuildIndexOptions, type BuildProgress, type BuildResult, type EmbedderSource } from './build-index.ts';
export { IndexBusyError } from './index-store.ts';
export { lexicalTerms } from './lexical-index.ts';
export { BUILD_FILES, IndexMissingError, loadIndex, readManifest, readVectors } from './load-index.ts';
export { INDEX_FORMAT_VERSION, type IndexExpectations, type Manifest } from './manifest.ts';
export { SearchIndex } from './search-index.ts';
export { VectorIndex, type DenseHit, type HnswParameters } from './vector-index.ts';
