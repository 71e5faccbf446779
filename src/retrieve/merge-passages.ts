/** @module Merge retrieved passages that overlap in one document, and drop near-duplicates across documents. */
import { lexicalTerms } from '../index/lexical-index.ts';
import type { Passage, ScoredPassage, SourceDocument } from '../types.ts';
import { spanKey } from '../span-key.ts';

/** Texts sharing this much of their vocabulary (Jaccard) say the same thing; the lower-ranked copy adds nothing. */
const NEAR_DUPLICATE_JACCARD = 0.8;

/**
 * Neighbouring chunks share CHUNK_OVERLAP characters; when both are retrieved, they become one passage spanning
 * both, so the answerer does not see (and cite) the same sentence twice. The merged passage keeps the better score.
 */
export function mergeOverlapping(
  results: readonly ScoredPassage[],
  documentOf: (id: string) => SourceDocument | undefined,
): ScoredPassage[] {
  const merged: ScoredPassage[] = [];
  for (const result of results) {
    const sibling = merged.find(
      (kept) => kept.passage.docId === result.passage.docId && kept.passage.start <= result.passage.end && result.passage.start <= kept.passage.end,
    );
    if (sibling === undefined) {
      merged.push({ ...result });
      continue;
    }
    const document = documentOf(sibling.passage.docId);
    const start = Math.min(sibling.passage.start, result.passage.start);
    const end = Math.max(sibling.passage.end, result.passage.end);
    const first = sibling.passage.ordinal <= result.passage.ordinal ? sibling.passage : result.passage;
    const last = sibling.passage.ordinal <= result.passage.ordinal ? result.passage : sibling.passage;
    sibling.passage = {
      ...first,
      id: first.id === last.id ? first.id : `${first.id}-${last.ordinal}`,
      start,
      end,
      text: document === undefined ? first.text : document.text.slice(start, end),
    };
    sibling.denseSimilarity = Math.max(sibling.denseSimilarity ?? -1, result.denseSimilarity ?? -1);
  }
  return merged;
}

const MAX_CACHED_TERM_SETS = 20_000;

/**
 * Term sets by span, computed once: merged passages are new objects on every request, but the same spans recur.
 * One cache per loaded index (a re-indexed file may keep its spans and change its words); bounded.
 */
export class TermSets {
  private readonly sets = new Map<string, Set<string>>();

  of(passage: Passage): Set<string> {
    const key = spanKey(passage.docId, passage.start, passage.end);
    let terms = this.sets.get(key);
    if (terms === undefined) {
      terms = new Set(lexicalTerms(passage.text));
      if (this.sets.size >= MAX_CACHED_TERM_SETS) this.sets.clear();
      this.sets.set(key, terms);
    }
    return terms;
  }
}
export function dropNearDuplicates(results: readonly ScoredPassage[], termSets: TermSets = new TermSets()): ScoredPassage[] {
  const kept: { result: ScoredPassage; terms: Set<string> }[] = [];
  for (const result of results) {
    const terms = termSets.of(result.passage);
    const duplicate = kept.some((other) => jaccardAtLeast(other.terms, terms, NEAR_DUPLICATE_JACCARD));
    if (!duplicate) kept.push({ result, terms });
  }
  return kept.map((entry) => entry.result);
}

/** Shared share of two term sets: 1 for the same vocabulary, 0 for none in common. */
export function jaccard(left: ReadonlySet<string>, right: ReadonlySet<string>): number {
  if (left.size === 0 && right.size === 0) return 1;
  let shared = 0;
  for (const term of left) if (right.has(term)) shared += 1;
  return shared / (left.size + right.size - shared);
}

/**
 * Whether jaccard(left, right) ≥ threshold, deciding as early as it can: the answer is no once the sizes differ too
 * much (Jaccard is at most the smaller over the larger) or once too many terms of one set are missing from the other,
 * which for texts that are not near-copies happens within the first few terms.
 */
export function jaccardAtLeast(left: ReadonlySet<string>, right: ReadonlySet<string>, threshold: number): boolean {
  const [smaller, larger] = left.size <= right.size ? [left, right] : [right, left];
  if (larger.size === 0) return threshold <= 1;
  if (smaller.size < threshold * larger.size) return false;
  // shared / (|A| + |B| - shared) ≥ t  ⇔  shared ≥ t (|A| + |B|) / (1 + t).
  const needed = Math.ceil((threshold * (smaller.size + larger.size)) / (1 + threshold) - 1e-9);
  let allowedMisses = smaller.size - needed;
  for (const term of smaller) {
    if (larger.has(term)) continue;
    allowedMisses -= 1;
    if (allowedMisses < 0) return false;
  }
  return true;
}
