/** @module The one place that builds the concrete objects and listens. Serves at once; the index loads (or builds) behind a 503. */
import { config as loadDotenv } from 'dotenv';
import { unwatchFile, watchFile } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { type Config, loadConfig, resolveAnswerMode } from './config.ts';
import { createPipeline } from './create-engine.ts';
import { EngineHolder } from './engine.ts';
import { AppError } from './errors.ts';
import { createApp } from './http/create-app.ts';
import { createMetrics } from './http/metrics.ts';
import { createOpenAICompatibleRoutes } from './http/openai-compatible-routes.ts';

/** In-flight requests and streams get this long to finish after SIGTERM. */
const SHUTDOWN_GRACE_MS = 10_000;
/** How often the server looks for an index rebuilt by `npm run index` in another process. */
const INDEX_POLL_MS = 2000;

export async function startServer(config: Config) {
  const logger = pino({ level: config.LOG_LEVEL, redact: ['req.headers.authorization', 'config.OPENAI_API_KEY', 'config.API_KEY', 'config.ADMIN_TOKEN'] });
  const holder = new EngineHolder();
  const metrics = createMetrics(true);
  const pipeline = createPipeline(config, { logger, buildIfNeeded: config.BUILD_INDEX_ON_START });
  const answerMode = resolveAnswerMode(config);

  let reloading: Promise<void> | null = null;
  const reload = (rebuild: boolean): Promise<void> =>
    (reloading ??= (async () => {
      try {
        if (rebuild) await pipeline.build();
        const engine = await pipeline.load();
        holder.swap(engine);
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
  server.headersTimeout = 15_000;
  server.keepAliveTimeout = 5000;
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

  const pointer = join(config.INDEX_DIR, 'CURRENT');
  watchFile(pointer, { interval: INDEX_POLL_MS }, (current, previous) => {
    if (current.mtimeMs !== previous.mtimeMs && current.mtimeMs > 0 && reloading === null) {
      reload(false).catch((error: unknown) => logger.error({ err: error }, 'reloading the rebuilt index failed; still serving the previous index'));
    }
  });

  const close = () =>
    new Promise<void>((resolve) => {
      unwatchFile(pointer);
      server.close(() => resolve());
      server.closeIdleConnections();
      setTimeout(() => {
        server.closeAllConnections();
        resolve();
      }, SHUTDOWN_GRACE_MS).unref();
    });
  return { server, port, holder, ready, close, logger };
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
    running.logger.fatal(error instanceof AppError ? error.message : { err: error }, 'the index could not be loaded');
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
