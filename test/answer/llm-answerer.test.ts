/** The LLM answerer and its fallback, with a real openai client against the fake server (through a connection tracker). */
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Answerer, AnswerOptions } from '../../src/answer/answerer.ts';
import { abstention } from '../../src/answer/compose-answer.ts';
import { scorerOver } from '../helpers/scorer-over.ts';
import { createLlmAnswerer } from '../../src/answer/llm-answerer.ts';
import { NOT_IN_SOURCES } from '../../src/answer/llm-prompt.ts';
import { withFallback } from '../../src/answer/with-fallback.ts';
import { describeUpstreamError, isAbortError } from '../../src/errors.ts';
import type { Passage, ScoredPassage } from '../../src/types.ts';
import { type ConnectionTracker, startConnectionTracker, type TrackedConnection } from '../fakes/connection-tracker.ts';
import { type FakeOpenAI, type FakeReply, reply, startFakeOpenAI } from '../fakes/openai-server.ts';

const TEXTS = {
  tartous: 'Moscow has enlarged its naval base at Tartous and set up an airfield at Hmeimim Airbase.',
  hezbollah: 'Hezbollah has thus far refused to comply with the Russian demand to withdraw from the border.',
  killed: 'The conflict has killed over 500,000 people, including a large number of civilians.',
};
const passage = (id: string, text: string): Passage => ({ id: `${id}#0`, docId: id, ordinal: 0, start: 0, end: text.length, text, title: `Title ${id}`, date: null, outlet: null });
const passages: ScoredPassage[] = Object.entries(TEXTS).map(([id, text], rank) => ({ passage: passage(id, text), score: 1 / (rank + 1) }));
// No word vectors: support comes from exact term matches alone, which verbatim claims have.
const scorer = scorerOver(Object.values(TEXTS), () => null);

let fake: FakeOpenAI;
let tracker: ConnectionTracker;
let nextReply: () => FakeReply;
let client: OpenAI;

beforeAll(async () => {
  fake = await startFakeOpenAI({ chat: () => nextReply() });
  tracker = await startConnectionTracker(fake.url);
  client = new OpenAI({ baseURL: tracker.url, apiKey: 'test-key', maxRetries: 0, timeout: 2000 });
});
afterAll(async () => {
  await tracker.close();
  await fake.close();
});
beforeEach(() => {
  fake.requests.length = 0;
});

function answerer(): Answerer {
  return createLlmAnswerer({ client, model: 'fake-model', scorer, minSupport: 0.5 });
}

async function answerCollecting(deltas: string[], options: AnswerOptions = {}) {
  nextReply = () => reply.stream(deltas);
  const streamed: string[] = [];
  const answer = await answerer().answer('What did Moscow build?', passages, { ...options, onText: (text) => streamed.push(text) });
  return { answer, streamed };
}

/** The socket that carried the aborted stream must close: the fake stops writing to nobody. */
async function expectClosed(connection: TrackedConnection | null | undefined): Promise<void> {
  if (connection === null || connection === undefined) throw new Error('no connection carried the stream');
  await connection.closed(1000);
  expect(connection.open).toBe(false);
}

/** An answerer that records its calls, standing in for the extractive one behind withFallback. */
function recordingFallback() {
  const calls: AnswerOptions[] = [];
  const fallback: Answerer = {
    mode: 'extractive',
    model: null,
    async answer(_question, _passages, options = {}) {
      calls.push(options);
      return { ...abstention('extractive stand-in', 'extractive', null), abstained: false };
    },
  };
  return { fallback, calls };
}

