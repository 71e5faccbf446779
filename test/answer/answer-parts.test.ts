import { describe, expect, it } from 'vitest';
import { attributeAsked, expectedAnswerType, offersAnswerType, relationAsked } from '../../src/answer/answer-type.ts';
import { checkCitations, supportOf } from '../../src/answer/check-citations.ts';
import { composeAnswer } from '../../src/answer/compose-answer.ts';
import { scorerOver } from '../helpers/scorer-over.ts';
import { splitAnswerText, splitSentences } from '../../src/answer/split-sentences.ts';
import type { Passage, ScoredPassage } from '../../src/types.ts';

const noVectors = () => null;
const corpus = [
  'Moscow has enlarged its naval base at Tartous and set up an airfield at Hmeimim Airbase.',
  'The conflict has killed over 500,000 people, including a large number of civilians.',
  'Hezbollah has thus far refused to comply with the Russian demand.',
];
const scorer = scorerOver(corpus, noVectors);
const passage = (id: string, text: string, date: string | null = null): Passage => ({ id: `${id}#0`, docId: id, ordinal: 0, start: 10, end: 10 + text.length, text, title: `Title ${id}`, date, outlet: null });
const scored = (value: Passage, score = 0.5): ScoredPassage => ({ passage: value, score });

describe('answer types', () => {
  it('asks a number of "how many" questions and refuses sentences without one', () => {
    expect(expectedAnswerType('How many people has the conflict killed?')).toBe('number');
    expect(expectedAnswerType('When did the soldiers die?')).toBe('time');
    // Mid-question, "when" asks only before an auxiliary; before a subject it is a conjunction.
    expect(expectedAnswerType('hmeimim airbase when did russia open it')).toBe('time');
    expect(expectedAnswerType('What happened when Russia intervened?')).toBe('any');
    expect(expectedAnswerType('Who called for a mutual withdrawal?')).toBe('person');
    expect(expectedAnswerType('Why is Russia unhappy?')).toBe('any');
    expect(offersAnswerType('number', corpus[1] as string, 'How many died?')).toBe(true);
    expect(offersAnswerType('number', corpus[2] as string, 'How many died?')).toBe(false);
    expect(offersAnswerType('time', 'Hezbollah may refuse to comply.', 'When?')).toBe(false);
    expect(offersAnswerType('person', 'The minister called for it.', 'Who called for it?')).toBe(false);
    expect(offersAnswerType('person', 'Lavrov called for it.', 'Did Lavrov call for it?')).toBe(false);
    expect(offersAnswerType('person', 'The minister, Sergei Lavrov, called for it.', 'Who called for it?')).toBe(true);
  });
});

