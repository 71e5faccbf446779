import { describe, expect, it } from 'vitest';
import { scorerOver } from '../helpers/scorer-over.ts';
import { createExtractiveAnswerer } from '../../src/answer/extractive-answerer.ts';
import type { Passage, ScoredPassage } from '../../src/types.ts';

const TEXTS = {
  envoy:
    'Mikhail Bogdanov, the special envoy, emphasized the substantial work needed before a meeting between Erdogan and Assad. ' +
    'He noted the importance of negotiations, including border security and the Kurdish issue. The talks were held in Moscow.',
  expert:
    'Vera Michlin-Shapir said the split was expected. The Iranians are clear about the fact that they want Syria to remain one. ' +
    'They want Syria to go back to the pre-war situation, she added.',
  filler: 'Trade between the regions fell sharply last year, according to the ministry of economy.',
  source: 'An official who asked not to be named told Reuters that the truce was signed on the border.',
  offer: 'A commander said that an official proposed a deal to the residents of Rastan, which included:\n— Regime forces would stop shelling the town.\n— Prisoners would be freed.',
};
const scorer = scorerOver(Object.values(TEXTS), () => null);
const answerer = createExtractiveAnswerer(scorer);
/** One passage holding a whole text, as retrieval returns it. */
const scoredPassage = (id: string, text: string, score = 1): ScoredPassage => {
  const passage: Passage = { id: `${id}#0`, docId: id, ordinal: 0, start: 0, end: text.length, text, title: null, date: null, outlet: null };
  return { passage, score };
};
const passages: ScoredPassage[] = Object.entries(TEXTS).map(([id, text], rank) => scoredPassage(id, text, 1 / (1 + rank)));

