import { describe, expect, it } from 'vitest';
import { CorpusVocabulary } from '../../src/index/corpus-vocabulary.ts';
import type { UnitVectorOf } from '../../src/embed/from-config.ts';
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

  it("takes a verb's noun for its root, with or without the verb's final e, but not any longer word", () => {
    const vocabulary = CorpusVocabulary.count(['the intervention, an agreement, the removal, a statesman, a station, the mediation, a foundation, restrict'], []);
    const neighbours = new WordNeighbours(vocabulary, () => null);
    expect(neighbours.of('intervene').ranked.map((match) => match.word)).toEqual(['intervention']);
    expect(neighbours.of('agree').ranked.map((match) => match.word)).toEqual(['agreement']);
    expect(neighbours.of('remove').ranked.map((match) => match.word)).toEqual(['removal']);
    expect(neighbours.of('state').ranked).toEqual([]);
    expect(neighbours.of('media').ranked).toEqual([]);
    expect(neighbours.of('found').ranked).toEqual([]);
    expect(neighbours.of('rest').ranked.map((match) => match.word)).not.toContain('restrict');
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

  it('finds, through an index built with the word index settings, nearly every neighbour the exact scan finds', () => {
    const { vocabulary, unitVector, words } = clusteredVocabulary(10_000);
    const wordIndex = buildWordVectorIndex(vocabulary, unitVector, { minWords: 0 });
    const searched = new WordNeighbours(vocabulary, unitVector, wordIndex);
    const scanned = new WordNeighbours(vocabulary, unitVector);
    let expected = 0;
    let missed = 0;
    for (const word of words.filter((_, position) => position % 25 === 0)) {
      const found = new Set(searched.of(word).ranked.map((match) => match.word));
      const wanted = scanned.of(word).ranked;
      expected += wanted.length;
      missed += wanted.filter((match) => !found.has(match.word)).length;
    }
    expect(expected).toBeGreaterThan(2000);
    expect(missed / expected).toBeLessThan(0.005);
  });
});

/**
 * Words in clusters of 25 around random centres in 100 dimensions, spread so that a word's cosine with its cluster
 * mates straddles SOFT_MATCH_MIN (about 0.6 on average) and with other words stays near 0, like GloVe's near words.
 */
function clusteredVocabulary(size: number): { vocabulary: CorpusVocabulary; unitVector: UnitVectorOf; words: string[] } {
  let seed = 42;
  const uniform = () => {
    seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) >>> 0;
    return (seed + 0.5) / 2 ** 32;
  };
  const gaussian = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  const dimensions = 100;
  const vectors = new Map<string, Float32Array>();
  const words: string[] = [];
  let centre: number[] = [];
  for (let position = 0; position < size; position++) {
    if (position % 25 === 0) centre = Array.from({ length: dimensions }, gaussian);
    // Four letters after "q": no stopword among them and no two sharing a root, so only vectors make neighbours.
    const word = `q${position.toString(26).padStart(4, '0').replace(/./g, (digit) => String.fromCharCode(97 + parseInt(digit, 26)))}`;
    const vector = Float32Array.from(centre, (value) => value + 0.8 * gaussian());
    const norm = Math.hypot(...vector);
    vectors.set(word, vector.map((value) => value / norm));
    words.push(word);
  }
  return { vocabulary: CorpusVocabulary.count([words.join(' ')], []), unitVector: (word) => vectors.get(word) ?? null, words };
}
