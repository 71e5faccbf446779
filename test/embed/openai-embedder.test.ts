import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Embedder } from '../../src/embed/embedder.ts';
import { embedInBatches } from '../../src/embed/embedder.ts';
import { createOpenAIClient } from '../../src/embed/openai-client.ts';
import { createOpenAIEmbedder } from '../../src/embed/openai-embedder.ts';
import { ConfigError, isAbortError, UpstreamError } from '../../src/errors.ts';
import { type FakeOpenAI, type FakeScript, fakeVector, reply, startFakeOpenAI } from '../fakes/openai-server.ts';
import { describeEmbedderContract } from './embedder-contract.ts';

const MODEL = 'text-embedding-3-small';
const API_KEY = 'sk-test-secret-key-123456';

function clientFor(fake: FakeOpenAI, options: { maxRetries?: number; timeout?: number } = {}): OpenAI {
  return new OpenAI({ baseURL: fake.url, apiKey: API_KEY, maxRetries: options.maxRetries ?? 0, timeout: options.timeout ?? 5_000 });
}

const opened: FakeOpenAI[] = [];
async function fakeWith(embeddings?: FakeScript): Promise<FakeOpenAI> {
  const fake = await startFakeOpenAI({ embeddings, dimensions: 8 });
  opened.push(fake);
  return fake;
}
afterEach(async () => {
  await Promise.all(opened.splice(0).map((fake) => fake.close()));
});

describe('contract', () => {
  let fake: FakeOpenAI;
  let embedder: Embedder;
  beforeAll(async () => {
    fake = await startFakeOpenAI({ dimensions: 8 });
    embedder = await createOpenAIEmbedder({ client: clientFor(fake), model: MODEL });
  });
  afterAll(() => fake.close());
  describeEmbedderContract('OpenAI embeddings API (fake server)', () => embedder);
});

