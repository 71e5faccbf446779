/** @module BM25 over passages (MiniSearch, which scores with BM25+), with a tokenizer tuned for news English. */
import MiniSearch from 'minisearch';
import { stemmer } from 'stemmer';
import { formatDate } from '../format-date.ts';
import type { Passage } from '../types.ts';

// Function words carry no evidence about what a passage is about; dropping them keeps BM25 from
// matching a question to a passage on "the", "of" and "what".
const STOPWORDS = new Set(
  `a about above after again against all am an and any are as at be because been before being below between both but by
  can could did do does doing down during each few for from further had has have having he her here hers herself him
  himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other
  our ours ourselves out over own same she should so some such than that the their theirs them themselves then there
  these they this those through to too under until up very was we were what when where which while who whom why will
  with would you your yours yourself yourselves s t did say says said also`.split(/\s+/),
);

/** A word as the index sees it: its Porter stem for matching, and the plain lowercase word for word vectors. */
export interface Token {
  stem: string;
  word: string;
}

const TOKEN_SPLIT = /[^\p{L}\p{N}'’]+/u;

/** Lowercase, fold curly apostrophes and drop possessive 's; null for function words and single letters. */
export function normalizeWord(raw: string): string | null {
  const word = raw.toLowerCase().replace(/[’‘`]/g, "'").replace(/'s$/, '').replace(/'/g, '');
  if (word.length < 2 || STOPWORDS.has(word)) return null;
  return word;
}

/** Stemming is the costliest step of analysis and the vocabulary is small: each word is stemmed once. */
const stems = new Map<string, string>();
const MAX_CACHED_STEMS = 200_000;

function stem(word: string): string {
  let cached = stems.get(word);
  if (cached === undefined) {
    cached = stemmer(word);
    if (stems.size >= MAX_CACHED_STEMS) stems.clear();
    stems.set(word, cached);
  }
  return cached;
}

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

interface LexicalRecord {
  id: number;
  title: string;
  text: string;
  /** Outlet and publication date, so "what did the Algemeiner report in 2018" finds the article. */
  meta: string;
}

const OPTIONS = {
  fields: ['title', 'text', 'meta'],
  idField: 'id',
  tokenize: (text: string) => text.split(TOKEN_SPLIT),
  processTerm: (term: string) => normalizeTerm(term),
};

/** A word the question did not use counts this much of one it did. */
const EXPANSION_BOOST = 0.3;

export interface LexicalHit {
  /** Position of the passage in the index's passage list. */
  index: number;
  score: number;
}

export class LexicalIndex {
  private constructor(private readonly search: MiniSearch<LexicalRecord>) {}

  static build(passages: readonly Passage[]): LexicalIndex {
    const search = new MiniSearch<LexicalRecord>(OPTIONS);
    search.addAll(
      passages.map((passage, index) => ({
        id: index,
        title: passage.title ?? '',
        text: passage.text,
        meta: [passage.outlet ?? '', passage.date === null ? '' : formatDate(passage.date)].join(' '),
      })),
    );
    return new LexicalIndex(search);
  }

  static fromJSON(json: string): LexicalIndex {
    return new LexicalIndex(MiniSearch.loadJSON<LexicalRecord>(json, OPTIONS));
  }

  toJSON(): string {
    return JSON.stringify(this.search);
  }

  /** `related` words (the articles' words for what the question says in its own) count at EXPANSION_BOOST. */
  query(text: string, limit: number, related: readonly string[] = []): LexicalHit[] {
    const own = new Set(lexicalTerms(text));
    const expansions = new Set(related.flatMap((word) => lexicalTerms(word)).filter((term) => !own.has(term)));
    // Title and metadata are weak signals: every passage of an article shares them.
    const results = this.search.search(expansions.size === 0 ? text : `${text} ${[...expansions].join(' ')}`, {
      combineWith: 'OR',
      boost: { title: 0.3, text: 1, meta: 0.3 },
      boostTerm: (term) => (expansions.has(term) ? EXPANSION_BOOST : 1),
    });
    return results.slice(0, limit).map((result) => ({ index: Number(result.id), score: result.score }));
  }
}
