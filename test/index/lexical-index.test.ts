import { describe, expect, it } from 'vitest';
import { LexicalIndex, normalizeWord } from '../../src/index/lexical-index.ts';
import type { Passage } from '../../src/types.ts';

const texts = [
  'Moscow expanded its naval base at Tartous last year.',
  'The ministry of economy reported a fall in trade between the regions.',
  'Officials in Ankara said the border crossing would stay closed.',
];
const passages: Passage[] = texts.map((text, ordinal) => ({ id: `doc#${ordinal}`, docId: 'doc', ordinal, start: 0, end: text.length, text, title: null, date: null, outlet: null }));
const index = LexicalIndex.build(passages);

describe('LexicalIndex', () => {
  it('finds passages by stemmed words and ignores function words', () => {
    expect(index.query('expanding the naval bases', 3)[0]?.index).toBe(0);
    expect(index.query('the of and', 3)).toEqual([]);
    expect(index.query("why won't they, and didn't we? doesn’t it", 3)).toEqual([]);
    expect(normalizeWord("they'd")).toBeNull();
    expect(normalizeWord('shed')).toBe('shed');
    expect(normalizeWord("we’ll")).toBeNull();
  });

  it('matches names with or without their accents', () => {
    const accented = LexicalIndex.build([{ ...(passages[0] as Passage), text: 'Erdoğan met officials in Türkiye and Bogotá.' }]);
    expect(accented.query('what did erdogan say', 1)).toHaveLength(1);
    expect(accented.query('Turkiye', 1)).toHaveLength(1);
    expect(index.query('Ankará', 3)[0]?.index).toBe(2);
    // Marks that are parts of letters in other scripts stay: stripping them would merge different words.
    expect(normalizeWord('हिन्दी')).toBe('हिन्दी');
    expect(normalizeWord('がん')).toBe('がん');
    expect(normalizeWord('Erdoğan’s')).toBe('erdogan');
  });

  it('looks for related words the question did not use, at a discount', () => {
    expect(index.query('what did the kremlin enlarge', 3)).toEqual([]);
    expect(index.query('what did the kremlin enlarge', 3, ['moscow'])[0]?.index).toBe(0);
    // The question's own word outranks a related word found elsewhere.
    expect(index.query('trade', 3, ['moscow']).map((hit) => hit.index)).toEqual([1, 0]);
  });
});

describe('LexicalIndex on disk', () => {
  it('answers the same after a serialize/deserialize round trip', () => {
    const loaded = LexicalIndex.deserialize(index.serialize());
    for (const question of ['naval base', 'border crossing closed', 'trade regions ministry']) {
      expect(loaded.query(question, 3)).toEqual(index.query(question, 3));
    }
  });

  it('rejects data that is not a lexical index, naming the problem', () => {
    const data = index.serialize();
    expect(() => LexicalIndex.deserialize(data.subarray(0, 2))).toThrow(/truncated/);
    expect(() => LexicalIndex.deserialize(data.subarray(0, data.length - 4))).toThrow(/wrong size/);
    expect(() => LexicalIndex.deserialize(Buffer.from('\u0011\u0000\u0000\u0000{"magic":"other"}   '))).toThrow(/unknown format/);
  });
});
