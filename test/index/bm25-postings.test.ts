import { describe, expect, it } from 'vitest';
import { Bm25Postings } from '../../src/index/bm25-postings.ts';

/** One field per passage; its length is its number of terms. */
function single(...passages: string[][]): Bm25Postings {
  return Bm25Postings.build(passages.map((terms) => ({ fields: [{ terms, length: terms.length }] })), [1]);
}
const weights = (...terms: string[]) => new Map(terms.map((term) => [term, 1]));

describe('Bm25Postings', () => {
  it('scores BM25+: repeats saturate, long passages weigh less, rare terms more', () => {
    const postings = single(['syria', 'syria', 'base'], ['syria', 'base', 'port', 'navy', 'ship', 'sea', 'deal', 'year'], ['iran', 'base'], ['other']);
    const hits = postings.search(weights('syria'), 10);
    expect(hits.map((hit) => hit.index)).toEqual([0, 1]);
    // idf = ln(1 + (4 - 2 + 0.5) / (2 + 0.5)); average length 3.5; k1 1.2, b 0.7, δ 0.5.
    const idf = Math.log(1 + 2.5 / 2.5);
    const expected = idf * (0.5 + (2 * 2.2) / (2 + 1.2 * (1 - 0.7 + (0.7 * 3) / 3.5)));
    expect(hits[0]?.score).toBeCloseTo(expected, 10);
    // "iran" is in one passage, "base" in three: the rare word decides.
    expect(postings.search(weights('iran', 'base'), 1)[0]?.index).toBe(2);
  });

  it('multiplies by the number of distinct query terms a passage matches', () => {
    const postings = single(['russia', 'russia', 'russia'], ['russia', 'turkey', 'talks', 'filler', 'filler', 'filler']);
    const [first, second] = postings.search(weights('russia', 'turkey'), 2);
    expect(first?.index).toBe(1);
    expect(second?.index).toBe(0);
  });

  it('weights terms, keeps only the best `limit`, and leaves no state behind between queries', () => {
    const postings = single(['moscow'], ['kremlin'], ['moscow', 'kremlin']);
    expect(postings.search(new Map([['moscow', 1], ['kremlin', 0.3]]), 2).map((hit) => hit.index)).toEqual([2, 0]);
    expect(postings.search(new Map([['moscow', 1], ['kremlin', 0.3]]), 0)).toEqual([]);
    const again = postings.search(weights('kremlin'), 3);
    expect(again.map((hit) => hit.index)).toEqual([1, 2]);
    expect(again[0]?.score).toBeGreaterThan(again[1]?.score as number);
    expect(postings.search(weights('absent'), 3)).toEqual([]);
  });

  it('adds up fields by their boosts', () => {
    const postings = Bm25Postings.build(
      [
        { fields: [{ terms: ['ankara'], length: 1 }, { terms: ['talks'], length: 1 }] },
        { fields: [{ terms: ['talks'], length: 1 }, { terms: ['ankara'], length: 1 }] },
      ],
      [0.3, 1],
    );
    // Both mention "ankara" once; the one with it in the heavier field ranks first.
    expect(postings.search(weights('ankara'), 2).map((hit) => hit.index)).toEqual([1, 0]);
  });
});
