import { describe, expect, it } from 'vitest';
import { CorpusVocabulary } from '../../src/index/corpus-vocabulary.ts';
import { WordNeighbours } from '../../src/index/word-neighbours.ts';
import { createRelatedWords } from '../../src/retrieve/related-words.ts';
import { vectorsAt } from '../helpers/angle-vectors.ts';

// truce/ceasefire cos(0.4) = 0.921 and kremlin/moscow cos(0.2) = 0.98 are searched for; truce/pause cos(0.9) = 0.622 is too far.
const vectors = vectorsAt({ truce: 0, ceasefire: 0.4, pause: 0.9, moscow: 2, kremlin: 2.2 });
const vocabulary = CorpusVocabulary.count(['The ceasefire held for a week.', 'A pause in the fighting.', 'Officials met in Moscow.'], ['The Kremlin Gazette']);
const relatedWords = createRelatedWords(vocabulary, new WordNeighbours(vocabulary, vectors));

describe('relatedWords', () => {
  it('offers the articles’ words for question words they never use, for lexical search', () => {
    expect(relatedWords('What did the kremlin say about the truce?')).toEqual(['moscow', 'ceasefire']);
  });

  it('offers nothing for words the passages use, or for words that frame the question', () => {
    expect(relatedWords('What did Moscow say about the ceasefire?')).toEqual([]);
    expect(relatedWords('Tell me the story')).toEqual([]);
  });
});
