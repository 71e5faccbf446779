/**
 * @module The sentences a chosen quote needs beside it to be read right: the one its pronoun points back to, the one
 * that goes on from it, the item its colon introduces; and the order that keeps each article's sentences together.
 */
import type { EvidenceScorer, EvidenceTerms, WeightedTerm } from './evidence.ts';
import type { SourceSentence } from './split-sentences.ts';

/** A retrieved passage's sentence as the extractive answerer ranked it. */
export interface RankedSentence {
  sentence: SourceSentence;
  /** The sentence's own terms (with its article's date, without context): for redundancy, and what a continuation adds. */
  evidence: EvidenceTerms;
  /** The sentence's words alone: an asked attribute must be named by the sentence itself. */
  text: EvidenceTerms;
  /** The sentence with the one before, the headline and the outlet: what a reader of the quote in place has seen. */
  context: EvidenceTerms;
  /** The sentence before it in the passage, or ''. */
  previous: string;
  /** Whom the sentence reports as speaking or acting: "what did X say" needs X among them. */
  speakers: EvidenceTerms;
  /** Weighted share of the question's terms the sentence (with context) covers: decides whether to answer at all. */
  coverage: number;
  /** Coverage plus closeness in meaning: decides which sentences to quote. */
  relevance: number;
  missing: WeightedTerm[];
  missingNames: WeightedTerm[];
}

/** A sentence opening with a pronoun or "this" goes on from the one before it ("He noted the importance of …"). */
const CONTINUES = /^[“"‘']?(?:(?:He|She|They|It)\b(?!\s+(?:is|was)\s+(?:unclear|not clear|likely|unlikely|possible|expected|believed|thought|said|reported)\b)|(?:This|These|That|Those|Such)\s+(?:is|was|are|were|has|have|had|would|will|could|may|might|means?|meant|comes?|came|move|step|approach|decision|development|proposal)\b)/;

/**
 * A chosen sentence's continuation joins the answer when it covers question terms the chosen one lacks:
 * "Bogdanov emphasized the substantial work needed." is answered only by the next sentence, "He noted the importance
 * of negotiations, including …". It need not clear the bar on its own: its subject is in the sentence before.
 */
export function addContinuations(chosen: RankedSentence[], ranked: readonly RankedSentence[], scorer: EvidenceScorer, maxSentences: number): void {
  for (const kept of [...chosen]) {
    if (chosen.length >= maxSentences) return;
    if (kept.missing.length === 0) continue;
    const next = neighbour(kept, ranked, 'next');
    if (next === undefined || chosen.includes(next) || !CONTINUES.test(next.sentence.text)) continue;
    if (scorer.coverage(kept.missing, next.evidence).score > 0) chosen.push(next);
  }
}

/**
 * "… proposed a deal to the residents, which included:" says nothing on its own; what it introduces (the first item
 * of the list after it) joins the answer, so that a quote never stops at its colon.
 */
export function addWhatColonsIntroduce(chosen: RankedSentence[], ranked: readonly RankedSentence[], maxSentences: number): void {
  for (const kept of [...chosen]) {
    if (!chosen.includes(kept) || !/:[”"’']?\s*$/.test(kept.sentence.text)) continue;
    const next = neighbour(kept, ranked, 'next');
    if (next === undefined || chosen.includes(next)) continue;
    // At the cap, the item replaces the weakest other sentence (if any) rather than leave the quote at its colon.
    makeRoom(chosen, kept, maxSentences);
    chosen.push(next);
  }
}

/** A sentence that goes on from the one before by giving its cause: "This dissatisfaction stems from …". */
const GIVES_CAUSE = /^[“"‘']?(?:This|These|That|Those|Such|It)\b.*?\b(?:stems?|stemmed|stemming)\s+from|^[“"‘']?(?:This|These|That|Those|Such|It)\b.*?\b(?:(?:is|was|are|were)\s+(?:due|driven|caused|prompted|motivated|explained)\b|because\b|owing\s+to\b|results?\s+from\b|resulted\s+from\b|comes?\s+from\b|came\s+from\b|(?:the|a)\s+(?:result|consequence)\s+of\b)/su;

/**
 * A "why" question's answer is often the sentence after the one that matched it: "There is dissatisfaction within
 * Russia regarding the regime." is followed by "This dissatisfaction stems from the regime’s inadequate response".
 * At the cap, the cause replaces the weakest other sentence.
 */
export function addCauses(chosen: RankedSentence[], ranked: readonly RankedSentence[], maxSentences: number): void {
  for (const kept of [...chosen]) {
    if (!chosen.includes(kept)) continue;
    const next = neighbour(kept, ranked, 'next');
    if (next === undefined || chosen.includes(next) || !GIVES_CAUSE.test(next.sentence.text)) continue;
    if (makeRoom(chosen, kept, maxSentences)) chosen.push(next);
  }
}

/** At the cap, drops the least relevant chosen sentence other than `kept`; false when there was none to drop. */
function makeRoom(chosen: RankedSentence[], kept: RankedSentence, maxSentences: number): boolean {
  if (chosen.length < maxSentences) return true;
  const weakest = chosen.filter((other) => other !== kept).sort((left, right) => left.relevance - right.relevance)[0];
  if (weakest === undefined) return false;
  chosen.splice(chosen.indexOf(weakest), 1);
  return true;
}

/** "They want Syria to go back to the pre-war situation" says who only with the sentence before it. */
export function addAntecedents(chosen: RankedSentence[], ranked: readonly RankedSentence[], maxSentences: number): void {
  for (const kept of [...chosen]) {
    if (chosen.length >= maxSentences) return;
    if (!CONTINUES.test(kept.sentence.text)) continue;
    const previous = neighbour(kept, ranked, 'previous');
    if (previous !== undefined && !chosen.includes(previous)) chosen.push(previous);
  }
}

/** The sentence right after or before this one in the same passage, if it was ranked. */
function neighbour(of: RankedSentence, ranked: readonly RankedSentence[], side: 'next' | 'previous'): RankedSentence | undefined {
  let nearest: RankedSentence | undefined;
  for (const other of ranked) {
    if (other.sentence.passage !== of.sentence.passage) continue;
    if (side === 'next' ? other.sentence.start < of.sentence.end : other.sentence.end > of.sentence.start) continue;
    const closer = nearest === undefined || (side === 'next' ? other.sentence.start < nearest.sentence.start : other.sentence.start > nearest.sentence.start);
    if (closer) nearest = other;
  }
  return nearest;
}

/** Sentences of one article stay together in the article's order; articles follow their best sentence's rank. */
export function readableOrder(chosen: RankedSentence[]): RankedSentence[] {
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
