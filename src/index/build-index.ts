/**
 * @module Build an index from a folder of articles: ingest → chunk → embed → HNSW + BM25 + vocabulary → manifest,
 * written to a temporary folder and promoted atomically. Unchanged passages reuse the previous build's vectors, and a
 * run with nothing changed stops after comparing manifests.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chunkDocuments, type ChunkOptions } from '../chunk/chunk-documents.ts';
import type { Embedder } from '../embed/embedder.ts';
import type { UnitVectorOf } from '../embed/from-config.ts';
import { embedInBatches } from '../embed/embedder.ts';
import { type IngestWarning, loadDocuments } from '../ingest/index.ts';
import { metadataText } from '../metadata-text.ts';
import type { Passage, SourceDocument } from '../types.ts';
import { CorpusVocabulary } from './corpus-vocabulary.ts';
import { acquireBuildLock, createTempBuildDir, currentBuildDir, fileEntry, promoteBuild, readVerifiedFile, removeAbandonedTempDirs, sha256 } from './index-store.ts';
import { LexicalIndex } from './lexical-index.ts';
import { BUILD_FILES, readManifest, readVectors } from './load-index.ts';
import { INDEX_FORMAT_VERSION, type Manifest } from './manifest.ts';
import { startWordIndexBuild, type WordIndexBuild } from './start-word-index-build.ts';
import { type HnswParameters, VectorIndex } from './vector-index.ts';
import { wordVectorsToIndex } from './word-neighbours.ts';

/** The embedder's id is known without loading it, so an up-to-date index is recognised without paying for the load. */
export interface EmbedderSource {
  id: string;
  load(): Promise<Embedder>;
}

export type BuildProgress =
  | { phase: 'loaded'; documents: number }
  | { phase: 'chunked'; passages: number; toEmbed: number }
  | { phase: 'embedding'; done: number; total: number; passagesPerSecond: number }
  | { phase: 'writing' };

export interface BuildIndexOptions {
  inputDir: string;
  indexDir: string;
  chunking: ChunkOptions;
  hnsw: Omit<HnswParameters, 'efSearch'>;
  embedder: EmbedderSource;
  /** Rebuild even when nothing changed. */
  force?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: BuildProgress) => void;
  onWarning?: (warning: IngestWarning) => void;
  /**
   * Index the vocabulary's word vectors when it has more than `minWords` words (the local GloVe store, loaded only
   * then, and never from the network), with the word index's own HNSW settings (WORD_INDEX_HNSW), not `hnsw`.
   * Without it every neighbour lookup scans the vocabulary. It is built in a worker thread, beside the rest.
   */
  wordIndex?: { minWords: number; unitVectors(): Promise<UnitVectorOf> };
}

export interface BuildResult {
  status: 'built' | 'up-to-date';
  manifest: Manifest;
  buildDir: string;
  warnings: IngestWarning[];
  embedded: number;
  reused: number;
}

/** The text a passage is embedded as. Part of the reuse key, so changing it re-embeds everything. */
export function passageEmbeddingText(passage: Passage): string {
  return passage.text;
}

