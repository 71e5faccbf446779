/** @module A worker thread that builds the vocabulary's word-vector HNSW and writes it (see start-word-index-build.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import type { FromWordIndexWorker, WordIndexJob } from './start-word-index-build.ts';
import { indexWordVectors } from './word-neighbours.ts';

const port = parentPort;
if (port === null) throw new Error('word-index-worker.ts runs only as a worker thread');
const send = (message: FromWordIndexWorker) => port.postMessage(message);
const { words, file } = workerData as WordIndexJob;

try {
  const wordIndex = indexWordVectors(words);
  wordIndex.save(file);
  send({ kind: 'written', wordIndex: { dimensions: wordIndex.dimensions, count: wordIndex.count } });
} catch (error) {
  send({ kind: 'failed', reason: error instanceof Error ? error.message : String(error) });
}
