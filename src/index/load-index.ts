/** @module Load the current build from disk after checking its manifest against the configuration and its files' checksums. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IndexCorruptError, IndexMismatchError } from '../errors.ts';
import type { Passage, SourceDocument } from '../types.ts';
import { CorpusVocabulary } from './corpus-vocabulary.ts';
import { currentBuildDir, readVerifiedFile } from './index-store.ts';
import { LexicalIndex } from './lexical-index.ts';
import { type IndexExpectations, type Manifest, manifestMismatches, manifestSchema } from './manifest.ts';
import { EXACT_SEARCH_MAX_VECTORS, ExactVectorSearch } from './exact-vector-search.ts';
import { SearchIndex } from './search-index.ts';
import { VectorIndex } from './vector-index.ts';

export const BUILD_FILES = {
  manifest: 'manifest.json',
  documents: 'documents.json',
  passages: 'passages.json',
  vectors: 'vectors.bin',
  hnsw: 'hnsw.bin',
  lexical: 'lexical.bin',
  vocabulary: 'vocabulary.json',
  wordHnsw: 'word-hnsw.bin',
} as const;

const REBUILD = 'run `npm run index` to rebuild the index';

export class IndexMissingError extends IndexCorruptError {}

/** Reads and validates the manifest of a build folder. */
export function readManifest(buildDir: string): Manifest {
  const file = join(buildDir, BUILD_FILES.manifest);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new IndexCorruptError(`${file} is missing or unreadable; ${REBUILD}.`, { cause: error });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new IndexCorruptError(`${file} is not valid JSON; ${REBUILD}.`, { cause: error });
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) throw new IndexCorruptError(`${file} is not a valid manifest; ${REBUILD}.`);
  return parsed.data;
}

export interface LoadIndexOptions {
  expectations: IndexExpectations;
  efSearch: number;
}

export function loadIndex(indexDir: string, options: LoadIndexOptions): SearchIndex {
  const buildDir = currentBuildDir(indexDir);
  if (buildDir === null) throw new IndexMissingError(`No index in ${indexDir}; run \`npm run index\` (or \`npm start\`, which builds it).`);
  const manifest = readManifest(buildDir);
  const problems = manifestMismatches(manifest, options.expectations);
  if (problems.length > 0) {
    throw new IndexMismatchError(`The index in ${buildDir} does not match the configuration: ${problems.join('; ')}. Run \`npm run index\` to rebuild it.`);
  }
  const json = <T>(name: string): T => {
    const data = readVerifiedFile(buildDir, name, manifest.files[name]);
    try {
      return JSON.parse(data.toString('utf8')) as T;
    } catch (error) {
      throw new IndexCorruptError(`${join(buildDir, name)} is not valid JSON; ${REBUILD}.`, { cause: error });
    }
  };
  const documents = json<SourceDocument[]>(BUILD_FILES.documents);
  const passages = json<Passage[]>(BUILD_FILES.passages);
  if (passages.length !== manifest.counts.passages || documents.length !== manifest.counts.documents) {
    throw new IndexCorruptError(`${buildDir} holds other counts than its manifest; ${REBUILD}.`);
  }
  const lexicalIndex = readLexicalIndex(buildDir, manifest);
  // hnswlib reads its files natively and does not survive a truncated one, so checksums are verified first.
  readVerifiedFile(buildDir, BUILD_FILES.hnsw, manifest.files[BUILD_FILES.hnsw]);
  const vectorIndex = VectorIndex.load(join(buildDir, BUILD_FILES.hnsw), manifest.hnsw.dimensions, passages.length, options.efSearch);
  let wordIndex: VectorIndex | null = null;
  if (manifest.wordIndex !== null) {
    readVerifiedFile(buildDir, BUILD_FILES.wordHnsw, manifest.files[BUILD_FILES.wordHnsw]);
    wordIndex = VectorIndex.load(join(buildDir, BUILD_FILES.wordHnsw), manifest.wordIndex.dimensions, manifest.wordIndex.count, options.efSearch);
  }
  const vocabulary = readVocabulary(buildDir, manifest);
  const exactSearch = passages.length <= EXACT_SEARCH_MAX_VECTORS ? ExactVectorSearch.over(readVectors(buildDir, manifest), manifest.hnsw.dimensions) : null;
  return new SearchIndex(manifest, documents, passages, vectorIndex, lexicalIndex, buildDir, vocabulary, wordIndex, exactSearch);
}

function readLexicalIndex(buildDir: string, manifest: Manifest): LexicalIndex {
  const data = readVerifiedFile(buildDir, BUILD_FILES.lexical, manifest.files[BUILD_FILES.lexical]);
  try {
    return LexicalIndex.deserialize(data);
  } catch (error) {
    const problem = error instanceof Error ? error.message : String(error);
    throw new IndexCorruptError(`${join(buildDir, BUILD_FILES.lexical)} cannot be read (${problem}); ${REBUILD}.`, { cause: error });
  }
}

function readVocabulary(buildDir: string, manifest: Manifest): CorpusVocabulary {
  const text = readVerifiedFile(buildDir, BUILD_FILES.vocabulary, manifest.files[BUILD_FILES.vocabulary]).toString('utf8');
  try {
    return CorpusVocabulary.fromJSON(text);
  } catch (error) {
    throw new IndexCorruptError(`${join(buildDir, BUILD_FILES.vocabulary)} is not a valid vocabulary (${(error as Error).message}); ${REBUILD}.`, { cause: error });
  }
}

/** Vectors of a build, as written by the builder: passages.length × dimensions float32 values. */
export function readVectors(buildDir: string, manifest: Manifest): Float32Array[] {
  const data = readVerifiedFile(buildDir, BUILD_FILES.vectors, manifest.files[BUILD_FILES.vectors]);
  const dimensions = manifest.embedder.dimensions;
  const all = new Float32Array(data.buffer, data.byteOffset, data.length / 4);
  const vectors: Float32Array[] = [];
  for (let offset = 0; offset < all.length; offset += dimensions) vectors.push(all.slice(offset, offset + dimensions));
  return vectors;
}
