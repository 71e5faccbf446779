/**
 * @module Run the questions through an asker (in-process pipeline or a running server), score each answer, and
 * summarise. Scoring and summarising are pure, so the quality gate and the CLI share exactly this code.
 */
import type { ChatTurn } from '../types.ts';
import {
  abstentionPrecision,
  abstentionRecall,
  citationIsPrecise,
  countAbstentions,
  factCoverage,
  firstGoldRank,
  goldPassagesFound,
  hitAt,
  mean,
  percentile,
  rankedDocuments,
  reciprocalRank,
} from './metrics.ts';
import type { EvalQuestion } from './questions.ts';

/** Retrieval depth the passage metrics look at (the service's default TOP_K). */
export const RETRIEVAL_DEPTH = 5;

/** What the evaluation needs from one answer, whichever way it was obtained. */
export interface AskOutcome {
  answer: string;
  abstained: boolean;
  citations: { n: number; docId: string; quote: string }[];
  sentences: { text: string; citations: number[] }[];
  /** Retrieved passages in rank order; over HTTP only the citations are visible, so they stand in. */
  retrieved: { docId: string; text: string }[];
  standaloneQuestion: string | null;
  latencyMs: number;
  warning?: string;
}

export type Asker = (question: string, history: readonly ChatTurn[]) => Promise<AskOutcome>;

export interface QuestionResult {
  id: string;
  type: string;
  question: string;
  history: ChatTurn[];
  answerable: boolean;
  answer: string;
  abstained: boolean;
  standaloneQuestion: string | null;
  retrievedDocs: string[];
  goldDocs: string[];
  goldRank: number | null;
  goldPassagesFound: boolean[];
  factShare: number;
  missedFacts: string[];
  citations: { n: number; docId: string; quote: string; precise: boolean }[];
  citesGoldDoc: boolean;
  latencyMs: number;
  warning?: string;
}

export interface Summary {
  questions: number;
  answerable: number;
  unanswerable: number;
  hitAt1: number | null;
  hitAt5: number | null;
  mrr: number | null;
  passageRecallAt5: number | null;
  factCoverage: number | null;
  citationPrecision: number | null;
  citationRecall: number | null;
  abstentionPrecision: number | null;
  abstentionRecall: number | null;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
}

export interface TypeSummary {
  type: string;
  count: number;
  hitAt5: number | null;
  factCoverage: number | null;
  /** Share of questions whose abstain-or-answer decision was right. */
  decisionAccuracy: number;
}

export function scoreQuestion(question: EvalQuestion, outcome: AskOutcome): QuestionResult {
  const top = outcome.retrieved.slice(0, RETRIEVAL_DEPTH);
  const retrievedDocs = rankedDocuments(top.map((passage) => passage.docId));
  // An abstention states no facts, whatever words its explanation happens to repeat.
  const coverage = factCoverage(question.facts, outcome.abstained ? '' : outcome.answer);
  const citations = outcome.citations.map((citation) => {
    const citing = outcome.sentences.filter((sentence) => sentence.citations.includes(citation.n)).map((sentence) => sentence.text);
    return { n: citation.n, docId: citation.docId, quote: citation.quote, precise: citationIsPrecise(citation.quote, citing, question.gold_passages) };
  });
  return {
    id: question.id,
    type: question.type,
    question: question.question,
    history: question.history ?? [],
    answerable: question.answerable,
    answer: outcome.answer,
    abstained: outcome.abstained,
    standaloneQuestion: outcome.standaloneQuestion,
    retrievedDocs,
    goldDocs: question.gold_docs,
    goldRank: firstGoldRank(retrievedDocs, question.gold_docs),
    goldPassagesFound: goldPassagesFound(question.gold_passages, top.map((passage) => passage.text)),
    factShare: coverage.share,
    missedFacts: coverage.missed,
    citations,
    citesGoldDoc: citations.some((citation) => question.gold_docs.includes(citation.docId)),
    latencyMs: outcome.latencyMs,
    ...(outcome.warning === undefined ? {} : { warning: outcome.warning }),
  };
}

/** Asks one question at a time, so latencies are not inflated by each other. */
export async function evaluate(questions: readonly EvalQuestion[], asker: Asker, onResult?: (result: QuestionResult) => void): Promise<QuestionResult[]> {
  const results: QuestionResult[] = [];
  for (const question of questions) {
    const result = scoreQuestion(question, await asker(question.question, question.history ?? []));
    onResult?.(result);
    results.push(result);
  }
  return results;
}

export function summarize(results: readonly QuestionResult[]): Summary {
  const answerable = results.filter((result) => result.answerable);
  const citations = results.flatMap((result) => result.citations);
  const counts = countAbstentions(results);
  const latencies = results.map((result) => result.latencyMs);
  return {
    questions: results.length,
    answerable: answerable.length,
    unanswerable: results.length - answerable.length,
    hitAt1: mean(answerable.map((result) => hitAt(result.goldRank, 1))),
    hitAt5: mean(answerable.map((result) => hitAt(result.goldRank, RETRIEVAL_DEPTH))),
    mrr: mean(answerable.map((result) => reciprocalRank(result.goldRank))),
    passageRecallAt5: mean(answerable.filter((result) => result.goldPassagesFound.length > 0).map((result) => share(result.goldPassagesFound))),
    factCoverage: mean(answerable.map((result) => result.factShare)),
    citationPrecision: mean(citations.map((citation) => (citation.precise ? 1 : 0))),
    citationRecall: mean(answerable.map((result) => (result.citesGoldDoc ? 1 : 0))),
    abstentionPrecision: abstentionPrecision(counts),
    abstentionRecall: abstentionRecall(counts),
    latencyP50Ms: percentile(latencies, 50),
    latencyP95Ms: percentile(latencies, 95),
  };
}

export function summarizeByType(results: readonly QuestionResult[]): TypeSummary[] {
  const types = [...new Set(results.map((result) => result.type))];
  return types.map((type) => {
    const ofType = results.filter((result) => result.type === type);
    const answerable = ofType.filter((result) => result.answerable);
    return {
      type,
      count: ofType.length,
      hitAt5: mean(answerable.map((result) => hitAt(result.goldRank, RETRIEVAL_DEPTH))),
      factCoverage: mean(answerable.map((result) => result.factShare)),
      decisionAccuracy: share(ofType.map((result) => result.abstained !== result.answerable)),
    };
  });
}

function share(flags: readonly boolean[]): number {
  return flags.length === 0 ? 0 : flags.filter(Boolean).length / flags.length;
}
