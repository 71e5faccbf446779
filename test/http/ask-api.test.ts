import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AskResponse } from '../../src/types.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { postAsk, readEvents } from './sse-client.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

async function documentText(id: string): Promise<string> {
  const response = await fetch(`${server.url}/api/documents/${id}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { text: string }).text;
}

describe('POST /api/ask', () => {
  it.each([
    ['Which Russian minister called on Damascus to show flexibility over humanitarian aid to Eastern Ghouta?', '000_24caf35a25bf3ee3', 'Lavrov'],
    ['Where did the Quds force soldiers die in early May?', '003_8c47a0223c456b1a', 'Khan Tuman'],
    ['What is Russia proposing to ensure the security of the Turkish border?', '002_7621b428ae72702b', 'military police'],
  ])('answers "%s" with verbatim, cited quotes', async (question, docId, fact) => {
    const response = await postAsk(server.url, { question });
    expect(response.status).toBe(200);
    const body = (await response.json()) as AskResponse;
    expect(body.abstained).toBe(false);
    expect(body.mode).toBe('extractive');
    expect(body.answer).toContain(fact);
    expect(body.answer).toMatch(/\[1\]/);
    expect(body.citations.map((citation) => citation.docId)).toContain(docId);
    for (const citation of body.citations) {
      expect((await documentText(citation.docId)).slice(citation.start, citation.end)).toBe(citation.quote);
    }
    for (const sentence of body.sentences) {
      expect(sentence.citations.length).toBeGreaterThan(0);
      expect(sentence.support).toBeGreaterThanOrEqual(0.5);
    }
    expect(body.timings.totalMs).toBeGreaterThanOrEqual(body.timings.retrieveMs);
  });

  it('carries the article date on citations', async () => {
    const body = (await (await postAsk(server.url, { question: 'What did the G2 Bulletin report say about a schism between Iran and Russia?' })).json()) as AskResponse;
    expect(body.citations.find((citation) => citation.docId === '003_8c47a0223c456b1a')?.date).toBe('2016-06-26');
  });

  it.each(['What is the population of Damascus?', 'What did China say about humanitarian aid to Eastern Ghouta?', 'How many Russian soldiers died at Khan Tuman?'])(
    'abstains on "%s"',
    async (question) => {
      const body = (await (await postAsk(server.url, { question })).json()) as AskResponse;
      expect(body.abstained).toBe(true);
      expect(body.citations).toEqual([]);
      expect(body.answer).toMatch(/^The indexed articles don't say/);
    },
  );

  it.each([
    ['who wrote the algemeiner story?', '004_94a778343d2d549c', 'By Benjamin Kerstein'],
    ['Who is the author of the article about tension between Russia and Iran over the Iranian army withdrawal?', '004_94a778343d2d549c', 'By Benjamin Kerstein'],
    ['When was the Algemeiner article published?', '004_94a778343d2d549c', 'June 8, 2018 7:10 pm'],
    ['When was the G2 Bulletin report published?', '003_8c47a0223c456b1a', 'June 26, 2016'],
  ])('answers "%s" about the article itself by quoting its byline or date', async (question, docId, quoted) => {
    const body = (await (await postAsk(server.url, { question })).json()) as AskResponse;
    expect(body.abstained).toBe(false);
    expect(body.citations).toHaveLength(1);
    const [citation] = body.citations;
    expect(citation?.docId).toBe(docId);
    expect(citation?.quote.startsWith(quoted)).toBe(true);
    expect((await documentText(docId)).slice(citation?.start, citation?.end)).toBe(citation?.quote);
    expect(body.answer).toBe(`${citation?.quote} [1]`);
  });

  it.each(['What are these articles about?', 'summarize the articles', 'Give me an overview.'])('answers "%s" with each article\'s opening sentence, newest first', async (question) => {
    const body = (await (await postAsk(server.url, { question })).json()) as AskResponse;
    expect(body.abstained).toBe(false);
    expect(new Set(body.citations.map((citation) => citation.docId)).size).toBe(5);
    expect(body.citations.slice(0, 2).map((citation) => citation.date)).toEqual(['2018-06-08', '2016-06-26']);
    for (const citation of body.citations) {
      const text = await documentText(citation.docId);
      expect(text.slice(citation.start, citation.end)).toBe(citation.quote);
      // Only the headline, date line, byline or a deck without a full stop come before it.
      expect(text.slice(0, citation.start).split('\n\n').filter(Boolean).every((paragraph) => !/[.!?”]$/.test(paragraph))).toBe(true);
    }
    // Years apart: each claim says when it was reported.
    expect(body.answer.startsWith('(Reported June 8, 2018) A major rift')).toBe(true);
  });

  it('answers a topic with the sentences about it, not the overview', async () => {
    const body = (await (await postAsk(server.url, { question: 'What do the articles say about Hezbollah?' })).json()) as AskResponse;
    expect(body.abstained).toBe(false);
    expect(body.answer).toContain('Hezbollah');
  });

  it('says who a person known only from a byline is by quoting the byline', async () => {
    const body = (await (await postAsk(server.url, { question: 'Who is Benjamin Kerstein?' })).json()) as AskResponse;
    expect(body.answer).toBe('By Benjamin Kerstein [1]');
    expect(body.citations[0]?.docId).toBe('004_94a778343d2d549c');
  });

  it.each([
    'Who wrote the Algemeiner story about the World Cup?',
    'When was the G2 Bulletin report on North Korea published?',
    'When were Russian soldiers posted to Damascus?',
    'When did tension between Russia and Iran over the Iranian army withdrawal appear?',
    'Who is the author of the demand for Iranian forces to withdraw?',
  ])('does not answer "%s" with a byline or date line', async (question) => {
    const body = (await (await postAsk(server.url, { question })).json()) as AskResponse;
    expect(body.answer).not.toMatch(/^(?:By Benjamin Kerstein|June 8, 2018 7:10 pm|June 26, 2016) \[1\]$/);
  });

  it('says when the article named does not state its author, and leaves articles it only mentions to the story', async () => {
    const unsigned = (await (await postAsk(server.url, { question: 'Who wrote the Syria TV piece?' })).json()) as AskResponse;
    expect(unsigned.abstained).toBe(true);
    expect(unsigned.answer).toMatch(/^The indexed articles don't say\. “Russia Unhappy With Regime.*” \(Syria TV\) does not state who wrote it/);
    // Vzglyad is not an indexed article's outlet: its article is something a story reports on.
    const mentioned = (await (await postAsk(server.url, { question: 'When was the Vzglyad article published?' })).json()) as AskResponse;
    expect(mentioned.answer).toContain('published on Friday by Russian newspaper Vzglyad');
  });

  it('resolves a follow-up against history', async () => {
    const history = [
      { role: 'user', content: 'What is Russia proposing for the Turkish border?' },
      { role: 'assistant', content: 'Deploying military police in the border areas [1].' },
    ];
    const body = (await (await postAsk(server.url, { question: 'And what does the regime demand before it agrees to trade?', history })).json()) as AskResponse;
    expect(body.abstained).toBe(false);
    expect(body.answer).toContain('timetable');
  });

  it('streams citations, then text, then the full response', async () => {
    const response = await postAsk(server.url, { question: 'What naval base did Moscow enlarge?' }, { accept: 'text/event-stream' });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = await readEvents(response);
    const names = events.map((event) => event.event);
    expect(names[0]).toBe('citations');
    expect(names.at(-1)).toBe('done');
    expect(names.slice(1, -1).every((name) => name === 'token')).toBe(true);
    const done = events.at(-1)?.data as AskResponse;
    const streamed = events.filter((event) => event.event === 'token').map((event) => (event.data as { text: string }).text).join('');
    expect(streamed).toBe(done.answer);
    expect(done.answer).toContain('Tartous');
  });
});

describe('bad input', () => {
  const cases: [string, RequestInit, number, string][] = [
    ['missing question', { body: '{}' }, 400, 'invalid_request'],
    ['empty question', { body: JSON.stringify({ question: '   ' }) }, 400, 'invalid_request'],
    ['non-string question', { body: JSON.stringify({ question: 42 }) }, 400, 'invalid_request'],
    ['overlong question', { body: JSON.stringify({ question: 'why '.repeat(600) }) }, 400, 'invalid_request'],
    ['malformed history', { body: JSON.stringify({ question: 'Who is Lavrov?', history: [{ role: 'system', content: 'x' }] }) }, 400, 'invalid_request'],
    ['history not an array', { body: JSON.stringify({ question: 'Who is Lavrov?', history: 'hello' }) }, 400, 'invalid_request'],
    ['bad topK', { body: JSON.stringify({ question: 'Who is Lavrov?', topK: 1000 }) }, 400, 'invalid_request'],
    ['a JSON array', { body: '[1,2]' }, 400, 'invalid_body'],
    ['JSON null', { body: 'null' }, 400, 'invalid_body'],
    ['a JSON string', { body: '"Why?"' }, 400, 'invalid_body'],
    ['non-JSON body', { body: '{"question": ' }, 400, 'invalid_json'],
    ['body over the size limit', { body: JSON.stringify({ question: 'x'.repeat(70_000) }) }, 413, 'payload_too_large'],
    ['plain text', { body: 'What is Russia doing?', headers: { 'content-type': 'text/plain' } }, 415, 'unsupported_media_type'],
  ];
  it.each(cases)('%s → %i', async (_name, init, status, code) => {
    const response = await fetch(`${server.url}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, ...init });
    expect(response.status).toBe(status);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe(code);
    expect(body.error.message.length).toBeGreaterThan(5);
    expect(JSON.stringify(body)).not.toMatch(/at \w+ \(|node_modules|\.ts:\d+/);
  });

  it('answers an unknown route with 404 and a wrong method with 405', async () => {
    const missing = await fetch(`${server.url}/api/nothing`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('not_found');
    const wrong = await fetch(`${server.url}/api/ask`);
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe('method_not_allowed');
  });
});

