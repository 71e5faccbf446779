/**
 * @module Query expansion: the articles' own words for the words of a question they never use ("kremlin" → "moscow",
 * "troop" → "soldiers"), since BM25 only finds the words it is given.
 */
import type { CorpusVocabulary } from '../index/corpus-vocabulary.ts';
import { analyze } from '../index/lexical-index.ts';
import { softCredit, type WordNeighbours } from '../index/word-neighbours.ts';
import { QUESTION_FRAME } from './question-frame.ts';

/** At most this many of an unknown word's neighbours are added, each at least this close (cosine 0.65). */
const RELATED_PER_WORD = 2;
const RELATED_MIN_CREDIT = softCredit(0.65);
/** Words of a question looked at: twice the 40 distinct terms the answerer scores, so a word salad stays cheap. */
const MAX_WORDS_LOOKED_AT = 80;

export function createRelatedWords(vocabulary: CorpusVocabulary, neighbours: WordNeighbours): (text: string) => string[] {
  return (text) => {
    const related: string[] = [];
    for (const token of analyze(text).slice(0, MAX_WORDS_LOOKED_AT)) {
      if (vocabulary.isKnown(token.stem) || QUESTION_FRAME.has(token.word)) continue;
      const close = neighbours.of(token.word).ranked.filter((match) => match.credit >= RELATED_MIN_CREDIT && match.word !== token.word && !related.includes(match.word));
      related.push(...close.slice(0, RELATED_PER_WORD).map((match) => match.word));
    }
    return related;
  };
}
