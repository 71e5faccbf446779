/** @module The one place that builds the concrete objects and listens. Serves at once; the index loads (or builds) behind a 503. */
import { config as loadDotenv } from 'dotenv';
import { unwatchFile, watchFile } from 'node:fs';
import type { Duplex } from 'node:stream';
import { join } from 'node:path';
import { type DestinationStream, pino } from 'pino';
import { AskWorkerPool } from './ask-workers/ask-worker-pool.ts';
import { type Config, loadConfig, resolveAnswerMode, resolveAskWorkers } from './config.ts';
import { createPipeline } from './create-engine.ts';
import { type Engine, EngineHolder } from './engine.ts';
import { AppError } from './errors.ts';
import { createApp } from './http/create-app.ts';
import { createMetrics } from './http/metrics.ts';
import { createOpenAICompatibleRoutes } from './http/openai-compatible-routes.ts';
import { currentBuildDir } from './index/index-store.ts';

/** In-flight requests and streams get this long to finish after SIGTERM. */
const SHUTDOWN_GRACE_MS = 10_000;
/** While shutting down, connections that have gone idle are closed this often. */
const SHUTDOWN_IDLE_CHECK_MS = 100;
/** How often the server looks for an index rebuilt by `npm run index` in another process. */
const INDEX_POLL_MS = 2000;
/** Node's default; capped by REQUEST_TIMEOUT_MS because Node requires headersTimeout <= requestTimeout. */
const HEADERS_TIMEOUT_MS = 15_000;

export interface ServerOptions {
  /** Where the JSON log lines go (default stdout); tests pass a stream to read them. */
  logDestination?: DestinationStream;
}

