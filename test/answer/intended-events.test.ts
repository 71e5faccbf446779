import { describe, expect, it } from 'vitest';
import { deniesOrRefuses, didClauseAsked, doesNotStateClause, doesNotStateEvent, doesNotVoiceIntention, eventAsked, intentionAsked } from '../../src/answer/intended-events.ts';
import { isFormOf } from '../../src/answer/verb-forms.ts';
import { normalizeTerm } from '../../src/index/lexical-index.ts';

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

  it("does not take another country's event for the asked one's", () => {
    const withdrawn = asked('Has Turkey withdrawn its forces?');
    const isOther = (word: string) => /^(?:american|iran)$/i.test(word);
    expect(doesNotStateEvent('Ankara feared an American withdrawal from the north.', withdrawn, isOther)).toBe(true);
    expect(doesNotStateEvent('Turkey welcomed Iran’s withdrawal from the border.', withdrawn, isOther)).toBe(true);
    // Whatever the word before the owner: the pairs overlap.
    expect(doesNotStateEvent('After Iran’s withdrawal, Ankara waited.', withdrawn, isOther)).toBe(true);
    expect(doesNotStateEvent('Ankara thanked Iran, which withdrew its forces.', withdrawn, isOther)).toBe(true);
    expect(doesNotStateEvent('The Turkish withdrawal from the north was completed in May.', withdrawn, isOther)).toBe(false);
    // A capitalised word that is no other actor ("Full", "Troops") owns nothing.
    expect(doesNotStateEvent('Full withdrawal of the Turkish garrison was completed.', withdrawn, isOther)).toBe(false);
    expect(doesNotStateEvent('The withdrawal of Turkish forces was completed in May.', withdrawn, isOther)).toBe(false);
  });

  it('rejects an event reported only as a prospect or as shunned', () => {
    const met = asked('Have Erdogan and Assad met?');
    expect(doesNotStateEvent('Bogdanov emphasized the substantial work needed before a meeting between Erdogan and Assad.', met)).toBe(true);
    const escalated = asked('Has Russia escalated tensions with Iran?');
    expect(doesNotStateEvent('Russia is cautious about escalating tensions with Iran.', escalated)).toBe(true);
    expect(doesNotStateEvent('Russia has avoided a potential escalation with Iran.', escalated)).toBe(true);
    expect(doesNotStateEvent('Russia escalated tensions with Iran in May.', escalated)).toBe(false);
    // A prospect reaches a few words, and not past a conjunction: these state the withdrawal.
    const withdrawn = asked('Has Turkey withdrawn its forces?');
    expect(doesNotStateEvent('The convoy avoided the main highway and withdrew to Azaz.', withdrawn)).toBe(false);
    expect(doesNotStateEvent('The ceasefire needs to be respected now that Turkey has withdrawn its forces.', withdrawn)).toBe(false);
    // A question with such a word is not thereby about an intention.
    expect(eventAsked('Have the needs of residents been secured?')).toBe('secur');
  });

  it('takes a refusal or a cancellation for the answer to whether it happened, unless the question takes it for granted', () => {
    const accepted = 'accept';
    expect(doesNotStateEvent('Maple Ridge had offered 9 billion crowns, but Nordvik rejected the offer as too low.', accepted)).toBe(false);
    expect(doesNotStateEvent('Nordvik said it had called off the planned sale of its fibre network.', 'sell')).toBe(false);
    expect(doesNotStateEvent('The minister said the state would not block the restructuring.', 'block')).toBe(false);
    // Asked why it was sold, a cancellation denies the premise; and a bare "did not" says nothing of an unnamed event.
    expect(doesNotStateEvent('Nordvik said it had called off the planned sale of its fibre network.', 'sell', () => false, false)).toBe(true);
    expect(doesNotStateEvent('Nordvik did not comment on the offer.', accepted)).toBe(true);
  });

  it('takes a refusal or denial only for the words it governs', () => {
    // "would not agree" governs "agree", not the withdrawal the regime demands.
    expect(doesNotStateEvent('The regime said it would not agree to the trade unless it obtained a timetable for the withdrawal of Turkish forces.', 'withdraw')).toBe(true);
    expect(doesNotStateEvent('The court did not shorten it.', 'shorten')).toBe(false);
    // A question that takes the event for granted is not answered by its denial.
    expect(doesNotStateEvent('The court did not shorten it.', 'shorten', () => false, false)).toBe(true);
    expect(doesNotStateClause('She said she will not negotiate with Sovereignty.', ['negoti'], false)).toBe(true);
    expect(doesNotStateClause('She said she will not negotiate with Sovereignty.', ['negoti'])).toBe(false);
    expect(doesNotStateClause('She said she would negotiate with Sovereignty.', ['negoti'], false)).toBe(true);
    expect(doesNotStateClause('She negotiated with Sovereignty for a week.', ['negoti'], false)).toBe(false);
    expect(deniesOrRefuses('Almeida has denied wrongdoing and has not been charged.')).toBe(true);
    expect(deniesOrRefuses('Nordvik rejected the offer.')).toBe(true);
    expect(deniesOrRefuses('Almeida was charged in May.')).toBe(false);
    // A refusal stops at a conjunction; "not to" is an instruction, "not only" no denial, "cannot" one.
    expect(doesNotStateEvent('The army rejected the proposal and withdrew its tanks.', 'withdraw', () => false, false)).toBe(false);
    expect(doesNotStateEvent('Turkey warned the Kurdish fighters not to attack Afrin.', 'attack')).toBe(true);
    expect(doesNotStateEvent('The mission has not only expanded but moved north.', 'expand', () => false, false)).toBe(false);
    expect(deniesOrRefuses('"We cannot pay for another summit," Price said.')).toBe(true);
    expect(didClauseAsked('Why did Almeida get arrested in November?', (word) => /^almeida$/i.test(word))?.presumedAction).toBe('arrest');
  });

  it('takes an intention refused for an answer, and a comma as the end of an intention', () => {
    const withdrawn = asked('Has Hezbollah withdrawn from the border?');
    expect(doesNotStateEvent('Hezbollah has refused to comply with the Russian demand to withdraw from the border.', withdrawn)).toBe(false);
    const extended = asked('Has the ceasefire been extended?');
    expect(doesNotStateEvent('The ceasefire, which the UN had hoped would hold, has been extended.', extended)).toBe(false);
  });
});

