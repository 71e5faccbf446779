import { describe, expect, it } from 'vitest';
import type { Country } from 'world-countries';
import { CountryNames, loadCountryNames, spellOutCountryAbbreviations, standsFor } from '../../src/answer/country-names.ts';

/** Just the fields CountryNames reads. */
const country = (cca2: string, common: string, official: string, capital: string[], demonym: string, altSpellings: string[], independent = true): Country =>
  ({ cca2, independent, name: { common, official, native: {} }, capital, altSpellings, demonyms: { eng: { f: demonym, m: demonym } } }) as unknown as Country;

describe('CountryNames', () => {
  const names = CountryNames.fromCountries([
    country('TR', 'Türkiye', 'Republic of Türkiye', ['Ankara'], 'Turkish', ['TR', 'Turkiye', 'Republic of Turkey']),
    country('US', 'United States', 'United States of America', ['Washington D.C.'], 'American', ['US', 'USA']),
    country('AS', 'American Samoa', 'American Samoa', ['Pago Pago'], 'American Samoan', ['AS'], false),
    country('UM', 'United States Minor Outlying Islands', 'United States Minor Outlying Islands', [], 'American', ['UM'], false),
    country('CG', 'Republic of the Congo', 'Republic of the Congo', ['Brazzaville'], 'Congolese', ['CG', 'Congo-Brazzaville']),
    country('CD', 'DR Congo', 'Democratic Republic of the Congo', ['Kinshasa'], 'Congolese', ['CD', 'DRC', 'Congo-Kinshasa']),
  ]);

  it('knows a country by its name, folded spelling, capital, demonym and the name in its official form', () => {
    // "Türkiye" folds to "turkiye"; "Turkey" comes from "Republic of Turkey".
    expect(['turkiye', 'turkey', 'ankara', 'turkish'].map((word) => names.countryOf(word)?.code)).toEqual(['TR', 'TR', 'TR', 'TR']);
    expect([...names.namesOf('TR')].sort()).toEqual(['ankara', 'turkey', 'turkish', 'turkiye']);
    expect(names.countryOf('washington')).toEqual({ code: 'US', kind: 'capital' });
    expect(names.countryOf('american')).toEqual({ code: 'US', kind: 'demonym' });
    expect(names.countryOf('turkey')).toEqual({ code: 'TR', kind: 'country' });
  });

  it('gives a word shared with a territory to the independent country', () => {
    expect(names.countryOf('americans')?.code).toBe('US');
  });

  it('leaves out two-letter codes, which are ordinary words once lowercased, and words naming two countries', () => {
    expect(names.countryOf('us')).toBeNull();
    expect(names.countryOf('usa')?.code).toBe('US');
    expect(names.countryOf('congo')).toBeNull();
    expect(names.countryOf('congolese')).toBeNull();
    expect(names.countryOf('kinshasa')?.code).toBe('CD');
  });

  it('reads the world-countries data: Moscow, the Kremlin and Russians are Russia; Kyiv is not', () => {
    const world = loadCountryNames();
    expect(['russia', 'moscow', 'kremlin', 'russian'].map((word) => world.countryOf(word))).toEqual([
      { code: 'RU', kind: 'country' },
      { code: 'RU', kind: 'capital' },
      { code: 'RU', kind: 'seat' },
      { code: 'RU', kind: 'demonym' },
    ]);
    expect(world.countryOf('kyiv')?.code).toBe('UA');
    expect(world.countryOf('turkey')?.code).toBe('TR');
    // Words, not stems: the Emirates are not the title "emir", nor France the "franc".
    expect([world.countryOf('emirates')?.code, world.countryOf('emir'), world.countryOf('franc')]).toEqual(['AE', null, null]);
    // A government's "Abode of Peace" is not a country's name; its "Kingdom of X" would be.
    expect(world.countryOf('peace')).toBeNull();
  });

  it('reads "US" and "UK" in capitals as the countries, and leaves the pronoun, the USSR and all-capitals text alone', () => {
    expect(spellOutCountryAbbreviations('US forces and U.S. aid reached the UK.')).toBe('USA forces and USA aid reached the Britain.');
    expect(spellOutCountryAbbreviations('they told us')).toBe('they told us');
    expect(spellOutCountryAbbreviations('The U.S.S.R. and the USSR fell; the US. did not')).toBe('The U.S.S.R. and the USSR fell; the USA. did not');
    expect(spellOutCountryAbbreviations('THEY TOLD US.')).toBe('THEY TOLD US.');
  });

  it('lets a people stand for their country, and the country, its capital and its seat for each other, but not a people for a place', () => {
    expect(standsFor('country', 'demonym')).toBe(true);
    expect(standsFor('demonym', 'country')).toBe(true);
    expect(standsFor('capital', 'country')).toBe(true);
    expect(standsFor('seat', 'capital')).toBe(true);
    expect(standsFor('capital', 'demonym')).toBe(false);
    expect(standsFor('seat', 'demonym')).toBe(false);
    expect(standsFor('demonym', 'capital')).toBe(false);
  });
});
