/**
 * @module How much of a text's meaning another text covers: IDF-weighted term coverage with soft matches through
 * word vectors. One measure serves two jobs: picking answer sentences (does this sentence cover the question?)
 * and checking citations (does this quote cover the claim?).
 */
import type { UnitVectorOf } from '../embed/from-config.ts';
import { analyze, normalizeWord, type Token } from '../index/lexical-index.ts';


/**
 * Below this cosine two different words are not treated as meaning the same. GloVe puts inflections and
 * near-synonyms (truce/ceasefire 0.92, militia/forces 0.73) above it; merely related words mostly fall under it,
 * and those just above it earn little (see softCredit).
 */
const SOFT_MATCH_MIN = 0.6;
/**
 * A name must match exactly or nearly (Kremlin/Moscow 0.77, Tehran/Iran 0.85): China/Russia (0.67) are different
 * countries, and answering about one with a sentence about the other is the confident wrong answer we refuse to give.
 */
const NAME_MATCH_MIN = 0.74;

const ROOT_MATCH_CREDIT = 0.9;
/**
 * A question or claim is scored on its first this many distinct content words: real ones have far fewer, and each
 * new word costs a scan of the corpus vocabulary, so a 2,000-character word salad cannot cost seconds.
 */
const MAX_TERMS = 40;
/** A word is a name by the corpus's casing only when written capitalised mid-sentence at least this often. */
const MIN_PROPER_OCCURRENCES = 2;
/** See discountUnmatchable. */
const UNMATCHABLE_DISCOUNT = 0.3;
/** Query expansion takes at most this many of an unknown word's neighbours, each at least this close (cosine 0.65). */
const RELATED_PER_WORD = 2;
const RELATED_MIN_CREDIT = softCredit(0.65);
/** Words whose neighbours are kept; questions and claims reuse a small working vocabulary. */
const MAX_CACHED_NEIGHBOURS = 20_000;

/**
 * Credit for a soft match rises from 0.22 at the threshold to 1 for near-identical words: related words (left/end
 * 0.69, entirely/fairly 0.68) earn little, so a claim cannot be "supported" by a quote that merely shares its topic.
 */
function softCredit(similarity: number): number {
  return Math.min(1, Math.max(0, (similarity - 0.5) / 0.45));
}

function sharesRoot(left: string, right: string): boolean {
  const [shorter, longer] = left.length <= right.length ? [left, right] : [right, left];
  return shorter.length >= 4 && longer.length - shorter.length <= 3 && longer.startsWith(shorter);
}

/** Words that frame a question rather than say what it is about. */
const QUESTION_FRAME = new Set(
  `tell know explain describe happen happened happening mention mentioned report reported reporting according article
  articles news story stories source sources think thing things give show way kind sort much many anything something
  please try tried trying piece pieces per reportedly supposedly regarding concerning ok okay currently actually really
  exactly specifically basically mainly going get got summary summarize summarise detail details say`.split(/\s+/),
);

/** A question's or claim's term, with how much it counts and whether it is a name that must match strictly. */
export interface WeightedTerm extends Token {
  weight: number;
  isName: boolean;
}

/** What a piece of evidence offers: its stems for exact matches and its words for soft ones. */
export interface EvidenceTerms {
  stems: Set<string>;
  words: Set<string>;
}

export interface Coverage {
  /** 0..1: weighted share of the terms found. */
  score: number;
  missing: WeightedTerm[];
  /** Names the evidence does not match closely enough. */
  missingNames: WeightedTerm[];
}

export function evidenceTerms(...texts: readonly string[]): EvidenceTerms {
  const stems = new Set<string>();
  const words = new Set<string>();
  for (const text of texts) {
    for (const token of analyze(text)) {
      stems.add(token.stem);
      words.add(token.word);
    }
  }
  return { stems, words };
}

