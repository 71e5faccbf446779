/**
 * @module How much of a text's meaning another text covers: IDF-weighted term coverage with soft matches through
 * word vectors. One measure serves two jobs: picking answer sentences (does this sentence cover the question?)
 * and checking citations (does this quote cover the claim?).
 */
import type { CorpusVocabulary } from '../index/corpus-vocabulary.ts';
import { initialisms } from '../index/initialisms.ts';
import { analyze, normalizeTerm, normalizeWord, type Token } from '../index/lexical-index.ts';
import type { WordNeighbours } from '../index/word-neighbours.ts';
import { withPlainVerbs } from '../retrieve/phrasal-verbs.ts';
import { QUESTION_FRAME } from '../retrieve/question-frame.ts';
import { type CountryNames, loadCountryNames, type CountryWord, spellOutCountryAbbreviations, standsFor } from './country-names.ts';

const stemOf = (word: string): string => normalizeTerm(word) ?? word;
/** A word written in capitals, three to six letters: how an initialism is asked for ("INSS", "IRGC"). */
const INITIALISM_WRITTEN = /\b\p{Lu}{3,6}\b/gu;

/**
 * A name must match exactly or nearly (Kremlin/Moscow 0.77, Tehran/Iran 0.85): China/Russia (0.67) are different
 * countries, and answering about one with a sentence about the other is the confident wrong answer we refuse to give.
 */
const NAME_MATCH_MIN = 0.74;
/**
 * A question or claim is scored on its first this many distinct content words: real ones have far fewer, and each
 * new word costs a neighbour lookup, so a 2,000-character word salad cannot cost seconds.
 */
const MAX_TERMS = 40;
/** See discountUnmatchable. */
const UNMATCHABLE_DISCOUNT = 0.3;
/** Another name of the same country ("Moscow" for "Russia", "Turkish" for "Turkey"): one subject, as a shared root is. */
const SAME_COUNTRY_CREDIT = 0.9;
/**
 * A people's adjective for one place or body of their country ("Syrian" for Damascus, "Russian" for the Kremlin):
 * related, so it counts towards coverage, but below NAME_MATCH_MIN, so it never passes for the name.
 */
const RELATED_PLACE_CREDIT = 0.5;

/** A question's or claim's term, with how much it counts and whether it is a name that must match strictly. */
export interface WeightedTerm extends Token {
  weight: number;
  isName: boolean;
  /** The country the term names, matched by the country's other names and never by a neighbouring country's. */
  country?: CountryWord;
  /** Written in capitals ("INSS"): also matched by a multi-word name with these initials. */
  initialism?: true;
}

/** What a piece of evidence offers: its stems for exact matches and its words for soft ones. */
export interface EvidenceTerms {
  stems: Set<string>;
  words: Set<string>;
  /** Initials of its multi-word names ("inss"): matched only by a question word written in capitals. */
  initialisms: Set<string>;
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
  const letters = new Set<string>();
  for (const text of texts) {
    const spelt = spellOutCountryAbbreviations(text);
    // An article's "pulled its troops out" also offers "withdrew", as a question's is rewritten to it.
    const plain = withPlainVerbs(spelt);
    for (const token of plain === spelt ? analyze(spelt) : [...analyze(spelt), ...analyze(plain)]) {
      stems.add(token.stem);
      words.add(token.word);
    }
    // A question's "INSS" is matched by the "Institute for National Security Studies" a passage spells out.
    for (const initials of initialisms(text)) letters.add(initials);
  }
  return { stems, words, initialisms: letters };
}

