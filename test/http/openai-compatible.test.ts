/** The OpenAI-compatible /v1 API, driven by the official `openai` client against the real app over the seed articles. */
import OpenAI from 'openai';
import type { ChatCompletion, ChatCompletionChunk } from 'openai/resources/chat/completions';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Answerer } from '../../src/answer/answerer.ts';
import type { Engine } from '../../src/engine.ts';
import { citationLine, type NewsRagField, sourcesBlock, textPieces } from '../../src/http/openai-compatible-format.ts';
import { toAskRequest } from '../../src/http/openai-compatible-request.ts';
import { askRequestSchema, MAX_HISTORY_TURNS, maxHistoryTurnChars, parseBody } from '../../src/http/request-schemas.ts';
import type { Answer, Citation } from '../../src/types.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

const QUESTION = 'Which Russian official called on Damascus to show flexibility over humanitarian aid to Eastern Ghouta?';
const UNANSWERABLE = 'What is the population of Damascus?';

type WithNewsRag<T> = T & { news_rag: NewsRagField };

/** Calls that must fail; the client's typed error is what the test looks at. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('OpenAI-compatible API', () => {
  let server: TestServer;
  let client: OpenAI;

  beforeAll(async () => {
    server = await startTestServer();
    client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'unused', maxRetries: 0 });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('lists the one model and retrieves it by id', async () => {
    const models = [];
    for await (const model of client.models.list()) models.push(model);
    expect(models).toEqual([{ id: 'news-rag', object: 'model', created: expect.any(Number), owned_by: 'news-rag' }]);
    expect((await client.models.retrieve('news-rag')).id).toBe('news-rag');
    const error = await rejection(client.models.retrieve('gpt-4o'));
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect(error).toMatchObject({ status: 404, code: 'model_not_found' });
  });

  it('answers with [n] markers, a Sources block, and verbatim quotes in news_rag', async () => {
    const completion = (await client.chat.completions.create({
      model: 'news-rag',
      messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: QUESTION }],
    })) as WithNewsRag<ChatCompletion>;

    expect(completion).toMatchObject({ object: 'chat.completion', model: 'news-rag', choices: [{ index: 0, finish_reason: 'stop' }] });
    expect(completion.id).toMatch(/^chatcmpl-/);
    expect(completion.usage?.total_tokens).toBeGreaterThan(0);
    const content = completion.choices[0]?.message.content ?? '';
    expect(content).toContain('[1]');
    expect(content).toMatch(/\n\nSources:\n\[1\] /);

    const { news_rag: extra } = completion;
    expect(extra.abstained).toBe(false);
    expect(extra.mode).toBe('extractive');
    const first = extra.citations[0];
    expect(first).toBeDefined();
    const response = await fetch(`${server.url}/api/documents/${encodeURIComponent(first?.docId ?? '')}`);
    const document = (await response.json()) as { text: string };
    expect(document.text).toContain(first?.quote);
    expect(document.text.slice(first?.start, first?.end)).toBe(first?.quote);
    expect(content).toContain(citationLine(first as Citation));
  });

  it('streams the same content as chat.completion.chunk events, with news_rag on the final chunk', async () => {
    const request = { model: 'news-rag', messages: [{ role: 'user' as const, content: QUESTION }] };
    const whole = await client.chat.completions.create(request);
    const stream = await client.chat.completions.create({ ...request, stream: true });
    const chunks: ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);

    expect(chunks[0]?.choices[0]?.delta).toEqual({ role: 'assistant', content: '' });
    expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);
    expect(chunks.every((chunk) => chunk.object === 'chat.completion.chunk' && chunk.model === 'news-rag')).toBe(true);
    const last = chunks.at(-1) as WithNewsRag<ChatCompletionChunk>;
    expect(last.choices[0]).toMatchObject({ delta: {}, finish_reason: 'stop' });
    expect(last.news_rag.abstained).toBe(false);
    expect(last.news_rag.citations.length).toBeGreaterThan(0);
    const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
    expect(text).toBe(whole.choices[0]?.message.content);
    // The answer arrives in pieces, then the Sources block as its own delta.
    expect(chunks.length).toBeGreaterThanOrEqual(4);
  });

  it('abstains without citations or a Sources block when the articles do not say', async () => {
    const completion = (await client.chat.completions.create({
      model: 'news-rag',
      messages: [{ role: 'user', content: UNANSWERABLE }],
    })) as WithNewsRag<ChatCompletion>;
    expect(completion.news_rag.abstained).toBe(true);
    expect(completion.news_rag.citations).toEqual([]);
    const content = completion.choices[0]?.message.content ?? '';
    expect(content.length).toBeGreaterThan(0);
    expect(content).not.toContain('Sources:');
  });

  it('rejects a request without messages as a BadRequestError naming the parameter', async () => {
    // @ts-expect-error: the request is missing `messages` on purpose.
    const error = await rejection(client.chat.completions.create({ model: 'news-rag' }));
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error).toMatchObject({ status: 400, type: 'invalid_request_error', param: 'messages' });
    expect((error as Error).message).toContain("Missing required parameter: 'messages'");
  });

  it('rejects non-text content and a conversation without a user message', async () => {
    const image = await rejection(
      client.chat.completions.create({
        model: 'news-rag',
        messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://example.com/a.png' } }] }],
      }),
    );
    expect(image).toMatchObject({ status: 400, param: 'messages[0].content' });
    const noUser = await rejection(client.chat.completions.create({ model: 'news-rag', messages: [{ role: 'system', content: 'Hi.' }] }));
    expect(noUser).toMatchObject({ status: 400, param: 'messages' });
  });

  it('answers an unknown model with NotFoundError model_not_found', async () => {
    const error = await rejection(client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: QUESTION }] }));
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect(error).toMatchObject({ status: 404, code: 'model_not_found', param: 'model' });
  });

  it('uses OpenAI’s error shape for unknown /v1 routes and wrong methods, without details', async () => {
    const missing = await fetch(`${server.url}/v1/embeddings`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { message: expect.any(String), type: 'invalid_request_error', param: null, code: 'not_found' } });
    const wrongMethod = await fetch(`${server.url}/v1/chat/completions`);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
  });

  it('uses OpenAI’s error shape for a body that is not JSON, which fails before the /v1 router', async () => {
    const response = await fetch(`${server.url}/v1/chat/completions`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"model":' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { message: 'The request body is not valid JSON.', type: 'invalid_request_error', param: null, code: 'invalid_json' } });
  });

  it('sends a standard SSE stream that ends with [DONE]', async () => {
    const response = await fetch(`${server.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ model: 'news-rag', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: UNANSWERABLE }] }),
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const events = (await response.text()).split('\n\n').filter((event) => event !== '');
    expect(events.every((event) => event.startsWith('data: '))).toBe(true);
    expect(events.at(-1)).toBe('data: [DONE]');
    const usage = JSON.parse(events.at(-2)?.slice(6) ?? '{}') as ChatCompletionChunk;
    expect(usage.choices).toEqual([]);
    expect(usage.usage?.total_tokens).toBeGreaterThan(0);
  });
});

describe('OpenAI-compatible API without an index, then over a scripted engine', () => {
  let server: TestServer;
  let client: OpenAI;
  /** What the scripted answerer does with each call; it records the signal it was given. */
  let script: (signal: AbortSignal) => Promise<Answer>;
  const signals: AbortSignal[] = [];
  const answerer: Answerer = {
    mode: 'extractive',
    model: null,
    answer: (_question, _passages, options = {}) => {
      const signal = options.signal ?? new AbortController().signal;
      signals.push(signal);
      return script(signal);
    },
  };
  const untilAborted = (signal: AbortSignal) =>
    new Promise<Answer>((_resolve, reject) => signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));

  beforeAll(async () => {
    server = await startTestServer({ withoutIndex: true });
    client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'unused', maxRetries: 0 });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('answers 503 in OpenAI shape while the index loads, but still lists the model', async () => {
    expect((await client.models.retrieve('news-rag')).id).toBe('news-rag');
    const error = await rejection(client.chat.completions.create({ model: 'news-rag', messages: [{ role: 'user', content: QUESTION }] }));
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    expect(error).toMatchObject({ status: 503, type: 'server_error', code: 'index_not_ready' });
  });

  it('aborts the answer when a streaming client disconnects', async () => {
    server.holder.swap({
      index: {} as Engine['index'],
      ask: { retriever: { retrieve: async () => [] }, answerer, rewriter: { rewrite: async (question) => question }, topK: 5, rrfK: 60, denseWeight: 1 },
      embedderId: 'fake',
      loadedAt: new Date().toISOString(),
    });
    script = untilAborted;
    const controller = new AbortController();
    const stream = await client.chat.completions.create(
      { model: 'news-rag', stream: true, messages: [{ role: 'user', content: QUESTION }] },
      { signal: controller.signal },
    );
    const iterator = stream[Symbol.asyncIterator]();
    expect((await iterator.next()).value?.choices[0]?.delta.role).toBe('assistant');
    controller.abort();
    await vi.waitFor(() => expect(signals.at(-1)?.aborted).toBe(true));
  });

  it('reports a failure after the stream started as an error event, without details', async () => {
    script = async () => {
      throw new Error('secret internals at /srv/app.ts:12');
    };
    const stream = await client.chat.completions.create({ model: 'news-rag', stream: true, messages: [{ role: 'user', content: QUESTION }] });
    const error = await rejection((async () => {
      for await (const _chunk of stream);
    })());
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(error).toMatchObject({ type: 'server_error', code: 'internal_error' });
    expect((error as Error).message).toMatch(/^Something went wrong on our side/);
    expect((error as Error).message).not.toContain('secret');
  });
});

