import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeOpenAI, reply, startFakeOpenAI } from '../fakes/openai-server.ts';
import { waitFor } from './real-server.ts';
import { spawnServer } from './server-process.ts';

/** What the fake model streams: 16 pieces 150 ms apart, so the answer is still streaming for ~2.4 s after SIGTERM. */
const SLOW_DELTAS = 'Moscow enlarged the naval base at Tartous [1]. It is Russia’s only base on the Mediterranean [1]. '.split(/(?<= )/);
const DELAY_MS = 150;
/** SHUTDOWN_GRACE_MS in src/server.ts, plus start-up slack. */
const EXIT_BOUND_MS = 12_000;

let fake: FakeOpenAI;
let workDir: string;
beforeAll(async () => {
  fake = await startFakeOpenAI({ chat: () => reply.stream(SLOW_DELTAS, { delayMs: DELAY_MS }) });
  workDir = mkdtempSync(join(tmpdir(), 'news-rag-shutdown-'));
  cpSync('seeds', join(workDir, 'docs'), { recursive: true });
});
afterAll(async () => {
  await fake.close();
  rmSync(workDir, { recursive: true, force: true });
});

function refusesConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

describe('SIGTERM', () => {
  it('refuses new connections, lets the in-flight stream finish, and exits 0 within the bound', async () => {
    const server = spawnServer({
      DOCS_DIR: join(workDir, 'docs'),
      INDEX_DIR: join(workDir, 'index'),
      OPENAI_BASE_URL: fake.url,
      ANSWER_MODE: 'llm',
      LOG_LEVEL: 'info',
    });
    try {
      const port = await server.port;
      const url = `http://127.0.0.1:${port}`;
      await waitFor(async () => ((await fetch(`${url}/api/health`)).status === 200 ? true : undefined), 30_000, 'the index to load');

      const response = await fetch(`${url}/api/ask`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({ question: 'What naval base did Moscow enlarge?' }),
      });
      expect(response.status).toBe(200);
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      const decoder = new TextDecoder();
      let streamed = '';
      // The first token proves the answer is being generated when the signal arrives.
      while (!streamed.includes('event: token')) {
        const { value, done } = await reader.read();
        if (done) break;
        streamed += decoder.decode(value, { stream: true });
      }
      expect(streamed).toContain('event: token');

      const signalledAt = Date.now();
      server.child.kill('SIGTERM');
      await waitFor(async () => ((await refusesConnections(port)) ? true : undefined), 2000, 'new connections to be refused');

      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        streamed += decoder.decode(value, { stream: true });
      }
      const streamEndedAt = Date.now();
      expect(streamed).toContain('event: done');
      // The stream really was cut short of nothing: it ended well after the signal.
      expect(streamEndedAt - signalledAt).toBeGreaterThan(DELAY_MS * 4);

      const exit = await Promise.race([server.exited, new Promise<null>((resolve) => setTimeout(() => resolve(null), EXIT_BOUND_MS))]);
      expect(exit, server.output()).toEqual({ code: 0, signal: null });
      const exitedAt = Date.now();
      // Once the last stream is done nothing is left to wait for: no idle keep-alive connection holds the exit up.
      expect(exitedAt - streamEndedAt).toBeLessThan(2000);
      expect(server.output()).toContain('SIGTERM: finishing in-flight requests');
    } finally {
      server.child.kill('SIGKILL');
    }
  }, 60_000);
});