/** Capitalised words after the first word of a sentence: a general, if rough, sign of a proper name. */
function nameWords(text: string): Set<string> {
  const names = new Set<string>();
  for (const match of text.matchAll(/(?<=[^\s.!?]\s+["“‘(]?)\p{Lu}[\p{L}’'-]*/gu)) {
    // In "Russian-brokered" only the capitalised part is a name.
    for (const part of match[0].split('-')) if (/^\p{Lu}/u.test(part)) for (const token of analyze(part)) names.add(token.word);
  }
  return names;
}

/** The text's first word, when capitalised: it may be a name or merely open the sentence. */
function capitalisedOpening(text: string): Set<string> {
  const first = /^[\s"“‘(]*(\p{Lu}[\p{L}’'-]*)/u.exec(text)?.[1];
  return new Set(first === undefined ? [] : analyze(first).map((token) => token.word));
}

export class EvidenceScorer {
  /**
   * `vocabulary` is the index's: term rarity across its passages decides each term's weight, and evidence is always
   * drawn from those passages and their metadata, so its words are where `neighbours` finds soft matches.
   */
  constructor(
    private readonly vocabulary: CorpusVocabulary,
    private readonly neighbours: WordNeighbours,
    private readonly loadCountries: () => CountryNames = loadCountryNames,
  ) {}

  private loadedCountries: CountryNames | null = null;

  /** Loaded on the first question, not at start-up. */
  private get countries(): CountryNames {
    this.loadedCountries ??= this.loadCountries();
    return this.loadedCountries;
  }

  /** Smoothed inverse document frequency; a term the corpus never uses weighs the most. */
  weight(stem: string): number {
    return this.rarity(this.vocabulary.passageFrequency(stem));
  }

  private rarity(passageFrequency: number): number {
    return Math.log(1 + (this.vocabulary.passageCount + 1) / (passageFrequency + 0.5));
  }

  isKnown(stem: string): boolean {
    return this.vocabulary.isKnown(stem);
  }

  /** Whether a capitalised word names a country by any of its names ("Moscow", "Syria", "Iranians"). */
  namesCountry(word: string): boolean {
    const token = analyze(word)[0];
    return token !== undefined && this.countries.countryOf(token.word) !== null;
  }

  /** Whether the articles use the term, or for a country any of its names ("Kremlin" is known where "Moscow" is). */
  knowsTerm(term: WeightedTerm): boolean {
    if (this.isKnown(term.stem)) return true;
    if (term.initialism === true && this.vocabulary.initialismFrequency(term.word) > 0) return true;
    return term.country !== undefined && this.countries.namesOf(term.country.code).some((name) => this.isKnown(stemOf(name)));
  }

  /**
   * Given names the articles use, right before a surname they use ("Mikhail" of "Mikhail Bogdanov", "Khan" of "Khan
   * Tuman"): articles name a person in full once, then by surname, so the surname alone identifies the name. Both
   * must be capitalised, or names by the articles' casing; a given name the articles never use ("Emine Erdogan") is
   * someone else and stays required.
   */
  private givenNames(text: string): Set<string> {
    const given = new Set<string>();
    for (const match of text.matchAll(/([\p{L}’'-]+) (?=([\p{L}’'-]+))/gu)) {
      const [rawFirst, rawLast] = [match[1] as string, match[2] as string];
      const [first, last] = [normalizeWord(rawFirst), normalizeWord(rawLast)];
      if (first === null || last === null || !this.isKnown(stemOf(first)) || !this.isKnown(stemOf(last))) continue;
      const isName = (raw: string, word: string) => /^\p{Lu}/u.test(raw) || this.vocabulary.isProperWord(word);
      if (isName(rawFirst, first) && isName(rawLast, last)) given.add(first);
    }
    return given;
  }

  /** The content terms of a question or claim, weighted; `scale` lowers terms carried over from earlier turns. */
  terms(asked: string, scale = 1): WeightedTerm[] {
    const text = spellOutCountryAbbreviations(asked);
    const names = nameWords(text);
    const given = this.givenNames(text);
    const opening = capitalisedOpening(text);
    const abbreviated = new Set([...text.matchAll(INITIALISM_WRITTEN)].map((match) => (match[0] as string).toLowerCase()));
    const seen = new Set<string>();
    const terms: WeightedTerm[] = [];
    for (const token of analyze(text)) {
      if (QUESTION_FRAME.has(token.word) || seen.has(token.stem)) continue;
      if (terms.length >= MAX_TERMS) break;
      seen.add(token.stem);
      const capitalised = names.has(token.word) || this.vocabulary.isProperWord(token.word);
      // Only a capitalised word names a country (even first in the question: "Kremlin officials said …"): "male" and
      // "island" are also the capitals Malé and Iceland's "Ísland".
      const named = capitalised || opening.has(token.word) ? this.countries.countryOf(token.word) : null;
      // A question's first word is capitalised anyway: there a capital's name, which is often an ordinary word, does
      // not count ("Male protesters …" is not Malé).
      const country = named !== null && (capitalised || named.kind !== 'capital') ? named : null;
      // A given name is not required on its own: its surname carries the name check.
      const isName = scale === 1 && (country !== null || (capitalised && !given.has(token.word)));
      // A country's own initials ("USA", "UAE") are its name, not an initialism to look for.
      const initialism = country === null && abbreviated.has(token.word);
      let weight = this.weight(token.stem);
      // A country weighs as common as its most used name: "Kremlin" says no more than "Russia" in articles about Russia.
      if (country !== null) weight = Math.min(weight, ...this.countries.namesOf(country.code).map((name) => this.weight(stemOf(name))));
      // An initialism weighs as rare as the name it stands for, where the articles spell that out.
      if (initialism && !this.isKnown(token.stem)) weight = this.rarity(this.vocabulary.initialismFrequency(token.word));
      terms.push({ ...token, weight: weight * scale, isName, ...(country === null ? {} : { country }), ...(initialism ? { initialism: true as const } : {}) });
    }
    return terms;
  }

  /**
   * A question's one word that the articles neither use nor have a near word for ("at odds", "goal"), among at
   * least two words they do use, is how the asker phrases the relation, not what it is about: it counts at a
   * discount. Two or more such words, a name, or too few known words (the capital of australia) keep full weight.
   */
  discountUnmatchable(terms: readonly WeightedTerm[]): WeightedTerm[] {
    const unmatchable = terms.filter((term) => !term.isName && !this.knowsTerm(term) && this.neighbours.of(term.word).ranked.length === 0);
    const known = terms.filter((term) => this.knowsTerm(term));
    if (unmatchable.length !== 1 || known.length < 2) return [...terms];
    return terms.map((term) => (term === unmatchable[0] ? { ...term, weight: term.weight * UNMATCHABLE_DISCOUNT } : term));
  }

  coverage(terms: readonly WeightedTerm[], evidence: EvidenceTerms): Coverage {
    return this.tally(terms, (term) => this.matchCredit(term, evidence));
  }

  /**
   * Coverage of `inner` (its score) and of `outer`, evidence that contains it (a sentence, and the sentence with its
   * context) in one pass: a term `inner` matches exactly is matched by `outer` too, and is not looked up again.
   */
  nestedCoverage(terms: readonly WeightedTerm[], inner: EvidenceTerms, outer: EvidenceTerms): { inner: number; outer: Coverage } {
    let total = 0;
    let foundInner = 0;
    const outerCoverage = this.tally(terms, (term) => {
      const innerCredit = this.matchCredit(term, inner);
      total += term.weight;
      foundInner += term.weight * innerCredit;
      return innerCredit === 1 ? 1 : this.matchCredit(term, outer);
    });
    return { inner: total === 0 ? 0 : foundInner / total, outer: outerCoverage };
  }

  /** The weighted share of `terms` given each one's credit, with the terms found nowhere and the names not matched. */
  private tally(terms: readonly WeightedTerm[], creditOf: (term: WeightedTerm) => number): Coverage {
    let total = 0;
    let found = 0;
    const missing: WeightedTerm[] = [];
    const missingNames: WeightedTerm[] = [];
    for (const term of terms) {
      total += term.weight;
      const credit = creditOf(term);
      found += term.weight * credit;
      if (credit === 0) missing.push(term);
      if (term.isName && credit < NAME_MATCH_MIN) missingNames.push(term);
    }
    return { score: total === 0 ? 0 : found / total, missing, missingNames };
  }

  /** 1 for the same stem, else the credit of the best neighbour the evidence contains, found from the smaller side. */
  private matchCredit(term: WeightedTerm, evidence: EvidenceTerms): number {
    if (evidence.stems.has(term.stem)) return 1;
    if (term.initialism === true && evidence.initialisms.has(term.word)) return 1;
    if (term.country !== undefined) {
      let credit = 0;
      for (const name of this.countries.namesOf(term.country.code)) {
        if (!evidence.words.has(name)) continue;
        const found = this.countries.countryOf(name) as CountryWord;
        credit = Math.max(credit, standsFor(term.country.kind, found.kind) ? SAME_COUNTRY_CREDIT : RELATED_PLACE_CREDIT);
      }
      return credit;
    }
    const { ranked, rankOf } = this.neighbours.of(term.word);
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
