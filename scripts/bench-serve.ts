/**
 * @module Child process of `npm run bench`: serves the real app (built as test/helpers/test-server.ts builds it) over
 * an existing index, and a bare Express JSON route as the yardstick, both on 127.0.0.1:0. Reports its start time
 * and memory over IPC, so the load generator in the parent does not share this process's event loop.
 * `--prepare` only builds the index and exits. `--answer-cache-size N` sets ANSWER_CACHE_SIZE (0 turns the answer
 * cache off); without it the config default applies.
 */
import express from 'express';
import type { Server } from 'node:http';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { loadConfig, resolveAnswerMode } from '../src/config.ts';
import { createPipeline } from '../src/create-engine.ts';
import { EngineHolder } from '../src/engine.ts';
import { createApp } from '../src/http/create-app.ts';

export type ServeMessage =
  | { type: 'ready'; askUrl: string; bareUrl: string; importedMs: number; startMs: number; loadMs: number; rssBytes: number; answerCacheSize: number }
  | { type: 'rss'; rssBytes: number; heapUsedBytes: number };

// Static imports are resolved before the first statement runs: this is Node + tsx + loading every module.
const importedMs = performance.now();
const { values } = parseArgs({
  options: {
    'index-dir': { type: 'string' },
    'docs-dir': { type: 'string', default: 'seeds' },
    'answer-cache-size': { type: 'string' },
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
const holder = new EngineHolder();
holder.swap(await createPipeline(config, { buildIfNeeded: true }).load());
const answerMode = resolveAnswerMode(config);
const ask = await listen(createApp({ config, holder, logger: pino({ level: 'silent' }), answerMode, answerModel: answerMode === 'llm' ? config.OPENAI_CHAT_MODEL : null }));
const loadMs = performance.now() - loadStarted;

const bareApp = express();
bareApp.use(express.json());
bareApp.post('/x', (_request, response) => {
  response.json({ ok: true });
});
const bare = await listen(bareApp);

// performance.now() counts from process start, so startMs includes Node, tsx and module loading.
send({ type: 'ready', askUrl: ask.url, bareUrl: bare.url, importedMs, startMs: performance.now(), loadMs, rssBytes: process.memoryUsage().rss, answerCacheSize: config.ANSWER_CACHE_SIZE });
process.on('message', (message: unknown) => {
  if (message === 'rss') send({ type: 'rss', rssBytes: process.memoryUsage().rss, heapUsedBytes: process.memoryUsage().heapUsed });
  if (message === 'exit') {
    ask.server.closeAllConnections();
    bare.server.closeAllConnections();
    ask.server.close();
    bare.server.close(() => process.exit(0));
  }
});