// The names the answerer would tell by the corpus and by capitals; a lowercase question relies on them.
const isName = (word: string) => /^(?:russia|moscow|assad|iran|turkey|hezbollah|homs|syria|khan|tuman)(?:['’]s)?$/i.test(word);
const verbAsked = (question: string) => didClauseAsked(question, isName)?.verb;

describe('didClauseAsked', () => {
  it('finds the verb of a did question after its subject, whatever the subject looks like', () => {
    expect(verbAsked('Did Turkey withdraw its forces from Syria?')).toBe('withdraw');
    expect(verbAsked('Why did Turkey pull its troops out of northern Syria?')).toBe('pull');
    expect(verbAsked('Did the Syrian regime close the crossings?')).toBe('close');
    expect(verbAsked("did moscow cut assad's people out of the talks with the rebels in eastern ghouta?")).toBe('cut');
    expect(verbAsked('when did erdogan and assad finally meet?')).toBe('meet');
    expect(didClauseAsked('Why did Turkey pull its troops out of Syria after the talks?', isName)).toEqual({ clause: 'Turkey pull its troops out of Syria', verb: 'pull', presumedAction: 'pull', premiseWords: 'Turkey its troops', asksWhether: false });
    expect(didClauseAsked('Did Turkey pull its troops out?', isName)?.asksWhether).toBe(true);
  });

  it('tells a verb acting on the object after it, guessing the word after a one-word name where no verb is plain', () => {
    expect(didClauseAsked('why did russia block humanitarian aid from getting into ghouta', isName)).toMatchObject({ verb: null, presumedAction: 'block' });
    expect(didClauseAsked('Why did Turkey withdraw its forces?', isName)?.presumedAction).toBe('withdraw');
    // "get" before a participle is a passive's: the participle is the verb.
    expect(didClauseAsked('Why did Jorge Almeida get arrested?', (word) => /^(?:jorge|almeida)$/i.test(word))?.presumedAction).toBe('arrest');
    // A verb that ends the clause is the event itself.
    expect(didClauseAsked('Why did the talks collapse?', isName)?.presumedAction).toBe('collaps');
    // A verb before a preposition is a relation, often put as a noun ("a schism"); and no guess after a plural or an
    // adjective-like name.
    expect(didClauseAsked('Why did Russia and Iran disagree over Syria?', isName)).toMatchObject({ verb: 'disagre', presumedAction: null });
    expect(didClauseAsked('why did the Russian military police deploy', isName)?.presumedAction).toBeNull();
    // Whom and what the event concerns: subject and object, up to a preposition.
    expect(didClauseAsked("Why did Portugal's president resign?", isName)?.premiseWords).toBe("Portugal's president");
    expect(didClauseAsked('Why did Russia block humanitarian aid to Ghouta?', isName)?.premiseWords).toBe('Russia humanitarian aid');
  });

  it('names no verb where none is plain, or where it says little by itself', () => {
    // "lose soldiers": an object without a determiner looks like a compound noun.
    expect(verbAsked("did iran's quds force lose soldiers at khan tuman")).toBeNull();
    expect(verbAsked('did they go for it?')).toBeNull();
    // The first word that could be the verb is not followed as a verb is: no guessing further on ("police").
    expect(verbAsked('Did the Russian military police seal off the towns?')).toBeNull();
    expect(verbAsked('Did Russia deploy military police on the border?')).toBeNull();
    expect(verbAsked('DID TURKEY WITHDRAW ITS FORCES?')).toBeNull();
    expect(verbAsked('did it happen?')).toBeNull();
    expect(verbAsked('Did the armed groups the Russians approached take the deal?')).toBeNull();
    expect(verbAsked('Did the Syrian regime let trucks coming from the crossing in?')).toBeNull();
  });

  it('asks nothing of other questions, or of one about an intention', () => {
    expect(didClauseAsked('What did Lavrov say about federalization?', isName)).toBeNull();
    expect(didClauseAsked('Has Turkey withdrawn its forces?', isName)).toBeNull();
    expect(didClauseAsked('Did Moscow try to win over rebel groups?', isName)).toBeNull();
    expect(didClauseAsked('Did Russia propose a deal for Rastan?', isName)).toBeNull();
    expect(didClauseAsked('Did the Syrian regime agree to open the crossings?', isName)).toBeNull();
    expect(didClauseAsked('Did she think the Russians want Iran pushed out of Syria?', isName)).toBeNull();
    // An intention word in the verb's object does not make the question one about an intention; nor does "ever".
    expect(verbAsked('Did Russia expand the Astana talks on economic zones?')).toBe('expand');
    expect(verbAsked('Did Hezbollah ever withdraw from Homs?')).toBe('withdraw');
    // The month is not the modal.
    expect(didClauseAsked('Where did Quds force soldiers die in early May?', isName)).toEqual({ clause: 'Quds force soldiers die in May', verb: null, presumedAction: null, premiseWords: '', asksWhether: false });
  });
});

describe('doesNotStateClause', () => {
  const stems = (words: string) => words.split(' ').map((word) => normalizeTerm(word) as string);
  it('rejects a sentence that has one of the clause’s words only as intended', () => {
    expect(doesNotStateClause('Russia and Turkey agreed to push for the removal of all Iranian forces from northern Syria.', stems('pull troops northern'))).toBe(true);
    expect(doesNotStateClause('The regime wants a timetable for the withdrawal of Turkish forces.', stems('withdraw forces'))).toBe(true);
  });

  it('leaves a sentence that states the words, lacks them, or reports the intention refused', () => {
    expect(doesNotStateClause('Turkish forces withdrew from northern Syria, as Russia had demanded.', stems('withdraw forces northern'))).toBe(false);
    expect(doesNotStateClause('Turkey is under pressure.', stems('pull troops northern'))).toBe(false);
    expect(doesNotStateClause('Hezbollah refused the demand to withdraw from Homs.', stems('withdraw'))).toBe(false);
  });
});

describe('isFormOf', () => {
  const form = (word: string, asked: string) => isFormOf(normalizeTerm(word) as string, normalizeTerm(asked) as string);
  it('matches regular, short, derived and irregular forms of a verb', () => {
    expect(form('withdrawal', 'withdraw')).toBe(true);
    expect(form('withdrew', 'withdraw')).toBe(true);
    expect(form('died', 'die')).toBe(true);
    expect(form('deaths', 'die')).toBe(true);
    expect(form('met', 'meet')).toBe(true);
    expect(form('held', 'hold')).toBe(true);
    expect(form('pressured', 'pressure')).toBe(true);
  });

  it('does not match other words', () => {
    expect(form('dig', 'die')).toBe(false);
    expect(form('held', 'meet')).toBe(false);
    expect(form('withhold', 'withdraw')).toBe(false);
    expect(form('pushed', 'pull')).toBe(false);
    for (const [word, asked] of [['war', 'warn'], ['army', 'arm'], ['protest', 'protect'], ['wing', 'win']]) expect(form(word as string, asked as string)).toBe(false);
  });
});

describe('intentionAsked', () => {
  it('finds the intention verb a has/did question asks about, or takes for granted', () => {
    expect(intentionAsked('Has Hezbollah agreed to withdraw from Homs?')).toEqual({ verb: 'agre', asksWhether: true });
    expect(intentionAsked('Did the Syrian regime promise to open the crossings?')?.verb).toBe('promis');
    expect(intentionAsked('Why did Iran agree to pull Hezbollah back?')).toEqual({ verb: 'agre', asksWhether: false });
  });

  it('asks nothing of a question whose main verb is no intention', () => {
    expect(intentionAsked('Did Turkey withdraw its forces?')).toBeNull();
    expect(intentionAsked('Has Russia expanded the talks on economic zones?')).toBeNull();
    expect(intentionAsked('What did Russia propose?')).toBeNull();
    // "offer" voices an intention only as "offer to".
    expect(intentionAsked('Did Russia offer aid?')).toBeNull();
  });
});

describe('doesNotVoiceIntention', () => {
  // Asked about Hezbollah: Russia and Turkey are other actors.
  const isOther = (word: string) => /^(?:russia|turkey)$/i.test(word);
  it("needs the intention worded, by the verb or one of its meaning, and not as another actor's", () => {
    expect(doesNotVoiceIntention('Russia is also demanding the withdrawal of Hezbollah from Homs.', { verb: 'agre', asksWhether: true }, isOther)).toBe(true);
    expect(doesNotVoiceIntention('Hezbollah agreed to leave Homs in May.', { verb: 'agre', asksWhether: true }, isOther)).toBe(false);
    expect(doesNotVoiceIntention('Hezbollah accepted the Russian demand.', { verb: 'agre', asksWhether: true }, isOther)).toBe(false);
    expect(doesNotVoiceIntention('Russia pledged to remove Assad.', { verb: 'promis', asksWhether: true }, () => false)).toBe(false);
    expect(doesNotVoiceIntention('Russia and Turkey agreed to push for the removal of all Iranian forces.', { verb: 'agre', asksWhether: true }, isOther)).toBe(true);
    // A refusal answers whether it agreed; a "so-called" plan is no demand.
    expect(doesNotVoiceIntention('Hezbollah has thus far refused to comply.', { verb: 'agre', asksWhether: true }, isOther)).toBe(false);
    expect(doesNotVoiceIntention('Hezbollah has thus far refused to comply.', { verb: 'agre', asksWhether: false }, isOther)).toBe(true);
    expect(doesNotVoiceIntention('Hezbollah entered the so-called safe zone.', { verb: 'demand', asksWhether: true }, isOther)).toBe(true);
    // Nor is an agreement that would, or did not, happen.
    expect(doesNotVoiceIntention('The regime said it would not agree to the trade unless Turkey set a timetable.', { verb: 'agre', asksWhether: false }, isOther)).toBe(true);
    expect(doesNotVoiceIntention("Hezbollah didn't agree to leave.", { verb: 'agre', asksWhether: false }, isOther)).toBe(true);
    expect(doesNotVoiceIntention('Hezbollah may accept the demand.', { verb: 'agre', asksWhether: false }, isOther)).toBe(true);
  });
});
