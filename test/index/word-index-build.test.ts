import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { configuredEmbedding, type UnitVectorOf } from '../../src/embed/from-config.ts';
import { buildIndex, type BuildIndexOptions } from '../../src/index/build-index.ts';
import { currentBuildDir } from '../../src/index/index-store.ts';
import { BUILD_FILES, loadIndex } from '../../src/index/load-index.ts';
import { buildWordVectorIndex } from '../../src/index/word-neighbours.ts';
import { createFakeEmbedder } from '../fakes/fake-embedder.ts';
import { buildOptions, loadExpectations } from '../helpers/seed-index.ts';

const embedder = createFakeEmbedder();
const expectations = loadExpectations(embedder);
let workDir: string;
let indexDir: string;
let unitVector: UnitVectorOf;
/** Every worker thread started in this process, recorded as Node announces it. */
let workers: { thread: Worker; exited: boolean }[] = [];
const recordWorker = (thread: Worker) => {
  const record = { thread, exited: false };
  thread.once('exit', () => { record.exited = true; });
  workers.push(record);
};

function options(overrides: Partial<BuildIndexOptions> = {}): BuildIndexOptions {
  return buildOptions(embedder, join(workDir, 'docs'), indexDir, {
    // The seeds' ~850 words are below the default minimum, so the word index is forced.
    wordIndex: { minWords: 0, unitVectors: async () => unitVector },
    force: true,
    ...overrides,
  });
}

const tempDirs = () => readdirSync(indexDir).filter((entry) => entry.startsWith('.tmp-'));

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'word-index-build-test-'));
  cpSync('seeds', join(workDir, 'docs'), { recursive: true });
  unitVector = (await configuredEmbedding(loadConfig({})).wordVectors()).unitVector;
  process.on('worker', recordWorker);
});
afterAll(() => {
  process.off('worker', recordWorker);
  rmSync(workDir, { recursive: true, force: true });
});
beforeEach(() => {
  indexDir = mkdtempSync(join(workDir, 'index-'));
  workers = [];
});
afterEach(() => rmSync(indexDir, { recursive: true, force: true }));

describe('the word index of a build', () => {
  it('is built in one worker thread, into the same file as building it in process', async () => {
    const result = await buildIndex(options());
    expect(workers).toHaveLength(1);
    expect(workers[0]?.exited).toBe(true);
    const index = loadIndex(indexDir, { expectations, efSearch: 50 });
    const inProcess = buildWordVectorIndex(index.vocabulary, unitVector, { minWords: 0 });
    const inProcessFile = join(workDir, 'in-process-word-hnsw.bin');
    inProcess?.save(inProcessFile);
    expect(result.manifest.wordIndex).toEqual({ dimensions: inProcess?.dimensions, count: inProcess?.count });
    expect(readFileSync(join(result.buildDir, BUILD_FILES.wordHnsw)).equals(readFileSync(inProcessFile))).toBe(true);
  });

  it('is not built, and no worker started, for a vocabulary at or under the minimum', async () => {
    let lookedUp = false;
    const result = await buildIndex(options({ wordIndex: { minWords: 5000, unitVectors: async () => { lookedUp = true; return unitVector; } } }));
    expect(result.manifest.wordIndex).toBeNull();
    expect(result.manifest.files[BUILD_FILES.wordHnsw]).toBeUndefined();
    expect(lookedUp).toBe(false);
    expect(workers).toHaveLength(0);
  });

  it('that fails stops the embedding still under way instead of waiting for it', async () => {
    await buildIndex(options({ wordIndex: undefined }));
    // An embedder that only ever finishes by being aborted: without the stop the build would never end.
    const endless = { ...embedder, embed: (_texts: string[], { signal }: { signal?: AbortSignal } = {}) => new Promise<Float32Array[]>((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal.reason), { once: true })) };
    const failing = buildIndex(options({
      embedder: { id: `${embedder.id}-other`, load: async () => endless },
      onProgress: (progress) => {
        if (progress.phase === 'chunked') for (const entry of tempDirs()) mkdirSync(join(indexDir, entry, BUILD_FILES.wordHnsw));
      },
    }));
    await expect(failing).rejects.toThrow(/word-vector index \(word-hnsw\.bin\) failed/);
    expect(workers.map((worker) => worker.exited)).toEqual([true]);
  });

  it('that fails rejects the build, naming the problem, and leaves the previous index as it was', async () => {
    const previous = await buildIndex(options({ wordIndex: undefined }));
    const failing = buildIndex(options({
      onProgress: (progress) => {
        // The worker is started after this point; a folder where it writes its file makes hnswlib write nothing.
        if (progress.phase === 'chunked') for (const entry of tempDirs()) mkdirSync(join(indexDir, entry, BUILD_FILES.wordHnsw));
      },
    }));
    await expect(failing).rejects.toThrow(/word-vector index \(word-hnsw\.bin\) failed: hnswlib could not write .*word-hnsw\.bin/);
    expect(workers.map((worker) => worker.exited)).toEqual([true]);
    expect(currentBuildDir(indexDir)).toBe(previous.buildDir);
    expect(tempDirs()).toEqual([]);
    expect(loadIndex(indexDir, { expectations, efSearch: 50 }).manifest).toEqual(previous.manifest);
  });

  it('is stopped with the build when the build is aborted', async () => {
    const previous = await buildIndex(options({ wordIndex: undefined }));
    const controller = new AbortController();
    // Announced on the next tick after the worker is created, before it can have sent anything back.
    process.once('worker', () => controller.abort(new Error('stopped by the test')));
    await expect(buildIndex(options({ signal: controller.signal }))).rejects.toThrow('stopped by the test');
    expect(workers.map((worker) => worker.exited)).toEqual([true]);
    expect(currentBuildDir(indexDir)).toBe(previous.buildDir);
    expect(tempDirs()).toEqual([]);
  });
});
