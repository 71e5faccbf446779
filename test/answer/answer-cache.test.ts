import { describe, expect, it } from 'vitest';
import { AnswerCache } from '../../src/answer/answer-cache.ts';
import { askQuestion, type AskDependencies } from '../../src/answer/ask-question.ts';
import type { Answer, ScoredPassage } from '../../src/types.ts';

function dependencies(answer: Partial<Answer> = {}): AskDependencies & { calls: number } {
  const state = { calls: 0 };
  return Object.assign(state, {
    retriever: { retrieve: async (): Promise<ScoredPassage[]> => [] },
    answerer: {
      mode: 'extractive' as const,
      model: null,
      answer: async (): Promise<Answer> => {
        state.calls += 1;
        return { answer: `answer ${state.calls}`, abstained: false, citations: [], sentences: [], mode: 'extractive', model: null, ...answer };
      },
    },
    rewriter: { rewrite: async (question: string) => question },
    topK: 5,
    rrfK: 60,
    denseWeight: 0.25,
    cache: new AnswerCache(2),
  });
}

describe('answer cache', () => {
  it('serves the same question (whatever its spacing) from memory', async () => {
    const deps = dependencies();
    const first = await askQuestion(deps, { question: 'Who is Lavrov?' });
    const again = await askQuestion(deps, { question: '  Who is \n  Lavrov? ' });
    expect(again.answer).toBe(first.answer);
    expect(deps.calls).toBe(1);
    expect(again.timings.retrieveMs).toBe(0);
  });

  it('keeps questions that differ in case apart, since capitalised words are names to the answerer', async () => {
    const deps = dependencies();
    const named = await askQuestion(deps, { question: 'What did China say about aid to Eastern Ghouta?' });
    const lower = await askQuestion(deps, { question: 'what did china say about aid to eastern ghouta?' });
    expect(deps.calls).toBe(2);
    expect(lower.answer).not.toBe(named.answer);
    const history = (content: string) => [{ role: 'user' as const, content }];
    await askQuestion(deps, { question: 'And then?', history: history('What did Turkey do?') });
    await askQuestion(deps, { question: 'And then?', history: history('what did turkey do?') });
    expect(deps.calls).toBe(4);
    expect(AnswerCache.key('What did China say?', [], 5)).not.toBe(AnswerCache.key('what did china say?', [], 5));
  });

  it('keeps different histories and topK apart, and forgets the least recently used', async () => {
    const deps = dependencies();
    await askQuestion(deps, { question: 'And Iran?', history: [{ role: 'user', content: 'What did Russia do?' }] });
    await askQuestion(deps, { question: 'And Iran?' });
    await askQuestion(deps, { question: 'And Iran?', topK: 3 });
    expect(deps.calls).toBe(3);
    await askQuestion(deps, { question: 'And Iran?', history: [{ role: 'user', content: 'What did Russia do?' }] });
    expect(deps.calls).toBe(4);
  });

  it('does not keep a fallback answer, so the model is tried again', async () => {
    const deps = dependencies({ warning: 'The language model failed.' });
    await askQuestion(deps, { question: 'Who is Lavrov?' });
    await askQuestion(deps, { question: 'Who is Lavrov?' });
    expect(deps.calls).toBe(2);
  });
});
