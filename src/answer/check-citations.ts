/**
 * @module The citation check: every answer sentence is scored against the passages it cites; citations that do not
 * support it are removed, a better-supporting retrieved sentence may take their place, and a sentence left with
 * no support is dropped. Numbers and names in a claim must appear in its quote: those are what readers check.
 */
import type { ScoredPassage } from '../types.ts';
import type { CheckedClaim, Quote } from './compose-answer.ts';
import { withoutCitationMarkers } from './citation-markers.ts';
import { type EvidenceScorer, evidenceTerms } from './evidence.ts';
import { splitSentences, type SourceSentence } from './split-sentences.ts';

export interface DraftClaim {
  text: string;
  /** 1-based numbers of the passages the claim cites. */
  cited: number[];
}

/** A claim with a figure its quote lacks is mostly unsupported, whatever else it shares. */
const UNMATCHED_NUMBER_PENALTY = 0.3;
/** Likewise a name the quote does not contain: "China said" is not supported by a quote about Russia. */
const UNMATCHED_NAME_PENALTY = 0.3;

function numbersIn(text: string): string[] {
  return (text.match(/\d[\d,.]*\d|\d/g) ?? []).map((number) => number.replace(/,/g, ''));
}

export function supportOf(claim: string, quote: string, scorer: EvidenceScorer): number {
  const claimText = withoutCitationMarkers(claim);
  const claimTerms = scorer.terms(claimText);
  if (claimTerms.length === 0) return 0;
  const coverage = scorer.coverage(claimTerms, evidenceTerms(quote));
  let support = coverage.score;
  if (coverage.missingNames.length > 0) support *= UNMATCHED_NAME_PENALTY;
  const quoteNumbers = new Set(numbersIn(quote));
  if (numbersIn(claimText).some((number) => !quoteNumbers.has(number))) support *= UNMATCHED_NUMBER_PENALTY;
  return support;
}

/** The best single sentence, or pair of neighbouring sentences, of a passage for a claim. */
function bestQuote(claim: string, sentences: readonly SourceSentence[], scorer: EvidenceScorer, score: number): { quote: Quote; support: number } | null {
  let best: { quote: Quote; support: number } | null = null;
  sentences.forEach((sentence, position) => {
    const next = sentences[position + 1];
    // Only true neighbours pair up: text skipped between two sentences (a heading, an injected instruction) must
    // never ride along inside a quote.
    const adjacent = next !== undefined && next.passage === sentence.passage && sentence.passage.text.slice(sentence.end - sentence.passage.start, next.start - sentence.passage.start).trim() === '';
    const windows = [[sentence], ...(adjacent ? [[sentence, next]] : [])];
    for (const window of windows) {
      const first = window[0] as SourceSentence;
      const last = window[window.length - 1] as SourceSentence;
      const text = first.passage.text.slice(first.start - first.passage.start, last.end - first.passage.start);
      // A two-sentence quote must earn its length: it wins only if clearly better than one sentence.
      const support = supportOf(claim, text, scorer) - (window.length - 1) * 0.05;
      if (best === null || support > best.support) {
        best = { quote: { passage: first.passage, start: first.start, end: last.end, text, score }, support };
      }
    }
  });
  return best;
}

export function checkCitations(
  drafts: readonly DraftClaim[],
  passages: readonly ScoredPassage[],
  scorer: EvidenceScorer,
  minSupport: number,
): { claims: CheckedClaim[]; removedCitations: number; droppedSentences: number } {
  const sentencesByPassage = passages.map((scored, rank) => splitSentences(scored.passage, rank));
  const claims: CheckedClaim[] = [];
  let removedCitations = 0;
  let droppedSentences = 0;
  for (const draft of drafts) {
    const supported: { quote: Quote; support: number }[] = [];
    for (const n of new Set(draft.cited)) {
      const sentences = sentencesByPassage[n - 1];
      const found = sentences === undefined ? null : bestQuote(draft.text, sentences, scorer, passages[n - 1]?.score ?? 0);
      if (found !== null && found.support >= minSupport) supported.push(found);
      else removedCitations += 1;
    }
    if (supported.length === 0) {
      // The model may have cited the wrong passage for a true claim: look for support among all retrieved passages.
      const anywhere = sentencesByPassage
        .map((sentences, rank) => bestQuote(draft.text, sentences, scorer, passages[rank]?.score ?? 0))
        .filter((found): found is { quote: Quote; support: number } => found !== null && found.support >= minSupport)
        .sort((left, right) => right.support - left.support)[0];
      if (anywhere !== undefined) supported.push(anywhere);
    }
    if (supported.length === 0) {
      droppedSentences += 1;
      continue;
    }
    claims.push({
      text: withoutCitationMarkers(draft.text).trim(),
      quotes: supported.map((entry) => entry.quote),
      support: Math.max(...supported.map((entry) => Math.min(1, entry.support))),
    });
  }
  return { claims, removedCitations, droppedSentences };
}