describe('OpenAI-compatible API with API_KEY', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { API_KEY: 'secret' } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('takes the key as the bearer token and rejects a wrong one with AuthenticationError in OpenAI shape', async () => {
    const good = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'secret', maxRetries: 0 });
    expect((await good.models.retrieve('news-rag')).id).toBe('news-rag');
    const wrong = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'wrong', maxRetries: 0 });
    const error = await rejection(wrong.models.list());
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(error).toMatchObject({ status: 401, type: 'invalid_request_error', code: 'invalid_api_key' });
  });
});

describe('toAskRequest', () => {
  it('takes the last user message as the question and earlier turns, without our Sources blocks, as history', () => {
    const request = toAskRequest(
      [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Who shelled Eastern Ghouta?' },
        { role: 'assistant', content: 'Government forces did. [1]\n\nSources:\n[1] A title — Outlet, June 26, 2016' },
        { role: 'tool', content: 'ignored' },
        { role: 'user', content: [{ type: 'text', text: 'And what did' }, { type: 'text', text: 'Russia say?' }] },
        { role: 'assistant', content: null },
      ],
      2000,
    );
    expect(request).toEqual({
      question: 'And what did\nRussia say?',
      history: [
        { role: 'user', content: 'Who shelled Eastern Ghouta?' },
        { role: 'assistant', content: 'Government forces did. [1]' },
      ],
    });
  });

  it('cuts a long chat to the history limits /api/ask enforces, keeping the latest turns', () => {
    const maxQuestionChars = 100;
    const turns = Array.from({ length: 70 }, (_, position) => ({
      role: position % 2 === 0 ? ('user' as const) : ('assistant' as const),
      content: `turn ${position} ${'x'.repeat(position === 68 ? 1000 : 10)}`,
    }));
    const request = toAskRequest([...turns, { role: 'user', content: 'And then?' }], maxQuestionChars);
    expect(request.history).toHaveLength(MAX_HISTORY_TURNS);
    expect(request.history?.at(-1)?.content).toMatch(/^turn 69 /);
    expect(request.history?.at(-2)?.content).toHaveLength(maxHistoryTurnChars(maxQuestionChars));
    // Whatever a chat sends, what reaches the pipeline is a history /api/ask itself would accept.
    expect(() => parseBody(askRequestSchema(maxQuestionChars), request)).not.toThrow();
    expect(() => parseBody(askRequestSchema(maxQuestionChars), { ...request, history: turns.slice(0, MAX_HISTORY_TURNS + 1) })).toThrow(/more than 50 turns/);
  });

  it('refuses an empty or too long question, naming the message', () => {
    expect(() => toAskRequest([{ role: 'user', content: '  ' }], 2000)).toThrow(expect.objectContaining({ status: 400, param: 'messages[0].content' }));
    expect(() => toAskRequest([{ role: 'user', content: 'x'.repeat(21) }], 20)).toThrow(/at most 20 characters/);
  });
});

describe('sources block', () => {
  const citation: Citation = { n: 2, docId: '003_8c47', title: null, date: '2016-06-26', outlet: null, passageId: '003_8c47#0', quote: 'q', start: 0, end: 1, score: 1 };

  it('leaves out missing parts and uses the document id for a missing title', () => {
    expect(citationLine(citation)).toBe('[2] 003_8c47 — June 26, 2016');
    expect(citationLine({ ...citation, title: 'Talks resume', outlet: 'G2 Bulletin' })).toBe('[2] Talks resume — G2 Bulletin, June 26, 2016');
    expect(citationLine({ ...citation, date: null })).toBe('[2] 003_8c47');
  });

  it('is empty for an abstention', () => {
    expect(sourcesBlock({ abstained: true, citations: [citation] })).toBe('');
  });
});

describe('textPieces', () => {
  it('cuts text into a few pieces of words that join back to exactly the text', () => {
    const text = ' Lavrov called on Damascus to “show some flexibility” over aid.  [1] Aid was delayed. [2]\n';
    const pieces = textPieces(text);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join('')).toBe(text);
    expect(textPieces('')).toEqual(['']);
  });
});
