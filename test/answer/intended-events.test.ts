import { describe, expect, it } from 'vitest';
import { doesNotStateEvent, eventAsked } from '../../src/answer/intended-events.ts';

const asked = (question: string) => {
  const event = eventAsked(question);
  if (event === null) throw new Error(`no event in "${question}"`);
  return event;
};

describe('eventAsked', () => {
  it('finds the participle a has/was question asks about, and the words of its main clause', () => {
    expect(eventAsked('Were the Astana talks expanded so the guarantor countries could oversee economic zones?')).toEqual({ event: 'expand', clause: ['astana', 'talk'] });
    expect(eventAsked('Have Iranian forces withdrawn from northern Syria since Russia and Turkey agreed to push for it?')?.clause).toEqual(['iranian', 'forc', 'northern', 'syria']);
  });

  it('asks nothing of other questions, or of one about an intention', () => {
    expect(eventAsked('Did Russia remove Assad?')).toBeNull();
    expect(eventAsked('What was expanded?')).toBeNull();
    expect(eventAsked('Has Russia proposed expanding the talks?')).toBeNull();
    expect(eventAsked('Is Hezbollah strong?')).toBeNull();
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

  it('rejects a sentence that has none of the main clause, only the background', () => {
    const withdrawn = asked('Have Iranian forces withdrawn from northern Syria since Russia and Turkey agreed to it?');
    expect(doesNotStateEvent('Russia and Turkey agreed on a trade route.', withdrawn)).toBe(true);
  });
});
