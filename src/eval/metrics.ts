/**
 * @module The evaluation's metrics as small pure functions: text matching that tolerates the cleaner's whitespace
 * changes, ranks, coverage, and the aggregate ratios. Every definition the report states lives here.
 */
import { withoutCitationMarkers } from '../answer/citation-markers.ts';
import { lexicalTerms } from '../index/lexical-index.ts';

/** Collapse whitespace, fold curly quotes and dashes, lowercase: the raw seed and the cleaned index text then compare equal. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[‘’‛`]/g, "'")
    .replace(/[“”„]/g, '"')
    .replace(/[–—]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Length of the longest common substring (dynamic programming over one row; inputs here are a few hundred characters). */
export function longestCommonSubstring(left: string, right: string): number {
  if (left.length === 0 || right.length === 0) return 0;
  let previous = new Uint32Array(right.length + 1);
  let current = new Uint32Array(right.length + 1);
  let best = 0;
  for (let row = 1; row <= left.length; row++) {
    const character = left.charCodeAt(row - 1);
    for (let column = 1; column <= right.length; column++) {
      const run = character === right.charCodeAt(column - 1) ? (previous[column - 1] as number) + 1 : 0;
      current[column] = run;
      if (run > best) best = run;
    }
    [previous, current] = [current, previous];
  }
  return best;
}

/** Whether `haystack` contains at least `share` of `needle` as one contiguous (normalised) run. */
export function containsShareOf(haystack: string, needle: string, share = 0.5): boolean {
  const normalizedNeedle = normalizeText(needle);
  const normalizedHaystack = normalizeText(haystack);
  if (normalizedNeedle.length === 0) return false;
  if (normalizedHaystack.includes(normalizedNeedle)) return true;
  return longestCommonSubstring(normalizedHaystack, normalizedNeedle) >= share * normalizedNeedle.length;
}

/** Two spans overlap when their longest common run covers at least half of the shorter one. */
export function textsOverlap(left: string, right: string, share = 0.5): boolean {
  const a = normalizeText(left);
  const b = normalizeText(right);
  if (a.length === 0 || b.length === 0) return false;
  const shorter = Math.min(a.length, b.length);
  if (a.includes(b) || b.includes(a)) return true;
  return longestCommonSubstring(a, b) >= share * shorter;
}

/** Document ids in first-seen order: the document ranking of a passage ranking. */
export function rankedDocuments(docIds: readonly string[]): string[] {
  return [...new Set(docIds)];
}

/** 1-based rank of the first gold document, or null when none was found. */
export function firstGoldRank(ranked: readonly string[], goldDocs: readonly string[]): number | null {
  const position = ranked.findIndex((docId) => goldDocs.includes(docId));
  return position < 0 ? null : position + 1;
}

export function hitAt(rank: number | null, k: number): number {
  return rank !== null && rank <= k ? 1 : 0;
}

export function reciprocalRank(rank: number | null): number {
  return rank === null ? 0 : 1 / rank;
}

/** For each gold passage, whether one of the retrieved texts contains at least half of it. */
export function goldPassagesFound(goldPassages: readonly string[], retrievedTexts: readonly string[]): boolean[] {
  return goldPassages.map((gold) => retrievedTexts.some((text) => containsShareOf(text, gold)));
}

export interface FactCoverage {
  share: number;
  missed: string[];
}

/** Share of facts the answer contains, case-insensitively and whitespace-insensitively. An empty fact list covers fully. */
export function factCoverage(facts: readonly string[], answer: string): FactCoverage {
  const text = normalizeText(answer);
  const missed = facts.filter((fact) => !text.includes(normalizeText(fact)));
  return { share: facts.length === 0 ? 1 : (facts.length - missed.length) / facts.length, missed };
}

/** Share of the sentence's content words (stemmed, stopwords dropped) that the quote also has. */
export function contentWordShare(sentence: string, quote: string): number {
  const wanted = new Set(lexicalTerms(withoutCitationMarkers(sentence)));
  if (wanted.size === 0) return 0;
  const offered = new Set(lexicalTerms(quote));
  let shared = 0;
  for (const term of wanted) if (offered.has(term)) shared += 1;
  return shared / wanted.size;
}

/**
 * A citation is precise when its quote overlaps a gold passage of the question; for a question without gold
 * passages, when the quote holds at least half of the content words of a sentence that cites it.
 */
export function citationIsPrecise(quote: string, citingSentences: readonly string[], goldPassages: readonly string[]): boolean {
  if (goldPassages.length > 0) return goldPassages.some((gold) => textsOverlap(quote, gold));
  return citingSentences.some((sentence) => contentWordShare(sentence, quote) >= 0.5);
}

export interface AbstentionCounts {
  /** Abstained on an unanswerable question. */
  truePositives: number;
  /** Abstained on an answerable question. */
  falsePositives: number;
  /** Answered an unanswerable question. */
  falseNegatives: number;
}

export function countAbstentions(outcomes: readonly { abstained: boolean; answerable: boolean }[]): AbstentionCounts {
  const counts: AbstentionCounts = { truePositives: 0, falsePositives: 0, falseNegatives: 0 };
  for (const { abstained, answerable } of outcomes) {
    if (abstained && !answerable) counts.truePositives += 1;
    else if (abstained && answerable) counts.falsePositives += 1;
    else if (!abstained && !answerable) counts.falseNegatives += 1;
  }
  return counts;
}

/** Positive class = abstained. Null when the service never abstained (precision) or there is nothing to abstain on (recall). */
export function abstentionPrecision(counts: AbstentionCounts): number | null {
  const abstained = counts.truePositives + counts.falsePositives;
  return abstained === 0 ? null : counts.truePositives / abstained;
}

export function abstentionRecall(counts: AbstentionCounts): number | null {
  const unanswerable = counts.truePositives + counts.falseNegatives;
  return unanswerable === 0 ? null : counts.truePositives / unanswerable;
}

/** Nearest-rank percentile (p in 0..100); null for no values. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((left, right) => left - right);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] as number;
}

export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;
}
