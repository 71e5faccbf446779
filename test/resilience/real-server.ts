/** Starts the real server code (src/server.ts `startServer`) on 127.0.0.1:0 over a copy of seeds/, with its JSON logs captured. */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Config, loadConfig } from '../../src/config.ts';
import { startServer } from '../../src/server.ts';

export interface LogLine {
  level: number;
  msg?: string;
  requestId?: string;
  [key: string]: unknown;
}

export interface RealServer {
  url: string;
  config: Config;
  running: Awaited<ReturnType<typeof startServer>>;
  workDir: string;
  docsDir: string;
  /** Every raw log line written so far. */
  rawLogs: string[];
  logs(): LogLine[];
  close(): Promise<void>;
}

export interface RealServerOptions {
  env?: Record<string, string>;
  /** Index folder to use instead of building one in the work folder. */
  indexDir?: string;
  /** Wait for the index to load (default true). */
  waitReady?: boolean;
}

export async function startRealServer(options: RealServerOptions = {}): Promise<RealServer> {
  const workDir = mkdtempSync(join(tmpdir(), 'news-rag-resilience-'));
  const docsDir = join(workDir, 'docs');
  cpSync('seeds', docsDir, { recursive: true });
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DOCS_DIR: docsDir,
    INDEX_DIR: options.indexDir ?? join(workDir, 'index'),
    RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'info',
    ...options.env,
  });
  const rawLogs: string[] = [];
  const running = await startServer(config, { logDestination: { write: (line: string) => void rawLogs.push(line) } });
  // `ready` rejects when the index cannot be loaded; tests that expect that read it themselves.
  running.ready.catch(() => undefined);
  if (options.waitReady !== false) await running.ready;
  return {
    url: `http://127.0.0.1:${running.port}`,
    config,
    running,
    workDir,
    docsDir,
    rawLogs,
    logs: () => rawLogs.map((line) => JSON.parse(line) as LogLine),
    close: async () => {
      running.server.closeAllConnections();
      await running.close();
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}

/** Polls until `check` returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => T | undefined | Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
