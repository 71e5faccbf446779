import { describe, expect, it } from 'vitest';
import { createPlainVerbs, withPlainVerbs } from '../../src/retrieve/phrasal-verbs.ts';
import { evidenceTerms } from '../../src/answer/evidence.ts';
import { doesNotStateEvent } from '../../src/answer/intended-events.ts';
import { normalizeTerm } from '../../src/index/lexical-index.ts';

describe('withPlainVerbs', () => {
  it('puts a phrasal verb as its plain verb, in the same form, with its object kept', () => {
    expect(withPlainVerbs('did moscow promise the rebels anything about getting rid of assad')).toBe('did moscow promise the rebels anything about removing assad');
    expect(withPlainVerbs('Did Turkey pull its troops out of Syria?')).toBe('Did Turkey withdraw its troops from Syria?');
    expect(withPlainVerbs('why wont the groups moscow reached out to go along with its deal')).toBe('why wont the groups moscow contacted accept its deal');
    expect(withPlainVerbs('They turned the offer down.')).toBe('They rejected the offer.');
    expect(withPlainVerbs('Who took over Aleppo?')).toBe('Who seized Aleppo?');
  });

  it('gives a participle after has/was, so a has/was question still asks about an event', () => {
    expect(withPlainVerbs('has Hezbollah actually pulled its fighters out from around Homs?')).toBe('has Hezbollah actually withdrawn its fighters from around Homs?');
    expect(withPlainVerbs('Has Russia set up a base?')).toBe('Has Russia established a base?');
    expect(withPlainVerbs('Were the talks called off?')).toBe('Were the talks cancelled?');
    expect(withPlainVerbs('Russia set up a base.')).toBe('Russia establish a base.');
  });

  it('leaves a verb alone when its particle does not follow it, or follows a longer object or a preposition', () => {
    expect(withPlainVerbs('Did Russia take part in talks over Idlib?')).toBe('Did Russia take part in talks over Idlib?');
    expect(withPlainVerbs('They kicked all of their troops out')).toBe('They kicked all of their troops out');
    expect(withPlainVerbs('Who pulled the strings?')).toBe('Who pulled the strings?');
    expect(withPlainVerbs('Pull Out of Syria')).toBe('Withdraw from Syria');
  });
});

describe('createPlainVerbs', () => {
  it('rewrites only where the articles use the plain verb, so their own phrasal verbs still match', () => {
    const usesWithdraw = createPlainVerbs((word) => word === 'withdraw');
    expect(usesWithdraw('Did Turkey pull out?')).toBe('Did Turkey withdraw?');
    expect(usesWithdraw('Why is Moscow speeding up its push?')).toBe('Why is Moscow speeding up its push?');
  });
});

describe('an article\'s phrasal verbs', () => {
  it('offer the plain verb beside their own words, so a question put in the plain verb still matches them', () => {
    const pulled = evidenceTerms('Turkey pulled its troops out of Afrin on Tuesday.');
    expect(pulled.stems.has(normalizeTerm('withdrew') as string)).toBe(true);
    expect(pulled.stems.has(normalizeTerm('pulled') as string)).toBe(true);
    expect(evidenceTerms('Officials set up a committee.').stems.has(normalizeTerm('establish') as string)).toBe(true);
    expect(doesNotStateEvent('Turkey pulled its troops out of Afrin on Tuesday.', 'withdraw')).toBe(false);
    expect(doesNotStateEvent('Officials set up a committee to monitor the truce.', 'establish')).toBe(false);
  });
});
