import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine.ts';
import type { AskResponse } from '../../src/types.ts';
import { readEvents } from '../http/sse-client.ts';
import { type RealServer, startRealServer, waitFor } from './real-server.ts';

const ADMIN_TOKEN = 'admin-token-for-tests-0123456789';
const NEW_DOC = 'zz_reindex_probe';
const CHANGED_DOC = '002_7621b428ae72702b';
/** Inserted near the top of CHANGED_DOC, so every offset after it moves in the new index. */
const INSERTED = 'Editor’s note: this article was updated on Monday with comments from officials in Ankara and Damascus.\n\n';

const QUESTIONS = [
  'What is Russia proposing to ensure the security of the Turkish border?',
  'How much grain can the Qalaat al-Bahr terminal at Latakia store?',
  'Where did the Quds force soldiers die in early May?',
  'What is the population of Damascus?',
];

let server: RealServer;
beforeAll(async () => {
  server = await startRealServer({ env: { ADMIN_TOKEN } });
});
afterAll(() => server.close());

const reindex = (token?: string) =>
  fetch(`${server.url}/api/admin/reindex`, { method: 'POST', headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });

/** Each document's cleaned text in one loaded index. */
function snapshot(engine: Engine): Map<string, string> {
  return new Map(engine.index.documents.map((document) => [document.id, document.text]));
}

/**
 * Whether every citation of a response is exact in one index version: the cited document exists there and its text
 * at `start`..`end` is the quote. v2 adds NEW_DOC and shifts every offset in CHANGED_DOC, so a response that took
 * passages from one index and documents (or offsets) from the other fails this for both versions. A response that
 * cites nothing (an abstention) is trivially consistent; the test also checks that responses pinned to each single
 * version occur, so the check has something to bite on.
 */
function consistentWith(version: Map<string, string>, response: AskResponse): boolean {
  return response.citations.every((citation) => version.get(citation.docId)?.slice(citation.start, citation.end) === citation.quote);
}

async function ask(question: string, stream: boolean): Promise<{ status: number; body: AskResponse | null }> {
  const response = await fetch(`${server.url}/api/ask`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: stream ? 'text/event-stream' : 'application/json' },
    body: JSON.stringify({ question }),
  });
  if (response.status !== 200) return { status: response.status, body: null };
  if (!stream) return { status: 200, body: (await response.json()) as AskResponse };
  const done = (await readEvents(response)).find((event) => event.event === 'done');
  return { status: done === undefined ? 0 : 200, body: (done?.data as AskResponse | undefined) ?? null };
}

describe('re-index while serving', () => {
  it('swaps the new index in under load with no failed request and no response mixing two indexes', async () => {
    const before = server.running.holder.current() as Engine;
    let running = true;
    const results: { status: number; body: AskResponse | null }[] = [];
    const failures: unknown[] = [];
    const workers = Array.from({ length: 8 }, async (_, worker) => {
      for (let turn = worker; running; turn++) {
        try {
          results.push(await ask(QUESTIONS[turn % QUESTIONS.length] as string, worker % 4 === 3));
        } catch (error) {
          failures.push(error);
        }
      }
    });

    await new Promise((resolve) => setTimeout(resolve, 300));
    const changedFile = join(server.docsDir, `${CHANGED_DOC}.txt`);
    const original = readFileSync(changedFile, 'utf8');
    writeFileSync(changedFile, original.replace('Sources close to the Russian Foreign Ministry', `${INSERTED}Sources close to the Russian Foreign Ministry`));
    copyFileSync('test/fixtures/reindex-article.txt', join(server.docsDir, `${NEW_DOC}.txt`));
    const started = await reindex(ADMIN_TOKEN);
    expect(started.status).toBe(202);
    const after = await waitFor(() => {
      const current = server.running.holder.current();
      // The index, not the Engine object: ask workers becoming ready swap in an Engine over the same index.
      return current !== null && current.index !== before.index ? current : undefined;
    }, 30_000, 'the new index to be swapped in');
    await new Promise((resolve) => setTimeout(resolve, 300));
    running = false;
    await Promise.all(workers);

    expect(failures).toEqual([]);
    expect(results.filter((result) => result.status !== 200)).toEqual([]);
    const [v1, v2] = [snapshot(before), snapshot(after)];
    expect(v2.has(NEW_DOC) && !v1.has(NEW_DOC)).toBe(true);
    const bodies = results.map((result) => result.body as AskResponse);
    const mixed = bodies.filter((body) => !consistentWith(v1, body) && !consistentWith(v2, body));
    expect(mixed).toEqual([]);
    expect(bodies.some((body) => consistentWith(v1, body) && !consistentWith(v2, body))).toBe(true);
    expect(bodies.some((body) => consistentWith(v2, body) && !consistentWith(v1, body))).toBe(true);
    expect(bodies.some((body) => body.citations.some((citation) => citation.docId === NEW_DOC))).toBe(true);

    // The HTTP view follows: the new article is listed, with its text.
    await waitFor(async () => {
      const listed = (await (await fetch(`${server.url}/api/documents`)).json()) as { documents: { id: string }[] };
      return listed.documents.some((document) => document.id === NEW_DOC) ? true : undefined;
    }, 5000, 'the new document in GET /api/documents');
    expect(((await (await fetch(`${server.url}/api/documents/${NEW_DOC}`)).json()) as { text: string }).text).toContain('Qalaat al-Bahr');
  }, 60_000);

  it('needs the ADMIN_TOKEN bearer', async () => {
    for (const token of [undefined, 'wrong-token', `${ADMIN_TOKEN}x`]) {
      const response = await reindex(token);
      expect(response.status).toBe(401);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    }
  });

  it('is off (404) when no ADMIN_TOKEN is configured', async () => {
    const closed = await startRealServer();
    try {
      const response = await fetch(`${closed.url}/api/admin/reindex`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      expect(response.status).toBe(404);
      expect(((await response.json()) as { error: { code: string; message: string } }).error.message).toMatch(/ADMIN_TOKEN/);
    } finally {
      await closed.close();
    }
  });
});
