/**
 * The quality gate: the evaluation questions through the real pipeline (default configuration, a fresh index of
 * seeds/ in a temporary folder). A change that makes retrieval, answers, citations or abstention worse fails here.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { evaluate, type QuestionResult, type Summary, summarize } from '../../src/eval/evaluate.ts';
import { createInProcessAsker } from '../../src/eval/in-process-asker.ts';
import { loadQuestions } from '../../src/eval/questions.ts';

/**
 * Set from the run of 2026-11-23 11:10 UTC (`npm run eval`, default configuration: DENSE_WEIGHT 0.25, minCoverage
 * 0.5), each figure minus about 0.05. questions.jsonl (68): hit@1 0.961, MRR 0.971, gold-passage recall@5 0.853,
 * fact coverage 0.549, citation precision 0.507, citation recall 0.706, abstention precision 0.500, abstention
 * recall 0.882. Raising minCoverage from 0.4 to 0.5 traded citation recall (0.765) and abstention precision (0.583)
 * for fewer answers to unanswerable questions and fewer off-target quotes: wrong-but-confident is the worst outcome.
 * heldout.jsonl (40, written later by someone who had not seen the tuning, casual wording): hit@1 0.630, MRR
 * 0.778, recall@5 0.747, fact coverage 0.272, citation precision 0.478, citation recall 0.407, abstention precision
 * 0.385, abstention recall 0.769. Raise them when the figures improve; lower one only with a note in the commit
 * saying which trade-off was accepted.
 * Raised 2026-11-23 13:50 UTC after the hyphenated-name and "who did X" rules: questions.jsonl fact coverage 0.569,
 * citation precision 0.522, citation recall 0.725, abstention precision 0.517 (heldout: citation recall 0.370 and
 * abstention precision 0.370, from one off-target answer turned into an abstention; their gates keep their margin).
 * Session 4 (countries by their other names, initialisms): heldout fact coverage 0.272 → 0.309 and citation recall
 * 0.370 → 0.407 (the INSS question answered), gates raised to 0.26 / 0.36; questions.jsonl citation precision 0.522
 * → 0.493, accepted: "why is the Kremlin annoyed …" now passes the name check (Kremlin = Moscow) and is answered
 * with an on-topic but not the asked-for sentence instead of abstaining.
 * Session 5 (questions about the articles themselves; bylines kept): q69-q71 added (publication date, two unsigned
 * articles) and heldout h-17 ("who wrote the algemeiner story?") relabelled answerable, since the byline is now text.
 * questions.jsonl (71): hit@1 0.923 (q69's date line is not in the passage retrieval ranks first; the answer is
 * right), abstention precision 0.581 → gate 0.53 (q64 now abstains); heldout: fact coverage 0.333 → gate 0.28,
 * citation recall 0.429 → gate 0.38, recall@5 0.738 and abstention precision 0.360 (h-17 left the unanswerable side).
 * Session 6: heldout-2.jsonl (45, 17 unanswerable), written by a helper who read only the seeds, before this
 * session's answer rules: attribution, surnames, causes, "which officers" and happened-or-proposed were then checked
 * on it (9 of its 17 unanswerables were answered before them, 1 after). Its figures: hit@1 0.929, MRR 0.964,
 * recall@5 0.964, fact coverage 0.625, citation precision 0.556, recall 0.750, abstention precision 0.696, recall
 * 0.941 (gate 0.89). Main abstention recall is now 1.000 (gate 0.95).
 * Session 7: heldout-3.jsonl (44, 18 unanswerable), written the same way, with typos, keyword queries, yes/no and
 * false-premise questions. Before this session's rules (rare-word typos, negated auxiliaries, pronoun-only
 * follow-ups, "did" questions): fact coverage 0.404, 11 of 26 answered well. After: hit@1 0.885, MRR 0.923, recall@5
 * 0.885, fact coverage 0.558, citation precision 0.656, recall 0.654, abstention precision 0.609, recall 0.778.
 * Session 8: heldout-4.jsonl (44, 18 unanswerable), written by a helper who read only the seeds and was asked for
 * questions that share almost no words with their answers. Before this session's rules 6 of 26 were answered well
 * and 4 of 18 unanswerables were answered; after: hit@1 0.808, MRR 0.878, recall@5 0.808, fact coverage 0.269,
 * citation precision 0.615, recall 0.269, abstention precision 0.472, recall 0.944 (1 unanswerable answered).
 * Also session 8: other-news.jsonl (60, 19 unanswerable) over test/fixtures/other-news, four articles on other topics
 * (an election, a company's earnings, floods, a doping ban) that a helper wrote to test the rules away from Syria, with
 * the questions it asked while probing; several rules were then fixed on it, so it is not blind. Figures: hit@1, MRR
 * and recall@5 1.000, fact coverage 0.646, citation precision 0.541, recall 0.927, abstention precision 0.800, recall
 * 0.632 (7 of 19 unanswerable answered, most of them false premises: the weakest figure of all sets).
 */
