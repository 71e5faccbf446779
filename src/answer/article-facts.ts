/**
 * @module Questions about the articles themselves rather than what they report: who wrote one, when and where it was
 * published (answered from what it states about itself: its byline, date line or dateline, the sentence naming its
 * outlet, or a statement that it does not say), who an author is, and what the collection is about (each article's
 * opening sentence). Answers quote and cite the articles like any other.
 */
import { parseByline, BYLINE_SEARCH_LINES } from '../ingest/find-byline.ts';
import { DATELINE_SEARCH_LINES, locateDate, parseDateline, parseDateLine } from '../ingest/find-publication-date.ts';
import { formatDate } from '../format-date.ts';
import type { Answer, Passage, ScoredPassage, SourceDocument } from '../types.ts';
import { abstention, type CheckedClaim, composeAnswer } from './compose-answer.ts';
import { type ArticleFact, articleFactAsked, FRAME_WORDS, MAX_OVERVIEW_ARTICLES, OVERVIEW_QUESTION, OVERVIEW_WORDS, WHO_IS } from './article-questions.ts';
import { type Coverage, evidenceTerms, type EvidenceScorer } from './evidence.ts';

/** Share of the question's own words (beyond the article's name) the article must cover. */
const DESCRIBED_MIN_COVERAGE = 0.5;

const lower = (text: string): string => text.toLowerCase().replace(/\s+/g, ' ');
const metadataOf = (document: SourceDocument): string => [document.title, document.outlet, document.translator].filter((text) => text !== null).join(' ');
const covers = (coverage: Coverage): boolean => coverage.score >= DESCRIBED_MIN_COVERAGE && coverage.missingNames.length === 0;
const withoutArticle = (name: string): string => name.replace(/^the\s+/i, '');
const sentenceSegmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

interface Span {
  start: number;
  end: number;
  /** A sentence may be quoted in part, within one passage; a byline or a date is quoted whole or not at all. */
  clippable?: boolean;
  /** The words of the span that state the fact (the outlet's name): a part quoted must hold them. */
  focus?: { start: number; end: number };
}

export class ArticleFacts {
  private readonly passagesByDocument = new Map<string, Passage[]>();

  constructor(
    private readonly documents: readonly SourceDocument[],
    passages: readonly Passage[],
    private readonly scorer: EvidenceScorer,
  ) {
    for (const passage of passages) {
      const list = this.passagesByDocument.get(passage.docId) ?? [];
      list.push(passage);
      this.passagesByDocument.set(passage.docId, list);
    }
  }

  /**
   * The answer to a question about one article, or null when the question asks no such thing or does not say which
   * article it means (then it is answered as any other question).
   */
  answer(question: string, retrieved: readonly ScoredPassage[]): Answer | null {
    if (this.asksForOverview(question)) return this.overview();
    const author = this.authorAsked(question);
    if (author !== null) return this.quote(author, this.spanStating('author', author), retrieved);
    const fact = articleFactAsked(question);
    if (fact === null) return null;
    const document = this.articleMeant(question, retrieved);
    if (document === null) return null;
    const span = this.spanStating(fact, document);
    return this.quote(document, span, retrieved) ?? abstention(notStated(fact, document, span !== null), 'extractive', null);
  }

  /** The span of the document, quoted and cited; null when no passage holds it. */
  private quote(document: SourceDocument, span: Span | null, retrieved: readonly ScoredPassage[] = []): Answer | null {
    const claim = span === null ? null : this.claim(document, span, retrieved);
    return claim === null ? null : composeAnswer([claim], 'extractive', null);
  }

  private claim(document: SourceDocument, span: Span, retrieved: readonly ScoredPassage[]): CheckedClaim | null {
    const passages = this.passagesByDocument.get(document.id) ?? [];
    // A citation points into one passage: with small chunks a long sentence may not fit any, and is cut to the
    // passage that holds the words stating the fact (or its opening).
    const { start: needStart, end: needEnd } = span.focus ?? { start: span.start, end: span.start + 1 };
    const passage =
      passages.find((candidate) => candidate.start <= span.start && candidate.end >= span.end) ??
      (span.clippable === true ? passages.find((candidate) => candidate.start <= needStart && candidate.end >= needEnd) : undefined);
    if (passage === undefined) return null;
    const raw = document.text.slice(Math.max(span.start, passage.start), Math.min(span.end, passage.end));
    // A cut may leave the comma or space it was made at.
    const leading = raw.length - raw.replace(/^[\s,;:–—-]+/u, '').length;
    const text = raw.slice(leading).trimEnd();
    const start = Math.max(span.start, passage.start) + leading;
    const score = retrieved.find((scored) => scored.passage.id === passage.id)?.score ?? 0;
    // The claim is the article's own text, verbatim: it supports itself fully.
    return { text, support: 1, quotes: [{ passage, start, end: start + text.length, text, score }] };
  }

