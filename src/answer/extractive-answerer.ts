/**
 * @module The offline answerer: quotes the retrieved sentences that best cover the question, cites each one, and
 * abstains when no sentence covers what was asked. Every claim is a verbatim quote, so support is checked exactly.
 */
import type { ScoredPassage } from '../types.ts';
import type { Answerer } from './answerer.ts';
import { expectedAnswerType, offersAnswerType } from './answer-type.ts';
import { abstention, composeAnswer, type CheckedClaim } from './compose-answer.ts';
import { type EvidenceScorer, termSet } from './evidence.ts';
import { type SourceSentence, splitSentences } from './split-sentences.ts';

export interface ExtractiveOptions {
  /**
   * Least share of the question's weighted terms the best sentence (read with its neighbour) must cover, or the
   * service abstains. Env: MIN_SUPPORT is the citation threshold; this one is tuned on the evaluation set.
   */
  minCoverage: number;
  /** Most sentences in one answer. */
  maxSentences: number;
}

export const DEFAULT_EXTRACTIVE_OPTIONS: ExtractiveOptions = { minCoverage: 0.5, maxSentences: 3 };

/** A further sentence joins the answer only if it is nearly as relevant as the best one. */
const FOLLOWER_RATIO = 0.8;
/** Sentences sharing this much vocabulary repeat each other. */
const REDUNDANT_JACCARD = 0.5;
/** The sentence before gives context ("It has enlarged its naval base" needs "Moscow" from before) at a discount. */
const CONTEXT_WEIGHT = 0.35;

interface RankedSentence {
  sentence: SourceSentence;
  terms: Set<string>;
  relevance: number;
  missing: string[];
}

export function createExtractiveAnswerer(scorer: EvidenceScorer, options: ExtractiveOptions = DEFAULT_EXTRACTIVE_OPTIONS): Answerer {
  return {
    mode: 'extractive',
    model: null,
    async answer(question, passages) {
      const questionTerms = scorer.questionTerms(question);
      const ranked = rankSentences(questionTerms, passages, scorer);
      const type = expectedAnswerType(question);
      const best = ranked.find((candidate) => offersAnswerType(type, candidate.sentence.text, question));
      if (questionTerms.length === 0 || best === undefined || best.relevance < options.minCoverage) {
        return abstention(abstentionMessage(questionTerms, ranked[0]?.missing ?? questionTerms, scorer), 'extractive', null);
      }
      const chosen = [best];
      for (const candidate of ranked) {
        if (chosen.length >= options.maxSentences) break;
        if (chosen.includes(candidate) || candidate.relevance < Math.max(options.minCoverage, best.relevance * FOLLOWER_RATIO)) continue;
        if (chosen.some((kept) => jaccard(kept.terms, candidate.terms) >= REDUNDANT_JACCARD)) continue;
        chosen.push(candidate);
      }
      const claims: CheckedClaim[] = readableOrder(chosen).map(({ sentence }) => ({
        text: sentence.text,
        support: 1,
        quotes: [{ passage: sentence.passage, start: sentence.start, end: sentence.end, text: sentence.text, score: passages[sentence.passageRank]?.score ?? 0 }],
      }));
      return composeAnswer(claims, 'extractive', null);
    },
  };
}

function rankSentences(questionTerms: string[], passages: readonly ScoredPassage[], scorer: EvidenceScorer): RankedSentence[] {
  const ranked: RankedSentence[] = [];
  passages.forEach((scored, rank) => {
    const sentences = splitSentences(scored.passage, rank);
    const titleTerms = termSet(scored.passage.title ?? '');
    let previousTerms = new Set<string>();
    for (const sentence of sentences) {
      const terms = termSet(sentence.text);
      const own = scorer.coverage(questionTerms, terms);
      const context = scorer.coverage(questionTerms, new Set([...terms, ...previousTerms, ...titleTerms]));
      const relevance = (1 - CONTEXT_WEIGHT) * own.score + CONTEXT_WEIGHT * context.score;
      // Retrieval rank breaks ties: of two equally covering sentences, the one from the better passage leads.
      ranked.push({ sentence, terms, relevance: relevance + 0.01 / (1 + rank), missing: context.missing });
      previousTerms = terms;
    }
  });
  return ranked.sort((left, right) => right.relevance - left.relevance);
}

/** Sentences of one article stay together in the article's order; articles follow their best sentence's rank. */
function readableOrder(chosen: RankedSentence[]): RankedSentence[] {
  const firstSeen = new Map<string, number>();
  chosen.forEach((candidate, order) => {
    if (!firstSeen.has(candidate.sentence.passage.docId)) firstSeen.set(candidate.sentence.passage.docId, order);
  });
  return [...chosen].sort(
    (left, right) =>
      (firstSeen.get(left.sentence.passage.docId) ?? 0) - (firstSeen.get(right.sentence.passage.docId) ?? 0) ||
      left.sentence.start - right.sentence.start,
  );
}

function abstentionMessage(questionTerms: string[], missing: string[], scorer: EvidenceScorer): string {
  const unknown = questionTerms.filter((term) => !scorer.isKnown(term));
  if (questionTerms.length === 0) return "The indexed articles don't say: the question names nothing to look for. Ask about a person, place, event or claim.";
  if (unknown.length > 0) return `The indexed articles don't say. None of them mentions ${quoteList(unknown)}.`;
  if (missing.length > 0) return `The indexed articles don't say. The closest passages do not cover ${quoteList(missing)}.`;
  return "The indexed articles don't say: no passage answers this question.";
}

function quoteList(terms: string[]): string {
  return terms.slice(0, 3).map((term) => `“${term}”`).join(', ');
}

function jaccard(left: Set<string>, right: Set<string>): number {
  let shared = 0;
  for (const term of left) if (right.has(term)) shared += 1;
  const union = left.size + right.size - shared;
  return union === 0 ? 1 : shared / union;
}
