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
  [/\bU\.?S\.?(?![\p{L}\p{N}])/gu, 'USA'],
  [/\bU\.?K\.?(?![\p{L}\p{N}])/gu, 'Britain'],
];
const EXTRA_NAMES: Readonly<Record<string, string>> = { britain: 'GB' };

/** The text with "US", "U.S.", "UK" written as words the country lists know (for scoring only, never for quotes). */
export function spellOutCountryAbbreviations(text: string): string {
  if (!/U\.?[SK]/.test(text)) return text;
  let spelled = text;
  for (const [pattern, name] of CAPITALISED_ABBREVIATIONS) spelled = spelled.replace(pattern, name);
  return spelled;
}

/**
 * "Republic of Turkey", "Hashemite Kingdom of Jordan": the one word after a form of state is the country's name.
 * Not any word after "of": Brunei is also "Abode of Peace".
 */
const OFFICIAL_FORM = /\b(?:Republic|Kingdom|State|Commonwealth|Principality|Sultanate|Emirate|Duchy|Federation|Confederation|Union)\s+of\s+(?:the\s+)?(\p{L}+)$/u;

export class CountryNames {
  private constructor(
    /** Word (lowercase, accents folded) → ISO 3166 alpha-2 code of the one country it names. */
    private readonly countryByWord: ReadonlyMap<string, string>,
    /** Code → every word that names it. */
    private readonly wordsByCountry: ReadonlyMap<string, readonly string[]>,
  ) {}

  static fromCountries(countries: readonly Country[]): CountryNames {
    // Words, not stems: stemming would make the Emirates' "emirates" the title "emir", France's "france" the "franc".
    const codesByWord = new Map<string, Set<string>>();
    const independent = new Set(countries.filter((country) => country.independent).map((country) => country.cca2));
    const add = (name: string, code: string) => {
      // Two-letter codes are left out: "US" and "IT" are also "us" and "it" once lowercased, as a passage's words are.
      if (/^\p{Lu}{2}$/u.test(name)) return;
      // The words `analyze` would give, without stemming them (the costliest part, and words are what is matched).
      const words = name.replace(/\s+D\.C\.$/, '').split(/[^\p{L}\p{N}'’]+/u).flatMap((raw) => normalizeWord(raw) ?? []);
      if (words.length !== 1) return;
      const word = words[0] as string;
      let codes = codesByWord.get(word);
      if (codes === undefined) codesByWord.set(word, (codes = new Set()));
      codes.add(code);
    };
    for (const country of countries) {
      const code = country.cca2;
      const names = [country.name.common, country.name.official, ...country.capital, ...country.altSpellings];
      const demonyms = country.demonyms?.['eng'];
      // "Russians", "Israelis"; not "Frenchs" or "Lebaneses".
      if (demonyms !== undefined) for (const demonym of new Set([demonyms.f, demonyms.m])) names.push(demonym, ...(/[hse]$/.test(demonym) ? [] : [`${demonym}s`]));
      for (const name of names) {
        add(name, code);
        const official = OFFICIAL_FORM.exec(name);
        if (official?.[1] !== undefined) add(official[1], code);
      }
    }
    for (const [word, code] of Object.entries({ ...SEATS_OF_GOVERNMENT, ...EXTRA_NAMES })) add(word, code);
    const countryByWord = new Map<string, string>();
    const wordsByCountry = new Map<string, string[]>();
    for (const [word, codes] of codesByWord) {
      // "American" is also American Samoa's demonym: a territory yields to the one independent country sharing its
      // word. A word naming two countries ("Congo") names neither for sure.
      const sovereign = [...codes].filter((code) => independent.has(code));
      const candidates = codes.size === 1 ? [...codes] : sovereign;
      if (candidates.length !== 1) continue;
      const code = candidates[0] as string;
      countryByWord.set(word, code);
      wordsByCountry.set(code, [...(wordsByCountry.get(code) ?? []), word]);
    }
    return new CountryNames(countryByWord, wordsByCountry);
  }

  /** The country a word (as `analyze` gives it) names, or null. */
  countryOf(word: string): string | null {
    return this.countryByWord.get(word) ?? null;
  }

  /** Every word naming the country. */
  namesOf(country: string): readonly string[] {
    return this.wordsByCountry.get(country) ?? [];
  }
}

let shared: CountryNames | null = null;

/**
 * The world's countries, loaded once per thread on first use (~25 ms). The file is parsed rather than `require`d, so
 * its 0.6 MB of flags and translations are not kept in the module cache once the word lists are made.
 */
export function countryNames(): CountryNames {
  if (shared === null) {
    const file = createRequire(import.meta.url).resolve('world-countries/dist/countries-unescaped.json');
    shared = CountryNames.fromCountries(JSON.parse(readFileSync(file, 'utf8')) as Country[]);
  }
  return shared;
}
