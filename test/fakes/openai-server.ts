/**
 * A fake OpenAI-compatible server for tests: a real HTTP server on 127.0.0.1:0 that serves trimmed, realistic
 * responses and records every request, so tests can use a real `new OpenAI({ baseURL: fake.url, ... })`.
 *
 * Routes: POST /v1/embeddings and POST /v1/chat/completions. Each route is scripted per request by either
 * - a list of replies: the nth request gets the nth reply, and the last reply repeats, or
 * - a function `(request) => reply` (sync or async), e.g. to answer from the request body.
 * Requests to other paths get a 404 with an OpenAI-style error body (and are recorded too).
 * Without a script, embeddings answer with deterministic vectors of `dimensions` (default 8) derived from each
 * input, and chat answers "This is a fake answer." (streamed when the request asks for `stream: true`).
 *
 * Replies (build them with `reply.*`):
 * - `reply.json(body, status?, headers?)`        any JSON body
 * - `reply.error(status, message?, headers?)`    an OpenAI-style error body, e.g. 429 with { 'retry-after-ms': '10' }
 * - `reply.hang()`                               never answers (the client's time-out or abort must end it)
 * - `reply.embeddings(vectors, { shuffle? })`     an embeddings response; `shuffle` reverses `data` to test ordering
 * - `reply.chat(text)`                            a non-streaming chat completion
 * - `reply.stream(deltas, { cutAfter?, delayMs?, finishReason? })`  SSE `chat.completion.chunk`s ending with
 *   `data: [DONE]`; with `cutAfter: n` the connection is destroyed after n content deltas, mid-stream
 *
 * Example:
 *   const fake = await startFakeOpenAI({ embeddings: [reply.error(429, 'slow down', { 'retry-after-ms': '10' })] });
 *   const client = new OpenAI({ baseURL: fake.url, apiKey: 'test', maxRetries: 1 });
 *   ... fake.requests[0].body ...
 *   await fake.close();
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeRoute = 'embeddings' | 'chat';

export interface RecordedRequest {
  route: FakeRoute | null;
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body (null when empty or not JSON). */
  body: Record<string, unknown> | null;
  /** 0-based position among the requests to the same route. */
  nth: number;
}

export type FakeReply =
  | { kind: 'json'; status: number; body: unknown; headers?: Record<string, string> }
  | { kind: 'hang' }
  | { kind: 'stream'; deltas: string[]; cutAfter?: number; delayMs?: number; finishReason?: string };

export type FakeScript = FakeReply[] | ((request: RecordedRequest) => FakeReply | Promise<FakeReply>);

export interface FakeOpenAIOptions {
  embeddings?: FakeScript;
  chat?: FakeScript;
  /** Length of the default embedding vectors. */
  dimensions?: number;
  model?: string;
}

export interface FakeOpenAI {
  /** Base URL including `/v1`, ready for `new OpenAI({ baseURL })`. */
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

const CREATED = 1_717_000_000;

export const reply = {
  json: (body: unknown, status = 200, headers?: Record<string, string>): FakeReply => ({ kind: 'json', status, body, headers }),
  error: (status: number, message = `fake error ${status}`, headers?: Record<string, string>): FakeReply => ({
    kind: 'json',
    status,
    headers,
    body: { error: { message, type: status === 429 ? 'rate_limit_exceeded' : 'server_error', param: null, code: null } },
  }),
  hang: (): FakeReply => ({ kind: 'hang' }),
  embeddings: (vectors: number[][], options: { model?: string; shuffle?: boolean } = {}): FakeReply => {
    const data = vectors.map((embedding, index) => ({ object: 'embedding', index, embedding }));
    if (options.shuffle === true) data.reverse();
    return reply.json({ object: 'list', data, model: options.model ?? 'text-embedding-3-small', usage: { prompt_tokens: vectors.length, total_tokens: vectors.length } });
  },
  chat: (text: string, model = 'gpt-4o-mini'): FakeReply =>
    reply.json({
      id: 'chatcmpl-fake',
      object: 'chat.completion',
      created: CREATED,
      model,
      choices: [{ index: 0, message: { role: 'assistant', content: text, refusal: null }, logprobs: null, finish_reason: 'stop' }],
      usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
    }),
  stream: (deltas: string[], options: { cutAfter?: number; delayMs?: number; finishReason?: string } = {}): FakeReply => ({ kind: 'stream', deltas, ...options }),
};

/** Deterministic vector for a text: the same text always gets the same vector, different texts differ. */
export function fakeVector(text: string, dimensions: number): number[] {
  let state = 2166136261;
  for (let position = 0; position < text.length; position++) state = Math.imul(state ^ text.charCodeAt(position), 16777619);
  return Array.from({ length: dimensions }, () => {
    state = Math.imul(state ^ (state >>> 13), 0x5bd1e995) >>> 0;
    return Number(((state / 2 ** 32) * 2 - 1).toFixed(6));
  });
}

function defaultScript(route: FakeRoute, options: FakeOpenAIOptions): FakeScript {
  if (route === 'embeddings') {
    return (request) => {
      const input = request.body?.input;
      const texts = Array.isArray(input) ? input.map(String) : [String(input ?? '')];
      return reply.embeddings(texts.map((text) => fakeVector(text, options.dimensions ?? 8)), { model: options.model });
    };
  }
  const text = 'This is a fake answer.';
  return (request) => (request.body?.stream === true ? reply.stream(text.split(/(?<= )/)) : reply.chat(text, options.model));
}

function chunk(model: string, delta: Record<string, unknown>, finishReason: string | null): string {
  const body = { id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: CREATED, model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }] };
  return `data: ${JSON.stringify(body)}\n\n`;
}

