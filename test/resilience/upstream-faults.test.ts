import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AskResponse } from '../../src/types.ts';
import { type FakeOpenAI, type FakeReply, fakeVector, reply, startFakeOpenAI } from '../fakes/openai-server.ts';
import { readEvents } from '../http/sse-client.ts';
import { type RealServer, startRealServer, waitFor } from './real-server.ts';

/** One attempt may take OPENAI_TIMEOUT_MS; with one retry and its back-off a failure is known within ~3 s. */
const UPSTREAM_ENV = { OPENAI_TIMEOUT_MS: '1000', OPENAI_MAX_RETRIES: '1' };
/** Longest any faulty question may take end to end. */
const BOUND_MS = 6000;

type Fault = 'none' | '429' | '500' | 'garbage' | 'hang' | 'cut' | 'stall';
let fault: Fault = 'none';

const ANSWER = 'Moscow enlarged the naval base at Tartous [1]. It is Russia’s only base on the Mediterranean [1]. ';

function chatReply(): FakeReply {
  switch (fault) {
    case '429': return reply.error(429, 'Rate limit reached', { 'retry-after-ms': '10' });
    case '500': return reply.error(500);
    // A 200 that is not an event stream at all, e.g. a proxy's page: no chunks arrive.
    case 'garbage': return reply.json({ unexpected: 'not a completion' }, 200, { 'content-type': 'text/event-stream' });
    case 'hang': return reply.hang();
    case 'cut': return reply.stream(ANSWER.split(/(?<= )/), { cutAfter: 2 });
    // Headers and the first chunk arrive, then nothing for a minute: the client's time-out has already stopped counting.
    case 'stall': return reply.stream(ANSWER.split(/(?<= )/), { delayMs: 60_000 });
    default: return reply.stream(ANSWER.split(/(?<= )/));
  }
}

function embeddingsReply(input: unknown): FakeReply {
  const texts = Array.isArray(input) ? input.map(String) : [String(input ?? '')];
  switch (fault) {
    case '429': return reply.error(429, 'Rate limit reached', { 'retry-after-ms': '10' });
    case '500': return reply.error(500);
    case 'garbage': return reply.json('<html><body>502 Bad Gateway</body></html>');
    case 'hang': return reply.hang();
    default: return reply.embeddings(texts.map((text) => fakeVector(text, 8)));
  }
}

let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI({ chat: () => chatReply(), embeddings: (request) => embeddingsReply(request.body?.input) });
});
afterAll(() => fake.close());

async function timedAsk(server: RealServer, question: string, stream = false) {
  const started = Date.now();
  const response = await fetch(`${server.url}/api/ask`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(stream ? { accept: 'text/event-stream' } : {}) },
    body: JSON.stringify({ question }),
    signal: AbortSignal.timeout(BOUND_MS + 4000),
  });
  const body: unknown = stream ? await readEvents(response) : await response.json();
  return { status: response.status, body, ms: Date.now() - started, requestId: response.headers.get('x-request-id') ?? '' };
}

describe('the LLM server fails during a question', () => {
  let server: RealServer;
  beforeAll(async () => {
    fault = 'none';
    server = await startRealServer({ env: { ...UPSTREAM_ENV, OPENAI_BASE_URL: fake.url, ANSWER_MODE: 'llm' } });
  });
  afterAll(() => server.close());

  it.each(['429', '500', 'garbage', 'cut', 'hang', 'stall'] as const)('%s → the extractive answer with a warning, in bounded time', async (kind) => {
    fault = kind;
    try {
      const { status, body, ms } = await timedAsk(server, 'What naval base did Moscow enlarge?');
      expect(status).toBe(200);
      const answer = body as AskResponse & { warning?: string };
      expect(answer.warning, JSON.stringify(answer)).toMatch(/extractive/);
      expect(answer.abstained).toBe(false);
      expect(answer.answer).toContain('Tartous');
      expect(ms).toBeLessThan(BOUND_MS);
    } finally {
      fault = 'none';
    }
  }, 20_000);

  it('logs and counts a stream the client abandons while the model hangs, once, as 499', async () => {
    fault = 'hang';
    const abandoned = 'http_requests_total{route="/api/ask",method="POST",status="499"}';
    const countOf = async () => Number(/^http_requests_total\{route="\/api\/ask",method="POST",status="499"\} (\d+)$/m.exec(await (await fetch(`${server.url}/metrics`)).text())?.[1] ?? 0);
    try {
      const before = await countOf();
      const controller = new AbortController();
      const response = await fetch(`${server.url}/api/ask`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', 'x-request-id': 'abandoned-stream' },
        body: JSON.stringify({ question: 'What naval base did Moscow enlarge?' }),
        signal: controller.signal,
      });
      // The provisional citations have arrived; the answer never will.
      await response.body?.getReader().read();
      controller.abort();
      const access = await waitFor(() => {
        const lines = server.logs().filter((line) => line.requestId === 'abandoned-stream' && line.msg === 'request');
        return lines.length > 0 ? lines : undefined;
      }, 5000, 'the abandoned stream to be logged');
      expect(access).toEqual([expect.objectContaining({ status: 499, aborted: true, route: '/api/ask' })]);
      expect(await countOf(), abandoned).toBe(before + 1);
    } finally {
      fault = 'none';
    }
  });

  it('logs a JSON answer the client abandons while the model hangs as abandoned, not as an unhandled error', async () => {
    fault = 'hang';
    try {
      const asked = fake.requests.length;
      const controller = new AbortController();
      const pending = fetch(`${server.url}/api/ask`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'abandoned-json' },
        body: JSON.stringify({ question: 'What naval base did Moscow enlarge?' }),
        signal: controller.signal,
      }).catch(() => null);
      await waitFor(() => (fake.requests.length > asked ? true : undefined), 5000, 'the model to be asked');
      controller.abort();
      await pending;
      const logged = await waitFor(() => {
        const lines = server.logs().filter((line) => line.requestId === 'abandoned-json' && line.msg !== 'request');
        return lines.length > 0 ? lines : undefined;
      }, 5000, 'the abandoned request to be logged');
      expect(logged).toEqual([expect.objectContaining({ level: 30, msg: 'request abandoned by the client' })]);
    } finally {
      fault = 'none';
    }
  });

  it('answers with the model again once it recovers', async () => {
    const { status, body } = await timedAsk(server, 'What naval base did Moscow enlarge?');
    expect(status).toBe(200);
    const answer = body as AskResponse & { warning?: string };
    expect(answer.mode).toBe('llm');
    // The citation check may still drop the fake's unsupported second sentence; what matters is no fallback.
    expect(answer.warning ?? '').not.toMatch(/extractive/);
  });
});

