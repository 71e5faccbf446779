import { describe, expect, it } from 'vitest';
import { initialisms } from '../../src/index/initialisms.ts';

describe('initialisms', () => {
  it('abbreviates a multi-word name without its function words or a sentence-opening "The"', () => {
    expect(initialisms('The Institute for National Security Studies said so.')).toContain('inss');
    expect(initialisms('The World Anti-Doping Agency appealed.')).toContain('wada');
    expect(initialisms('A Russian-brokered Deal Maker Group.')).not.toContain('rbdmg');
    expect(initialisms('according to the Syrian Observatory for Human Rights.')).toContain('sohr');
  });

  it('abbreviates every stretch of a longer run, from three to six letters', () => {
    const found = initialisms('soldiers of the Iranian Revolutionary Guard Corps Quds force');
    expect(found).toEqual(expect.arrayContaining(['irgc', 'irgcq', 'rgc']));
    expect(found.every((letters) => letters.length >= 3 && letters.length <= 6)).toBe(true);
  });

  it('gives nothing for single capitalised words or two-word names', () => {
    expect(initialisms('Moscow and Tehran met in Astana.')).toEqual([]);
    expect(initialisms('The United Nations met.')).toEqual([]);
  });
});
