import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AskResponse } from '../../src/types.ts';
import { type FakeOpenAI, type FakeReply, fakeVector, reply, startFakeOpenAI } from '../fakes/openai-server.ts';
import { readEvents } from '../http/sse-client.ts';
import { type RealServer, startRealServer } from './real-server.ts';

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
  return { status: response.status, body, ms: Date.now() - started };
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

  it.each(['429', '500', 'garbage', 'hang'] as const)('%s → 503 upstream_unavailable with a clear message, in bounded time', async (kind) => {
    fault = kind;
    try {
      const { status, body, ms } = await timedAsk(server, 'What naval base did Moscow enlarge?');
      expect(status).toBe(503);
      const { error } = body as { error: { code: string; message: string } };
      expect(error.code).toBe('upstream_unavailable');
      expect(error.message).toMatch(/^Embedding model "text-embedding-3-small" at http:\/\/127\.0\.0\.1:\d+\/v1 (failed|returned)/);
      expect(ms).toBeLessThan(BOUND_MS);

      const streamed = await timedAsk(server, 'What naval base did Moscow enlarge?', true);
      const events = streamed.body as { event: string; data: unknown }[];
      expect(events.at(-1)).toMatchObject({ event: 'error', data: { error: { code: 'upstream_unavailable' } } });
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
