/**
 * @module Misspelt question words corrected to the articles' spelling ("goverment" → "government", "Hezbolla" →
 * "Hezbollah"), so retrieval and the answerer's term matching see the words the articles use. Only words the
 * corpus never uses, and only towards a corpus word one edit away (two for long words) with the same first letter.
 * A word GloVe does not know at all is taken for a typo, and so is a lowercase word so rare that GloVe has mostly
 * seen it misspelt ("peple", "foriegn"). A word it knows is left alone when it is common ("bugs" is not a typo of
 * "bags"), typed with a capital (a name the articles lack, "Hanan", must stay one, so the answerer can say none of
 * them mentions it), or far in meaning from the candidate ("refute" is not "refuse"); rare lowercase misspellings
 * close in meaning remain ("goverment" → "government", cosine 0.56).
 */
import type { WordLookup } from '../embed/from-config.ts';
import { cosineOfUnitVectors } from '../embed/unit-vectors.ts';
import { normalizeWord } from '../index/lexical-index.ts';
import { boundedMemo } from '../bounded-memo.ts';

export interface SpellingCorrector {
  correct(question: string): string;
}

const TOKEN = /\p{L}+(?:['’]\p{L}+)*/gu;
const SHORTEST_CORRECTED = 4;
/** Words longer than this may be two edits away. */
const LONG_WORD = 7;
/** Words ranked above this in GloVe's 400k-word vocabulary are common English words, not typos ("goverment" is 36,499th). */
const COMMON_WORD_RANK = 30_000;
/**
 * Lowercase words ranked beyond this are misspellings far more often than words: "peple" (274,639th), "foriegn"
 * (139,371st), "recieve", "untill", "thier" (103,732nd) all are, and their vectors are noise (cosine to the word
 * meant: −0.16 to 0.28). Rare names typed lowercase rank higher ("hanan" 31,523rd, "asad" 33,523rd). Only one edit
 * away, though: two edits from a rare real word reach a different one ("terrorizes" → "terrorists").
 */
const RARE_WORD_RANK = 100_000;
/** Below this cosine a known word and its candidate mean different things. */
const SAME_MEANING_MIN = 0.5;
/** Misspelt words whose closest corpus word is kept. */
const MAX_CACHED_CORRECTIONS = 10_000;
/** Words looked at per question: real questions have far fewer unknown words, and each costs a candidate scan. */
const MAX_CORRECTED_PER_QUESTION = 20;

/** Optimal string alignment distance (edits, with swapped neighbours as one), or `limit + 1` once it exceeds `limit`. */
export function editDistance(left: string, right: string, limit: number): number {
  if (Math.abs(left.length - right.length) > limit) return limit + 1;
  let beforePrevious = new Array<number>(right.length + 1).fill(0);
  let previous = Array.from({ length: right.length + 1 }, (_, column) => column);
  for (let row = 1; row <= left.length; row++) {
    const current = [row];
    let rowMin = row;
    for (let column = 1; column <= right.length; column++) {
      const cost = left[row - 1] === right[column - 1] ? 0 : 1;
      let value = Math.min((previous[column] as number) + 1, (current[column - 1] as number) + 1, (previous[column - 1] as number) + cost);
      if (row > 1 && column > 1 && left[row - 1] === right[column - 2] && left[row - 2] === right[column - 1]) value = Math.min(value, (beforePrevious[column - 2] as number) + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    beforePrevious = previous;
    previous = current;
  }
  return Math.min(previous[right.length] as number, limit + 1);
}

/** `frequency` holds every word the articles use (passages and metadata, as the lexical index normalises them), with its count. */
export function createSpellingCorrector(frequency: ReadonlyMap<string, number>, words: WordLookup): SpellingCorrector {
  // Candidates share the first letter and are within the edit limit in length: a word looks only at its buckets.
  const buckets = new Map<string, string[]>();
  const bucketKey = (first: string, length: number) => `${first}${length}`;
  for (const word of frequency.keys()) {
    const key = bucketKey(word[0] as string, word.length);
    const bucket = buckets.get(key);
    if (bucket === undefined) buckets.set(key, [word]);
    else bucket.push(word);
  }

  const closest = (word: string): string | null => {
    const limit = word.length > LONG_WORD ? 2 : 1;
    let best: string | null = null;
    let bestDistance = limit + 1;
    const candidates: string[] = [];
    for (let length = word.length - limit; length <= word.length + limit; length++) candidates.push(...(buckets.get(bucketKey(word[0] as string, length)) ?? []));
    for (const candidate of candidates) {
      const distance = editDistance(word, candidate, Math.min(limit, bestDistance));
      const better = distance < bestDistance || (distance === bestDistance && best !== null && (frequency.get(candidate) ?? 0) > (frequency.get(best) ?? 0));
      if (distance <= limit && better) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best;
  };
  const correctionOf = boundedMemo(closest, MAX_CACHED_CORRECTIONS);

  const acceptable = (raw: string, word: string, correction: string): boolean => {
    const rank = words.rank(word);
    const capitalised = /^\p{Lu}/u.test(raw);
    if (rank < 0 || (rank > RARE_WORD_RANK && !capitalised && editDistance(word, correction, 1) <= 1)) return true;
    if (rank < COMMON_WORD_RANK || capitalised) return false;
    const own = words.unitVector(word);
    const target = words.unitVector(correction);
    return own !== null && target !== null && cosineOfUnitVectors(own, target) >= SAME_MEANING_MIN;
  };

  return {
    correct(question) {
      let looked = 0;
      return question.replace(TOKEN, (raw) => {
        const word = normalizeWord(raw);
        if (word === null || word.length < SHORTEST_CORRECTED || frequency.has(word) || looked >= MAX_CORRECTED_PER_QUESTION) return raw;
        looked += 1;
        const correction = correctionOf(word);
        if (correction === null || !acceptable(raw, word, correction)) return raw;
        const possessive = /['’]s$/.exec(raw)?.[0] ?? '';
        return (/^\p{Lu}/u.test(raw) ? (correction[0] as string).toUpperCase() + correction.slice(1) : correction) + possessive;
      });
    },
  };
}
