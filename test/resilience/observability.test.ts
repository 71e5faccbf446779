import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RealServer, startRealServer, waitFor } from './real-server.ts';

let server: RealServer;
beforeAll(async () => {
  server = await startRealServer();
});
afterAll(() => server.close());

const ask = (question: string, requestId: string) =>
  fetch(`${server.url}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': requestId }, body: JSON.stringify({ question }) });

async function metrics(): Promise<string> {
  const response = await fetch(`${server.url}/metrics`);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
  return response.text();
}

/** The value of one sample, e.g. `rag_abstentions_total` or `http_requests_total{route="/api/ask",method="POST",status="200"}`. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (match === null || match[1] !== name) continue;
    const present = (match[2] ?? '').split(',');
    if (wanted.every((pair) => present.includes(pair))) return Number(match[3]);
  }
  return Number.NaN;
}

describe('/metrics', () => {
  it('counts requests by route and status, times them, and reports retrieval, abstentions and index size', async () => {
    const before = await metrics();
    expect((await ask('Where did the Quds force soldiers die in early May?', 'metrics-answer')).status).toBe(200);
    expect((await ask('What is the population of Damascus?', 'metrics-abstain')).status).toBe(200);
    expect((await fetch(`${server.url}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(400);
    const after = await metrics();

    const asked = { route: '/api/ask', method: 'POST' };
    expect(sample(after, 'http_requests_total', { ...asked, status: '200' }) - (sample(before, 'http_requests_total', { ...asked, status: '200' }) || 0)).toBe(2);
    expect(sample(after, 'http_requests_total', { ...asked, status: '400' })).toBeGreaterThanOrEqual(1);
    expect(sample(after, 'http_request_duration_seconds_count', asked)).toBeGreaterThanOrEqual(3);
    expect(sample(after, 'http_request_duration_seconds_bucket', { ...asked, le: '+Inf' })).toBeGreaterThanOrEqual(3);
    expect(sample(after, 'rag_retrieve_duration_seconds_count') - sample(before, 'rag_retrieve_duration_seconds_count')).toBe(2);
    expect(sample(after, 'rag_generate_duration_seconds_count', { mode: 'extractive' })).toBeGreaterThanOrEqual(2);
    expect(sample(after, 'rag_abstentions_total') - sample(before, 'rag_abstentions_total')).toBe(1);

    const health = (await (await fetch(`${server.url}/api/health`)).json()) as { passages: number; documents: number };
    expect(sample(after, 'rag_index_passages')).toBe(health.passages);
    expect(sample(after, 'rag_index_documents')).toBe(health.documents);
    expect(sample(after, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('labels unknown paths as one route, so random URLs cannot blow up the label set', async () => {
    for (const path of ['/api/a1', '/api/b2', '/v1/c3']) await fetch(`${server.url}${path}`);
    const text = await metrics();
    expect(text).not.toMatch(/route="\/(api|v1)\/[abc]\d"/);
    expect(sample(text, 'http_requests_total', { route: 'unknown', method: 'GET', status: '404' })).toBeGreaterThanOrEqual(3);
  });

  it('labels /v1 errors with their route, not as static files', async () => {
    await fetch(`${server.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const text = await metrics();
    expect(sample(text, 'http_requests_total', { route: '/v1/chat/completions', method: 'POST', status: '400' })).toBe(1);
    expect(text).not.toMatch(/route="static",method="POST"/);
  });
});

describe('logs', () => {
  it('are JSON lines, and each failed request is logged once with its request id', async () => {
    const response = await fetch(`${server.url}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'log-bad-json' }, body: '{"question":' });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-request-id')).toBe('log-bad-json');
    await fetch(`${server.url}/api/nowhere`, { headers: { 'x-request-id': 'log-not-found' } });
    const generated = await fetch(`${server.url}/v1/nowhere`);
    const generatedId = generated.headers.get('x-request-id') as string;
    expect(generatedId).toMatch(/^[0-9a-f-]{36}$/);

    const lines = server.logs();
    expect(server.rawLogs.every((line) => line.endsWith('\n'))).toBe(true);
    for (const id of ['log-bad-json', 'log-not-found', generatedId]) {
      // Every request has one access line ('request'); an error adds exactly one more, never a repeat.
      const logged = lines.filter((line) => line.requestId === id && line.msg !== 'request');
      expect(logged, id).toHaveLength(1);
      expect(lines.filter((line) => line.requestId === id && line.msg === 'request'), id).toHaveLength(1);
      expect(logged[0]).toMatchObject({ level: expect.any(Number), time: expect.any(Number), msg: expect.any(String) });
    }
  });

  it('log and count a request whose client goes away mid-body, once', async () => {
    // Body-parser reports the abort and the error handler answers 400 into the closed connection; 'finish' never comes.
    const aborted = { route: '/api/ask', method: 'POST', status: '400' };
    const before = sample(await metrics(), 'http_requests_total', aborted) || 0;
    // Half a body, then the client goes away: the response never finishes.
    const socket = connect(Number(new URL(server.url).port), '127.0.0.1');
    socket.write('POST /api/ask HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\nX-Request-Id: log-aborted\r\n\r\n{"question":');
    await waitFor(() => (socket.bytesWritten > 0 ? true : undefined), 2000, 'the request to be sent');
    await new Promise((resolve) => setTimeout(resolve, 100));
    socket.destroy();

    const access = await waitFor(() => {
      const lines = server.logs().filter((line) => line.requestId === 'log-aborted' && line.msg === 'request');
      return lines.length > 0 ? lines : undefined;
    }, 5000, 'the aborted request to be logged');
    expect(access).toEqual([expect.objectContaining({ status: 400, route: '/api/ask' })]);
    expect(sample(await metrics(), 'http_requests_total', aborted) - before).toBe(1);
    // Nothing else is counted or logged twice for it.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.logs().filter((line) => line.requestId === 'log-aborted' && line.msg === 'request')).toHaveLength(1);
  });

  it('log a 503 once at warn level with its request id', async () => {
    const loading = await startRealServer({ indexDir: `${server.workDir}/no-index-here`, waitReady: false, env: { BUILD_INDEX_ON_START: 'false' } });
    try {
      await loading.running.ready.catch(() => undefined);
      const response = await fetch(`${loading.url}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'log-not-ready' }, body: '{"question":"Who is Lavrov?"}' });
      expect(response.status).toBe(503);
      const logged = loading.logs().filter((line) => line.requestId === 'log-not-ready' && line.msg !== 'request');
      expect(logged).toHaveLength(1);
      expect(logged[0]?.level).toBe(40);
    } finally {
      await loading.close();
    }
  });
});