describe('extractive answerer', () => {
  it('adds the sentence that goes on from the chosen one when it covers what the question asks', async () => {
    const answer = await answerer.answer('what does bogdanov say has to be negotiated before erdogan meets assad', passages, {});
    expect(answer.abstained).toBe(false);
    expect(answer.answer).toContain('emphasized the substantial work');
    expect(answer.answer).toContain('He noted the importance of negotiations, including border security');
    expect(answer.answer).not.toContain('The talks were held');
  });

  it('quotes the sentence a pronoun points back to, so the answer says who', async () => {
    const answer = await answerer.answer('What did the expert say about going back to the pre-war situation?', passages, {});
    expect(answer.abstained).toBe(false);
    const they = answer.answer.indexOf('They want Syria to go back');
    const antecedent = answer.answer.indexOf('The Iranians are clear');
    expect(they).toBeGreaterThan(-1);
    expect(antecedent).toBeGreaterThan(-1);
    expect(antecedent).toBeLessThan(they);
    expect(answer.citations.every((citation) => TEXTS.expert.slice(citation.start, citation.end) === citation.quote)).toBe(true);
  });

  it('answers "who did X" only with a sentence that says X was done', async () => {
    // The envoy's sentence covers every other word of the question and names a person, but criticised nothing.
    const criticized = await answerer.answer('Who criticized the substantial work needed before a meeting between Erdogan and Assad?', passages, {});
    expect(criticized.abstained).toBe(true);
    const emphasized = await answerer.answer('Who emphasized the work needed before a meeting between Erdogan and Assad?', passages, {});
    expect(emphasized.abstained).toBe(false);
    expect(emphasized.answer).toContain('Mikhail Bogdanov');
  });

  it('answers "what did X say" only with what a sentence attributes to X, also through "He noted"', async () => {
    // The envoy's sentences mention Erdogan and cover the question's other words, but the words are Bogdanov's.
    const erdogan = await answerer.answer('What did Erdogan say about the work needed before a meeting with Assad?', passages, {});
    expect(erdogan.abstained).toBe(true);
    expect(erdogan.answer).toBe("The indexed articles don't say: no passage attributes this to Erdogan.");
    const bogdanov = await answerer.answer('What did Bogdanov say about the work needed before a meeting between Erdogan and Assad?', passages, {});
    expect(bogdanov.abstained).toBe(false);
    expect(bogdanov.answer).toContain('emphasized the substantial work');
    const noted = await answerer.answer('What did Bogdanov say about negotiations on border security and the Kurdish issue?', passages, {});
    expect(noted.answer).toContain('He noted the importance of negotiations');
  });

  it('adds to a "why" answer the next sentence when it gives the cause ("This dissatisfaction stems from …")', async () => {
    const text =
      'Sources close to the ministry confirmed there is dissatisfaction within Russia regarding the regime. ' +
      'This dissatisfaction stems from the slow response to the initiative. Trade fell last year.';
    const own = createExtractiveAnswerer(scorerOver([text, TEXTS.filler], () => null));
    const why = await own.answer('Why is there dissatisfaction within Russia regarding the regime?', [scoredPassage('unhappy', text)], {});
    expect(why.answer).toContain('there is dissatisfaction within Russia');
    expect(why.answer).toContain('This dissatisfaction stems from the slow response');
    const whether = await own.answer('Is there dissatisfaction within Russia regarding the regime?', [scoredPassage('unhappy', text)], {});
    expect(whether.answer).toContain('there is dissatisfaction within Russia');
    expect(whether.answer).not.toContain('stems from');
  });

  it('does not answer whether something happened with a sentence that reports it only as supported', async () => {
    const supported = 'Russia supports expanding the scope of the Astana talks to economic zones.';
    const happened = 'In May the scope of the Astana talks was expanded to economic zones.';
    const own = createExtractiveAnswerer(scorerOver([supported, happened, TEXTS.filler], () => null));
    const onlySupported = await own.answer('Was the scope of the Astana talks expanded to economic zones?', [scoredPassage('a', supported)], {});
    expect(onlySupported.abstained).toBe(true);
    expect(onlySupported.answer).toContain('proposed, demanded, planned or possible');
    const stated = await own.answer('Was the scope of the Astana talks expanded to economic zones?', [scoredPassage('a', supported), scoredPassage('b', happened)], {});
    expect(stated.answer).toContain('In May the scope of the Astana talks was expanded');
    expect(stated.answer).not.toContain('supports expanding');
    // Asked about the support itself, the sentence answers.
    const support = await own.answer('Does Russia support expanding the scope of the Astana talks?', [scoredPassage('a', supported)], {});
    expect(support.answer).toContain('supports expanding');
  });

  it('does not answer a "did" or "why did" question with a sentence that reports the event only as demanded', async () => {
    const demanded = 'The regime demands a timetable for the withdrawal of Turkish forces from northern Syria.';
    const pressured = 'Russia pressured Turkey over its forces in northern Syria last year.';
    const happened = 'Turkish forces withdrew from northern Syria in March, as the regime had demanded.';
    const own = createExtractiveAnswerer(scorerOver([demanded, pressured, happened, TEXTS.filler], () => null));
    const yesNo = await own.answer('Did Turkey withdraw its forces from northern Syria?', [scoredPassage('a', demanded)], {});
    expect(yesNo.abstained).toBe(true);
    expect(yesNo.answer).toContain('proposed, demanded, planned or possible');
    // Nor does a sentence without the verb say whether it happened; it may say why, in other words.
    const whether = await own.answer('Did Turkey withdraw its forces from northern Syria?', [scoredPassage('b', pressured)], {});
    expect(whether.answer).toBe("The indexed articles don't say whether this happened: no passage states it.");
    // A "why" is answered near a mention of the event, which its cause need not repeat.
    const why = await own.answer('Why did Turkey withdraw its forces from northern Syria?', [scoredPassage('a', demanded), scoredPassage('b', `Turkey withdrew its forces in March. ${pressured}`)], {});
    expect(why.answer).toContain('Russia pressured Turkey');
    expect(why.answer).not.toContain('timetable');
    // Nor is it answered by a sentence far from any mention of the event, or next to one that only demands it.
    const unmentioned = await own.answer('Why did Turkey withdraw its forces from northern Syria?', [scoredPassage('b', pressured)], {});
    expect(unmentioned.answer).toBe("The indexed articles don't say: no passage states what the question takes for granted.");
    const afterDemand = await own.answer('Why did Turkey withdraw its forces from northern Syria?', [scoredPassage('b', `${demanded} ${pressured}`)], {});
    expect(afterDemand.abstained).toBe(true);
    const stated = await own.answer('Did Turkey withdraw its forces from northern Syria?', [scoredPassage('a', demanded), scoredPassage('c', happened)], {});
    expect(stated.answer).toContain('Turkish forces withdrew');
    expect(stated.answer).not.toContain('timetable');
  });

  it('answers whether something happened only with a sentence that states it of the asked actor, itself', async () => {
    const american = 'Turkey fears a Kurdish offensive exploiting an American withdrawal of forces from northern Syria.';
    const proposal = 'Russia proposed deploying military police on the Turkish border.';
    const border = 'The regime believes that opening crossings on the Turkish border would legitimise Turkish forces.';
    const attacked = 'Quds force soldiers were killed at Khan Tuman in early May. The town was attacked by rebel fighters during a truce.';
    const own = createExtractiveAnswerer(scorerOver([american, proposal, border, attacked, TEXTS.filler], () => null));
    // Another actor's event ("an American withdrawal") does not say that Turkey withdrew.
    const turkey = await own.answer('Did Turkey withdraw its forces from northern Syria?', [scoredPassage('a', american)], {});
    expect(turkey.abstained).toBe(true);
    const us = await own.answer('Did the Americans withdraw their forces from northern Syria?', [scoredPassage('a', american)], {});
    expect(us.answer).toContain('an American withdrawal');
    // A sentence that shares only the question's setting, with the event in the sentence before, does not answer.
    const deployed = await own.answer('Did Russia deploy military police on the Turkish border?', [scoredPassage('b', `${proposal} ${border}`)], {});
    expect(deployed.abstained).toBe(true);
    // Where the verb is only guessed ("send rescue teams" has no determiner), it must still not be another's.
    const sent = 'Uruguay and Argentina offered to send rescue teams. Brazil accepted the offer from Uruguay, which sent rescue teams by air.';
    const rescue = createExtractiveAnswerer(scorerOver([sent, TEXTS.filler], () => null));
    expect((await rescue.answer('Did Argentina send rescue teams?', [scoredPassage('d', sent)], {})).abstained).toBe(true);
    expect((await rescue.answer('Did Uruguay send rescue teams?', [scoredPassage('d', sent)], {})).answer).toContain('which sent rescue teams');
    // The names may stand in the sentence before ("The town" is Khan Tuman); the event's words may not.
    const town = await own.answer('Was Khan Tuman attacked?', [scoredPassage('c', attacked)], {});
    expect(town.answer).toContain('The town was attacked');
  });

  it("answers a question about an agreement or promise only with a sentence that words it as the asked actor's", async () => {
    const called = 'Lavrov called on Iran to withdraw Hezbollah from the countryside of Homs.';
    const agreed = 'Iran agreed to withdraw Hezbollah from the countryside of Homs because Russia insisted.';
    const own = createExtractiveAnswerer(scorerOver([called, agreed, TEXTS.filler], () => null));
    // A false premise: nobody is said to have agreed.
    const why = await own.answer('Why did Iran agree to withdraw Hezbollah from the countryside of Homs?', [scoredPassage('a', called)], {});
    expect(why.abstained).toBe(true);
    const stated = await own.answer('Why did Iran agree to withdraw Hezbollah from the countryside of Homs?', [scoredPassage('a', called), scoredPassage('b', agreed)], {});
    expect(stated.answer).toContain('Iran agreed to withdraw');
    expect(stated.answer).not.toContain('Lavrov');
  });

  it('answers "why did X V Y" only near a sentence about X and Y, not one where X did V to something else', async () => {
    const sale = 'Nordvik said it had cancelled the planned sale of its fibre network because buyers offered too little.';
    const own = createExtractiveAnswerer(scorerOver([sale, 'Nordvik kept its dividend at 4.50 crowns a share.', TEXTS.filler], () => null));
    const dividend = await own.answer('Why did Nordvik cancel its dividend?', [scoredPassage('a', sale)], {});
    expect(dividend.abstained).toBe(true);
    const network = await own.answer('Why did Nordvik cancel the sale of its fibre network?', [scoredPassage('a', sale)], {});
    expect(network.answer).toContain('buyers offered too little');
  });

  it('answers "what did the Nordvik CFO say" with what the Chief Financial Officer said, not an analyst', async () => {
    const text = 'Nordvik Telecom cut 2,300 jobs on Thursday. "We will not sell assets at a discount," Chief Financial Officer Ingrid Haugen said. Analyst Kari Nilsen said the sale of assets at Nordvik was overdue.';
    const own = createExtractiveAnswerer(scorerOver([text, TEXTS.filler], () => null));
    const cfo = await own.answer('What did the Nordvik CFO say about selling assets?', [scoredPassage('a', text)], {});
    expect(cfo.answer).toContain('We will not sell assets');
    expect(cfo.answer).not.toContain('Kari Nilsen');
    // The last name must be the speaker's: "Nigeria coach Okafor" is not "Nigeria coach Finidi George".
    const coach = 'Nigeria coach Finidi George said he would pick a replacement for the banned striker on Friday. Okafor was banned for nine months.';
    const sport = createExtractiveAnswerer(scorerOver([coach, TEXTS.filler], () => null));
    expect((await sport.answer('What did Nigeria coach Okafor say about a replacement?', [scoredPassage('b', coach)], {})).abstained).toBe(true);
    expect((await sport.answer('What did Nigeria coach George say about a replacement?', [scoredPassage('b', coach)], {})).answer).toContain('would pick a replacement');
  });

  it('does not put a much weaker sentence in the place of one the checks turned down', async () => {
    const provision = 'Iran’s provision of drones to Russia for the war angered Kyiv.';
    const fuel = 'Iran supplied fuel to Russia by sea.';
    const own = createExtractiveAnswerer(scorerOver([provision, fuel, TEXTS.filler], () => null));
    // The best sentence never says "supply", so it cannot confirm the premise; the one that does is about other things.
    const why = await own.answer('Why did Iran supply drones to Russia for the war?', [scoredPassage('a', provision), scoredPassage('b', fuel)], {});
    expect(why.abstained).toBe(true);
  });

  it('answers a follow-up that names nothing itself about what the conversation named', async () => {
    const killed = 'Quds force soldiers were killed at Khan Tuman in early May.';
    const own = createExtractiveAnswerer(scorerOver([killed, TEXTS.filler], () => null));
    const when = await own.answer('when did that happen? (context: Quds, soldiers, killed)', [scoredPassage('a', killed), scoredPassage('b', TEXTS.filler)], {});
    expect(when.abstained).toBe(false);
    expect(when.answer).toContain('in early May');
    // With words of its own, those must be answered, not just the conversation's.
    const who = await own.answer('and what about the trade? (context: Quds, soldiers, killed)', [scoredPassage('a', killed)], {});
    expect(who.abstained).toBe(true);
  });

  it('answers "what is the name of …" with a sentence giving a name, not one that withholds it', async () => {
    const envoy = await answerer.answer('What is the name of the special envoy?', passages, {});
    expect(envoy.abstained).toBe(false);
    expect(envoy.answer).toContain('Mikhail Bogdanov, the special envoy');
    // The sentence names Reuters and says "named", yet it tells whose name is withheld.
    const official = await answerer.answer('What is the name of the official who said the truce was signed on the border?', passages, {});
    expect(official.abstained).toBe(true);
    const who = await answerer.answer('Who said the truce was signed on the border?', passages, {});
    expect(who.abstained).toBe(false);
  });

  it('does not stop a quote at its colon: the first item it introduces follows', async () => {
    const answer = await answerer.answer('What deal was proposed to the residents of Rastan?', passages, {});
    expect(answer.abstained).toBe(false);
    expect(answer.sentences.map((sentence) => sentence.text)).toEqual([
      'A commander said that an official proposed a deal to the residents of Rastan, which included:',
      '— Regime forces would stop shelling the town.',
    ]);
    // Even at the answer's sentence limit the quote does not stop at its colon.
    const single = await createExtractiveAnswerer(scorer, { minCoverage: 0.5, maxSentences: 1 }).answer('What deal was proposed to the residents of Rastan?', passages, {});
    expect(single.sentences.map((sentence) => sentence.text).at(-1)).toBe('— Regime forces would stop shelling the town.');
  });

  it('says a word is missing only when no retrieved passage has it', async () => {
    // Every word is in some passage, none in one sentence: nothing is claimed missing.
    const scattered = await answerer.answer('Did the Rastan prisoners trade with the ministry of economy?', passages, {});
    expect(scattered.abstained).toBe(true);
    expect(scattered.answer).toBe("The indexed articles don't say: no passage answers this question.");
    const absent = await answerer.answer('Did the ministry of economy publish tariffs?', passages, {});
    expect(absent.abstained).toBe(true);
    expect(absent.answer).toContain("do not cover “publish”, “tariffs”");
    expect(absent.answer).not.toContain('economy');
  });

  it('abstains when the question asks about something no passage covers', async () => {
    const answer = await answerer.answer('What is the population of Damascus?', passages, {});
    expect(answer.abstained).toBe(true);
    expect(answer.citations).toEqual([]);
  });
});
