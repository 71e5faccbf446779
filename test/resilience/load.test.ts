import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

/** The short version of `npm run loadtest`: enough load to surface crashes, failed requests and gross leaks. */
const CONNECTIONS = 8;
const SECONDS = 3;
/**
 * Allowed growth of this process's RSS (server and autocannon share it) from the end of round one to the end of
 * round two. A leak of even 1 kB per request would pass 10 MB over a round of ~10k requests; 60 MB leaves room for
 * the GC's own timing, so the check catches leaks without being flaky.
 */
const MAX_GROWTH_BYTES = 60 * 2 ** 20;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const bodies = readFileSync('test/eval/questions.jsonl', 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => {
    const { question, history } = JSON.parse(line) as { question: string; history?: unknown };
    return JSON.stringify(history === undefined ? { question } : { question, history });
  });

function round(): Promise<autocannon.Result> {
  let next = 0;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: `${server.url}/api/ask`,
        connections: CONNECTIONS,
        duration: SECONDS,
        requests: [
          {
            method: 'POST',
            // Every fourth request streams, so the SSE path is loaded too.
            setupRequest: (request) => {
              const position = next++;
              const accept = position % 4 === 3 ? 'text/event-stream' : 'application/json';
              return { ...request, headers: { 'content-type': 'application/json', accept }, body: bodies[position % bodies.length] };
            },
          },
        ],
      },
      (error: unknown, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

describe('under load', () => {
  it('answers every request, with memory bounded across two rounds', async () => {
    const first = await round();
    const afterFirst = process.memoryUsage().rss;
    const second = await round();
    const afterSecond = process.memoryUsage().rss;
    for (const result of [first, second]) {
      expect(result.errors).toBe(0);
      expect(result.timeouts).toBe(0);
      expect(result.non2xx).toBe(0);
      expect(result.requests.total).toBeGreaterThan(CONNECTIONS * SECONDS * 10);
    }
    expect(afterSecond - afterFirst).toBeLessThan(MAX_GROWTH_BYTES);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  }, 20_000);
});
