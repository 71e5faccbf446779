/** @module One question, end to end: resolve a follow-up, retrieve, answer, time each step. HTTP, CLI and evaluation all call this. */
import type { Retriever, RetrievalMode } from '../retrieve/retrieve.ts';
import type { SpellingCorrector } from '../retrieve/correct-spelling.ts';
import type { QuestionRewriter } from '../retrieve/resolve-follow-up.ts';
import type { AskResponse, ChatTurn, ScoredPassage } from '../types.ts';
import { AnswerCache } from './answer-cache.ts';
import type { Answerer } from './answerer.ts';
import type { ArticleFacts } from './article-facts.ts';

export interface AskRequest {
  question: string;
  history?: readonly ChatTurn[];
  topK?: number;
}

export interface AskDependencies {
  retriever: Retriever;
  answerer: Answerer;
  /** Answers who wrote an article, and when and where it was published, from what the article states; whatever the answerer. */
  articleFacts?: ArticleFacts;
  rewriter: QuestionRewriter;
  /** Env: TOP_K. */
  topK: number;
  /** Env: RRF_K. */
  rrfK: number;
  /** Env: DENSE_WEIGHT. */
  denseWeight: number;
  retrievalMode?: RetrievalMode;
  /** Puts misspelt words in the articles' spelling before retrieval and answering. */
  speller?: SpellingCorrector;
  /** Puts phrasal verbs as the plain verbs the articles use ("pulled out" → "withdrew"), after spelling. */
  plainVerbs?: (question: string) => string;
  /** Answers already given over this index; absent in evaluations, which measure the work itself. */
  cache?: AnswerCache;
  /** Does the work on another thread (see AskWorkerPool); null means do it here. */
  offload?: (request: AskRequest) => Promise<AskResult | null>;
}

export interface AskHooks {
  signal?: AbortSignal;
  /** Called once the passages are known, before the answer is generated. */
  onPassages?: (passages: readonly ScoredPassage[], standaloneQuestion: string) => void;
  onText?: (text: string) => void;
}

export interface AskResult extends AskResponse {
  /** The question as retrieval saw it, after follow-up resolution. */
  standaloneQuestion: string;
  passages: ScoredPassage[];
}

export async function askQuestion(dependencies: AskDependencies, request: AskRequest, hooks: AskHooks = {}): Promise<AskResult> {
  const started = performance.now();
  const history = request.history ?? [];
  const cacheKey = AnswerCache.key(request.question, history, request.topK ?? dependencies.topK);
  const cached = dependencies.cache?.get(cacheKey);
  if (cached !== undefined) {
    hooks.onPassages?.(cached.passages, cached.standaloneQuestion);
    const totalMs = Math.round((performance.now() - started) * 100) / 100;
    return { ...cached, timings: { retrieveMs: 0, generateMs: 0, totalMs } };
  }
  hooks.signal?.throwIfAborted();
  const offloaded = (await dependencies.offload?.(request)) ?? null;
  if (offloaded !== null) {
    hooks.onPassages?.(offloaded.passages, offloaded.standaloneQuestion);
    dependencies.cache?.set(cacheKey, offloaded);
    return offloaded;
  }
  const rewritten = history.length === 0 ? request.question : await dependencies.rewriter.rewrite(request.question, history, hooks.signal);
  const spelt = dependencies.speller?.correct(rewritten) ?? rewritten;
  const standaloneQuestion = dependencies.plainVerbs?.(spelt) ?? spelt;
  const passages = await dependencies.retriever.retrieve(standaloneQuestion, {
    topK: request.topK ?? dependencies.topK,
    rrfK: dependencies.rrfK,
    denseWeight: dependencies.denseWeight,
    mode: dependencies.retrievalMode,
    signal: hooks.signal,
  });
  const retrieved = performance.now();
  hooks.onPassages?.(passages, standaloneQuestion);
  const answer =
    dependencies.articleFacts?.answer(standaloneQuestion, passages) ??
    (await dependencies.answerer.answer(standaloneQuestion, passages, { history, signal: hooks.signal, onText: hooks.onText }));
  const finished = performance.now();
  const round = (value: number) => Math.round(value * 100) / 100;
  const result: AskResult = {
    ...answer,
    timings: { retrieveMs: round(retrieved - started), generateMs: round(finished - retrieved), totalMs: round(finished - started) },
    standaloneQuestion,
    passages,
  };
  dependencies.cache?.set(cacheKey, result);
  return result;
}