  private asksForOverview(question: string): boolean {
    return OVERVIEW_QUESTION.test(question) && this.scorer.terms(question).every((term) => FRAME_WORDS.has(term.word) || OVERVIEW_WORDS.has(term.word));
  }

  /** Each article's opening sentence, newest first: what the collection is about, in its own words. */
  private overview(): Answer | null {
    const newestFirst = [...this.documents].sort((left, right) => (right.date ?? '').localeCompare(left.date ?? '') || left.id.localeCompare(right.id));
    const claims: CheckedClaim[] = [];
    // Only as many ledes as are quoted: a large collection's other articles are not read.
    for (const document of newestFirst) {
      if (claims.length >= MAX_OVERVIEW_ARTICLES) break;
      const lede = ledeOf(document);
      const claim = lede === null ? null : this.claim(document, lede, []);
      if (claim !== null) claims.push(claim);
    }
    return claims.length === 0 ? null : composeAnswer(claims, 'extractive', null);
  }

  /** The article whose byline names the person a "who is …" question asks about, if only a byline does. */
  private authorAsked(question: string): SourceDocument | null {
    const name = WHO_IS.exec(question)?.[1]?.toLowerCase();
    if (name === undefined) return null;
    return this.documents.find((document) => document.author?.toLowerCase() === name && !document.text.slice(this.bodyStart(document)).toLowerCase().includes(name)) ?? null;
  }

  /** Where the story begins, after the headline, date line and byline. */
  private bodyStart(document: SourceDocument): number {
    return paragraphsOf(document.text).find((paragraph) => !isHeader(paragraph.text, document))?.start ?? 0;
  }

  /**
   * The article the question names by its outlet, translator or headline; failing that, the best retrieved
   * passage's article, when the question describes it: its own words are covered there and every name it uses is
   * in the article's headline or outlet. ("When was the Vzglyad article published?" is about an article the
   * story mentions, not the story.)
   */
  private articleMeant(question: string, retrieved: readonly ScoredPassage[]): SourceDocument | null {
    const asked = ` ${lower(question).replace(/[^\p{L}\p{N}\s-]/gu, ' ')} `;
    const names = (text: string | null): boolean => text !== null && asked.includes(` ${lower(withoutArticle(text)).replace(/[^\p{L}\p{N}\s-]/gu, ' ').trim()} `);
    const named = this.documents.filter((document) => names(document.outlet) || names(document.translator) || names(document.title));
    const rank = (document: SourceDocument): number => {
      const position = retrieved.findIndex((scored) => scored.passage.docId === document.id);
      return position < 0 ? Number.POSITIVE_INFINITY : position;
    };
    const terms = this.scorer.terms(question).filter((term) => !FRAME_WORDS.has(term.word));
    if (named.length > 0) {
      // The rest of the question must fit the named article: "the Algemeiner story about the World Cup" is not this one.
      const nameWords = new Set(named.flatMap((document) => [document.outlet, document.translator, document.title]).flatMap((text) => [...evidenceTerms(text ?? '').stems]));
      const rest = terms.filter((term) => !nameWords.has(term.stem));
      const fitting = named.filter((document) => rest.length === 0 || covers(this.scorer.coverage(rest, evidenceTerms(document.text, metadataOf(document)))));
      // Two articles of one outlet and nothing in the question to tell them apart: not this rule's to guess.
      return fitting.length === 1 ? (fitting[0] as SourceDocument) : null;
    }
    const top = retrieved[0]?.passage;
    const document = top === undefined ? undefined : this.documents.find((candidate) => candidate.id === top.docId);
    if (top === undefined || document === undefined || terms.length === 0) return null;
    const about = metadataOf(document);
    const namesInMetadata = this.scorer.coverage(terms.filter((term) => term.isName), evidenceTerms(about)).missingNames.length === 0;
    return covers(this.scorer.coverage(terms, evidenceTerms(top.text, about))) && namesInMetadata ? document : null;
  }

