/**
 * @module Questions about the articles themselves rather than what they report: who wrote one, when and where it was
 * published (answered from what it states about itself: its byline, date line or dateline, the sentence naming its
 * outlet, or a statement that it does not say), who an author is, and what the collection is about (each article's
 * opening sentence). Answers quote and cite the articles like any other.
 */
import { parseByline, BYLINE_SEARCH_LINES } from '../ingest/find-byline.ts';
import { DATELINE_SEARCH_LINES, parseDateline, parseDateLine } from '../ingest/find-publication-date.ts';
import { formatDate } from '../format-date.ts';
import type { Answer, Passage, ScoredPassage, SourceDocument } from '../types.ts';
import { abstention, type CheckedClaim, composeAnswer } from './compose-answer.ts';
import { evidenceTerms, type EvidenceScorer } from './evidence.ts';

export type ArticleFact = 'author' | 'date' | 'outlet';

/** "Summarize the articles", "what are these reports about?", "give me an overview": the collection, not a topic. */
const OVERVIEW_QUESTION =
  /^\s*(?:(?:please|can you|could you)\s+)?(?:summari[sz]e\b|sum up\b|give (?:me )?(?:a |an )?(?:summary|overview|rundown|gist)\b|overview\b|(?:what(?:['’]s| is| are| do| does)|tell me what)\s+(?:all\s+)?(?:the |these |this |those )?(?:articles?|reports?|stories|story|documents?|collection|corpus|sources?|news|pieces?)\s+(?:are\s+|is\s+)?(?:about|cover|covering|say)\b)/i;
/** Words of such a request; any other word makes it a question about a topic, answered as usual. */
const OVERVIEW_WORDS = new Set('summarize summarise summary sum overview rundown gist give tell cover covering say says all please main brief briefly short quick'.split(' '));
/** The collection overview quotes at most this many articles' opening sentences, newest first. */
const MAX_OVERVIEW_ARTICLES = 5;
/** "Who is Benjamin Kerstein?": a person the articles may know only from a byline. */
const WHO_IS = /^\s*(?:and\s+)?who(?:['’]s|\s+is|\s+was)\s+(.+?)\s*\??\s*$/i;

const OPENING = String.raw`^\s*(?:(?:and|so|but|ok(?:ay)?)[\s,]+)?`;
const AUTHOR_QUESTION = new RegExp(
  OPENING +
    String.raw`(?:who\s+(?:wrote|writes|has\s+written|authored|penned)\b(?!\s+(?:to|that|back|a\s+letter|letters)\b)|who(?:['’]s|\s+is|\s+was|\s+were|\s+are)\s+(?:the\s+)?(?:authors?|writers?|reporters?)\b|(?:what|which)\s+(?:is|was|are|were)\s+the\s+(?:names?\s+of\s+the\s+)?(?:authors?|writers?|byline)\b|whose\s+byline\b)` +
    String.raw`|\b(?:written|authored)\s+by\s+whom\b|\bwho\s+(?:was|is)\s+(?:it|this|that)\s+written\s+by\b`,
  'i',
);
const DATE_QUESTION = new RegExp(
  OPENING +
    String.raw`(?:when|what\s+(?:date|day|year|month)|on\s+what\s+date|in\s+what\s+year)\b.*\b(?:published|written|posted|printed|dated|come\s+out|came\s+out|appear(?:ed)?)\b` +
    String.raw`|\b(?:publication|release)\s+date\b|\bhow\s+old\s+is\s+(?:the|this|that)\s+(?:article|report|story|piece)\b`,
  'i',
);
const OUTLET_QUESTION = new RegExp(
  OPENING +
    String.raw`(?:(?:which|what)\s+(?:news\s+)?(?:outlet|publication|newspaper|paper|site|website|magazine|news\s+agency|media\s+outlet)\s+(?:published|ran|carried|printed|posted)\b|who\s+published\b|where\s+(?:was|is)\b.*\bpublished\b)`,
  'i',
);

/** Which fact about an article the question asks for, if it asks for one. */
export function articleFactAsked(question: string): ArticleFact | null {
  if (AUTHOR_QUESTION.test(question)) return 'author';
  if (OUTLET_QUESTION.test(question)) return 'outlet';
  if (DATE_QUESTION.test(question)) return 'date';
  return null;
}

/** How such questions refer to an article and ask about it: not what the article is about. */
const FRAME_WORDS = new Set(
  'wrote write writes written authored penned author authors writer writers byline reporter reporters published publish posted printed dated date day year month come came appear appeared article articles report reports story stories piece pieces item outlet publication newspaper paper site website magazine news agency media name names whom old ran carried'.split(' '),
);
/** Share of the question's own words the article must cover when it is described rather than named. */
const DESCRIBED_MIN_COVERAGE = 0.5;

const lower = (text: string): string => text.toLowerCase().replace(/\s+/g, ' ');
const withoutArticle = (name: string): string => name.replace(/^the\s+/i, '');
const sentenceSegmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

interface Span {
  start: number;
  end: number;
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
    return this.quote(document, span, retrieved) ?? abstention(notStated(fact, document), 'extractive', null);
  }

  /** The span of the document, quoted and cited; null when no passage holds it. */
  private quote(document: SourceDocument, span: Span | null, retrieved: readonly ScoredPassage[] = []): Answer | null {
    const claim = span === null ? null : this.claim(document, span, retrieved);
    return claim === null ? null : composeAnswer([claim], 'extractive', null);
  }

  private claim(document: SourceDocument, span: Span, retrieved: readonly ScoredPassage[]): CheckedClaim | null {
    const passage = this.passagesByDocument.get(document.id)?.find((candidate) => candidate.start <= span.start && candidate.end >= span.end);
    if (passage === undefined) return null;
    const text = document.text.slice(span.start, span.end);
    const score = retrieved.find((scored) => scored.passage.id === passage.id)?.score ?? 0;
    // The claim is the article's own text, verbatim: it supports itself fully.
    return { text, support: 1, quotes: [{ passage, start: span.start, end: span.end, text, score }] };
  }

  private asksForOverview(question: string): boolean {
    return OVERVIEW_QUESTION.test(question) && this.scorer.terms(question).every((term) => FRAME_WORDS.has(term.word) || OVERVIEW_WORDS.has(term.word));
  }

  /** Each article's opening sentence, newest first: what the collection is about, in its own words. */
  private overview(): Answer | null {
    const newestFirst = [...this.documents].sort((left, right) => (right.date ?? '').localeCompare(left.date ?? '') || left.id.localeCompare(right.id));
    const claims = newestFirst.flatMap((document) => {
      const lede = ledeOf(document);
      const claim = lede === null ? null : this.claim(document, lede, []);
      return claim === null ? [] : [claim];
    });
    return claims.length === 0 ? null : composeAnswer(claims.slice(0, MAX_OVERVIEW_ARTICLES), 'extractive', null);
  }

  /** The article whose byline names the person a "who is …" question asks about, if only a byline does. */
  private authorAsked(question: string): SourceDocument | null {
    const name = WHO_IS.exec(question)?.[1]?.toLowerCase();
    if (name === undefined) return null;
    return this.documents.find((document) => document.author?.toLowerCase() === name && !document.text.slice(this.bodyStart(document)).toLowerCase().includes(name)) ?? null;
  }

  /** Where the story begins, after the headline, date line and byline. */
  private bodyStart(document: SourceDocument): number {
    return paragraphsOf(document.text).find((paragraph) => parseByline(paragraph.text) === null && parseDateLine(paragraph.text) === null && paragraph.text !== document.title)?.start ?? 0;
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
    if (named.length > 0) {
      const [best, second] = [...named].sort((left, right) => rank(left) - rank(right));
      // Two named articles and neither retrieved: nothing tells them apart.
      return best !== undefined && (second === undefined || rank(best) < Number.POSITIVE_INFINITY) ? best : null;
    }
    const top = retrieved[0]?.passage;
    const document = top === undefined ? undefined : this.documents.find((candidate) => candidate.id === top.docId);
    if (top === undefined || document === undefined) return null;
    const terms = this.scorer.terms(question).filter((term) => !FRAME_WORDS.has(term.word));
    if (terms.length === 0) return null;
    const about = [document.title ?? '', document.outlet ?? ''].join(' ');
    const coverage = this.scorer.coverage(terms, evidenceTerms(top.text, about));
    const namesInMetadata = this.scorer.coverage(terms.filter((term) => term.isName), evidenceTerms(about)).missingNames.length === 0;
    return coverage.score >= DESCRIBED_MIN_COVERAGE && coverage.missingNames.length === 0 && namesInMetadata ? document : null;
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
          if (parseDateline(paragraph.text) === document.date) return sentenceAt(paragraph, 0);
        }
        return null;
      }
      case 'outlet': {
        if (document.outlet === null) return null;
        for (const paragraph of paragraphs) {
          const at = paragraph.text.indexOf(withoutArticle(document.outlet));
          if (at >= 0) return sentenceAt(paragraph, at);
        }
        return null;
      }
    }
  }
}

function notStated(fact: ArticleFact, document: SourceDocument): string {
  const name = [document.title === null ? 'The article' : `“${document.title}”`, document.outlet === null ? '' : ` (${document.outlet}${document.date === null ? '' : `, ${formatDate(document.date)}`})`].join('');
  const what = { author: 'who wrote it: it has no byline', date: 'when it was published', outlet: 'which outlet published it' }[fact];
  return `The indexed articles don't say. ${name} does not state ${what}.`;
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

/** The first sentence of the story, after the headline, date line and byline: a statement of five words or more. */
function ledeOf(document: SourceDocument): Span | null {
  for (const paragraph of paragraphsOf(document.text)) {
    if (paragraph.text === document.title || parseByline(paragraph.text) !== null || parseDateLine(paragraph.text) !== null) continue;
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
    return { start, end: start + segment.segment.trim().length };
  }
  return paragraph;
}
