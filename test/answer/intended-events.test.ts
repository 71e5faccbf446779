import { describe, expect, it } from 'vitest';
import { doesNotStateEvent, eventAsked } from '../../src/answer/intended-events.ts';

const asked = (question: string) => {
  const event = eventAsked(question);
  if (event === null) throw new Error(`no event in "${question}"`);
  return event;
};

describe('eventAsked', () => {
  it('finds the participle a has/was question asks about, in its main clause', () => {
    expect(eventAsked('Were the Astana talks expanded so the guarantor countries could oversee economic zones?')).toBe('expand');
    expect(eventAsked('Have Iranian forces withdrawn from northern Syria since Russia and Turkey agreed to push for it?')).toBe('withdrawn');
  });

  it('asks nothing of other questions, or of one about an intention', () => {
    expect(eventAsked('Did Russia remove Assad?')).toBeNull();
    expect(eventAsked('What was expanded?')).toBeNull();
    expect(eventAsked('Has Russia proposed expanding the talks?')).toBeNull();
    expect(eventAsked('Is Hezbollah strong?')).toBeNull();
    // A state, not an event.
    expect(eventAsked('Was the INSS researcher surprised that Moscow and Tehran fell out?')).toBeNull();
  });
});

describe('doesNotStateEvent', () => {
  it('tells an event reported only as supported, agreed on or proposed', () => {
    const expanded = asked('Were the Astana talks expanded?');
    expect(doesNotStateEvent('Russia supports expanding the scope of the Astana talks.', expanded)).toBe(true);
    const withdrawn = asked('Have Iranian forces withdrawn from northern Syria?');
    expect(doesNotStateEvent('Russia and Turkey reached an agreement to push for the removal of all Iranian forces from northern Syria.', withdrawn)).toBe(true);
    const deployed = asked('Has Russia deployed police in the border areas?');
    expect(doesNotStateEvent('Russia is proposing to ensure the security of the Turkish border by deploying military police in the border areas.', deployed)).toBe(true);
  });

  it('accepts an event the sentence states, even beside an intention or the month of May', () => {
    const expanded = asked('Were the Astana talks expanded?');
    expect(doesNotStateEvent('In May the Astana talks were expanded, as Russia had proposed.', expanded)).toBe(false);
    const withdrawn = asked('Has Hezbollah withdrawn from the border?');
    expect(doesNotStateEvent('Hezbollah has thus far refused to comply with the Russian demand to withdraw from the border.', withdrawn)).toBe(false);
  });

  it('rejects a sentence that has no word for the event, or has it in another form only as demanded or scheduled', () => {
    const withdrawn = asked('Have Iranian forces withdrawn from northern Syria since Russia and Turkey agreed to it?');
    expect(doesNotStateEvent('Russia and Turkey agreed on a trade route.', withdrawn)).toBe(true);
    expect(doesNotStateEvent('Iranian forces in northern Syria lost men at Khan Tuman.', withdrawn)).toBe(true);
    const hezbollah = asked('Has Hezbollah withdrawn from Homs?');
    expect(doesNotStateEvent('Russia is also demanding the withdrawal of Hezbollah fighters from the countryside of Homs.', hezbollah)).toBe(true);
    const turkish = asked('Have Turkish forces withdrawn from Syrian territory?');
    expect(doesNotStateEvent('The regime wants a timetable for the withdrawal of Turkish forces from Syrian territory.', turkish)).toBe(true);
    expect(doesNotStateEvent('Talks on extending the truce began.', asked('Was the truce extended?'))).toBe(true);
    expect(doesNotStateEvent('Putin hopes to meet Erdogan.', asked('Has Putin met Erdogan?'))).toBe(true);
  });

  it('takes an intention refused for an answer, and a comma as the end of an intention', () => {
    const withdrawn = asked('Has Hezbollah withdrawn from the border?');
    expect(doesNotStateEvent('Hezbollah has refused to comply with the Russian demand to withdraw from the border.', withdrawn)).toBe(false);
    const extended = asked('Has the ceasefire been extended?');
    expect(doesNotStateEvent('The ceasefire, which the UN had hoped would hold, has been extended.', extended)).toBe(false);
  });
});
