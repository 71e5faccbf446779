import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

/** The short version of `npm run loadtest`: enough load to surface crashes, failed requests and gross leaks. */
const CONNECTIONS = 8;
const SECONDS = 3;
/**
 * Allowed growth of the live JavaScript heap (after a full collection) from the end of round one to the end of round
 * two. Without a leak it grows 0.2–0.5 MB; a round is ~3k requests, so a leak of 1 kB per request passes the bound.
 * Measured after a collection, not as RSS: this process's RSS (server and autocannon share it) grew 1.5–56 MB between
 * rounds with no leak, as V8 sized its heap, which made the former RSS bound of 60 MB flaky.
 */
const MAX_HEAP_GROWTH_BYTES = 2.5 * 2 ** 20;
/** RSS still catches a native leak (hnswlib, buffers) that the JavaScript heap does not see, with room for V8's sizing. */
const MAX_RSS_GROWTH_BYTES = 150 * 2 ** 20;

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** Live heap and RSS after a full collection. */
function memoryAfterCollection(): { heap: number; rss: number } {
  collectGarbage();
  const { heapUsed, rss } = process.memoryUsage();
  return { heap: heapUsed, rss };
}

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
    const afterFirst = memoryAfterCollection();
    const second = await round();
    const afterSecond = memoryAfterCollection();
    for (const result of [first, second]) {
      expect(result.errors).toBe(0);
      expect(result.timeouts).toBe(0);
      expect(result.non2xx).toBe(0);
      expect(result.requests.total).toBeGreaterThan(CONNECTIONS * SECONDS * 10);
    }
    expect(afterSecond.heap - afterFirst.heap).toBeLessThan(MAX_HEAP_GROWTH_BYTES);
    expect(afterSecond.rss - afterFirst.rss).toBeLessThan(MAX_RSS_GROWTH_BYTES);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  }, 20_000);
});