  private spanStating(fact: ArticleFact, document: SourceDocument): Span | null {
    const paragraphs = paragraphsOf(document.text);
    switch (fact) {
      case 'author':
        return paragraphs.slice(0, BYLINE_SEARCH_LINES).find((paragraph) => parseByline(paragraph.text) !== null) ?? null;
      case 'date': {
        if (document.date === null) return null;
        for (const paragraph of paragraphs.slice(0, DATELINE_SEARCH_LINES)) {
          if (parseDateLine(paragraph.text) === document.date) return paragraph;
          if (parseDateline(paragraph.text) === document.date) return dateInDateline(paragraph, document.date);
        }
        return null;
      }
      case 'outlet': {
        if (document.outlet === null) return null;
        // A sentence that names the outlet as the source of the story ("according to a report by G2 Bulletin",
        // "Syria TV says", "Al-Souria Net has learned"), not one that merely mentions it.
        const outlet = escapeRegExp(withoutArticle(document.outlet));
        const asSource = new RegExp(String.raw`(?:\b(?:report|article|story)\s+(?:by|in|from)|according\s+to|\btold)\s+(?:the\s+)?${outlet}\b|\b${outlet}(?:['’]s)?\s+(?:says|said|reported|reports|has\s+learned|learned|reveals|revealed)\b`, 'iu');
        for (const paragraph of paragraphs) {
          const match = asSource.exec(paragraph.text);
          if (match !== null) return { ...sentenceAt(paragraph, match.index), focus: { start: paragraph.start + match.index, end: paragraph.start + match.index + match[0].length } };
        }
        return null;
      }
    }
  }
}

/**
 * Why there is no quote: the article does not state the fact, or states it only in its page's metadata (an HTML meta
 * tag, Markdown front matter), which has no text to cite; then the abstention says what the metadata gives.
 */
function notStated(fact: ArticleFact, document: SourceDocument, statedInText: boolean): string {
  const name = document.title === null ? `The article ${document.id}` : `“${document.title}”`;
  const known = { author: document.author, date: document.date === null ? null : formatDate(document.date), outlet: document.outlet }[fact];
  const what = { author: 'its author', date: 'its publication date', outlet: 'its outlet' }[fact];
  // Stated, but split between two passages (small CHUNK_SIZE): a citation points into one passage.
  if (known !== null && statedInText) return `The indexed articles don't say in one passage that can be cited. ${name} gives ${what} as ${known}, split between two passages.`;
  if (known !== null) return `The indexed articles don't say in their text. The metadata of ${name} gives ${what} as ${known}, which cannot be quoted and cited.`;
  const source = fact === 'outlet' || document.outlet === null ? '' : ` (${document.outlet})`;
  const missing = { author: 'who wrote it: it has no byline', date: 'when it was published', outlet: 'which outlet published it' }[fact];
  return `The indexed articles don't say. ${name}${source} does not state ${missing}.`;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The date a dateline gives ("June 26, 2016" of "WASHINGTON – June 26, 2016 – A potential …"), as written. */
function dateInDateline(paragraph: Span & { text: string }, iso: string): Span | null {
  const found = locateDate(paragraph.text);
  return found === null || found.iso !== iso ? null : { start: paragraph.start + found.start, end: paragraph.start + found.end };
}

function paragraphsOf(text: string): (Span & { text: string })[] {
  const paragraphs: (Span & { text: string })[] = [];
  let start = 0;
  for (const paragraph of text.split('\n\n')) {
    paragraphs.push({ text: paragraph, start, end: start + paragraph.length });
    start += paragraph.length + 2;
  }
  return paragraphs;
}

/** The headline, date line or byline the cleaned text opens with, not story. */
function isHeader(paragraph: string, document: SourceDocument): boolean {
  return paragraph === document.title || parseByline(paragraph) !== null || parseDateLine(paragraph) !== null;
}

/** The first sentence of the story, after the headline, date line and byline: a statement of five words or more. */
function ledeOf(document: SourceDocument): Span | null {
  for (const paragraph of paragraphsOf(document.text)) {
    if (isHeader(paragraph.text, document)) continue;
    const sentence = sentenceAt(paragraph, 0);
    const text = document.text.slice(sentence.start, sentence.end);
    if (text.split(/\s+/).length >= 5 && /[.!?”"’)]$/.test(text)) return sentence;
  }
  return null;
}

/** The sentence of the paragraph that holds the character at `offset` (relative to the paragraph). */
function sentenceAt(paragraph: Span & { text: string }, offset: number): Span {
  for (const segment of sentenceSegmenter.segment(paragraph.text)) {
    if (offset >= segment.index + segment.segment.length) continue;
    const leading = segment.segment.length - segment.segment.trimStart().length;
    const start = paragraph.start + segment.index + leading;
    return { start, end: start + segment.segment.trim().length, clippable: true };
  }
  return { start: paragraph.start, end: paragraph.end, clippable: true };
}
