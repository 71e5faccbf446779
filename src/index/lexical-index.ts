/** @module BM25 over passages (MiniSearch, which scores with BM25+), with a tokenizer tuned for news English. */
import MiniSearch from 'minisearch';
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

/** Lowercase, fold curly apostrophes, drop possessive 's, and strip a plural s so "factions" matches "faction". */
export function normalizeTerm(term: string): string | null {
  let word = term.toLowerCase().replace(/[’‘`]/g, "'").replace(/'s$/, '').replace(/'/g, '');
  if (word.length < 2 || STOPWORDS.has(word)) return null;
  if (word.length > 4 && word.endsWith('ies')) word = `${word.slice(0, -3)}y`;
  else if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is')) {
    word = word.slice(0, -1);
  }
  return word;
}

/** Terms of a text as the lexical index sees them; also used to measure question/sentence overlap. */
export function lexicalTerms(text: string): string[] {
  const terms: string[] = [];
  for (const token of text.split(/[^\p{L}\p{N}'’]+/u)) {
    const term = token === '' ? null : normalizeTerm(token);
    if (term !== null) terms.push(term);
  }
  return terms;
}

interface LexicalRecord {
  id: number;
  title: string;
  text: string;
}

const OPTIONS = {
  fields: ['title', 'text'],
  idField: 'id',
  tokenize: (text: string) => text.split(/[^\p{L}\p{N}'’]+/u),
  processTerm: (term: string) => normalizeTerm(term),
};

export interface LexicalHit {
  /** Position of the passage in the index's passage list. */
  index: number;
  score: number;
}

export class LexicalIndex {
  private constructor(private readonly search: MiniSearch<LexicalRecord>) {}

  static build(passages: readonly Passage[]): LexicalIndex {
    const search = new MiniSearch<LexicalRecord>(OPTIONS);
    search.addAll(passages.map((passage, index) => ({ id: index, title: passage.title ?? '', text: passage.text })));
    return new LexicalIndex(search);
  }

  static fromJSON(json: string): LexicalIndex {
    return new LexicalIndex(MiniSearch.loadJSON<LexicalRecord>(json, OPTIONS));
  }

  toJSON(): string {
    return JSON.stringify(this.search);
  }

  query(text: string, limit: number): LexicalHit[] {
    // The title is a weak signal: every passage of an article shares it.
    const results = this.search.search(text, { combineWith: 'OR', boost: { title: 0.3, text: 1 } });
    return results.slice(0, limit).map((result) => ({ index: Number(result.id), score: result.score }));
  }
}
