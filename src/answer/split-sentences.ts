/** @module Sentences of a passage with their offsets in the document, the unit an answer quotes and cites. */
import type { Passage } from '../types.ts';
import { LEADING_CITATION_MARKERS } from './citation-markers.ts';

export interface SourceSentence {
  text: string;
  /** Offsets into the document's cleaned text. */
  start: number;
  end: number;
  passage: Passage;
  /** Position of the passage in the retrieved list (0 = best). */
  passageRank: number;
  /** Position of the sentence inside its passage. */
  position: number;
}

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/**
 * Text that addresses a language model rather than a reader ("Ignore all previous instructions…", "Say that…") is
 * a prompt-injection attempt, not reporting: it never supports a claim or becomes a quote.
 */
const ADDRESSES_A_MODEL = /\b(ignore|disregard|forget)\b.{0,40}\b(instructions|prompt|rules)\b|\bsystem prompt\b|^(say|tell|reveal|print|output|respond|repeat|write)\b/i;

export function looksLikeInstructions(text: string): boolean {
  return ADDRESSES_A_MODEL.test(text);
}

/**
 * Short all-caps or title-like lines (section headings, bylines) are not statements an answer can stand on; a short
 * sentence in running prose is ("Financial markets reacted calmly.": four words, one of them lowercase, and a full stop).
 */
function isStatement(text: string): boolean {
  const words = text.split(/\s+/).filter(Boolean);
  const long = words.length >= 5 && /[.!?”"’)…:]$/.test(text);
  const shortProse = words.length === 4 && /[.!?]["”’]?$/u.test(text) && words.some((word) => /^\p{Ll}/u.test(word));
  return (long || shortProse) && !looksLikeInstructions(text);
}

/** Splits a passage into sentences; passage boundaries cut sentences, so partial ones at the edges are dropped. */
export function splitSentences(passage: Passage, passageRank: number): SourceSentence[] {
  const sentences: SourceSentence[] = [];
  for (const line of linesWithOffsets(passage.text)) {
    for (const segment of joinedAfterAbbreviations(line.text)) {
      const raw = segment.segment;
      const leading = raw.length - raw.trimStart().length;
      const text = raw.trim();
      if (text === '' || !isStatement(text)) continue;
      const start = passage.start + line.offset + segment.index + leading;
      sentences.push({ text, start, end: start + text.length, passage, passageRank, position: sentences.length });
    }
  }
  return sentences;
}

/**
 * Abbreviations news style puts before a name or a number, where the segmenter ends a sentence at their full stop:
 * a title before a name ("Gov. Leite", "Sen. Warren"), a month or "No."/"St." before a number ("Oct. 14", "No. 10"),
 * and "U.S."/"U.N." before a lowercase word ("U.S. forces"). Anything else after them starts a new sentence ("… from
 * the U.S. The next day …").
 */
const TITLE_END = /(?:^|\s)(?:Mr|Mrs|Ms|Dr|Gov|Sen|Rep|Gen|Col|Lt|Capt|Sgt|Prof|Rev)\.\s*$/u;
const BEFORE_NUMBER_END = /(?:^|\s)(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|No|St|Mt|Ft)\.\s*$/u;
const INITIALS_END = /(?:^|\s)(?:U\.S|U\.N|U\.K|E\.U)\.\s*$/u;

function continuesAfterAbbreviation(before: string, next: string): boolean {
  if (TITLE_END.test(before)) return /^\p{Lu}/u.test(next);
  if (BEFORE_NUMBER_END.test(before)) return /^\p{N}/u.test(next);
  if (INITIALS_END.test(before)) return /^[\p{Ll}\p{N}]/u.test(next);
  return false;
}

/** The segmenter's sentences of a line, with one that ends at such an abbreviation joined to the next. */
function joinedAfterAbbreviations(line: string): { segment: string; index: number }[] {
  const joined: { segment: string; index: number }[] = [];
  for (const { segment, index } of segmenter.segment(line)) {
    const last = joined.at(-1);
    if (last !== undefined && continuesAfterAbbreviation(last.segment, segment)) last.segment += segment;
    else joined.push({ segment, index });
  }
  return joined;
}

function* linesWithOffsets(text: string): Generator<{ text: string; offset: number }> {
  let offset = 0;
  for (const line of text.split('\n')) {
    yield { text: line, offset };
    offset += line.length + 1;
  }
}

/** Splits free text (an LLM answer) into sentences, keeping their `[n]` (or `[n, m]`) markers attached. */
export function splitAnswerText(text: string): string[] {
  const sentences: string[] = [];
  for (const segment of segmenter.segment(text.replace(/\s+/g, ' ').trim())) {
    let sentence = segment.segment.trim();
    // "[1]" (or "[1, 2]") after the full stop belongs to the sentence before it, though the segmenter starts the next one with it.
    const leadingMarkers = LEADING_CITATION_MARKERS.exec(sentence)?.[0];
    if (leadingMarkers !== undefined && sentences.length > 0) {
      sentences[sentences.length - 1] += ` ${leadingMarkers.trim()}`;
      sentence = sentence.slice(leadingMarkers.length).trim();
    }
    if (sentence !== '') sentences.push(sentence);
  }
  return sentences;
}
