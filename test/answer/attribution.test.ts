import { describe, expect, it } from 'vitest';
import { speakerAsked, speakersOf } from '../../src/answer/attribution.ts';

describe('speakerAsked', () => {
  it('finds whose words or reaction a question asks for', () => {
    expect(speakerAsked('What did Erdogan himself say about the prospect of meeting Assad?')).toBe('Erdogan himself');
    expect(speakerAsked("How did Damascus respond to Lavrov's call?")).toBe('Damascus');
    expect(speakerAsked('and how does the Kremlin view the Iranian presence')).toBe('the Kremlin');
    expect(speakerAsked("What was Iran's foreign minister's reaction to the demand?")).toBe("Iran's foreign minister");
    expect(speakerAsked("what's Ankara's position on the crossings?")).toBe('Ankara');
    expect(speakerAsked('What has SDF commander Mazloum Abdi said about mediation?')).toBe('SDF commander Mazloum Abdi');
  });

  it('asks for no one when the subject is an article, a pronoun, or the question asks for no words', () => {
    expect(speakerAsked('What did the 2018 report say about Russia’s demands?')).toBeNull();
    expect(speakerAsked('what did he say has to be negotiated')).toBeNull();
    expect(speakerAsked('What has Lavrov asked for regarding Eastern Ghouta?')).toBeNull();
    expect(speakerAsked('How does Hezbollah figure in the friction between Russia and Iran described in the articles?')).toBeNull();
    expect(speakerAsked('Where are the naval base and the airfield?')).toBeNull();
  });
});

describe('speakersOf', () => {
  it('takes the subject of an attribution verb, past an appositive, and not what the sentence only mentions', () => {
    const envoy = speakersOf('Mikhail Bogdanov, the special envoy for the Middle East, emphasized the work needed before a meeting between Erdogan and Assad.');
    expect(envoy.spans.join(' | ')).toContain('Mikhail Bogdanov');
    expect(envoy.spans.join(' | ')).not.toContain('Erdogan');
    const call = speakersOf('The latest example was revealed when Foreign Minister Sergei Lavrov called on Damascus to “show some flexibility.”');
    expect(call.spans.join(' | ')).toContain('Sergei Lavrov');
    expect(call.spans.join(' | ')).not.toContain('Damascus');
  });

  it('reads quoted speech, "according to", "said X" and a speaker who only follows a comma', () => {
    expect(speakersOf('A commander told Al-Souria Net: “The Russians always suggest that the deal pushed them.”').spans).toContain('The Russians');
    expect(speakersOf('According to the Syrian Observatory, sources revealed an agreement.').spans).toContain('the Syrian Observatory');
    expect(speakersOf('“We will not leave,” said Hassan Nasrallah, the Hezbollah leader.').spans).toContain('Hassan Nasrallah');
    // "…, saying" belongs to the clause's subject; the border the sentence mentions before it says nothing.
    const saying = speakersOf('Sergei Lavrov called for a withdrawal from the border with Israel, saying, “Only Syrian troops should stand there.”');
    expect(saying.spans.join(' | ')).not.toContain('Israel');
  });

  it('does not take a passive subject or a noun use of the verb for a speaker', () => {
    const passive = speakersOf('On Monday the deal was rejected by the factions in Rastan, officials said.');
    expect(passive.spans).toContain('the factions in Rastan');
    const demand = speakersOf('Hezbollah has thus far refused to comply with the Russian demand.');
    expect(demand.spans.join(' | ')).not.toContain('comply');
  });

  it('does not take a name the sentence opens with, a noun use after a possessive or nationality, or a relative clause for a speaker', () => {
    expect(speakersOf('Both Russia and Iran are staunch allies of the regime.').spans).toEqual([]);
    expect(speakersOf('The split was expected due to differing Russian and Iranian views on the outcome.').spans).toEqual([]);
    expect(speakersOf('Iran’s support for the regime grew.').spans).toEqual([]);
    const putin = speakersOf('Putin, who met Erdogan on Monday, said the talks went well.');
    expect(putin.spans.join(' | ')).toContain('Putin');
    expect(putin.spans.join(' | ')).not.toContain('Erdogan');
    expect(speakersOf('According to sources, Russia perceives that Iran is obstructing its initiative.').spans).toContain('Russia');
  });

  it('marks a pronoun speaker, whom the sentence before names', () => {
    expect(speakersOf('“The tone has changed,” she told The Algemeiner.').refersBack).toBe(true);
    expect(speakersOf('He noted the importance of negotiations.').refersBack).toBe(true);
    expect(speakersOf('Bogdanov noted the importance of negotiations.').refersBack).toBe(false);
  });
});
