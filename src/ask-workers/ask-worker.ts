/**
 * @module A worker thread that answers questions over the same index as the main thread: it loads the index and
 * the word vectors itself and runs retrieval and the extractive answer, so that work uses another core while the
 * main thread handles HTTP.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { askQuestion } from '../answer/ask-question.ts';
import { createPipeline } from '../create-engine.ts';
import type { FromWorker, ToWorker, WorkerSetup } from './messages.ts';

const port = parentPort;
if (port === null) throw new Error('ask-worker.ts runs only as a worker thread');
const send = (message: FromWorker) => port.postMessage(message);
const { config, buildDir, gloveTables } = workerData as WorkerSetup;

try {
  // The main thread caches answers and builds indexes; a worker only loads the current one.
  const engine = await createPipeline(config, { cacheAnswers: false, gloveTables }).load();
  if (engine.index.location !== buildDir) {
    send({ kind: 'unusable', reason: `the current index is ${engine.index.location}, the server serves ${buildDir}` });
  } else {
    port.on('message', ({ id, request }: ToWorker) => {
      askQuestion(engine.ask, request).then(
        ({ passages, ...result }) => {
          const references = passages.map(({ passage, ...scores }) => (engine.index.passage(passage.id) === passage ? { ...scores, passageId: passage.id } : { ...scores, passage }));
          send({ kind: 'answer', id, result, passages: references });
        },
        (error: unknown) => send({ kind: 'failed', id, reason: error instanceof Error ? error.message : String(error) }),
      );
    });
    send({ kind: 'ready' });
  }
} catch (error) {
  send({ kind: 'unusable', reason: error instanceof Error ? error.message : String(error) });
}