describe('answer types as people type questions', () => {
  it('does not take "one" for a count or "figure" for a number question', () => {
    expect(offersAnswerType('number', 'We are partnering, the source quoted one Russian soldier as saying.', 'How many troops?')).toBe(false);
    expect(expectedAnswerType('How does Hezbollah figure in the friction?')).toBe('any');
    expect(expectedAnswerType('Who counts as a terrorist?')).toBe('person');
  });

  it('asks a number of "what share of" and is not answered by a number the question gives', () => {
    const killed = 'The conflict has killed over 500,000 people, including a large number of civilians.';
    expect(expectedAnswerType('what share of the 500,000 people killed were civilians')).toBe('number');
    expect(offersAnswerType('number', killed, 'what share of the 500,000 people killed were civilians')).toBe(false);
    expect(offersAnswerType('number', killed, 'How many people has the war killed?')).toBe(true);
    expect(offersAnswerType('number', 'Of the 500000 killed, 200,000 were civilians.', 'what share of the 500,000 killed were civilians')).toBe(true);
    // A dateline's day is no count.
    expect(offersAnswerType('number', 'LISBON, March 11, 2024 – The alliance won the most seats.', 'How many seats did the alliance win?')).toBe(false);
    expect(offersAnswerType('number', 'On 3 May the alliance took 94 seats.', 'How many seats did the alliance win?')).toBe(true);
  });

  it('asks for people with describing words between "which" and the person noun, but not past a verb', () => {
    expect(expectedAnswerType('Which Syrian intelligence officers were named in the article?')).toBe('person');
    expect(expectedAnswerType('what russian diplomat met them')).toBe('person');
    expect(expectedAnswerType('What did Russian officials say?')).toBe('any');
    expect(expectedAnswerType('What kind of leaders are they?')).toBe('any');
    expect(expectedAnswerType('What angered Syrian intelligence officers?')).toBe('any');
    expect(expectedAnswerType('What worries Russian diplomats about Iran?')).toBe('any');
    expect(expectedAnswerType('What pressure on officials grew?')).toBe('any');
    // The first word of a list item is no name.
    expect(offersAnswerType('person', 'It included:\n— Regime forces would stop shooting.', 'Which Russian officials proposed the deal?', () => false)).toBe(false);
    // Named officers are people: a sentence whose only names are the question's own and a nationality is no answer.
    const officers = 'Which Syrian intelligence officers clashed with the Russian military police?';
    expect(offersAnswerType('person', 'The Syrian intelligence services clashed with the Russian military police.', officers, () => false)).toBe(false);
    expect(offersAnswerType('person', 'General Ali Mamlouk clashed with the Russian military police.', officers, () => false)).toBe(true);
  });

  it('treats every word of a lowercase question as already named', () => {
    expect(offersAnswerType('person', 'Khan Tuman was attacked.', 'who hit khan tuman')).toBe(false);
    expect(offersAnswerType('person', 'Khan Tuman was attacked by Nusra.', 'who hit khan tuman')).toBe(true);
  });

  it('does not answer "who" with a weekday or a bare nationality, but does with a nationality that acts', () => {
    expect(offersAnswerType('person', 'An article published on Friday by Russian newspaper Vzglyad warned.', 'Who wrote the Vzglyad article?')).toBe(false);
    expect(offersAnswerType('person', 'Moscow insisted on barring Iranian or pro-Iranian groups from reprisals.', 'Who did Moscow bar from reprisals?')).toBe(true);
    expect(offersAnswerType('person', 'Rouhani rejected the proposal.', 'Who rejected the proposal?')).toBe(true);
    expect(offersAnswerType('person', 'The Israelis rejected the proposal.', 'Who rejected the proposal?')).toBe(false);
  });

  it('does not answer a question after one person with a country, a capital or the outlet, but does answer "who" with them', () => {
    const placeOrOutlet = (word: string) => ['Moscow', 'Syria', 'Russia', 'Al-Souria', 'Net'].includes(word);
    const individual = 'What is the name of the Russian official who made the proposal?';
    expect(offersAnswerType('person', 'Moscow’s plan for Syria was proposed to the factions.', individual, placeOrOutlet)).toBe(false);
    expect(offersAnswerType('person', 'A commander told Al-Souria Net of the proposal.', individual, placeOrOutlet)).toBe(false);
    expect(offersAnswerType('person', 'Alexander Lavrentiev made the proposal in Moscow.', individual, placeOrOutlet)).toBe(true);
    expect(offersAnswerType('person', 'Russia’s envoy made the proposal.', 'Which envoy made the proposal?', placeOrOutlet)).toBe(false);
    expect(offersAnswerType('person', 'Russia made the proposal.', 'Who made the proposal?', placeOrOutlet)).toBe(true);
    // Writing is a person's deed: "Russian military police" does not say who wrote an article; a named reporter does.
    const writer = 'Who wrote the Vzglyad article about the intelligence services?';
    const vzglyad = 'An article by newspaper Vzglyad warned of a dispute between the intelligence services and the Russian military police.';
    expect(offersAnswerType('person', vzglyad, writer, (word) => word === 'Russian')).toBe(false);
    expect(offersAnswerType('person', vzglyad, 'Who warned of the dispute?', (word) => word === 'Russian')).toBe(true);
    expect(offersAnswerType('person', 'An article by Ivan Petrov in Vzglyad warned of a dispute.', writer, (word) => word === 'Russian')).toBe(true);
  });

  it('finds the asked attribute after contractions and lowercase nationalities', () => {
    expect(attributeAsked("what's the capital of australia")).toBe('capital');
    expect(attributeAsked('how many iranian troops are in northern syria')).toBe('troops');
  });
});