describe('OpenAI embedder', () => {
  it('probes once for the dimensions unless they are given', async () => {
    const fake = await fakeWith();
    const probed = await createOpenAIEmbedder({ client: clientFor(fake), model: MODEL });
    expect(probed.dimensions).toBe(8);
    expect(probed.id).toBe('openai:text-embedding-3-small');
    expect(fake.requests).toHaveLength(1);
    await createOpenAIEmbedder({ client: clientFor(fake), model: MODEL, dimensions: 8 });
    expect(fake.requests).toHaveLength(1);
  });

  it('sends model, input and float encoding, split at maxBatchSize', async () => {
    const fake = await fakeWith();
    const embedder = await createOpenAIEmbedder({ client: clientFor(fake), model: MODEL, dimensions: 8 });
    const texts = Array.from({ length: embedder.maxBatchSize * 2 + 5 }, (_, position) => `passage ${position}`);
    const vectors = await embedInBatches(embedder, texts);
    expect(fake.requests.map((request) => (request.body?.input as string[]).length)).toEqual([embedder.maxBatchSize, embedder.maxBatchSize, 5]);
    expect(fake.requests[0]?.body).toMatchObject({ model: MODEL, encoding_format: 'float', input: texts.slice(0, embedder.maxBatchSize) });
    expect(fake.requests[0]?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    const expected = fakeVector('passage 200', 8);
    const norm = Math.hypot(...expected);
    Array.from(vectors[200] as Float32Array).forEach((value, dimension) => expect(value).toBeCloseTo((expected[dimension] as number) / norm, 6));
  });

  it('orders vectors by `index`, whatever order the server lists them in', async () => {
    const fake = await fakeWith((request) => reply.embeddings((request.body?.input as string[]).map((text) => fakeVector(text, 8)), { shuffle: true }));
    const embedder = await createOpenAIEmbedder({ client: clientFor(fake), model: MODEL, dimensions: 8 });
    const [first, second] = await embedder.embed(['first', 'second']);
    const [firstAlone] = await embedder.embed(['first']);
    expect(Array.from(first as Float32Array)).toEqual(Array.from(firstAlone as Float32Array));
    expect(Array.from(second as Float32Array)).not.toEqual(Array.from(first as Float32Array));
  });

  it('succeeds after a 429 because the client retries, honouring retry-after-ms', async () => {
    const fake = await fakeWith([reply.error(429, 'Rate limit reached', { 'retry-after-ms': '10' }), reply.embeddings([[3, 4]])]);
    const embedder = await createOpenAIEmbedder({ client: clientFor(fake, { maxRetries: 1 }), model: MODEL, dimensions: 2 });
    const [vector] = await embedder.embed(['hello']);
    expect(Array.from(vector as Float32Array)).toEqual([0.6000000238418579, 0.800000011920929]);
    expect(fake.requests).toHaveLength(2);
  });

  it('turns a persistent 500 into an UpstreamError: its kind for the client, model, server and its words for the log', async () => {
    const fake = await fakeWith([reply.error(500, 'The server had an error', { 'retry-after-ms': '10' })]);
    const embedder = await createOpenAIEmbedder({ client: clientFor(fake, { maxRetries: 1 }), model: MODEL, dimensions: 8 });
    const error = await embedder.embed(['hello']).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as UpstreamError).message).toBe('The embedding server failed: HTTP 500.');
    expect((error as UpstreamError).detail).toBe(`Embedding model "${MODEL}" at ${new URL(fake.url).origin} failed: HTTP 500 (The server had an error).`);
    expect((error as UpstreamError).retryable).toBe(true);
    expect(fake.requests).toHaveLength(2);
  });

  it('turns a hanging server into an UpstreamError after the time-out', async () => {
    const fake = await fakeWith([reply.hang()]);
    const embedder = await createOpenAIEmbedder({ client: clientFor(fake, { timeout: 300 }), model: MODEL, dimensions: 8 });
    const started = performance.now();
    const error = await embedder.embed(['hello']).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ message: 'The embedding server failed: the request timed out.', detail: expect.stringMatching(/failed: the request timed out\.$/) });
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it('keeps the user:password and query string of OPENAI_BASE_URL out of the error and its log detail', async () => {
    const fake = await fakeWith();
    const { host, origin } = new URL(fake.url);
    const secretParts = ['proxyuser', 's3cretpass', 'token=abc123', 'abc123'];
    for (const baseURL of [`http://proxyuser:s3cretpass@${host}/v1?token=abc123`, `${fake.url}?token=abc123`]) {
      const client = createOpenAIClient({ baseURL, apiKey: API_KEY, timeoutMs: 2000, maxRetries: 0 });
      const embedder = await createOpenAIEmbedder({ client, model: MODEL, dimensions: 8 });
      const error = (await embedder.embed(['hello']).catch((caught: unknown) => caught)) as UpstreamError;
      expect(error).toBeInstanceOf(UpstreamError);
      // fetch refuses a URL with credentials; the query string leaves no path the server knows.
      expect(error.message).toMatch(/^The embedding server failed: (the server could not be reached|HTTP 404)\.$/);
      expect(error.detail).toContain(`at ${origin} failed`);
      const everything = `${error.message} ${error.detail} ${String(error.stack)} ${JSON.stringify(error)}`;
      for (const part of [...secretParts, API_KEY]) expect(everything, `${part} leaked for ${baseURL}`).not.toContain(part);
    }
  });

  it('reports an unreachable server as an UpstreamError', async () => {
    const fake = await fakeWith();
    await fake.close();
    const embedder = await createOpenAIEmbedder({ client: clientFor(fake), model: MODEL, dimensions: 8 });
    await expect(embedder.embed(['hello'])).rejects.toThrow(/could not be reached/);
  });

  it('never puts the API key in an error message, even when the server echoes it', async () => {
    const fake = await fakeWith([reply.error(401, `Incorrect API key provided: ${API_KEY}. You can find your API key at https://platform.openai.com.`)]);
    const embedder = await createOpenAIEmbedder({ client: clientFor(fake), model: MODEL, dimensions: 8 });
    const error = (await embedder.embed(['hello']).catch((caught: unknown) => caught)) as UpstreamError;
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error.message).toContain('401');
    expect(error.detail).toContain('Incorrect API key provided');
    for (const text of [error.message, error.detail]) {
      expect(text).not.toContain(API_KEY);
      expect(text).not.toContain('secret');
    }
    expect(error.cause).toBeUndefined();
  });

  it('passes an abort through as an abort, not as an upstream failure', async () => {
    const fake = await fakeWith([reply.hang()]);
    const embedder = await createOpenAIEmbedder({ client: clientFor(fake), model: MODEL, dimensions: 8 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await embedder.embed(['hello'], { signal: controller.signal }).catch((caught: unknown) => caught);
    expect(isAbortError(error)).toBe(true);
    expect(error).not.toBeInstanceOf(UpstreamError);
  });

  it('rejects vectors of the wrong length', async () => {
    const fake = await fakeWith([reply.embeddings([[1, 2, 3]])]);
    const embedder = await createOpenAIEmbedder({ client: clientFor(fake), model: MODEL, dimensions: 8 });
    await expect(embedder.embed(['hello'])).rejects.toThrow(/a vector of length 3 for input 0 \(expected 8 dimensions\)/);
  });

  it('does not send blank texts (the API rejects them)', async () => {
    const fake = await fakeWith();
    const embedder = await createOpenAIEmbedder({ client: clientFor(fake), model: MODEL, dimensions: 8 });
    const vectors = await embedder.embed(['', 'news', ' ']);
    expect(vectors).toHaveLength(3);
    expect(fake.requests.map((request) => request.body?.input)).toEqual([['news']]);
  });
});

describe('createOpenAIClient', () => {
  it('needs a key or a base URL', () => {
    expect(() => createOpenAIClient({ timeoutMs: 1000, maxRetries: 0 })).toThrow(ConfigError);
  });

  it('uses a placeholder key for a local server and passes the settings through', async () => {
    const fake = await fakeWith();
    const client = createOpenAIClient({ baseURL: fake.url, timeoutMs: 1234, maxRetries: 3 });
    expect(client.timeout).toBe(1234);
    expect(client.maxRetries).toBe(3);
    await createOpenAIEmbedder({ client, model: 'nomic-embed-text' });
    expect(fake.requests[0]?.headers.authorization).toBe('Bearer not-needed');
  });
});