export async function buildIndex(options: BuildIndexOptions): Promise<BuildResult> {
  const started = performance.now();
  const { documents, warnings } = await loadDocuments(options.inputDir, { onWarning: options.onWarning });
  options.onProgress?.({ phase: 'loaded', documents: documents.length });
  const documentEntries = documents.map((document) => ({
    id: document.id,
    sourcePath: document.sourcePath,
    contentHash: document.contentHash,
    textHash: sha256(document.text),
  }));

  const previousDir = safeCurrentBuildDir(options.indexDir);
  const previous = previousDir === null ? null : safeReadManifest(previousDir);
  if (!options.force && previous !== null && previousDir !== null && isUpToDate(previous, options, documentEntries) && filesIntact(previousDir, previous)) {
    return { status: 'up-to-date', manifest: previous, buildDir: previousDir, warnings, embedded: 0, reused: previous.counts.passages };
  }

  const release = acquireBuildLock(options.indexDir);
  removeAbandonedTempDirs(options.indexDir);
  const tempDir = createTempBuildDir(options.indexDir);
  let wordIndexBuild: WordIndexBuild | null = null;
  let detachAbort = () => {};
  try {
    const passages = await chunkDocuments(documents, options.chunking);
    const reusable = previous !== null && previousDir !== null && previous.embedder.id === options.embedder.id
      ? reusableVectors(previousDir, previous)
      : new Map<string, Float32Array>();
    const texts = passages.map(passageEmbeddingText);
    const vectors: (Float32Array | undefined)[] = texts.map((text) => reusable.get(sha256(text)));
    const missing = vectors.flatMap((vector, position) => (vector === undefined ? [position] : []));
    options.onProgress?.({ phase: 'chunked', passages: passages.length, toEmbed: missing.length });

    // Started before embedding, so the word index takes the other core while this thread embeds and builds the rest.
    const vocabulary = CorpusVocabulary.count(passages.map((passage) => passage.text), documents.map(metadataText));
    const wordVectors = options.wordIndex !== undefined && vocabulary.wordCounts.size > options.wordIndex.minWords
      ? wordVectorsToIndex(vocabulary, await options.wordIndex.unitVectors(), options.wordIndex.minWords)
      : null;
    // A failed word index stops the embedding too, rather than being reported only once all passages are embedded.
    const stopped = new AbortController();
    const stop = (reason: unknown) => stopped.abort(reason);
    const onAbort = () => stop(options.signal?.reason);
    if (options.signal?.aborted === true) onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    detachAbort = () => options.signal?.removeEventListener('abort', onAbort);
    const signal = stopped.signal;
    if (wordVectors !== null) {
      wordIndexBuild = startWordIndexBuild({ words: wordVectors, file: join(tempDir, BUILD_FILES.wordHnsw) }, signal);
      wordIndexBuild.written.catch(stop);
    }

    let dimensions = previous?.embedder.dimensions ?? 0;
    if (missing.length > 0 || previous === null) {
      const embedder = await options.embedder.load();
      dimensions = embedder.dimensions;
      const embedStarted = performance.now();
      const fresh = await embedInBatches(embedder, missing.map((position) => texts[position] as string), {
        signal,
        onProgress: (done: number) => {
          const seconds = (performance.now() - embedStarted) / 1000;
          options.onProgress?.({ phase: 'embedding', done, total: missing.length, passagesPerSecond: seconds > 0 ? done / seconds : 0 });
        },
      });
      missing.forEach((position, order) => { vectors[position] = fresh[order]; });
    }
    signal.throwIfAborted();
    options.onProgress?.({ phase: 'writing' });

    const complete = vectors as Float32Array[];
    const manifest = await writeBuild(tempDir, documents, passages, complete, dimensions, { vocabulary, wordIndexBuild }, options, documentEntries, started);
    const buildDir = promoteBuild(options.indexDir, tempDir);
    return { status: 'built', manifest, buildDir, warnings, embedded: missing.length, reused: passages.length - missing.length };
  } catch (error) {
    // Stopped first: the worker writes into tempDir, and must not recreate it once removed.
    await wordIndexBuild?.stop();
    rmSync(tempDir, { recursive: true, force: true });
    throw error;
  } finally {
    detachAbort();
    release();
  }
}

