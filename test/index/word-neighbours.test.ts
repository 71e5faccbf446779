import { describe, expect, it } from 'vitest';
import { CorpusVocabulary } from '../../src/index/corpus-vocabulary.ts';
import { buildWordVectorIndex, WordNeighbours } from '../../src/index/word-neighbours.ts';
import { vectorsAt } from '../helpers/angle-vectors.ts';

const HNSW = { m: 16, efConstruction: 100, efSearch: 128 };

describe('WordNeighbours', () => {
  it('finds the words sharing a root in first-seen order, however the vocabulary is bucketed', () => {
    const vocabulary = CorpusVocabulary.count(['Russians and Russia; the russian rus russianness ruse, iran iranian iranians'], []);
    const neighbours = new WordNeighbours(vocabulary, () => null);
    expect(neighbours.of('russia').ranked.map((match) => match.word)).toEqual(['russians', 'russia', 'russian']);
    expect(neighbours.of('iranian').ranked.map((match) => match.word)).toEqual(['iran', 'iranian', 'iranians']);
    expect(neighbours.of('rus').ranked).toEqual([]);
  });

  it('finds every word above the threshold through the word index even when there are more than its first search asks for', () => {
    // 300 words at angles from 0 to 1.5 radians from "truce": those within acos(0.6) = 0.927 are neighbours (185).
    const angles: Record<string, number> = { truce: 0 };
    const words = Array.from({ length: 300 }, (_, position) => `word${String.fromCharCode(97 + (position % 26))}${position}`);
    words.forEach((word, position) => { angles[word] = (position * 1.5) / 300; });
    const unitVector = vectorsAt(angles);
    const vocabulary = CorpusVocabulary.count([words.join(' ')], []);
    const wordIndex = buildWordVectorIndex(vocabulary, unitVector, { minWords: 0, hnsw: HNSW });
    expect(wordIndex?.count).toBe(300);
    const searched = new WordNeighbours(vocabulary, unitVector, wordIndex).of('truce').ranked;
    expect(searched).toEqual(new WordNeighbours(vocabulary, unitVector).of('truce').ranked);
    expect(searched).toHaveLength(words.filter((word) => Math.cos(angles[word] as number) >= 0.6).length);
    expect(searched.length).toBeGreaterThan(128);
  });

  it('builds no word index for a vocabulary small enough to scan', () => {
    const vocabulary = CorpusVocabulary.count(['truce ceasefire pause'], []);
    const unitVector = vectorsAt({ truce: 0, ceasefire: 0.4, pause: 0.9 });
    expect(buildWordVectorIndex(vocabulary, unitVector, { minWords: 3, hnsw: HNSW })).toBeNull();
    expect(buildWordVectorIndex(vocabulary, unitVector, { minWords: 2, hnsw: HNSW })?.count).toBe(3);
  });
});
