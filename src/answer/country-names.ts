/**
 * @module The one-word names news uses for a country: its name, capital, demonym, short official forms, and the
 * seat of its government ("Moscow" and "the Kremlin" for Russia, "Ankara" and "Turkish" for Türkiye). Word vectors
 * cannot tell these apart from a neighbouring country (Russia/Ukraine 0.86, Lebanon/Syria 0.83 in GloVe, above
 * Moscow/Russia 0.80), so a question naming a country is matched through this list instead. The data is the
 * `world-countries` package (mledoze/countries), read once on first use.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Country } from 'world-countries';
import { normalizeWord } from '../index/lexical-index.ts';

/**
 * A seat of government that news uses for the country itself ("the Kremlin wants …" = Russia wants …). Only the
 * Kremlin: the Pentagon or Whitehall stand for one ministry, and "What did the Pentagon say?" is not answered by
 * what Americans said. One-word names only: the scorer matches words ("White" alone names nothing).
 */
const SEATS_OF_GOVERNMENT: Readonly<Record<string, string>> = { kremlin: 'RU' };

/**
 * "US" and "UK" are how news writes two countries, but lowercased "us" is a pronoun: only written in capitals (or
 * with periods) are they read as these words, which name the countries.
 */
const CAPITALISED_ABBREVIATIONS: readonly [RegExp, string][] = [
  // Not "U.S.S.R." or "USSR", and a sentence's full stop after "US" stays.
  [/\b(?:U\.S\.|US)(?!\.?[\p{L}\p{N}])/gu, 'USA'],
  [/\b(?:U\.K\.|UK)(?!\.?[\p{L}\p{N}])/gu, 'Britain'],
];
const EXTRA_NAMES: Readonly<Record<string, string>> = { britain: 'GB' };

/** The text with "US", "U.S.", "UK" written as words the country lists know (for scoring only, never for quotes). */
export function spellOutCountryAbbreviations(text: string): string {
  // In text written all in capitals ("THEY TOLD US") capitals say nothing about a name.
  if (!/U\.?[SK]/.test(text) || !/\p{Ll}/u.test(text)) return text;
  let spelled = text;
  for (const [pattern, name] of CAPITALISED_ABBREVIATIONS) spelled = spelled.replace(pattern, name);
  return spelled;
}

/**
 * "Republic of Turkey", "Hashemite Kingdom of Jordan": the one word after a form of state is the country's name.
 * Not any word after "of": Brunei is also "Abode of Peace".
 */
const OFFICIAL_FORM = /\b(?:Republic|Kingdom|State|Commonwealth|Principality|Sultanate|Emirate|Duchy|Federation|Confederation|Union)\s+of\s+(?:the\s+)?(\p{L}+)$/u;

/** What a country's word names: the country (or its government), its capital, its people, or its government's seat. */
export type NameKind = 'country' | 'capital' | 'demonym' | 'seat';

/** A word that names one country. */
export interface CountryWord {
  /** ISO 3166 alpha-2. */
  code: string;
  kind: NameKind;
}

/** When one word is two kinds of name ("Singapore", "Djibouti"), the broader one counts. */
const KIND_ORDER: readonly NameKind[] = ['country', 'seat', 'demonym', 'capital'];

/**
 * How far one name of a country stands in for another. The country, the seat of its government and its capital
 * ("Tehran said …") all stand for the state; its people's adjective stands for the country ("Turkish" for Turkey)
 * but not for one place or body in it: "Syrian rebels shelled Aleppo" says nothing about Damascus, nor "Russian
 * bloggers" about the Kremlin.
 */
export function standsFor(asked: NameKind, found: NameKind): boolean {
  const place = (kind: NameKind) => kind === 'capital' || kind === 'seat';
  return !((asked === 'demonym' && place(found)) || (found === 'demonym' && place(asked)));
}

export class CountryNames {
  private constructor(
    /** Word (lowercase, accents folded) → the one country it names, and as what. */
    private readonly countryByWord: ReadonlyMap<string, CountryWord>,
    /** Code → every word that names it. */
    private readonly wordsByCountry: ReadonlyMap<string, readonly string[]>,
  ) {}