async function writeBuild(
  dir: string,
  documents: SourceDocument[],
  passages: Passage[],
  vectors: Float32Array[],
  dimensions: number,
  { vocabulary, wordIndexBuild }: { vocabulary: CorpusVocabulary; wordIndexBuild: WordIndexBuild | null },
  options: BuildIndexOptions,
  documentEntries: Omit<Manifest['documents'][number], 'passages'>[],
  started: number,
): Promise<Manifest> {
  const flat = new Float32Array(vectors.length * dimensions);
  vectors.forEach((vector, position) => flat.set(vector, position * dimensions));
  writeFileSync(join(dir, BUILD_FILES.vectors), new Uint8Array(flat.buffer));
  writeFileSync(join(dir, BUILD_FILES.documents), JSON.stringify(documents));
  writeFileSync(join(dir, BUILD_FILES.passages), JSON.stringify(passages));
  writeFileSync(join(dir, BUILD_FILES.lexical), LexicalIndex.build(passages).serialize());
  VectorIndex.build(vectors, dimensions, { ...options.hnsw, efSearch: options.hnsw.efConstruction }).save(join(dir, BUILD_FILES.hnsw));
  writeFileSync(join(dir, BUILD_FILES.vocabulary), vocabulary.toJSON());
  const wordIndex = wordIndexBuild === null ? null : await wordIndexBuild.written;

  const counts = new Map<string, number>();
  for (const passage of passages) counts.set(passage.docId, (counts.get(passage.docId) ?? 0) + 1);
  const files: Manifest['files'] = {};
  for (const name of [BUILD_FILES.vectors, BUILD_FILES.documents, BUILD_FILES.passages, BUILD_FILES.lexical, BUILD_FILES.hnsw, BUILD_FILES.vocabulary]) {
    files[name] = fileEntry(join(dir, name));
  }
  if (wordIndex !== null) files[BUILD_FILES.wordHnsw] = fileEntry(join(dir, BUILD_FILES.wordHnsw));
  const manifest: Manifest = {
    formatVersion: INDEX_FORMAT_VERSION,
    embedder: { id: options.embedder.id, dimensions },
    chunking: { chunkSize: options.chunking.chunkSize, chunkOverlap: options.chunking.chunkOverlap },
    hnsw: { space: 'cosine', dimensions, m: options.hnsw.m, efConstruction: options.hnsw.efConstruction },
    wordIndex,
    documents: documentEntries.map((entry) => ({ ...entry, passages: counts.get(entry.id) ?? 0 })),
    counts: { documents: documents.length, passages: passages.length },
    files,
    builtAt: new Date().toISOString(),
    buildMs: Math.round(performance.now() - started),
  };
  writeFileSync(join(dir, BUILD_FILES.manifest), JSON.stringify(manifest, null, 2));
  return manifest;
}

function isUpToDate(manifest: Manifest, options: BuildIndexOptions, entries: Omit<Manifest['documents'][number], 'passages'>[]): boolean {
  const same = (left: unknown, right: unknown) => JSON.stringify(left) === JSON.stringify(right);
  return (
    manifest.formatVersion === INDEX_FORMAT_VERSION &&
    manifest.embedder.id === options.embedder.id &&
    same(manifest.chunking, { chunkSize: options.chunking.chunkSize, chunkOverlap: options.chunking.chunkOverlap }) &&
    manifest.hnsw.m === options.hnsw.m &&
    manifest.hnsw.efConstruction === options.hnsw.efConstruction &&
    same(manifest.documents.map(({ passages: _passages, ...entry }) => entry), entries)
  );
}

/** Previous vectors keyed by the hash of the text they embed; a damaged previous build just means embedding again. */
function reusableVectors(buildDir: string, manifest: Manifest): Map<string, Float32Array> {
  const reusable = new Map<string, Float32Array>();
  try {
    const passages = JSON.parse(readFileSync(join(buildDir, BUILD_FILES.passages), 'utf8')) as Passage[];
    const vectors = readVectors(buildDir, manifest);
    passages.forEach((passage, position) => {
      const vector = vectors[position];
      if (vector !== undefined) reusable.set(sha256(passageEmbeddingText(passage)), vector);
    });
  } catch {
    reusable.clear();
  }
  return reusable;
}

/** A build whose files no longer match its manifest (truncated, corrupted, deleted) is rebuilt, not called up to date. */
function filesIntact(buildDir: string, manifest: Manifest): boolean {
  try {
    for (const [name, expected] of Object.entries(manifest.files)) readVerifiedFile(buildDir, name, expected);
    return true;
  } catch {
    return false;
  }
}

function safeCurrentBuildDir(indexDir: string): string | null {
  try {
    return currentBuildDir(indexDir);
  } catch {
    return null;
  }
}

function safeReadManifest(buildDir: string): Manifest | null {
  try {
    return readManifest(buildDir);
  } catch {
    return null;
  }
}