describe('attributeAsked', () => {
  it('finds what a "what is the X of Y" or "how many X" question asks for', () => {
    expect(attributeAsked('What is the population of Damascus?')).toBe('population');
    expect(attributeAsked("What was Erdogan's reply to Bogdanov's remarks?")).toBe('reply');
    expect(attributeAsked('When was the first round of the Astana talks held?')).toBe('round');
    expect(attributeAsked('How many drones has Iran supplied to Russia?')).toBe('drones');
    expect(attributeAsked('how many Russian soldiers died?')).toBe('soldiers');
    expect(attributeAsked('What is Russia proposing on the Turkish border?')).toBeNull();
    expect(attributeAsked('Why is Russia unhappy?')).toBeNull();
  });
});

describe('sentences', () => {
  it('keeps document offsets and drops headings', () => {
    const value = passage('a', 'Russian Maneuver\n\nMoscow has enlarged its naval base at Tartous. It set up an airfield at Hmeimim Airbase.');
    const sentences = splitSentences(value, 0);
    expect(sentences.map((sentence) => sentence.text)).toEqual(['Moscow has enlarged its naval base at Tartous.', 'It set up an airfield at Hmeimim Airbase.']);
    for (const sentence of sentences) expect(value.text.slice(sentence.start - value.start, sentence.end - value.start)).toBe(sentence.text);
  });
  it('keeps a short sentence of prose, not a short heading or byline', () => {
    const value = passage('a', 'Markets Stay Calm\n\nBy Anna Costa.\n\nFinancial markets reacted calmly. The yield on the bond rose just 3 basis points.');
    expect(splitSentences(value, 0).map((sentence) => sentence.text)).toEqual(['Financial markets reacted calmly.', 'The yield on the bond rose just 3 basis points.']);
  });
  it('does not end a sentence at an abbreviation before a name or a number', () => {
    const value = passage('a', 'ROTTERDAM, Netherlands, Oct. 14 (AP) — Dockworkers walked out, stranding 40 ships. Gov. Leite said the port would reopen on Nov. 2.');
    expect(splitSentences(value, 0).map((sentence) => sentence.text)).toEqual([
      'ROTTERDAM, Netherlands, Oct. 14 (AP) — Dockworkers walked out, stranding 40 ships.',
      'Gov. Leite said the port would reopen on Nov. 2.',
    ]);
    expect(offersAnswerType('number', 'ROTTERDAM, Netherlands, Oct. 14 (AP) — Dockworkers walked out, stranding container ships.', 'How many ships are stranded?')).toBe(false);
    expect(offersAnswerType('time', 'The talks began on Oct. 14 in Geneva.', 'When did the talks begin?')).toBe(true);
    // Other sentences after such an abbreviation stand alone.
    const apart = passage('b', 'The delegation flew in from the U.S. The next day it met the minister at home. Police said No. They left.');
    expect(splitSentences(apart, 0).map((sentence) => sentence.text)).toEqual(['The delegation flew in from the U.S.', 'The next day it met the minister at home.']);
  });
  it('keeps citation markers with the sentence they follow', () => {
    expect(splitAnswerText('Russia enlarged Tartous. [1] Hezbollah refused [2].')).toEqual(['Russia enlarged Tartous. [1]', 'Hezbollah refused [2].']);
    expect(splitAnswerText('Russia enlarged Tartous. [1, 2] Hezbollah refused [2,3].')).toEqual(['Russia enlarged Tartous. [1, 2]', 'Hezbollah refused [2,3].']);
  });
});

