/**
 * @module Child process of `npm run bench`: runs the real server (src/server.ts `startServer`, with its ask workers)
 * over an existing index, and a bare Express JSON route as the yardstick, both on 127.0.0.1:0. Reports its start
 * time and memory over IPC, so the load generator in the parent does not share this process's event loop.
 * `--prepare` only builds the index and exits. `--answer-cache-size N` and `--ask-workers N` set ANSWER_CACHE_SIZE
 * and ASK_WORKERS; without them the config defaults apply.
 */
import express from 'express';
import type { Server } from 'node:http';
import { parseArgs } from 'node:util';
import { loadConfig, resolveAskWorkers } from '../src/config.ts';
import { createPipeline } from '../src/create-engine.ts';
import { startServer } from '../src/server.ts';

export type ServeMessage =
  | {
      type: 'ready';
      askUrl: string;
      bareUrl: string;
      importedMs: number;
      startMs: number;
      loadMs: number;
      rssBytes: number;
      answerCacheSize: number;
      askWorkers: number;
      /** From the index being served to the ask workers answering (they load the index themselves). */
      workersReadyMs: number | null;
    }
  | { type: 'rss'; rssBytes: number; heapUsedBytes: number };

// Static imports are resolved before the first statement runs: this is Node + tsx + loading every module.
const importedMs = performance.now();
const { values } = parseArgs({
  options: {
    'index-dir': { type: 'string' },
    'docs-dir': { type: 'string', default: 'seeds' },
    'answer-cache-size': { type: 'string' },
    'ask-workers': { type: 'string' },
    prepare: { type: 'boolean', default: false },
  },
});
if (values['index-dir'] === undefined || process.send === undefined) throw new Error('bench-serve runs as an IPC child with --index-dir.');
const send = (message: ServeMessage) => process.send?.(message);

// The benchmark measures the service, not the rate limiter: limiting is off as in the HTTP tests.
// ANSWER_CACHE_SIZE goes through loadConfig, so the flag is validated like the environment variable would be.
const config = loadConfig({
  INDEX_DIR: values['index-dir'],
  DOCS_DIR: values['docs-dir'],
  RATE_LIMIT_PER_MINUTE: '0',
  LOG_LEVEL: 'silent',
  ANSWER_CACHE_SIZE: values['answer-cache-size'],
  ASK_WORKERS: values['ask-workers'],
  PORT: '0',
  HOST: '127.0.0.1',
});
if (values.prepare) {
  await createPipeline(config).build();
  process.exit(0);
}

const listen = (app: express.Express): Promise<{ server: Server; url: string }> =>
  new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, url: `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}` });
    });
  });

const loadStarted = performance.now();
const running = await startServer(config, { logDestination: { write: () => {} } });
await running.ready;
const loadMs = performance.now() - loadStarted;
const askUrl = `http://127.0.0.1:${running.port}`;
const expectedWorkers = resolveAskWorkers(config);
let workersReadyMs: number | null = null;
if (expectedWorkers > 0) {
  const deadline = performance.now() + 60_000;
  const workersNow = () => running.holder.current()?.askWorkers?.() ?? 0;
  while (workersNow() < expectedWorkers && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  if (workersNow() >= expectedWorkers) workersReadyMs = performance.now() - loadStarted - loadMs;
}

const bareApp = express();
bareApp.use(express.json());
bareApp.post('/x', (_request, response) => {
  response.json({ ok: true });
});
const bare = await listen(bareApp);

// performance.now() counts from process start, so startMs includes Node, tsx and module loading.
const startMs = workersReadyMs === null ? performance.now() : performance.now() - workersReadyMs;
send({
  type: 'ready',
  askUrl,
  bareUrl: bare.url,
  importedMs,
  startMs,
  loadMs,
  rssBytes: process.memoryUsage().rss,
  answerCacheSize: config.ANSWER_CACHE_SIZE,
  askWorkers: running.holder.current()?.askWorkers?.() ?? 0,
  workersReadyMs,
});
process.on('message', (message: unknown) => {
  if (message === 'rss') send({ type: 'rss', rssBytes: process.memoryUsage().rss, heapUsedBytes: process.memoryUsage().heapUsed });
  if (message === 'exit') {
    bare.server.closeAllConnections();
    bare.server.close();
    void running.close().then(() => process.exit(0));
  }
});