export async function startServer(config: Config, options: ServerOptions = {}) {
  const logOptions = { level: config.LOG_LEVEL, redact: ['req.headers.authorization', 'config.OPENAI_API_KEY', 'config.API_KEY', 'config.ADMIN_TOKEN'] };
  const logger = options.logDestination === undefined ? pino(logOptions) : pino(logOptions, options.logDestination);
  const holder = new EngineHolder();
  const metrics = createMetrics(true);
  const pipeline = createPipeline(config, { logger, buildIfNeeded: config.BUILD_INDEX_ON_START });
  const answerMode = resolveAnswerMode(config);

  const askWorkers = resolveAskWorkers(config);
  let workers: AskWorkerPool | null = null;
  /** Set by close(): a pool that finishes starting afterwards is stopped instead of swapped in. */
  let closing = false;
  const retireWorkers = () => {
    void workers?.close();
    workers = null;
  };
  // Workers load the index the main thread has just loaded; until they are ready, questions are answered in process.
  const startWorkers = async (engine: Engine): Promise<void> => {
    if (askWorkers === 0 || engine.index.location === null) return;
    const pool = await AskWorkerPool.start({
      config,
      buildDir: engine.index.location,
      gloveTables: await pipeline.gloveTables(),
      size: askWorkers,
      passageById: (id) => engine.index.passage(id),
      onProblem: (message) => logger.warn(message),
    });
    if (pool === null) return;
    if (holder.current() !== engine || closing) {
      void pool.close();
      return;
    }
    holder.swap({ ...engine, askWorkers: () => pool.size, ask: { ...engine.ask, offload: (request) => pool.ask(request) } });
    workers = pool;
    logger.info({ workers: pool.size }, 'ask workers ready');
  };

  let reloading: Promise<void> | null = null;
  const reload = (rebuild: boolean): Promise<void> =>
    (reloading ??= (async () => {
      try {
        if (rebuild) await pipeline.build();
        const engine = await pipeline.load();
        holder.swap(engine);
        retireWorkers();
        startWorkers(engine).catch((error: unknown) => logger.warn({ err: error }, 'ask workers did not start; answering in process'));
        metrics.indexPassages.set(engine.index.passages.length);
        metrics.indexDocuments.set(engine.index.documents.length);
        logger.info({ documents: engine.index.documents.length, passages: engine.index.passages.length, embedder: engine.embedderId }, 'index loaded');
      } finally {
        reloading = null;
      }
    })());

  const app = createApp({
    config,
    holder,
    logger,
    metrics,
    answerMode,
    answerModel: answerMode === 'llm' ? config.OPENAI_CHAT_MODEL : null,
    reindex: async () => {
      if (reloading !== null) return { started: false, message: 'A re-index is already running.' };
      reload(true).catch((error: unknown) => logger.error({ err: error }, 're-index failed; still serving the previous index'));
      return { started: true, message: 'Re-indexing in the background; the new index is swapped in when it is ready.' };
    },
    extraRoutes: (express) => express.use(createOpenAICompatibleRoutes({ holder, config, logger })),
  });

  const server = app.listen(config.PORT, config.HOST);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  server.requestTimeout = config.REQUEST_TIMEOUT_MS;
  server.headersTimeout = Math.min(HEADERS_TIMEOUT_MS, config.REQUEST_TIMEOUT_MS);
  server.keepAliveTimeout = 5000;
  server.on('clientError', answerClientError);
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.PORT;
  logger.info(`Listening on http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port}`);

  const started = performance.now();
  const ready = reload(false).then(
    () => logger.info({ ms: Math.round(performance.now() - started) }, 'ready'),
    (error: unknown) => {
      const message = error instanceof AppError ? error.message : String(error);
      holder.setStatus({ state: 'failed', message });
      throw error;
    },
  );

  // Our own builds (start-up, POST /api/admin/reindex) move CURRENT too; those are loaded already and are skipped,
  // and a build promoted while a reload runs is picked up when that reload ends instead of being missed.
  const reloadIfMoved = (): void => {
    if (reloading !== null) {
      reloading.then(reloadIfMoved, reloadIfMoved);
      return;
    }
    let latest: string | null = null;
    try {
      latest = currentBuildDir(config.INDEX_DIR);
    } catch {
      // A damaged CURRENT: reloading reports it, and the previous index keeps serving.
    }
    if (latest !== null && latest === holder.current()?.index.location) return;
    reload(false).catch((error: unknown) => logger.error({ err: error }, 'reloading the rebuilt index failed; still serving the previous index'));
  };
  const pointer = join(config.INDEX_DIR, 'CURRENT');
  watchFile(pointer, { interval: INDEX_POLL_MS }, (current, previous) => {
    if (current.mtimeMs !== previous.mtimeMs && current.mtimeMs > 0) reloadIfMoved();
  });

  const close = () =>
    new Promise<void>((resolve) => {
      unwatchFile(pointer);
      closing = true;
      // A connection whose last request or stream has just finished would otherwise stay open for keepAliveTimeout
      // and hold the exit up; one that sends another request meanwhile is told to close after it.
      const closeIdle = setInterval(() => server.closeIdleConnections(), SHUTDOWN_IDLE_CHECK_MS).unref();
      server.on('request', (_request, response) => response.setHeader('Connection', 'close'));
      const grace = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
      server.close(() => {
        clearInterval(closeIdle);
        clearTimeout(grace);
        const pool = workers;
        workers = null;
        void (pool?.close() ?? Promise.resolve()).then(resolve);
      });
      server.closeIdleConnections();
    });
  return { server, port, holder, ready, close, logger };
}

/**
 * Requests Node's HTTP parser rejects before Express sees them (broken framing, oversized headers or URL, a request
 * too slow to arrive) get the JSON error shape too, instead of Node's bare status line. The body carries both
 * shapes' fields (`code` for /api, `type` for /v1), since the path of an unparsable request is unknown.
 */
function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  // Like Node's own handler: once a response has gone out on this connection, a second one would corrupt the stream.
  const answered = 'bytesWritten' in socket && typeof socket.bytesWritten === 'number' && socket.bytesWritten > 0;
  if (error.code === 'ECONNRESET' || !socket.writable || answered) {
    socket.destroy();
    return;
  }
  const [status, reason, code, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', 'headers_too_large', 'The request line or headers are too large.']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'request_timeout', 'The request did not arrive in time.']
        : [400, 'Bad Request', 'bad_request', 'The request is not valid HTTP.'];
  const body = JSON.stringify({ error: { code, message, type: 'invalid_request_error', param: null } });
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
  const running = await startServer(config).catch((error: unknown) => {
    console.error(`Could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
  running.ready.catch((error: unknown) => {
    // An AppError's message is the one clients see; its detail (which server, what it said) is for this log.
    if (error instanceof AppError) running.logger.fatal({ code: error.code, detail: error.detail }, `the index could not be loaded: ${error.message}`);
    else running.logger.fatal({ err: error }, 'the index could not be loaded');
    process.exit(1);
  });
  const shutdown = (signal: string) => {
    running.logger.info(`${signal}: finishing in-flight requests, then exiting`);
    running.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
