/** @module BM25 over passages' title, text and metadata, with a tokenizer tuned for news English. */
import { stemmer } from 'stemmer';
import { datelineText } from '../metadata-text.ts';
import { Bm25Postings } from './bm25-postings.ts';
import type { Passage } from '../types.ts';
import { boundedMemo } from '../bounded-memo.ts';

// Function words carry no evidence about what a passage is about; dropping them keeps BM25 from
// matching a question to a passage on "the", "of" and "what". The last line is negated auxiliaries as normalizeWord
// leaves them once it drops the apostrophe ("won't" → "wont").
const STOPWORDS = new Set(
  `a about above after again against all am an and any are as at be because been before being below between both but by
  can could did do does doing down during each few for from further had has have having he her here hers herself him
  himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other
  our ours ourselves out over own same she should so some such than that the their theirs them themselves then there
  these they this those through to too under until up very was we were what when where which while who whom why will
  with would you your yours yourself yourselves s t did say says said also one
  dont doesnt didnt wont cant couldnt wouldnt shouldnt isnt arent wasnt werent hasnt havent hadnt mustnt neednt aint`.split(/\s+/),
);

/** A word as the index sees it: its Porter stem for matching, and the plain lowercase word for word vectors. */
export interface Token {
  stem: string;
  word: string;
}

const TOKEN_SPLIT = /[^\p{L}\p{N}'’]+/u;

const NON_ASCII = /[^\u0000-\u007f]/;
// Only the combining diacritics (U+0300–U+036F) that accent Latin, Greek and Cyrillic letters: in other scripts
// marks are parts of letters (Devanagari vowel signs, Japanese voicing marks), and stripping them merges words.
const COMBINING_DIACRITICS = /[\u0300-\u036f]/g;

/** "Erdoğan" and "Erdogan", "Türkiye" and "Turkiye" are one word: readers type names without their accents. */
function foldAccents(word: string): string {
  return NON_ASCII.test(word) ? word.normalize('NFD').replace(COMBINING_DIACRITICS, '').normalize('NFC') : word;
}

/** A pronoun's contraction ("they'd", "we'll", "I'm"): a function word, and without its apostrophe often another word (shed, well, ill). */
const PRONOUN_CONTRACTION = /^(?:i|you|he|she|it|we|they|that|there|who|what|where|here)'(?:d|ll|ve|re|m)$/;

/** Lowercase, fold accents and curly apostrophes, drop possessive 's; null for function words and single letters. */
export function normalizeWord(raw: string): string | null {
  const apostrophed = foldAccents(raw.toLowerCase()).replace(/[’‘`]/g, "'");
  if (PRONOUN_CONTRACTION.test(apostrophed)) return null;
  const word = apostrophed.replace(/'s$/, '').replace(/'/g, '');
  if (word.length < 2 || STOPWORDS.has(word)) return null;
  return word;
}

/** Stemming is the costliest step of analysis and the vocabulary is small: each word is stemmed once. */
const MAX_CACHED_STEMS = 200_000;
const stem = boundedMemo((word) => stemmer(word), MAX_CACHED_STEMS);

/** The stem a word is indexed under, so "factions" matches "faction" and "backing" matches "back". */
export function normalizeTerm(raw: string): string | null {
  const word = normalizeWord(raw);
  return word === null ? null : stem(word);
}

export function analyze(text: string): Token[] {
  const tokens: Token[] = [];
  for (const raw of text.split(TOKEN_SPLIT)) {
    const word = raw === '' ? null : normalizeWord(raw);
    if (word !== null) tokens.push({ stem: stem(word), word });
  }
  return tokens;
}

/** Terms of a text as the lexical index sees them. */
export function lexicalTerms(text: string): string[] {
  return analyze(text).map((token) => token.stem);
}

/** The fields searched, each with its weight: title and metadata are weak signals, every passage of an article shares them. */
const FIELDS = [
  { name: 'title', boost: 0.3, of: (passage: Passage) => passage.title ?? '' },
  { name: 'text', boost: 1, of: (passage: Passage) => passage.text },
  // Outlet and publication date, so "what did the Algemeiner report in 2018" finds the article.
  { name: 'meta', boost: 0.3, of: (passage: Passage) => [passage.outlet ?? '', datelineText(passage)].join(' ') },
] as const;
const FIELD_BOOSTS = FIELDS.map((field) => field.boost);

/** A word the question did not use counts this much of one it did. */
const EXPANSION_BOOST = 0.3;

export interface LexicalHit {
  /** Position of the passage in the index's passage list. */
  index: number;
  score: number;
}

/**
 * A field's terms and length. The length is its number of distinct raw tokens, as MiniSearch (this index's
 * previous engine) counted it, so that scores and rankings stayed the same when it was replaced.
 */
function fieldTerms(text: string): { terms: string[]; length: number } {
  const tokens = text.split(TOKEN_SPLIT);
  return { terms: tokens.flatMap((token) => normalizeTerm(token) ?? []), length: new Set(tokens).size };
}

export class LexicalIndex {
  private constructor(private readonly postings: Bm25Postings) {}

  static build(passages: readonly Passage[]): LexicalIndex {
    return new LexicalIndex(Bm25Postings.build(passages.map((passage) => ({ fields: FIELDS.map((field) => fieldTerms(field.of(passage))) })), FIELD_BOOSTS));
  }

  /** Throws a plain Error naming the problem when the data is not a lexical index. */
  static deserialize(data: Buffer): LexicalIndex {
    return new LexicalIndex(Bm25Postings.deserialize(data, FIELD_BOOSTS));
  }

  serialize(): Buffer {
    return this.postings.serialize();
  }

  /** `related` words (the articles' words for what the question says in its own) count at EXPANSION_BOOST. */
  query(text: string, limit: number, related: readonly string[] = []): LexicalHit[] {
    const weights = new Map<string, number>();
    // A word asked twice counts twice, as in BM25 over the query's terms.
    for (const term of lexicalTerms(text)) weights.set(term, (weights.get(term) ?? 0) + 1);
    for (const word of related) for (const term of lexicalTerms(word)) if (!weights.has(term)) weights.set(term, EXPANSION_BOOST);
    return this.postings.search(weights, limit);
  }
}