describe('documents and health', () => {
  it('lists documents with their metadata', async () => {
    const body = (await (await fetch(`${server.url}/api/documents`)).json()) as { documents: { id: string; date: string | null; outlet: string | null; passages: number }[] };
    expect(body.documents).toHaveLength(5);
    expect(body.documents.find((document) => document.id === '004_94a778343d2d549c')).toMatchObject({ date: '2018-06-08', outlet: 'The Algemeiner', author: 'Benjamin Kerstein' });
    expect(body.documents.every((document) => document.passages > 0)).toBe(true);
  });

  it('returns 404 for an unknown document', async () => {
    const response = await fetch(`${server.url}/api/documents/nope`);
    expect(response.status).toBe(404);
  });

  it('reports readiness', async () => {
    const body = (await (await fetch(`${server.url}/api/health`)).json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 'ready', ready: true, documents: 5, answerMode: 'extractive', embedder: 'local:glove-sg-100d-sif-v1' });
  });
});

describe('while the index loads', () => {
  it('answers 503 with a clear message', async () => {
    const loading = await startTestServer({ withoutIndex: true });
    try {
      const response = await postAsk(loading.url, { question: 'What did Lavrov say?' });
      expect(response.status).toBe(503);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('index_not_ready');
      expect((await fetch(`${loading.url}/api/health`)).status).toBe(503);
    } finally {
      await loading.close();
    }
  });
});
