/**
 * Questions about an article itself over a folder other than the seeds: an author only the front matter gives, a
 * dateline and byline quoted through small passages.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AskResponse } from '../../src/types.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { postAsk } from './sse-client.ts';

const LEDGER = `---
title: Ceasefire Holds in the North
date: 2021-03-04
source: The Daily Ledger
author: Lena Petrova
---

# Ceasefire Holds in the North

The ceasefire agreed last week held through the weekend, officials said on Monday, and aid convoys began to move.

Convoys carrying food and medicine crossed into the region for the first time in a month, the United Nations said.
`;

const WIRE = [
  'Port Strike Ends After Nine Days',
  'By John Roe | Harbour Wire',
  'ROTTERDAM, 2 May 2023 – Dock workers ended a nine-day strike on Tuesday after unions and port operators agreed on a new wage deal that raises pay by six percent over two years and limits night shifts, according to a report by Harbour Wire.',
  'Ships that had waited at anchor for a week began to unload on Wednesday morning, the port authority said.',
  'Harbour Wire has learned that the unions will put the deal to a vote of their members next month.',
].join('\n\n');

let docsDir: string;
let server: TestServer;
beforeAll(async () => {
  docsDir = mkdtempSync(join(tmpdir(), 'news-rag-facts-'));
  writeFileSync(join(docsDir, 'ledger.md'), LEDGER);
  writeFileSync(join(docsDir, 'wire.txt'), WIRE);
  // Passages shorter than the dateline sentence: a quote must still fit in the passage it cites.
  server = await startTestServer({ docsDir, env: { CHUNK_SIZE: '200', CHUNK_OVERLAP: '20' } });
}, 60_000);
afterAll(async () => {
  await server?.close();
  rmSync(docsDir, { recursive: true, force: true });
});

async function ask(question: string): Promise<AskResponse> {
  return (await (await postAsk(server.url, { question })).json()) as AskResponse;
}

async function expectVerbatim(body: AskResponse): Promise<void> {
  for (const citation of body.citations) {
    const document = (await (await fetch(`${server.url}/api/documents/${citation.docId}`)).json()) as { text: string; passages: { id: string; start: number; end: number }[] };
    expect(document.text.slice(citation.start, citation.end)).toBe(citation.quote);
    const passage = document.passages.find((candidate) => candidate.id === citation.passageId);
    expect(passage !== undefined && passage.start <= citation.start && citation.end <= passage.end).toBe(true);
  }
}

describe('questions about an article itself', () => {
  it('says what the metadata gives when the text has no byline to quote', async () => {
    const body = await ask('Who wrote the Daily Ledger article?');
    expect(body.abstained).toBe(true);
    expect(body.citations).toEqual([]);
    expect(body.answer).toBe("The indexed articles don't say in their text. The metadata of “Ceasefire Holds in the North” gives its author as Lena Petrova, which cannot be quoted and cited.");
  });

  it('quotes the byline and the dateline, each within the passage it cites', async () => {
    const byline = await ask('Who wrote the Harbour Wire story about the port strike?');
    expect(byline.answer).toBe('By John Roe | Harbour Wire [1]');
    const date = await ask('When was the Harbour Wire story published?');
    expect(date.answer).toBe('2 May 2023 [1]');
    await expectVerbatim(byline);
    await expectVerbatim(date);
  });

  it('quotes the sentence naming the outlet as the source, cut to the passage that names it when longer', async () => {
    const body = await ask('Which outlet published the story about the port strike?');
    expect(body.abstained).toBe(false);
    expect(body.citations[0]?.docId).toBe('wire');
    // The sentence is longer than a passage: the part quoted is the one naming the outlet.
    expect(body.answer).toBe('according to a report by Harbour Wire. [1]');
    await expectVerbatim(body);
  });
});