const GATES: { file: string; docsDir?: string; thresholds: Partial<Record<keyof Summary, number>> }[] = [
  {
    file: 'test/eval/questions.jsonl',
    thresholds: {
      hitAt1: 0.91,
      hitAt5: 0.93,
      mrr: 0.92,
      passageRecallAt5: 0.8,
      factCoverage: 0.52,
      citationPrecision: 0.47,
      citationRecall: 0.67,
      abstentionPrecision: 0.54,
      abstentionRecall: 0.95,
    },
  },
  {
    file: 'test/eval/heldout.jsonl',
    thresholds: {
      hitAt1: 0.58,
      hitAt5: 0.91,
      mrr: 0.72,
      passageRecallAt5: 0.69,
      factCoverage: 0.28,
      citationPrecision: 0.42,
      citationRecall: 0.38,
      abstentionPrecision: 0.33,
      abstentionRecall: 0.71,
    },
  },
  {
    file: 'test/eval/heldout-2.jsonl',
    thresholds: {
      hitAt1: 0.87,
      hitAt5: 0.95,
      mrr: 0.91,
      passageRecallAt5: 0.91,
      factCoverage: 0.57,
      citationPrecision: 0.5,
      citationRecall: 0.7,
      abstentionPrecision: 0.64,
      abstentionRecall: 0.89,
    },
  },
  {
    file: 'test/eval/heldout-3.jsonl',
    thresholds: {
      hitAt1: 0.84,
      hitAt5: 0.92,
      mrr: 0.88,
      passageRecallAt5: 0.84,
      factCoverage: 0.51,
      citationPrecision: 0.6,
      citationRecall: 0.6,
      abstentionPrecision: 0.56,
      abstentionRecall: 0.72,
    },
  },
  {
    file: 'test/eval/heldout-4.jsonl',
    thresholds: {
      hitAt1: 0.76,
      hitAt5: 0.92,
      mrr: 0.83,
      passageRecallAt5: 0.76,
      factCoverage: 0.23,
      citationPrecision: 0.55,
      citationRecall: 0.23,
      abstentionPrecision: 0.42,
      abstentionRecall: 0.9,
    },
  },
  {
    file: 'test/eval/other-news.jsonl',
    docsDir: 'test/fixtures/other-news',
    thresholds: {
      hitAt1: 0.95,
      hitAt5: 0.97,
      mrr: 0.95,
      passageRecallAt5: 0.95,
      factCoverage: 0.59,
      citationPrecision: 0.5,
      citationRecall: 0.87,
      abstentionPrecision: 0.74,
      abstentionRecall: 0.58,
    },
  },
];

describe('quality gate', () => {
  let workDir: string;
  /** One asker per corpus, each over its own index. */
  const askers = new Map<string, Promise<Awaited<ReturnType<typeof createInProcessAsker>>>>();
  const askerFor = (docsDir: string) => {
    let asker = askers.get(docsDir);
    if (asker === undefined) {
      // Only what the gate needs: the developer's .env or OPENAI_* must not change what is measured.
      const config = loadConfig({ INDEX_DIR: join(workDir, `index-${askers.size}`), DOCS_DIR: docsDir, LOG_LEVEL: 'silent' });
      asker = createInProcessAsker(config);
      askers.set(docsDir, asker);
    }
    return asker;
  };

  beforeAll(() => {
    workDir = mkdtempSync(join(tmpdir(), 'news-rag-gate-'));
  });

  afterAll(() => {
    rmSync(workDir, { recursive: true, force: true });
  });

  for (const { file, docsDir = 'seeds', thresholds } of GATES) {
    describe(file, () => {
      let results: QuestionResult[];
      let summary: Summary;

      beforeAll(async () => {
        results = await evaluate(loadQuestions(file), (await askerFor(docsDir)).ask);
        summary = summarize(results);
      });

      for (const [metric, threshold] of Object.entries(thresholds) as [keyof Summary, number][]) {
        it(`${metric} stays at or above ${threshold}`, () => {
          const value = summary[metric];
          expect(value, `${metric} is ${String(value)}`).not.toBeNull();
          expect(value as number).toBeGreaterThanOrEqual(threshold);
        });
      }

      it('answers every question without a warning from the extractive answerer', () => {
        expect(results.filter((result) => result.warning !== undefined).map((result) => result.id)).toEqual([]);
      });
    });
  }
});
