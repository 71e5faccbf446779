import { describe, expect, it } from 'vitest';
import { createSpellingCorrector, editDistance } from '../../src/retrieve/correct-spelling.ts';

// Ranks as GloVe has them: common words are low, typos and rare spellings high or absent (-1).
const RANKS: Record<string, number> = { many: 101, bugs: 11_751, goverment: 36_499, asad: 33_523, supplied: 6_172, hezbolla: -1, lavorv: -1, wassad: -1, lvarovich: -1 };
const corrector = createSpellingCorrector(
  ['The Syrian government and Hezbollah met Lavrov.', 'Assad’s forces may stay; bags of supplies arrived.'],
  { rank: (word) => RANKS[word] ?? 500 },
);

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
  it('puts rare or unknown misspellings in the articles’ spelling, keeping case and possessives', () => {
    expect(corrector.correct("did asad's goverment talk to Hezbolla and Lavorv?")).toBe("did assad's government talk to Hezbollah and Lavrov?");
  });

  it('leaves common English words, words the articles use, short words and numbers alone', () => {
    expect(corrector.correct('How many bugs supplied the Syrian government in 2018?')).toBe('How many bugs supplied the Syrian government in 2018?');
    expect(corrector.correct('Did they meet?')).toBe('Did they meet?');
  });

  it('needs the same first letter and a close enough word', () => {
    expect(corrector.correct('Was Wassad there?')).toBe('Was Wassad there?');
    expect(corrector.correct('What about Lvarovich?')).toBe('What about Lvarovich?');
  });
});
