/**
 * @module The corpus's words and their statistics, counted once when the index is built: how often each word occurs
 * (the vocabulary soft matches and spelling corrections draw on), in how many passages each stem occurs (term rarity),
 * and which words the articles write as names. Counting a large corpus takes seconds, so it is stored with the index
 * rather than redone at every start.
 */
import { initialisms } from './initialisms.ts';
import { analyze } from './lexical-index.ts';

/** A word is a name by the corpus's casing only when written capitalised mid-sentence at least this often (once lets a headline's title case make names of "building" or "hidden"). */
const MIN_PROPER_OCCURRENCES = 2;

/**
 * The stored form: parallel arrays rather than objects or pairs, so a 150k-word vocabulary stays a few megabytes and
 * parses quickly. `words` keeps first-seen order, which the spelling corrector's tie-breaking depends on.
 */
interface VocabularyFile {
  passages: number;
  words: string[];
  counts: number[];
  stems: string[];
  passageFrequencies: number[];
  properWords: string[];
  /** Initialisms of the passages' multi-word names ("inss"), with the passages they occur in; kept apart from the stems. */
  initialisms: string[];
  initialismFrequencies: number[];
}

/** The same split as `analyze`, so every piece below is one token or none. */
const RAW_TOKEN_SPLIT = /[^\p{L}\p{N}'’]+/u;

/** One word's running tallies while counting. */
interface WordTally {
  count: number;
  /** Whether a passage ever writes it in lowercase (a name never is). */
  lowercase: boolean;
}

/** One stem's running tallies: passages are counted once each, by remembering the last one that used it. */
interface StemTally {
  passages: number;
  lastPassage: number;
}

/** What one spelling found in the text stands for: analysed once, since a corpus repeats a small working vocabulary. */
interface SpellingEntry {
  words: WordTally[];
  stems: StemTally[];
  lowercase: boolean;
}

/**
 * Tallies, for each word, how often it is written capitalised right after a lowercase word on the same line ("the
 * Kremlin", "by Russian"): after a line break or a closing quote a capital may just open a headline or a sentence.
 */
function countCapitalised(text: string, capitalised: Map<string, number>): void {
  for (const [raw] of text.matchAll(/(?<=[\p{Ll},;] )\p{Lu}[\p{L}’'-]*/gu)) {
    for (const token of analyze(raw)) capitalised.set(token.word, (capitalised.get(token.word) ?? 0) + 1);
  }
}

export class CorpusVocabulary {
  private constructor(
    /** How many passages the statistics were counted over. */
    readonly passageCount: number,
    /** Every word of the passages and their metadata with its count, in first-seen order. */
    readonly wordCounts: ReadonlyMap<string, number>,
    private readonly passageFrequencies: ReadonlyMap<string, number>,
    private readonly properWords: ReadonlySet<string>,
    private readonly initialismFrequencies: ReadonlyMap<string, number>,
  ) {}

  /**
   * Counts `passageTexts` (every passage of the index) and `metadataTexts` (headlines, outlets, dates: evidence
   * answers draw on too, so their words belong to the vocabulary; they do not count towards term rarity).
   */
  static count(passageTexts: Iterable<string>, metadataTexts: Iterable<string>): CorpusVocabulary {
    // Words and stems enter their maps when first seen, which keeps the first-seen order the stored form promises.
    const words = new Map<string, WordTally>();
    const stems = new Map<string, StemTally>();
    const wordTally = (word: string) => words.get(word) ?? words.set(word, { count: 0, lowercase: false }).get(word) as WordTally;
    const stemTally = (stem: string) => stems.get(stem) ?? stems.set(stem, { passages: 0, lastPassage: -1 }).get(stem) as StemTally;
    // Analysing each distinct spelling once rather than each occurrence cut counting 76k passages from 14–16 s to 6 s.
    const spellings = new Map<string, SpellingEntry>();
    const capitalised = new Map<string, number>();
    const initialismTally = new Map<string, number>();
    let passages = 0;
    for (const text of passageTexts) {
      countCapitalised(text, capitalised);
      for (const raw of text.split(RAW_TOKEN_SPLIT)) {
        let entry = spellings.get(raw);
        if (entry === undefined) {
          const tokens = analyze(raw);
          entry = { words: tokens.map((token) => wordTally(token.word)), stems: tokens.map((token) => stemTally(token.stem)), lowercase: /^\p{Ll}/u.test(raw) };
          spellings.set(raw, entry);
        }
        for (const tally of entry.words) {
          tally.count += 1;
          if (entry.lowercase) tally.lowercase = true;
        }
        for (const tally of entry.stems) {
          if (tally.lastPassage === passages) continue;
          tally.lastPassage = passages;
          tally.passages += 1;
        }
      }
      // Counted apart from the stems: "war" from "Warns Assad Regime" must not change how rare the word "war" is.
      for (const letters of initialisms(text)) initialismTally.set(letters, (initialismTally.get(letters) ?? 0) + 1);
      passages += 1;
    }
    for (const text of metadataTexts) for (const token of analyze(text)) wordTally(token.word).count += 1;
    const properWords = new Set<string>();
    for (const [word, count] of capitalised) if (count >= MIN_PROPER_OCCURRENCES && words.get(word)?.lowercase !== true) properWords.add(word);
    const counts = new Map([...words].map(([word, tally]) => [word, tally.count]));
    const frequencies = new Map([...stems].map(([stem, tally]) => [stem, tally.passages]));
    return new CorpusVocabulary(passages, counts, frequencies, properWords, initialismTally);
  }

  /** Parses what `toJSON` wrote; throws a plain Error naming the problem, which the loader reports as a corrupt index. */
  static fromJSON(text: string): CorpusVocabulary {
    const stored = JSON.parse(text) as Partial<VocabularyFile> | null;
    const { passages, words, counts, stems, passageFrequencies, properWords, initialisms: letters, initialismFrequencies } = stored ?? {};
    const lists = [words, counts, stems, passageFrequencies, properWords, letters, initialismFrequencies];
    if (typeof passages !== 'number' || !lists.every(Array.isArray)) {
      throw new Error('it lacks one of passages, words, counts, stems, passageFrequencies, properWords, initialisms, initialismFrequencies');
    }
    if (words?.length !== counts?.length || stems?.length !== passageFrequencies?.length || letters?.length !== initialismFrequencies?.length) throw new Error('its parallel lists differ in length');
    return new CorpusVocabulary(passages, zip(words ?? [], counts ?? []), zip(stems ?? [], passageFrequencies ?? []), new Set(properWords), zip(letters ?? [], initialismFrequencies ?? []));
  }

  toJSON(): string {
    const stored: VocabularyFile = {
      passages: this.passageCount,
      words: [...this.wordCounts.keys()],
      counts: [...this.wordCounts.values()],
      stems: [...this.passageFrequencies.keys()],
      passageFrequencies: [...this.passageFrequencies.values()],
      properWords: [...this.properWords],
      initialisms: [...this.initialismFrequencies.keys()],
      initialismFrequencies: [...this.initialismFrequencies.values()],
    };
    return JSON.stringify(stored);
  }

  /** In how many passages the stem occurs. */
  passageFrequency(stem: string): number {
    return this.passageFrequencies.get(stem) ?? 0;
  }

  /** Whether any passage uses the stem (metadata alone does not make it known). */
  isKnown(stem: string): boolean {
    return this.passageFrequencies.has(stem);
  }

  /** In how many passages a multi-word name abbreviates to these letters ("inss"); 0 for none. */
  initialismFrequency(letters: string): number {
    return this.initialismFrequencies.get(letters) ?? 0;
  }

  /** Whether the articles write the word capitalised inside sentences, and never in lowercase: a name. */
  isProperWord(word: string): boolean {
    return this.properWords.has(word);
  }
}

function zip(keys: readonly unknown[], values: readonly unknown[]): Map<string, number> {
  const map = new Map<string, number>();
  keys.forEach((key, position) => {
    const value = values[position];
    if (typeof key !== 'string' || typeof value !== 'number') throw new Error(`entry ${position} is not a word and a number`);
    map.set(key, value);
  });
  return map;
}
