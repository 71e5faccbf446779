/**
 * @module How much of a text's meaning another text covers: IDF-weighted term coverage with soft matches through
 * word vectors. One measure serves two jobs: picking answer sentences (does this sentence cover the question?)
 * and checking citations (does this quote cover the claim?).
 */
import { lexicalTerms } from '../index/lexical-index.ts';

/** Cosine similarity of two words' vectors, 0 when either is unknown. */
export type WordSimilarity = (left: string, right: string) => number;

/**
 * Below this cosine two different words are not treated as meaning the same. GloVe puts inflections and
 * near-synonyms (enlarged/expanded) above it; merely related words of one topic (Russia/China) mostly fall under it.
 */
const SOFT_MATCH_MIN = 0.62;
/** A soft match earns less than the word itself. */
const SOFT_MATCH_CREDIT = 0.8;

/** Words that frame a question rather than say what it is about. */
const QUESTION_FRAME = new Set(
  `tell know explain describe happen happened mention mentioned report reported according article articles news story
  stories source sources think thing things give show way kind sort much many anything something please`.split(/\s+/),
);

export interface Coverage {
  /** 0..1: weighted share of the terms found. */
  score: number;
  matched: string[];
  missing: string[];
}

export class EvidenceScorer {
  private readonly documentFrequency: Map<string, number>;
  private readonly totalTexts: number;

  /** `corpus` is every passage text of the index: term rarity across it decides each term's weight. */
  constructor(corpus: Iterable<string>, private readonly similarity: WordSimilarity) {
    this.documentFrequency = new Map();
    let total = 0;
    for (const text of corpus) {
      total += 1;
      for (const term of new Set(lexicalTerms(text))) this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
    }
    this.totalTexts = total;
  }

  /** Smoothed inverse document frequency; a term the corpus never uses weighs the most. */
  weight(term: string): number {
    const frequency = this.documentFrequency.get(term) ?? 0;
    return Math.log(1 + (this.totalTexts + 1) / (frequency + 0.5));
  }

  isKnown(term: string): boolean {
    return this.documentFrequency.has(term);
  }

  /** The content terms of a question: its lexical terms less the words that only frame it. */
  questionTerms(question: string): string[] {
    return [...new Set(lexicalTerms(question).filter((term) => !QUESTION_FRAME.has(term)))];
  }

  coverage(terms: readonly string[], evidence: ReadonlySet<string>): Coverage {
    let total = 0;
    let found = 0;
    const matched: string[] = [];
    const missing: string[] = [];
    for (const term of terms) {
      const weight = this.weight(term);
      total += weight;
      const credit = this.matchCredit(term, evidence);
      found += weight * credit;
      (credit > 0 ? matched : missing).push(term);
    }
    return { score: total === 0 ? 0 : found / total, matched, missing };
  }

  private matchCredit(term: string, evidence: ReadonlySet<string>): number {
    if (evidence.has(term)) return 1;
    let best = 0;
    for (const word of evidence) best = Math.max(best, this.similarity(term, word));
    return best >= SOFT_MATCH_MIN ? SOFT_MATCH_CREDIT * best : 0;
  }
}

export function termSet(text: string): Set<string> {
  return new Set(lexicalTerms(text));
}