/** Writes and waits until the bytes are handed to the socket, so a later cut cannot swallow them. */
function send(response: ServerResponse, data: string): Promise<void> {
  return new Promise((resolve) => response.write(data, () => resolve()));
}

async function sendStream(response: ServerResponse, streamReply: Extract<FakeReply, { kind: 'stream' }>, model: string): Promise<void> {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  await send(response, chunk(model, { role: 'assistant', content: '' }, null));
  for (const [position, delta] of streamReply.deltas.entries()) {
    if (streamReply.cutAfter !== undefined && position >= streamReply.cutAfter) {
      // Give the client a moment to read what was sent, then drop the connection without finishing the stream.
      await new Promise((resolve) => setTimeout(resolve, 20));
      response.destroy();
      return;
    }
    if (streamReply.delayMs !== undefined) await new Promise((resolve) => setTimeout(resolve, streamReply.delayMs));
    if (response.destroyed) return;
    await send(response, chunk(model, { content: delta }, null));
  }
  await send(response, chunk(model, {}, streamReply.finishReason ?? 'stop'));
  response.end('data: [DONE]\n\n');
}

export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const requests: RecordedRequest[] = [];
  const counts: Record<FakeRoute, number> = { embeddings: 0, chat: 0 };
  const server = createServer(async (incoming, response) => {
    const chunks: Buffer[] = [];
    for await (const part of incoming) chunks.push(part as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: Record<string, unknown> | null = null;
    try {
      body = raw === '' ? null : (JSON.parse(raw) as Record<string, unknown>);
    } catch {
      body = null;
    }
    const path = (incoming.url ?? '/').split('?')[0] as string;
    const route: FakeRoute | null =
      incoming.method === 'POST' && path === '/v1/embeddings' ? 'embeddings' : incoming.method === 'POST' && path === '/v1/chat/completions' ? 'chat' : null;
    const request: RecordedRequest = { route, method: incoming.method ?? 'GET', path, headers: incoming.headers, body, nth: route === null ? 0 : counts[route]++ };
    requests.push(request);
    if (route === null) {
      response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: `No fake route for ${request.method} ${path}` } }));
      return;
    }
    const configured = options[route];
    const script = configured === undefined || (Array.isArray(configured) && configured.length === 0) ? defaultScript(route, options) : configured;
    const scripted = Array.isArray(script) ? script[Math.min(request.nth, script.length - 1)] : await script(request);
    if (scripted === undefined || scripted.kind === 'hang') return;
    if (scripted.kind === 'stream') {
      await sendStream(response, scripted, options.model ?? String(body?.model ?? 'gpt-4o-mini'));
      return;
    }
    response.writeHead(scripted.status, { 'content-type': 'application/json', ...scripted.headers }).end(JSON.stringify(scripted.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    /** Ends hanging and streaming responses too; calling it again is harmless. */
    close: () =>
      new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
