import { describe, expect, it } from 'vitest';
import { evidenceTerms } from '../../src/answer/evidence.ts';
import { vectorsAt } from '../helpers/angle-vectors.ts';
import { scorerOver } from '../helpers/scorer-over.ts';

// cos(0.4) = 0.921 (a near-synonym), cos(0.9) = 0.622 (barely related), cos(-1) = 0.54 (unrelated).
// Countries sit close together in word-vector space (Russia/Ukraine 0.86 in GloVe); here Ukraine is Moscow's nearest.
const vectors = vectorsAt({ truce: 0, ceasefire: 0.4, pause: 0.9, banana: -1, moscow: 2, ukraine: 2.05, kremlin: 2.2, envoy: 3, emissary: 3.2 });
const corpus = [
  'The ceasefire held for a week, officials said.',
  'A pause in the fighting; banana exports fell.',
  'Russian officials met in Moscow, and an envoy in Moscow agreed.',
  'A fellow of the Institute for National Security Studies spoke.',
];

describe('EvidenceScorer', () => {
  const scorer = scorerOver(corpus, vectors, ['The Emissary Gazette']);
  const credit = (question: string, evidence: string) => scorer.coverage(scorer.terms(question), evidenceTerms(evidence)).score;

  it('gives full credit to the same stem and high credit to a near-synonym', () => {
    expect(credit('ceasefires', 'The ceasefire held.')).toBe(1);
    expect(credit('truce', 'The ceasefire held.')).toBeCloseTo((Math.cos(0.4) - 0.5) / 0.45, 4);
  });

  it('gives little credit to a barely related word and none to an unrelated one', () => {
    expect(credit('truce', 'A pause in the fighting.')).toBeCloseTo((Math.cos(0.9) - 0.5) / 0.45, 4);
    expect(credit('truce', 'banana exports fell')).toBe(0);
  });

  it('prefers the best neighbour the evidence contains, whichever side is scanned', () => {
    expect(credit('truce', 'A pause, then a ceasefire.')).toBeCloseTo((Math.cos(0.4) - 0.5) / 0.45, 4);
    const manyWords = 'ceasefire ' + Array.from({ length: 40 }, (_, n) => `filler${n}`).join(' ');
    expect(credit('truce', manyWords)).toBeCloseTo((Math.cos(0.4) - 0.5) / 0.45, 4);
  });

  it('treats a country and its adjective as one subject', () => {
    expect(credit('Russia', 'Russian officials met.')).toBeCloseTo(0.9, 5);
  });

  it('finds soft matches among metadata words too', () => {
    expect(credit('emissary', 'An envoy met.')).toBeGreaterThan(0.9);
    expect(credit('envoy', 'The Emissary Gazette')).toBeGreaterThan(0.9);
  });

  it('matches a country by its capital, demonym or seat of government, and never by a neighbouring country', () => {
    expect(credit('Kremlin', 'Officials in Moscow met.')).toBeCloseTo(0.9, 5);
    expect(credit('Moscow', 'The Kremlin said.')).toBeCloseTo(0.9, 5);
    expect(credit('Turkey', 'Turkish officials met.')).toBeCloseTo(0.9, 5);
    expect(credit('Ukraine', 'Officials in Moscow met.')).toBe(0);
    // A people's adjective is not one place of their country: related, but not the name.
    expect(credit('Who shelled Damascus?', 'Syrian rebels shelled Aleppo.')).toBeLessThan(1);
    expect(scorer.coverage(scorer.terms('Who shelled Damascus?'), evidenceTerms('Syrian rebels shelled Aleppo.')).missingNames.map((term) => term.word)).toEqual(['damascus']);
    expect(scorer.coverage(scorer.terms('What did the Kremlin say?'), evidenceTerms('Russian bloggers said so.')).missingNames.map((term) => term.word)).toEqual(['kremlin']);
    expect(scorer.coverage(scorer.terms('What did the Kremlin say?'), evidenceTerms('Moscow said so.')).missingNames).toEqual([]);
    expect(credit('American', 'US forces left.')).toBeCloseTo(0.9, 5);
    expect(credit('What did the US say?', 'Washington said.')).toBeCloseTo(0.9, 5);
    expect(credit('What did the US say?', 'They told us.')).toBe(0);
    const terms = scorer.terms('What did Ukraine say?');
    expect(terms[0]?.isName).toBe(true);
    expect(scorer.coverage(terms, evidenceTerms('Officials in Moscow met.')).missingNames.map((term) => term.word)).toEqual(['ukraine']);
    // Lowercase, a word that is also a capital is just a word: "male" is not Malé, the Maldives.
    expect(scorer.terms('Were the male soldiers Russian?').find((term) => term.word === 'male')).toMatchObject({ isName: false });
    expect(scorer.terms('Were the male soldiers Russian?').find((term) => term.word === 'male')?.country).toBeUndefined();
    // The articles never say "Kremlin", but they name Russia, so the Kremlin is not unknown to them; Ukraine is.
    const [kremlin] = scorer.terms('Kremlin');
    const [ukraine] = scorer.terms('Ukraine');
    expect([scorer.isKnown('kremlin'), kremlin && scorer.knowsTerm(kremlin), ukraine && scorer.knowsTerm(ukraine)]).toEqual([false, true, false]);
  });

  it('tells a country by any of its names from a person', () => {
    for (const word of ['Moscow', 'Syria', 'Iranians', 'Kremlin', 'Turkish']) expect(scorer.namesCountry(word), word).toBe(true);
    for (const word of ['Lavrov', 'Bogdanov', 'Hezbollah']) expect(scorer.namesCountry(word), word).toBe(false);
  });

  it('matches an initialism written in capitals with the name a passage spells out, and knows it from the corpus', () => {
    expect(credit('What did the INSS say?', 'A fellow of the Institute for National Security Studies spoke.')).toBe(1);
    expect(credit('What did the INSS say?', 'A fellow of the institute spoke.')).toBe(0);
    const [inss] = scorer.terms('What did the INSS say?');
    expect([scorer.isKnown('inss'), inss && scorer.knowsTerm(inss)]).toEqual([false, true]);
    // Initials are not words: a lowercase "war" is not "Warns Assad Regime", and they leave the word's rarity alone.
    expect(credit('is the war over', 'Russia Warns Assad Regime Over Chemical Attack')).toBeLessThan(0.5);
    expect(credit('What did the WAR say?', 'Russia Warns Assad Regime Over Chemical Attack')).toBe(1);
  });

  it('reports a name the evidence does not match closely enough', () => {
    const terms = scorer.terms('What did the Ministry in Moscow say?');
    expect(scorer.coverage(terms, evidenceTerms('The ministry met.')).missingNames.map((term) => term.word)).toEqual(['moscow']);
    expect(scorer.coverage(terms, evidenceTerms('The ministry in Moscow met.')).missingNames).toEqual([]);
  });

  it('checks a full name by its surname, which is how articles name a person after the first mention', () => {
    const envoy = scorerOver(['Officials said the envoy Mikhail Bogdanov would travel. Bogdanov spoke to Alaraby TV.'], vectors);
    const surnameOnly = evidenceTerms('Bogdanov’s statements to Alaraby TV highlighted the process.');
    for (const question of ['What did Mikhail Bogdanov tell Alaraby TV?']) {
      const terms = envoy.terms(question);
      expect(envoy.coverage(terms, surnameOnly).missingNames, question).toEqual([]);
      // The surname is still required, and the given name still counts towards coverage.
      expect(envoy.coverage(terms, evidenceTerms('Mikhail spoke to Alaraby TV.')).missingNames.map((term) => term.word), question).toEqual(['bogdanov']);
      expect(envoy.coverage(terms, surnameOnly).score, question).toBeLessThan(1);
    }
    // A capitalised word before an ordinary word is a name of its own, and so is a given name the articles never use.
    expect(envoy.terms('Did Moscow envoys speak?').find((term) => term.word === 'moscow')?.isName).toBe(true);
    expect(envoy.terms('What did Emine Bogdanov say?').find((term) => term.word === 'emine')?.isName).toBe(true);
  });

  it('treats a word the articles always capitalise as a name even when the question is lowercase', () => {
    const terms = scorer.terms('what did moscow officials say');
    expect(terms.find((term) => term.word === 'moscow')?.isName).toBe(true);
    expect(terms.find((term) => term.word === 'officials')?.isName).toBe(false);
  });

  it('takes only the capitalised part of a hyphenated word for a name', () => {
    const terms = scorer.terms('What did civilians get under the Russian-brokered deals with Al-Souria?');
    const isName = (word: string) => terms.find((term) => term.word === word)?.isName;
    expect([isName('russian'), isName('brokered'), isName('al'), isName('souria')]).toEqual([true, false, true, true]);
  });

  it('discounts the one word of an open question the articles have no word for, when it has enough known words', () => {
    const weightOf = (terms: { word: string; weight: number }[], word: string) => terms.find((term) => term.word === word)?.weight ?? Number.NaN;
    const full = scorer.terms('why are officials in moscow at odds');
    const discounted = scorer.discountUnmatchable(full);
    expect(weightOf(discounted, 'odds')).toBeCloseTo(weightOf(full, 'odds') * 0.3, 6);
    expect(weightOf(discounted, 'moscow')).toBe(weightOf(full, 'moscow'));
    // Two such words, a single known word, or a word with a near word in the articles (truce ~ ceasefire): full weight.
    expect(scorer.discountUnmatchable(scorer.terms('officials in moscow, hummus recipes'))).toEqual(scorer.terms('officials in moscow, hummus recipes'));
    expect(scorer.discountUnmatchable(scorer.terms('moscow at odds'))).toEqual(scorer.terms('moscow at odds'));
    expect(scorer.discountUnmatchable(scorer.terms('officials in moscow on a truce'))).toEqual(scorer.terms('officials in moscow on a truce'));
  });

  it('weighs rare terms above common ones', () => {
    expect(scorer.weight('banana')).toBeGreaterThan(scorer.weight('offici'));
    expect(scorer.weight('neverseen')).toBeGreaterThan(scorer.weight('banana'));
  });
});
