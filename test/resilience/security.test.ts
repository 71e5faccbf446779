import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeOpenAI, reply, startFakeOpenAI } from '../fakes/openai-server.ts';
import { type RealServer, startRealServer, waitFor } from './real-server.ts';

const SECRETS = {
  API_KEY: 'api-key-3f9c1e7a5b2d4c6e8f0a',
  ADMIN_TOKEN: 'admin-token-7d1b3f5a9c2e4b6d8f0a',
  OPENAI_API_KEY: 'sk-test-9a8b7c6d5e4f3a2b1c0d',
};
const ALLOWED_ORIGIN = 'https://news.example.org';
const QUESTION = JSON.stringify({ question: 'What naval base did Moscow enlarge?' });

describe('a server with API_KEY, ADMIN_TOKEN, an OpenAI key and a CORS allow-list', () => {
  let fake: FakeOpenAI;
  let server: RealServer;
  /** Every response the tests saw: status line, headers and body, searched for secrets at the end. */
  const seen: string[] = [];

  beforeAll(async () => {
    // The model server rejects the key and echoes it back, as OpenAI does ("Incorrect API key provided: sk-…").
    fake = await startFakeOpenAI({ chat: [reply.error(401, `Incorrect API key provided: ${SECRETS.OPENAI_API_KEY}.`)] });
    server = await startRealServer({
      env: { ...SECRETS, OPENAI_BASE_URL: fake.url, ANSWER_MODE: 'llm', OPENAI_MAX_RETRIES: '0', CORS_ORIGINS: ALLOWED_ORIGIN },
    });
  });
  afterAll(async () => {
    await server.close();
    await fake.close();
  });

  async function call(path: string, init: RequestInit & { key?: string | null } = {}): Promise<Response> {
    const { key = SECRETS.API_KEY, headers, ...rest } = init;
    const response = await fetch(`${server.url}${path}`, { ...rest, headers: { ...(key === null ? {} : { authorization: `Bearer ${key}` }), ...(headers as Record<string, string>) } });
    const text = await response.clone().text();
    seen.push(`${response.status} ${JSON.stringify([...response.headers])} ${text}`);
    return response;
  }
  const postAsk = (init: RequestInit & { key?: string | null } = {}) =>
    call('/api/ask', { method: 'POST', body: QUESTION, ...init, headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string>) } });
  /** Starts a re-index with the admin token and waits until the rebuilt index is loaded, so none is left running. */
  async function reindexWithAdminToken(): Promise<void> {
    const loaded = () => server.logs().filter((line) => line.msg === 'index loaded').length;
    const before = loaded();
    const response = await call('/api/admin/reindex', { method: 'POST', key: SECRETS.ADMIN_TOKEN });
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ started: true });
    await waitFor(() => (loaded() > before ? true : undefined), 20_000, 'the re-index to finish');
  }

  it('sends helmet’s security headers and no x-powered-by, on the page and on the API', async () => {
    for (const path of ['/', '/api/health', '/api/nothing']) {
      const response = await call(path);
      expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(response.headers.get('strict-transport-security')).toMatch(/max-age=/);
      expect(response.headers.get('x-powered-by')).toBeNull();
      // The page is also served over plain HTTP (HOST=0.0.0.0); upgrading its requests to https would break it.
      expect(response.headers.get('content-security-policy')).not.toMatch(/upgrade-insecure-requests/);
    }
  });

  it('asks every /api and /v1 request for the key, but serves the page without one', async () => {
    for (const key of [null, 'wrong-key', `${SECRETS.API_KEY} `.repeat(2)]) {
      const response = await postAsk({ key });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: { code: 'unauthorized', message: expect.stringMatching(/Bearer/) } });
    }
    expect((await call('/api/health', { key: null })).status).toBe(401);
    expect((await call('/api/documents', { key: null })).status).toBe(401);
    const v1 = await call('/v1/models', { key: null });
    expect(v1.status).toBe(401);
    expect(await v1.json()).toMatchObject({ error: { type: 'invalid_request_error', code: 'invalid_api_key' } });

    expect((await postAsk()).status).toBe(200);
    const page = await call('/', { key: null });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('authorises POST /api/admin/reindex by ADMIN_TOKEN alone: the API key is neither needed nor enough', async () => {
    await reindexWithAdminToken();
    for (const key of [SECRETS.API_KEY, null, 'wrong-token']) {
      const response = await call('/api/admin/reindex', { method: 'POST', key });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: { code: 'unauthorized', message: expect.stringMatching(/ADMIN_TOKEN/) } });
    }
    // Other methods on the path are still API calls behind the key.
    expect((await call('/api/admin/reindex', { key: null })).status).toBe(401);
  });

  it('answers CORS only for an allow-listed origin', async () => {
    const allowed = await call('/api/health', { headers: { origin: ALLOWED_ORIGIN } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    const preflight = await call('/api/ask', { method: 'OPTIONS', key: null, headers: { origin: ALLOWED_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    const foreign = await call('/api/health', { headers: { origin: 'https://evil.example' } });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('keeps every secret out of responses, /api/health, /metrics and the logs', async () => {
    // A failing model (which echoes the key), a streamed answer, errors of every kind and both admin outcomes.
    const answered = await postAsk();
    expect(((await answered.json()) as { warning?: string }).warning).toMatch(/HTTP 401/);
    await postAsk({ headers: { accept: 'text/event-stream' } });
    await call('/v1/chat/completions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'news-rag', messages: [{ role: 'user', content: 'What naval base did Moscow enlarge?' }] }) });
    await call('/api/health');
    await call('/metrics', { key: null });
    expect((await call('/api/admin/reindex', { method: 'POST', key: 'not-the-admin-token' })).status).toBe(401);
    await reindexWithAdminToken();
    await postAsk({ body: '{"question": ' });
    await postAsk({ key: SECRETS.API_KEY.slice(0, -1) });

    // The key did reach the model server, so the test would notice a secret it could leak.
    expect(fake.requests.some((request) => request.headers.authorization === `Bearer ${SECRETS.OPENAI_API_KEY}`)).toBe(true);
    const everything = [...seen, ...server.rawLogs].join('\n');
    expect(server.rawLogs.length).toBeGreaterThan(3);
    for (const [name, value] of Object.entries(SECRETS)) {
      expect(everything.includes(value), `${name} leaked`).toBe(false);
    }
  });
});

describe('a server with the defaults and RATE_LIMIT_PER_MINUTE=3', () => {
  let server: RealServer;
  beforeAll(async () => {
    server = await startRealServer({ env: { RATE_LIMIT_PER_MINUTE: '3' } });
  });
  afterAll(() => server.close());

  it('sends no CORS header to any origin', async () => {
    const response = await fetch(`${server.url}/`, { headers: { origin: 'https://news.example.org' } });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers the 4th request in a minute with 429, Retry-After and the JSON error', async () => {
    for (let count = 0; count < 3; count++) expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    const limited = await fetch(`${server.url}/api/health`);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(await limited.json()).toMatchObject({ error: { code: 'rate_limited', message: expect.stringMatching(/try again in \d+ s/) } });
    const v1 = await fetch(`${server.url}/v1/models`);
    expect(v1.status).toBe(429);
    expect(await v1.json()).toMatchObject({ error: { type: 'requests', code: 'rate_limit_exceeded' } });
    // The page is not an API call and is not limited.
    expect((await fetch(`${server.url}/`)).status).toBe(200);
  });
});
