import { describe, expect, it } from 'vitest';
import type { WordLookup } from '../../src/embed/from-config.ts';
import { analyze } from '../../src/index/lexical-index.ts';
import { createSpellingCorrector, editDistance } from '../../src/retrieve/correct-spelling.ts';

// Ranks as GloVe has them: common words are low, rare ones high, typos it never saw absent (-1).
const RANKS: Record<string, number> = {
  many: 101, bugs: 11_751, supplied: 6_172, goverment: 36_499, asad: 33_523, hanan: 41_000, refute: 35_000,
  peple: 274_639, foriegn: 139_371, hezbolla: -1, lavorv: -1, wassad: -1, lvarovich: -1, syira: -1,
};
// Unit vectors on a circle: close angles mean close meanings (goverment ~ government; asad, hanan, refute far off).
const ANGLES: Record<string, number> = { peple: 3, people: 0, foriegn: 2.5, foreign: 0.5, goverment: 0, government: 0.3, asad: 2, assad: 0.5, hanan: 2.5, hakan: 1, refute: 1.5, refuse: 0.2 };
const words: WordLookup = {
  rank: (word) => RANKS[word] ?? 500,
  unitVector: (word) => (ANGLES[word] === undefined ? null : Float32Array.from([Math.cos(ANGLES[word]), Math.sin(ANGLES[word])])),
};
// Word counts as the evidence scorer collects them from the passages.
const counts = new Map<string, number>();
for (const text of ['Foreign people: the Syrian government and Hezbollah met Lavrov in Syria.', 'Assad’s forces may stay; bags of supplies arrived. Hakan Fidan will refuse.']) {
  for (const { word } of analyze(text)) counts.set(word, (counts.get(word) ?? 0) + 1);
}
const corrector = createSpellingCorrector(counts, words);

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and swapped neighbours as one edit each', () => {
    expect(editDistance('assad', 'asad', 2)).toBe(1);
    expect(editDistance('lavrov', 'lavorv', 2)).toBe(1);
    expect(editDistance('syria', 'syira', 2)).toBe(1);
    expect(editDistance('kitten', 'sitting', 5)).toBe(3);
    expect(editDistance('kitten', 'sitting', 1)).toBe(2);
  });
});

describe('spelling correction', () => {
  it('puts typos GloVe never saw, and rare lowercase misspellings close in meaning, in the articles’ spelling', () => {
    expect(corrector.correct("did the goverment talk to Hezbolla's and 'Lavorv' in syira?")).toBe("did the government talk to Hezbollah's and 'Lavrov' in syria?");
  });

  it('takes a lowercase word GloVe has seen only rarely for a typo, however far its vector lies', () => {
    expect(corrector.correct('how many peple met the foriegn minister?')).toBe('how many people met the foreign minister?');
    expect(corrector.correct('Did Peple meet him?')).toBe('Did Peple meet him?');
  });

  it('leaves common words, capitalised known words, far meanings, words the articles use and short words alone', () => {
    expect(corrector.correct('How many bugs supplied the Syrian government in 2018?')).toBe('How many bugs supplied the Syrian government in 2018?');
    expect(corrector.correct('What did Hanan say?')).toBe('What did Hanan say?');
    expect(corrector.correct("did asad's men refute it?")).toBe("did asad's men refute it?");
    expect(corrector.correct('Did they meet?')).toBe('Did they meet?');
  });

  it('needs the same first letter and a close enough word', () => {
    expect(corrector.correct('Was Wassad there?')).toBe('Was Wassad there?');
    expect(corrector.correct('What about Lvarovich?')).toBe('What about Lvarovich?');
  });
});