/** Capitalised words after the first word of a sentence: a general, if rough, sign of a proper name. */
function nameWords(text: string): Set<string> {
  const names = new Set<string>();
  for (const match of text.matchAll(/(?<=[^\s.!?]\s+["“‘(]?)\p{Lu}[\p{L}’'-]*/gu)) {
    for (const token of analyze(match[0])) names.add(token.word);
  }
  return names;
}

/**
 * The evidence words a term soft-matches, best first: those sharing its root (Russia/Russian, Iran/Iranian: a country
 * and its adjective are one subject, whatever the stemmer says), then those whose vectors are closest to its own.
 */
interface Neighbours {
  ranked: { word: string; credit: number }[];
  rankOf: Map<string, number>;
}

/** Every word evidence can contain, with the unit vectors of those that have one, in one matrix for fast scans. */
interface Vocabulary {
  words: string[];
  vectorWords: string[];
  vectors: Float32Array;
  dimensions: number;
}

/**
 * Tallies, for each word, whether the text ever writes it in lowercase and how often capitalised right after a
 * lowercase word on the same line ("the Kremlin", "by Russian"): after a line break or a closing quote a capital may
 * just open a headline or a sentence.
 */
function countCasing(text: string, capitalised: Map<string, number>, lowercase: Set<string>): void {
  for (const [raw] of text.matchAll(/(?<=[\p{Ll},;] )\p{Lu}[\p{L}’'-]*/gu)) {
    for (const token of analyze(raw)) capitalised.set(token.word, (capitalised.get(token.word) ?? 0) + 1);
  }
  for (const raw of text.split(/[^\p{L}\p{N}'’]+/u)) {
    const word = /^\p{Ll}/u.test(raw) ? normalizeWord(raw) : null;
    if (word !== null) lowercase.add(word);
  }
}

export class EvidenceScorer {
  private readonly documentFrequency = new Map<string, number>();
  /** How often each word occurs in the passages and their metadata: the vocabulary evidence can draw on. */
  private readonly counts = new Map<string, number>();
  /** Words the corpus writes capitalised inside sentences: names even when a question is typed in lowercase. */
  private readonly properWords = new Set<string>();
  private vocabulary: Vocabulary | null = null;
  /** Per question or claim word; scanning the vocabulary once beats comparing it with every evidence word each time. */
  private readonly neighbourCache = new Map<string, Neighbours>();
  private readonly totalTexts: number;

  /**
   * `corpus` is every passage text of the index: term rarity across it decides each term's weight. Evidence is
   * always drawn from those passages and `metadata` (titles, outlets, dates), so their words are the vocabulary soft
   * matches are looked for in.
   */
  constructor(corpus: Iterable<string>, private readonly unitVector: UnitVectorOf, metadata: Iterable<string> = []) {
    let total = 0;
    const capitalised = new Map<string, number>();
    const lowercase = new Set<string>();
    for (const text of corpus) {
      total += 1;
      countCasing(text, capitalised, lowercase);
      const tokens = analyze(text);
      for (const token of tokens) this.countWord(token.word);
      for (const stem of new Set(tokens.map((token) => token.stem))) this.documentFrequency.set(stem, (this.documentFrequency.get(stem) ?? 0) + 1);
    }
    for (const text of metadata) for (const token of analyze(text)) this.countWord(token.word);
    for (const [word, count] of capitalised) if (count >= MIN_PROPER_OCCURRENCES && !lowercase.has(word)) this.properWords.add(word);
    this.totalTexts = total;
  }

  /** Every word of the passages and their metadata with its count, for a spelling corrector to share this pass. */
  get wordCounts(): ReadonlyMap<string, number> {
    return this.counts;
  }

  private countWord(word: string): void {
    this.counts.set(word, (this.counts.get(word) ?? 0) + 1);
  }

  /** Smoothed inverse document frequency; a term the corpus never uses weighs the most. */
  weight(stem: string): number {
    const frequency = this.documentFrequency.get(stem) ?? 0;
    return Math.log(1 + (this.totalTexts + 1) / (frequency + 0.5));
  }

  isKnown(stem: string): boolean {
    return this.documentFrequency.has(stem);
  }

  /** The content terms of a question or claim, weighted; `scale` lowers terms carried over from earlier turns. */
  terms(text: string, scale = 1): WeightedTerm[] {
    const names = nameWords(text);
    const seen = new Set<string>();
    const terms: WeightedTerm[] = [];
    for (const token of analyze(text)) {
      if (QUESTION_FRAME.has(token.word) || seen.has(token.stem)) continue;
      if (terms.length >= MAX_TERMS) break;
      seen.add(token.stem);
      const isName = scale === 1 && (names.has(token.word) || this.properWords.has(token.word));
      terms.push({ ...token, weight: this.weight(token.stem) * scale, isName });
    }
    return terms;
  }

  /**
   * A question's one word that the articles neither use nor have a near word for ("at odds", "goal"), among at
   * least two words they do use, is how the asker phrases the relation, not what it is about: it counts at a
   * discount. Two or more such words, a name, or too few known words (the capital of australia) keep full weight.
   */
  discountUnmatchable(terms: readonly WeightedTerm[]): WeightedTerm[] {
    const unmatchable = terms.filter((term) => !term.isName && !this.isKnown(term.stem) && this.neighbours(term.word).ranked.length === 0);
    const known = terms.filter((term) => this.isKnown(term.stem));
    if (unmatchable.length !== 1 || known.length < 2) return [...terms];
    return terms.map((term) => (term === unmatchable[0] ? { ...term, weight: term.weight * UNMATCHABLE_DISCOUNT } : term));
  }

  coverage(terms: readonly WeightedTerm[], evidence: EvidenceTerms): Coverage {
    let total = 0;
    let found = 0;
    const missing: WeightedTerm[] = [];
    const missingNames: WeightedTerm[] = [];
    for (const term of terms) {
      total += term.weight;
      const credit = this.matchCredit(term, evidence);
      found += term.weight * credit;
      if (credit === 0) missing.push(term);
      if (term.isName && credit < NAME_MATCH_MIN) missingNames.push(term);
    }
    return { score: total === 0 ? 0 : found / total, missing, missingNames };
  }

  /**
   * The articles' own words for the words of `text` they never use ("kremlin" → "moscow", "troop" → "soldiers"):
   * what lexical search should look for as well, since BM25 only finds the words it is given.
   */
  relatedWords(text: string): string[] {
    const related: string[] = [];
    for (const token of analyze(text).slice(0, MAX_TERMS * 2)) {
      if (this.isKnown(token.stem) || QUESTION_FRAME.has(token.word)) continue;
      const close = this.neighbours(token.word).ranked.filter((match) => match.credit >= RELATED_MIN_CREDIT && match.word !== token.word && !related.includes(match.word));
      related.push(...close.slice(0, RELATED_PER_WORD).map((match) => match.word));
    }
    return related;
  }

  /** Built on first use, so starting the server does not wait for it. */
  private loadVocabulary(): Vocabulary {
    if (this.vocabulary !== null) return this.vocabulary;
    const words = [...this.counts.keys()];
    const found: Float32Array[] = [];
    const vectorWords: string[] = [];
    for (const word of words) {
      const vector = this.unitVector(word);
      if (vector === null) continue;
      found.push(vector);
      vectorWords.push(word);
    }
    const dimensions = found[0]?.length ?? 0;
    const vectors = new Float32Array(found.length * dimensions);
    found.forEach((vector, row) => vectors.set(vector, row * dimensions));
    this.vocabulary = { words, vectorWords, vectors, dimensions };
    return this.vocabulary;
  }

  private neighbours(word: string): Neighbours {
    const cached = this.neighbourCache.get(word);
    if (cached !== undefined) return cached;
    const { words, vectorWords, vectors, dimensions } = this.loadVocabulary();
    const ranked = words.filter((other) => sharesRoot(word, other)).map((other) => ({ word: other, credit: ROOT_MATCH_CREDIT }));
    const similar: { word: string; similarity: number }[] = [];
    const own = this.unitVector(word);
    if (own !== null && own.length === dimensions) {
      for (let row = 0; row < vectorWords.length; row++) {
        const base = row * dimensions;
        let dot = 0;
        for (let dimension = 0; dimension < dimensions; dimension++) dot += (own[dimension] as number) * (vectors[base + dimension] as number);
        if (dot >= SOFT_MATCH_MIN) similar.push({ word: vectorWords[row] as string, similarity: dot });
      }
    }
    similar.sort((left, right) => right.similarity - left.similarity);
    const roots = new Set(ranked.map((match) => match.word));
    for (const match of similar) if (!roots.has(match.word)) ranked.push({ word: match.word, credit: softCredit(match.similarity) });
    const rankOf = new Map<string, number>();
    ranked.forEach((match, rank) => {
      if (!rankOf.has(match.word)) rankOf.set(match.word, rank);
    });
    const neighbours = { ranked, rankOf };
    if (this.neighbourCache.size >= MAX_CACHED_NEIGHBOURS) this.neighbourCache.clear();
    this.neighbourCache.set(word, neighbours);
    return neighbours;
  }

  /** 1 for the same stem, else the credit of the best neighbour the evidence contains, found from the smaller side. */
  private matchCredit(term: WeightedTerm, evidence: EvidenceTerms): number {
    if (evidence.stems.has(term.stem)) return 1;
    const { ranked, rankOf } = this.neighbours(term.word);
    if (ranked.length <= evidence.words.size) {
      for (const match of ranked) if (evidence.words.has(match.word)) return match.credit;
      return 0;
    }
    let best = ranked.length;
    for (const word of evidence.words) {
      const rank = rankOf.get(word);
      if (rank !== undefined && rank < best) best = rank;
    }
    return ranked[best]?.credit ?? 0;
  }
}
