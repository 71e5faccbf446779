/** Starts the real app on 127.0.0.1:0 over an index built from seeds/ (or a given folder) in a temporary directory. */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { type Config, loadConfig, resolveAnswerMode } from '../../src/config.ts';
import { createPipeline } from '../../src/create-engine.ts';
import { EngineHolder } from '../../src/engine.ts';
import { createApp } from '../../src/http/create-app.ts';
import { createOpenAICompatibleRoutes } from '../../src/http/openai-compatible-routes.ts';

export interface TestServer {
  url: string;
  config: Config;
  holder: EngineHolder;
  workDir: string;
  close(): Promise<void>;
}

export interface TestServerOptions {
  env?: Record<string, string>;
  /** Folder of articles to index instead of seeds/. */
  docsDir?: string;
  /** Leave the holder empty (index "still loading"). */
  withoutIndex?: boolean;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const workDir = mkdtempSync(join(tmpdir(), 'news-rag-test-'));
  const docsDir = join(workDir, 'docs');
  cpSync(options.docsDir ?? 'seeds', docsDir, { recursive: true });
  const config = loadConfig({
    INDEX_DIR: join(workDir, 'index'),
    DOCS_DIR: docsDir,
    RATE_LIMIT_PER_MINUTE: '0',
    // Tests script different model behaviour for the same question; each request must do the work.
    ANSWER_CACHE_SIZE: '0',
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const logger = pino({ level: config.LOG_LEVEL });
  const holder = new EngineHolder();
  if (options.withoutIndex !== true) holder.swap(await createPipeline(config, { buildIfNeeded: true }).load());
  const answerMode = resolveAnswerMode(config);
  const app = createApp({
    config,
    holder,
    logger,
    answerMode,
    answerModel: answerMode === 'llm' ? config.OPENAI_CHAT_MODEL : null,
    extraRoutes: (express) => express.use(createOpenAICompatibleRoutes({ holder, config, logger })),
  });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    config,
    holder,
    workDir,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          rmSync(workDir, { recursive: true, force: true });
          resolve();
        });
      }),
  };
}
