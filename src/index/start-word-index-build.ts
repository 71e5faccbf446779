/**
 * @module The word-vector HNSW built in a worker thread. hnswlib's addPoint runs synchronously on the calling thread,
 * so buildIndex hands the word index to a worker and builds the passages' index meanwhile, each on its own core.
 */
import { basename } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Manifest } from './manifest.ts';
import type { LabelledWordVectors } from './word-neighbours.ts';

/** What the worker is given: the words to index and the file to write the index to. */
export interface WordIndexJob {
  words: LabelledWordVectors;
  file: string;
}

/** The manifest's description of the word index. */
type WordIndexEntry = NonNullable<Manifest['wordIndex']>;

export type FromWordIndexWorker = { kind: 'written'; wordIndex: WordIndexEntry } | { kind: 'failed'; reason: string };

export interface WordIndexBuild {
  /** Resolves once the file is written and the worker has ended; rejects with what went wrong, or the abort reason. */
  written: Promise<WordIndexEntry>;
  /** Ends the worker; once this resolves it writes nothing more (so its folder can be removed). */
  stop(): Promise<void>;
}

/**
 * Starts building `job.words`' index (word-neighbours.ts indexWordVectors) in a worker that writes it to `job.file`.
 * The vectors' buffer is moved to the worker, not copied, and is unusable here afterwards.
 */
export function startWordIndexBuild(job: WordIndexJob, signal?: AbortSignal): WordIndexBuild {
  const thread = new Worker(new URL('./start-word-index-worker.mjs', import.meta.url), {
    workerData: job,
    transferList: [job.words.vectors.buffer as ArrayBuffer],
  });
  const written = new Promise<WordIndexEntry>((resolve, reject) => {
    let wordIndex: WordIndexEntry | null = null;
    const onAbort = () => fail(signal?.reason);
    const fail = (reason: unknown) => {
      signal?.removeEventListener('abort', onAbort);
      reject(reason);
      void thread.terminate();
    };
    const failWith = (problem: string) => fail(new Error(`Building the word-vector index (${basename(job.file)}) failed: ${problem}`));
    thread.on('message', (message: FromWordIndexWorker) => {
      if (message.kind === 'failed') failWith(message.reason);
      else wordIndex = message.wordIndex;
    });
    // Listened to for the worker's whole life: an 'error' nobody listens to would throw in this thread.
    thread.on('error', (error) => failWith(error.message));
    // Settled when the thread has ended, so no thread outlives the build. Messages sent before exiting arrive first.
    thread.on('exit', (code) => {
      if (wordIndex === null) return failWith(`the worker stopped (exit code ${code}) before writing it`);
      signal?.removeEventListener('abort', onAbort);
      resolve(wordIndex);
    });
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
  // Awaited only once the passages' index is written; a failure before then must not count as unhandled.
  written.catch(() => {});
  return { written, stop: async () => void (await thread.terminate()) };
}