  static fromCountries(countries: readonly Country[]): CountryNames {
    // Words, not stems: stemming would make the Emirates' "emirates" the title "emir", France's "france" the "franc".
    const codesByWord = new Map<string, Set<string>>();
    const kindsByWord = new Map<string, Set<NameKind>>();
    const independent = new Set(countries.filter((country) => country.independent).map((country) => country.cca2));
    const add = (name: string, code: string, kind: NameKind) => {
      // Two-letter codes are left out: "US" and "IT" are also "us" and "it" once lowercased, as a passage's words are.
      if (/^\p{Lu}{2}$/u.test(name)) return;
      // The words `analyze` would give, without stemming them (the costliest part, and words are what is matched).
      const words = name.replace(/\s+D\.C\.$/, '').split(/[^\p{L}\p{N}'’]+/u).flatMap((raw) => normalizeWord(raw) ?? []);
      if (words.length !== 1) return;
      const word = words[0] as string;
      let codes = codesByWord.get(word);
      if (codes === undefined) codesByWord.set(word, (codes = new Set()));
      codes.add(code);
      let kinds = kindsByWord.get(word);
      if (kinds === undefined) kindsByWord.set(word, (kinds = new Set()));
      kinds.add(kind);
    };
    for (const country of countries) {
      const code = country.cca2;
      for (const name of [country.name.common, country.name.official, ...country.altSpellings]) {
        add(name, code, 'country');
        const official = OFFICIAL_FORM.exec(name);
        if (official?.[1] !== undefined) add(official[1], code, 'country');
      }
      for (const capital of country.capital) add(capital, code, 'capital');
      const demonyms = country.demonyms?.['eng'];
      // "Russians", "Israelis"; not "Frenchs" or "Lebaneses".
      if (demonyms !== undefined) for (const demonym of new Set([demonyms.f, demonyms.m])) for (const form of [demonym, ...(/[hse]$/.test(demonym) ? [] : [`${demonym}s`])]) add(form, code, 'demonym');
    }
    for (const [word, code] of Object.entries(SEATS_OF_GOVERNMENT)) add(word, code, 'seat');
    for (const [word, code] of Object.entries(EXTRA_NAMES)) add(word, code, 'country');
    const countryByWord = new Map<string, CountryWord>();
    const wordsByCountry = new Map<string, string[]>();
    for (const [word, codes] of codesByWord) {
      // "American" is also American Samoa's demonym: a territory yields to the one independent country sharing its
      // word. A word naming two countries ("Congo") names neither for sure.
      const sovereign = [...codes].filter((code) => independent.has(code));
      const candidates = codes.size === 1 ? [...codes] : sovereign;
      if (candidates.length !== 1) continue;
      const code = candidates[0] as string;
      const kinds = kindsByWord.get(word) as Set<NameKind>;
      countryByWord.set(word, { code, kind: KIND_ORDER.find((kind) => kinds.has(kind)) as NameKind });
      wordsByCountry.set(code, [...(wordsByCountry.get(code) ?? []), word]);
    }
    return new CountryNames(countryByWord, wordsByCountry);
  }

  /** The country a word (as `analyze` gives it) names, and as what; null for other words. */
  countryOf(word: string): CountryWord | null {
    return this.countryByWord.get(word) ?? null;
  }

  /** Every word naming the country. */
  namesOf(country: string): readonly string[] {
    return this.wordsByCountry.get(country) ?? [];
  }
}

/**
 * The world's countries (~25 ms). The file is parsed rather than `require`d, so its 0.6 MB of flags and translations
 * are not kept in the module cache once the word lists are made; each EvidenceScorer loads them on first use.
 */
export function loadCountryNames(): CountryNames {
  const file = createRequire(import.meta.url).resolve('world-countries/dist/countries-unescaped.json');
  return CountryNames.fromCountries(JSON.parse(readFileSync(file, 'utf8')) as Country[]);
}
