import { describe, expect, it } from 'vitest';
import { type AskOutcome, scoreQuestion, summarize } from '../../src/eval/evaluate.ts';
import { renderHtmlReport } from '../../src/eval/html-report.ts';
import { loadQuestions, parseQuestions } from '../../src/eval/questions.ts';
import { METRIC_DEFINITIONS } from '../../src/eval/report.ts';

const answerable = {
  id: 'a1',
  type: 'fact',
  question: 'Where did the soldiers die?',
  gold_docs: ['doc-a'],
  gold_passages: ['The soldiers died in the town of Khan Tuman in early May.'],
  facts: ['Khan Tuman', 'May'],
  answerable: true,
};
const unanswerable = { ...answerable, id: 'u1', type: 'unanswerable', gold_docs: [], gold_passages: [], facts: [], answerable: false };

const outcome = (overrides: Partial<AskOutcome> = {}): AskOutcome => ({
  answer: 'The soldiers died in the town of Khan Tuman in early May. [1]',
  abstained: false,
  citations: [{ n: 1, docId: 'doc-a', quote: 'The soldiers died in the town of Khan Tuman in early May.' }],
  sentences: [{ text: 'The soldiers died in the town of Khan Tuman in early May.', citations: [1] }],
  retrieved: [
    { docId: 'doc-b', text: 'Unrelated passage.' },
    { docId: 'doc-a', text: 'Before. The soldiers  died in the town of\nKhan Tuman in early May. After.' },
  ],
  standaloneQuestion: null,
  latencyMs: 10,
  ...overrides,
});

describe('questions file', () => {
  it('loads and validates the shipped questions', () => {
    const questions = loadQuestions();
    expect(questions.length).toBeGreaterThanOrEqual(50);
    expect(questions.some((question) => !question.answerable)).toBe(true);
  });

  it('names the line and field that are wrong', () => {
    expect(() => parseQuestions(`${JSON.stringify(answerable)}\n{"id":"x"}`, 'q.jsonl')).toThrow(/q\.jsonl:2: .*question/);
    expect(() => parseQuestions('not json', 'q.jsonl')).toThrow(/q\.jsonl:1 is not valid JSON/);
    expect(() => parseQuestions(`${JSON.stringify(answerable)}\n${JSON.stringify(answerable)}`)).toThrow(/duplicate id a1/);
    expect(() => parseQuestions(JSON.stringify({ ...answerable, gold_docs: [] }))).toThrow(/gold document/);
  });
});

describe('scoring', () => {
  it('scores a good answer on every metric', () => {
    const result = scoreQuestion(answerable, outcome());
    expect(result).toMatchObject({ goldRank: 2, goldPassagesFound: [true], factShare: 1, missedFacts: [], citesGoldDoc: true });
    expect(result.citations[0]?.precise).toBe(true);
  });

  it('gives an abstention no facts and no citation recall', () => {
    const result = scoreQuestion(answerable, outcome({ abstained: true, answer: "The articles don't say where Khan Tuman is.", citations: [], sentences: [] }));
    expect(result.factShare).toBe(0);
    expect(result.citesGoldDoc).toBe(false);
  });

  it('summarises retrieval over answerable questions and abstention over all', () => {
    const results = [
      scoreQuestion(answerable, outcome()),
      scoreQuestion(unanswerable, outcome({ abstained: true, answer: 'No.', citations: [], sentences: [], retrieved: [] })),
    ];
    const summary = summarize(results);
    expect(summary).toMatchObject({ questions: 2, answerable: 1, hitAt1: 0, hitAt5: 1, mrr: 0.5, factCoverage: 1, citationPrecision: 1, abstentionPrecision: 1, abstentionRecall: 1 });
  });
});

describe('HTML report', () => {
  it('escapes every text it shows', () => {
    const result = scoreQuestion({ ...answerable, question: '<script>alert(1)</script>' }, outcome({ answer: '<img src=x onerror=alert(1)>' }));
    const html = renderHtmlReport({
      generatedAt: 'now',
      source: 'in-process',
      retrievalFrom: 'retrieved passages',
      settings: { note: '<b>' },
      definitions: METRIC_DEFINITIONS,
      summary: summarize([result]),
      byType: [{ type: '<t>', count: 1, hitAt5: 1, factCoverage: 1, decisionAccuracy: 1 }],
      questions: [result],
    });
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<b></td>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('<svg');
  });
});
