import fc from 'fast-check';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RealServer, startRealServer } from './real-server.ts';

/** Runs per property: enough to meet the odd shapes, small enough for the whole file to stay near 15 s. */
const RUNS = 200;

let server: RealServer;
let port: number;
beforeAll(async () => {
  server = await startRealServer();
  port = server.running.port;
});
afterAll(() => server.close());

interface Reply {
  status: number;
  contentType: string;
  text: string;
}

/** node:http rather than fetch: fetch refuses some methods and headers a hostile client can still send. */
function send(method: string, path: string, headers: Record<string, string> = {}, body?: string | Buffer): Promise<Reply> {
  return new Promise((resolve, reject) => {
    // Node's client frames an OPTIONS or DELETE body only when told its length.
    const framed = body === undefined || 'content-length' in headers ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) };
    const outgoing = httpRequest({ host: '127.0.0.1', port, method, path, headers: framed, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, contentType: String(response.headers['content-type'] ?? ''), text: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** Never a 5xx; every error is JSON in the shape of its API; an SSE answer ends with `done` or `error`. */
function expectWellFormed(reply: Reply, path: string, method: string): void {
  expect(reply.status, `${method} ${path} → ${reply.status} ${reply.text.slice(0, 300)}`).toBeLessThan(500);
  if (reply.status < 400 || method === 'HEAD') return;
  expect(reply.contentType, `${method} ${path}`).toMatch(/^application\/json/);
  const body = JSON.parse(reply.text) as { error?: Record<string, unknown> };
  if (path.startsWith('/v1')) {
    expect(body.error, reply.text).toMatchObject({ message: expect.any(String), type: expect.any(String) });
  } else {
    expect(body.error, reply.text).toMatchObject({ code: expect.any(String), message: expect.any(String) });
  }
  expect(reply.text).not.toMatch(/at \w+ \(|node_modules|\.ts:\d+/);
}

// Strings people and attackers send: lone surrogates, bidi controls, zero-width characters, emoji, NUL, huge runs.
const oddPieces = fc.constantFrom('\ud800', '\udfff', '\u202e', '\u200f', '\u200b', '\ufeff', '\u0000', '🇸🇾', '👩‍👩‍👧', 'é', '\u0301', '∑', '﷽', '"', '\\', '</script>', '${}', '%00', '../');
const oddString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.array(fc.oneof(oddPieces, fc.string({ maxLength: 5 })), { maxLength: 40 }).map((parts) => parts.join('')),
  fc.constantFrom('x'.repeat(2001), 'Lavrov '.repeat(285), '\u200b'.repeat(5000), '🇸🇾'.repeat(20_000)),
  fc.constantFrom('What did Lavrov say about Eastern Ghouta?', 'What is the population of Damascus?'),
);
const anyJson = fc.jsonValue({ maxDepth: 4 });
const wrongTyped = fc.oneof(anyJson, oddString, fc.constantFrom(null, true, 0, -1, 1e308, [], {}, [[]], { question: 'x' }));
const askBody = fc.oneof(
  anyJson,
  fc.record({ question: wrongTyped, history: fc.option(wrongTyped, { nil: undefined }), topK: fc.option(wrongTyped, { nil: undefined }) }, { requiredKeys: ['question'] }),
  fc.record({
    question: oddString,
    history: fc.option(fc.array(fc.record({ role: fc.constantFrom('user', 'assistant', 'system', ''), content: fc.oneof(oddString, wrongTyped) }), { maxLength: 60 }), { nil: undefined }),
    topK: fc.option(fc.oneof(fc.integer({ min: -5, max: 30 }), fc.double()), { nil: undefined }),
  }),
);
const chatBody = fc.oneof(
  anyJson,
  fc.record({
    model: fc.oneof(fc.constant('news-rag'), oddString, wrongTyped),
    messages: fc.oneof(wrongTyped, fc.array(fc.record({ role: fc.oneof(fc.constantFrom('user', 'assistant', 'system', 'tool'), oddString), content: fc.oneof(oddString, wrongTyped) }), { maxLength: 5 })),
    stream: fc.option(wrongTyped, { nil: undefined }),
  }),
);
const acceptHeader = fc.constantFrom('application/json', 'text/event-stream', '*/*', 'text/event-stream, application/json;q=0.1', '');
const headerName = fc.stringMatching(/^x-[a-z0-9-]{1,20}$/);
const headerValue = fc.stringMatching(/^[\x21-\x7e][\x20-\x7e]{0,80}$/);
const randomHeaders = fc.dictionary(headerName, headerValue, { maxKeys: 4 });

describe('hostile input never yields a 5xx or a crash, and errors keep their shape', () => {
  it('POST /api/ask, JSON and streamed, with random bodies and headers', async () => {
    await fc.assert(
      fc.asyncProperty(askBody, acceptHeader, randomHeaders, async (body, accept, headers) => {
        const reply = await send('POST', '/api/ask', { ...headers, 'content-type': 'application/json', accept }, JSON.stringify(body));
        expectWellFormed(reply, '/api/ask', 'POST');
        if (reply.status === 200 && accept.includes('text/event-stream')) expect(reply.text).toMatch(/event: (done|error)\n/);
      }),
      { numRuns: RUNS },
    );
  }, 30_000);

  it('POST /v1/chat/completions with random bodies, streamed or not', async () => {
    await fc.assert(
      fc.asyncProperty(chatBody, async (body) => {
        expectWellFormed(await send('POST', '/v1/chat/completions', { 'content-type': 'application/json' }, JSON.stringify(body)), '/v1/chat/completions', 'POST');
      }),
      { numRuns: RUNS },
    );
  }, 30_000);

  it('GET /api/documents/:id with random, traversing, malformed and long ids', async () => {
    const id = fc.oneof(
      // Every UTF-8 byte percent-encoded: encodeURIComponent throws on lone surrogates, which Buffer turns into U+FFFD.
      oddString.map((text) => [...Buffer.from(text.slice(0, 1500))].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('')),
      fc.constantFrom('..%2F..%2Fpackage.json', '..%2f..%2f..%2fetc%2fpasswd', '%2e%2e', '%00', '%', '%E0%A4%A', '%C0%AF', '%ZZ', 'a'.repeat(6000), '000_24caf35a25bf3ee3%00'),
    );
    await fc.assert(
      fc.asyncProperty(id, async (documentId) => {
        const path = `/api/documents/${documentId || 'x'}`;
        const reply = await send('GET', path);
        expectWellFormed(reply, path, 'GET');
        // 404 for an id that is not there, 400 for one that does not even percent-decode.
        expect([400, 404]).toContain(reply.status);
      }),
      { numRuns: RUNS },
    );
  }, 30_000);

  it('random methods on random and known paths', async () => {
    const method = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'PROPFIND', 'SEARCH');
    const known = fc.constantFrom('/api/ask', '/api/health', '/api/documents', '/api/documents/x', '/api/admin/reindex', '/metrics', '/v1/models', '/v1/models/news-rag', '/v1/chat/completions', '/v1/nothing', '/');
    const randomPath = fc.array(fc.oneof(fc.constantFrom('api', 'v1', '..', '%2e%2e', '%', '%E0%A4%A', ''), fc.stringMatching(/^[\w.~-]{0,12}$/)), { maxLength: 5 }).map((parts) => `/${parts.join('/')}`);
    const body = fc.option(fc.oneof(anyJson.map((value) => JSON.stringify(value)), fc.string({ maxLength: 50 })), { nil: undefined });
    await fc.assert(
      fc.asyncProperty(method, fc.oneof(known, randomPath), body, randomHeaders, async (verb, path, payload, headers) => {
        const withBody = payload !== undefined && verb !== 'GET' && verb !== 'HEAD';
        const reply = await send(verb, path, withBody ? { ...headers, 'content-type': 'application/json' } : headers, withBody ? payload : undefined);
        expectWellFormed(reply, path, verb);
      }),
      { numRuns: RUNS },
    );
  }, 30_000);

  it.each([
    ['10k nested arrays', `[${'['.repeat(10_000)}${']'.repeat(10_000)}]`],
    ['10k nested objects as the question', `{"question":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_001)}`],
    ['10k nested arrays as history', `{"question":"Who is Lavrov?","history":${'['.repeat(10_000)}${']'.repeat(10_000)}}`],
    ['a prototype-polluting body', '{"__proto__":{"question":"polluted"},"constructor":{"prototype":{"x":1}},"question":"Who is Lavrov?"}'],
    ['duplicate keys', '{"question":"Who is Lavrov?","question":{"$ne":null}}'],
  ])('deep or tricky JSON: %s', async (_name, body) => {
    for (const path of ['/api/ask', '/v1/chat/completions']) {
      expectWellFormed(await send('POST', path, { 'content-type': 'application/json' }, body), path, 'POST');
    }
  });

  it.each([
    ['gzip that is not gzip', { 'content-encoding': 'gzip' }, 'definitely not gzip'],
    ['brotli that is not brotli', { 'content-encoding': 'br' }, 'definitely not brotli'],
    ['an unknown encoding', { 'content-encoding': 'x-rot13' }, '{}'],
    ['UTF-16 charset', { 'content-type': 'application/json; charset=utf-16' }, '{}'],
    ['a body longer than its content-length says', { 'content-length': '2' }, '{"question":"Who is Lavrov?"}'],
    ['invalid UTF-8', {}, Buffer.from([0x7b, 0x22, 0x71, 0x75, 0x65, 0x73, 0x74, 0x69, 0x6f, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d])],
  ])('bodies that cannot be read: %s', async (_name, headers: Record<string, string>, body: string | Buffer) => {
    for (const path of ['/api/ask', '/v1/chat/completions']) {
      expectWellFormed(await send('POST', path, { 'content-type': 'application/json', ...headers }, body), path, 'POST');
    }
  });

  it.each([
    ['a 20 kB URL', '/api/documents/' + 'a'.repeat(20_000), {}],
    ['a 20 kB header', '/api/health', { 'x-padding': 'a'.repeat(20_000) }],
  ])('requests Node refuses before routing: %s → 431 in the JSON error shape', async (_name, path, headers: Record<string, string>) => {
    const reply = await send('GET', path, headers);
    expect(reply.status).toBe(431);
    expectWellFormed(reply, path, 'GET');
  });

  it('is still healthy afterwards, and logged no unhandled error', async () => {
    expect((await send('GET', '/api/health')).status).toBe(200);
    const unhandled = server.logs().filter((line) => line.level >= 50);
    expect(unhandled.map((line) => `${line.msg} ${JSON.stringify(line.err ?? '').slice(0, 200)}`)).toEqual([]);
  });
});