describe('the embedding server fails during a question', () => {
  let server: RealServer;
  beforeAll(async () => {
    fault = 'none';
    // The index is built with the fake's deterministic vectors, so questions embedded by it match.
    server = await startRealServer({ env: { ...UPSTREAM_ENV, EMBEDDER: 'openai', OPENAI_BASE_URL: fake.url, ANSWER_MODE: 'extractive' } });
  });
  afterAll(() => server.close());

  it.each(['429', '500', 'garbage', 'hang'] as const)('%s → 503 upstream_unavailable with a clear message, in bounded time, logged once with the server', async (kind) => {
    fault = kind;
    try {
      const { status, body, ms, requestId } = await timedAsk(server, 'What naval base did Moscow enlarge?');
      expect(status).toBe(503);
      const { error } = body as { error: { code: string; message: string } };
      expect(error.code).toBe('upstream_unavailable');
      // The kind of failure only: where the server is, and what it said, are for the logs.
      expect(error.message).toMatch(/^The embedding server failed: (HTTP 429|HTTP 500|the request timed out|it returned no valid vector for input 0 \(expected 8 dimensions\))\.$/);
      expect(ms).toBeLessThan(BOUND_MS);

      const streamed = await timedAsk(server, 'What naval base did Moscow enlarge?', true);
      const events = streamed.body as { event: string; data: unknown }[];
      expect(events.at(-1)).toMatchObject({ event: 'error', data: { error: { code: 'upstream_unavailable', message: error.message } } });

      // Streamed or not, the failure is logged once, as a warning that names the model and the server's origin.
      for (const id of [requestId, streamed.requestId]) {
        const logged = server.logs().filter((line) => line.requestId === id && line.msg !== 'request');
        expect(logged, id).toEqual([expect.objectContaining({ level: 40, code: 'upstream_unavailable', detail: expect.stringContaining(`"text-embedding-3-small" at ${new URL(fake.url).origin} failed`) })]);
      }
    } finally {
      fault = 'none';
    }
  }, 20_000);

  it('recovers once the embedding server does', async () => {
    const { status } = await timedAsk(server, 'What naval base did Moscow enlarge?');
    expect(status).toBe(200);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });
});

describe('an OPENAI_BASE_URL with user:password and a token in its query string', () => {
  it('keeps them out of every response and log line', async () => {
    const { host } = new URL(fake.url);
    // fetch refuses a URL with credentials, so the embedder fails when the index is built.
    const server = await startRealServer({
      waitReady: false,
      env: { ...UPSTREAM_ENV, EMBEDDER: 'openai', OPENAI_BASE_URL: `http://proxyuser:s3cretpass@${host}/v1?token=abc123`, OPENAI_API_KEY: 'sk-test-0123456789abcdef', ANSWER_MODE: 'extractive' },
    });
    try {
      await server.running.ready.catch(() => undefined);
      const seen: string[] = [];
      const health = await fetch(`${server.url}/api/health`);
      const healthBody = await health.text();
      seen.push(healthBody);
      expect(health.status).toBe(503);
      expect(JSON.parse(healthBody)).toMatchObject({ status: 'failed', message: 'The embedding server failed: the server could not be reached.' });
      for (const stream of [false, true]) {
        const { status, body } = await timedAsk(server, 'What naval base did Moscow enlarge?', stream);
        seen.push(JSON.stringify(body));
        if (!stream) expect(status).toBe(503);
      }
      const everything = [...seen, ...server.rawLogs].join('\n');
      for (const secret of ['proxyuser', 's3cretpass', 'token=abc123', 'sk-test-0123456789abcdef']) expect(everything, `${secret} leaked`).not.toContain(secret);
    } finally {
      await server.close();
    }
  }, 20_000);
});