describe('citation check', () => {
  it('scores support by covered terms and punishes a number the quote lacks', () => {
    expect(supportOf('Moscow enlarged its naval base at Tartous.', corpus[0] as string, scorer)).toBeGreaterThan(0.9);
    expect(supportOf('The conflict has killed over 600,000 people.', corpus[1] as string, scorer)).toBeLessThan(0.5);
    expect(supportOf('Hezbollah refused to comply.', corpus[0] as string, scorer)).toBeLessThan(0.3);
  });

  it('reads the digits of a [1, 2] marker as citations, not as figures the quote lacks', () => {
    const plain = supportOf('Moscow enlarged its naval base at Tartous.', corpus[0] as string, scorer);
    for (const marked of ['Moscow enlarged its naval base at Tartous [1, 2].', 'Moscow enlarged its naval base at Tartous [1,2].']) {
      expect(supportOf(marked, corpus[0] as string, scorer), marked).toBeCloseTo(plain, 6);
    }
    const passages = [scored(passage('a', corpus[0] as string)), scored(passage('b', corpus[2] as string))];
    const result = checkCitations([{ text: 'Moscow enlarged its naval base at Tartous [1, 2].', cited: [1, 2] }], passages, scorer, 0.5);
    expect(result.claims.map((claim) => claim.text)).toEqual(['Moscow enlarged its naval base at Tartous.']);
    expect(result.claims[0]?.quotes.map((quote) => quote.passage.docId)).toEqual(['a']);
    expect(result.removedCitations).toBe(1);
  });

  it('removes a wrong citation, re-attributes a true claim, and drops an unsupported one', () => {
    const passages = [scored(passage('a', corpus[0] as string)), scored(passage('b', corpus[2] as string))];
    const result = checkCitations(
      [
        { text: 'Moscow enlarged its naval base at Tartous [1].', cited: [1] },
        { text: 'Hezbollah refused to comply [1].', cited: [1] },
        { text: 'China condemned the strikes in Idlib [2].', cited: [2] },
      ],
      passages,
      scorer,
      0.5,
    );
    expect(result.claims.map((claim) => claim.text)).toEqual(['Moscow enlarged its naval base at Tartous.', 'Hezbollah refused to comply.']);
    expect(result.claims[1]?.quotes[0]?.passage.docId).toBe('b');
    expect(result.droppedSentences).toBe(1);
    expect(result.removedCitations).toBe(2);
  });
});

describe('composeAnswer', () => {
  it('numbers quotes once and dates claims when sources span years', () => {
    const old = passage('old', 'Iran and Russia split over Syria policy in a report.', '2016-06-26');
    const recent = passage('new', 'A major rift has developed between Russia and Iran.', '2018-06-08');
    const quote = (value: Passage) => ({ passage: value, start: value.start, end: value.end, text: value.text, score: 0.4 });
    const answer = composeAnswer(
      [
        { text: old.text, quotes: [quote(old)], support: 1 },
        { text: recent.text, quotes: [quote(recent), quote(old)], support: 1 },
      ],
      'extractive',
      null,
    );
    expect(answer.citations.map((citation) => citation.n)).toEqual([1, 2]);
    expect(answer.sentences[1]?.citations).toEqual([2, 1]);
    expect(answer.answer).toBe(`(Reported June 26, 2016) ${old.text} [1] (Reported June 8, 2018) ${recent.text} [2][1]`);
  });

  it('dates a run of claims from one date once, and not a quote whose dateline gives its date', () => {
    const dateline = passage('old', 'WASHINGTON – June 26, 2016 – Iran and Russia split over Syria policy.', '2016-06-26');
    const recent = passage('new', 'A major rift has developed between Russia and Iran. Moscow wants Iran out.', '2018-06-08');
    const quote = (value: Passage, text: string) => ({ passage: value, start: value.text.indexOf(text), end: value.text.indexOf(text) + text.length, text, score: 0.4 });
    const claim = (value: Passage, text: string) => ({ text, quotes: [quote(value, text)], support: 1 });
    const answer = composeAnswer(
      [claim(dateline, dateline.text), claim(recent, 'A major rift has developed between Russia and Iran.'), claim(recent, 'Moscow wants Iran out.')],
      'extractive',
      null,
    );
    expect(answer.answer).toBe(`${dateline.text} [1] (Reported June 8, 2018) A major rift has developed between Russia and Iran. [2] Moscow wants Iran out. [3]`);
  });
});

describe('relationAsked', () => {
  it('finds what a "who did X" question says was done, and nothing for copulas and auxiliaries', () => {
    expect(relationAsked('who hit khan tuman')).toBe('hit');
    expect(relationAsked('And who wrote the Vzglyad article?')).toBe('wrote');
    expect(relationAsked('Who is Mikhail Bogdanov?')).toBeNull();
    expect(relationAsked('Who did Moscow bar from carrying out reprisals?')).toBeNull();
    expect(relationAsked('What did Russia pledge to the factions?')).toBeNull();
    // However the question opens, and past an adverb; never a preposition or a relative clause.
    expect(relationAsked('Tell me who hit Khan Tuman')).toBe('hit');
    expect(relationAsked('do you know which group shelled the convoy?')).toBe('shelled');
    expect(relationAsked('who allegedly hit it')).toBe('hit');
    expect(relationAsked('who among the groups hit it')).toBeNull();
    expect(relationAsked('How do Russian troops feel about the Iranians who back Assad?')).toBeNull();
  });
});