describe('createLlmAnswerer', () => {
  it('streams the deltas to onText as they come and returns the checked answer', async () => {
    const deltas = ['Moscow has enlarged ', 'its naval base ', 'at Tartous [1].'];
    const { answer, streamed } = await answerCollecting(deltas);
    // The closing chunk carries no content; an empty call is noise, not text.
    expect(streamed.filter((text) => text !== '')).toEqual(deltas);
    expect(answer).toMatchObject({ mode: 'llm', model: 'fake-model', abstained: false, answer: 'Moscow has enlarged its naval base at Tartous. [1]' });
    expect(answer.citations[0]).toMatchObject({ n: 1, docId: 'tartous', quote: TEXTS.tartous });
    expect(fake.requests[0]?.body).toMatchObject({ model: 'fake-model', stream: true, temperature: 0 });
  });

  it('numbers citations in order of first use, whatever the passage numbers in the draft', async () => {
    const { answer } = await answerCollecting(['The conflict has killed over 500,000 people [3]. ', 'Moscow has enlarged its naval base at Tartous [1].']);
    expect(answer.answer).toBe('The conflict has killed over 500,000 people. [1] Moscow has enlarged its naval base at Tartous. [2]');
    expect(answer.citations.map((citation) => [citation.n, citation.docId])).toEqual([
      [1, 'killed'],
      [2, 'tartous'],
    ]);
    expect(answer.sentences.map((sentence) => sentence.citations)).toEqual([[1], [2]]);
  });

  it.each(['[1, 3]', '[1,3]', '[3, 1]'])('keeps a sentence cited as %s, checking each passage it names', async (marker) => {
    const { answer } = await answerCollecting([`Moscow has enlarged its naval base at Tartous ${marker}. `, 'The conflict has killed over 500,000 people [3].']);
    expect(answer).toMatchObject({ abstained: false, answer: 'Moscow has enlarged its naval base at Tartous. [1] The conflict has killed over 500,000 people. [2]' });
    expect(answer.warning).toBeUndefined();
    expect(answer.citations.map((citation) => citation.docId)).toEqual(['tartous', 'killed']);
  });

  it('releases text held back as a possible sentinel once it cannot be one', async () => {
    const { answer, streamed } = await answerCollecting(['N', 'O', 'w Moscow has enlarged its naval base at Tartous [1].']);
    expect(streamed.join('')).toBe('NOw Moscow has enlarged its naval base at Tartous [1].');
    expect(answer.abstained).toBe(false);
  });

  // Models often add punctuation or a line break to a fixed reply; none of it may reach the user.
  it.each([[[NOT_IN_SOURCES]], [['NOT_', 'IN_', 'SOURCES']], [[' NOT_IN_SOURCES\n']], [['NOT_IN_SOURCES', '.']], [['NOT_IN_SOURCES.']]])(
    'abstains on %j without streaming the sentinel',
    async (deltas) => {
      const { answer, streamed } = await answerCollecting(deltas);
      expect(answer).toMatchObject({ abstained: true, citations: [], sentences: [], mode: 'llm' });
      expect(answer.answer).not.toContain(NOT_IN_SOURCES);
      expect(streamed.join('')).not.toContain('NOT_IN');
    },
  );

  it('stops the stream when the signal aborts: the promise rejects and the connection closes', async () => {
    const deltas = Array.from({ length: 40 }, (_, position) => `word${position} `);
    nextReply = () => reply.stream(deltas, { delayMs: 25 });
    const controller = new AbortController();
    const streamed: string[] = [];
    const seen: { connection?: TrackedConnection | null } = {};
    const started = performance.now();
    const pending = answerer().answer('What did Moscow build?', passages, {
      signal: controller.signal,
      onText: (text) => {
        streamed.push(text);
        if (streamed.length < 2) return;
        seen.connection = tracker.lastActive();
        controller.abort();
      },
    });
    const error = await pending.then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(isAbortError(error)).toBe(true);
    expect(streamed).toHaveLength(2);
    // The whole stream would take 40 × 25 ms = 1 s; an abort ends it at once.
    expect(performance.now() - started).toBeLessThan(600);
    await expectClosed(seen.connection);
  });

  it('abstains without calling the model when nothing was retrieved', async () => {
    const answer = await answerer().answer('What did Moscow build?', []);
    expect(answer.abstained).toBe(true);
    expect(fake.requests).toHaveLength(0);
  });
});

describe('withFallback', () => {
  it('answers with the fallback and a warning when the model fails, without streaming the fallback', async () => {
    nextReply = () => reply.error(500, 'boom');
    const { fallback, calls } = recordingFallback();
    const answer = await withFallback(answerer(), fallback, describeUpstreamError).answer('What did Moscow build?', passages, { onText: () => undefined });
    expect(answer.answer).toBe('extractive stand-in');
    expect(answer.mode).toBe('extractive');
    expect(answer.warning).toBe('The language model server failed (HTTP 500). The answer below is extractive.');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.onText).toBeUndefined();
  });

  it('does not fall back when the caller aborted: nobody is waiting for an answer', async () => {
    nextReply = () => reply.stream(['Moscow ', 'has ', 'enlarged ', 'its ', 'naval ', 'base.'], { delayMs: 30 });
    const controller = new AbortController();
    const { fallback, calls } = recordingFallback();
    const seen: { connection?: TrackedConnection | null } = {};
    const pending = withFallback(answerer(), fallback, describeUpstreamError).answer('What did Moscow build?', passages, {
      signal: controller.signal,
      onText: () => {
        seen.connection = tracker.lastActive();
        controller.abort();
      },
    });
    await expect(pending).rejects.toSatisfy(isAbortError);
    expect(calls).toHaveLength(0);
    await expectClosed(seen.connection);
  });
});
