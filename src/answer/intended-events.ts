/**
 * @module "Were the Astana talks expanded?" is not answered by "Russia supports expanding the Astana talks", nor
 * "Have Iranian forces withdrawn?" by "Russia and Turkey agreed to push for the removal of all Iranian forces": news
 * reports many things only as proposed, demanded or planned, and quoting that as if it happened is the confident
 * wrong answer. A yes/no question about whether something has happened asks for a sentence that states it, and so
 * does a question that takes it for granted ("Why did Turkey withdraw its forces?").
 */
import { boundedMemo } from '../bounded-memo.ts';
import { normalizeTerm } from '../index/lexical-index.ts';
import { isFormOf } from './verb-forms.ts';
import { withPlainVerbs } from '../retrieve/phrasal-verbs.ts';
import { QUESTION_FRAME } from '../retrieve/question-frame.ts';

/** How a follow-up may open before it asks: "and", "so", "but". */
const OPENING = String.raw`^\s*(?:(?:and|so|but)[\s,]+)?`;
/** "Has/Have/Had/Was/Were/Is/Are <subject> <participle>": a question whether something has happened. */
const HAPPENED_QUESTION = new RegExp(String.raw`${OPENING}(?:has|have|had|was|were|is|are)\s+(.+)$`, 'iu');
/** Where a question's main clause ends: what follows is background ("since Russia and Turkey agreed to push for it"). */
const CLAUSE_END = /\s*(?:[,;:?]|\b(?:since|after|before|because|as|when|while|so|although|though|despite|following|given|under|that|now|ever|yet|already)\b)/iu;
/** A past participle by its ending (expanded, withdrawn, taken, set): irregular ones the list names. */
const PARTICIPLE = /^(?:\p{L}+(?:ed|en|wn)|set|put|cut|hit|hurt|shut|built|sent|spent|lost|left|kept|held|met|made|paid|sold|told|brought|bought|fought|caught|taught|thought|sought|struck|begun|done|gone|won|run|come|become)$/iu;
/** Participles that describe a state, not an event. */
const STATIVE = /^(?:surprised|shocked|concerned|worried|pleased|satisfied|disappointed|frustrated|annoyed|angered|interested|involved|based|located|known|expected|supposed|allowed|prepared|convinced|divided|united|committed|opposed|tied|linked|related|aligned|determined|alarmed|confused|embarrassed|isolated|seen|considered|thought|believed|regarded)$/iu;
/**
 * Words that put what follows among intentions, not events: support, demand, plan, propose, call for, agree to,
 * push for, hope, expect, aim, would/could/should (PROSPECT adds prospects and things shunned).
 */
const INTENT_VERB = String.raw`(?:supports?|supported|supporting|wants?|wanted|seeks?|seeking|sought|plans?|planned|planning|propos(?:e|es|ed|ing)|calls?\s+for|called\s+for|calling\s+for|demands?|demanded|demanding|urges?|urged|urging|hopes?|hoped|hoping|expects?|expected|expecting|aims?|aimed|aiming|intends?|intended|agree(?:s|d|ment)?\s+to|push(?:es|ed|ing)?\s+for|offer(?:s|ed)?\s+to|promis(?:e|es|ed)|pledg(?:e|es|ed)|would|could|should|may|might|threat(?:en|ens|ened)|suggest(?:s|ed)?|attempts?\s+to|try(?:ing)?\s+to|tried\s+to|envisag(?:e|es|ed)|will|going\s+to|talks?\s+(?:on|about)|discuss(?:es|ed|ing)?|spoken\s+(?:about|of)|spoke\s+(?:about|of)|not\s+to)`;
/** Nouns of intention: "the proposal", "a timetable for the withdrawal". As objects of another verb they end at a conjunction. */
const INTENT_NOUN = String.raw`(?:proposals?|intentions?|expectations?|initiatives?|timetables?|deadlines?|schedules?|discussions?)`;
const INTENT = String.raw`(?:${INTENT_VERB}|${INTENT_NOUN})`;
/**
 * Words that put the next few words among prospects or things shunned: "work needed before a meeting", "a potential
 * escalation", "ahead of", "cautious about escalating". They are common in plain statements too ("the convoy avoided
 * the highway and withdrew"), so they reach only a few words and stop at a conjunction, and a question that uses
 * them ("Have the needs of residents been met?") is not thereby about an intention.
 */
const PROSPECT = String.raw`(?:needs?|needed|requires?|required|necessary|potential|possible|possibly|prospective|upcoming|ahead\s+of|prepar(?:e|es|ed|ing|ations?)\s+for|avoid(?:s|ed|ing)?|cautious\s+(?:about|of)|wary\s+of|reluctant\s+to|refrain(?:s|ed|ing)?\s+from)`;
const PROSPECT_REACH_WORDS = 5;
/** Words that open another clause, where a scope that stops at a conjunction ends. */
const CLAUSE_CONJUNCTION = 'and|but|or|after|since|because|when|while|which|who|then|now';
/**
 * A scope: its word, and a lookahead capturing up to `reach` words after it (not past a comma, nor past `stopBefore`),
 * so that every scope word starts its own span, also inside another's reach (see scopeSpans).
 */
function scopeOf(word: string, reach: number, stopBefore: string | null): RegExp {
  const next = stopBefore === null ? '' : String.raw`(?!(?:${stopBefore})\b)`;
  return new RegExp(String.raw`\b${word}\b(?=((?:[\s“”"‘’]+${next}[\p{L}\p{N}’'-]+){0,${reach}}))`, 'giu');
}
const PROSPECT_SCOPE = scopeOf(PROSPECT, PROSPECT_REACH_WORDS, `${CLAUSE_CONJUNCTION}|that`);
const INTENT_WORD = new RegExp(String.raw`\b${INTENT}\b`, 'iu');
/** How far after an intention word its object may reach ("push for the removal of all Iranian forces"). */
const INTENT_REACH_WORDS = 12;
/** An intention reaches over the words after it, up to a comma or the end of its clause. */
const INTENT_SCOPE = scopeOf(INTENT_VERB, INTENT_REACH_WORDS, null);
/** "rejected the proposal and withdrew its tanks": a noun of intention does not reach past a conjunction. */
const INTENT_NOUN_SCOPE = scopeOf(INTENT_NOUN, INTENT_REACH_WORDS, CLAUSE_CONJUNCTION);

/**
 * The event a question asks whether it happened, as its participle's stem ("expand" of "expanded"), or null for any
 * other question (or one about an intention).
 */
export function eventAsked(question: string): string | null {
  const rest = HAPPENED_QUESTION.exec(question)?.[1];
  if (rest === undefined) return null;
  const clause = rest.split(CLAUSE_END)[0] ?? '';
  if (INTENT_WORD.test(clause)) return null;
  const words = clause.split(/\s+/).filter(Boolean);
  // The participle follows the subject: never the first word after the auxiliary, and the last one is the verb.
  const participle = [...words.slice(1)].reverse().find((word) => PARTICIPLE.test(word));
  // "Was the researcher surprised?" asks about a state of mind or being, not whether something happened.
  return participle === undefined || STATIVE.test(participle) ? null : normalizeTerm(participle);
}

/**
 * Whether the sentence fails to state the asked event: its every word for the event (in any form: "withdrawal" for
 * "withdrawn") stands within reach of an intention word, or it has no word for the event at all (it matched the
 * question's other words, or its background: "since Russia and Turkey agreed …"). A sentence that words the event
 * otherwise ("pulled out" for "withdrawn") is not used either: abstaining is the safer mistake.
 */
export function doesNotStateEvent(text: string, event: string, isOtherActor: (word: string) => boolean = () => false, refusalAnswers = true): boolean {
  const report = reportOf(withoutOthersEvents(text, event, isOtherActor));
  // Without the event's word, only a refusal says anything of it ("rejected the offer" of "Did Nordvik accept …?").
  if (!hasFormOf(report.all, event)) return !(refusalAnswers && REFUSES.test(text));
  // Stated when the event's word stands outside every intention ("the talks were expanded, as Russia had proposed"),
  // or refused: "Hezbollah has refused to comply with the demand to withdraw" answers "Has Hezbollah withdrawn?".
  // `refusalAnswers` false: a refusal or denial ("did not shorten") is no statement of the event, as a question that
  // takes it for granted must not be told.
  return refusalAnswers ? !hasFormOf(report.outsideIntentions, event) && !hasFormOf(report.refused, event) : !hasFormOf(report.affirmed, event);
}

/**
 * The sentence without the event's words that another actor owns, by standing right before them (or before the
 * "which" before them): "Did Turkey withdraw its forces?" is not answered by "an American withdrawal", "after Iran's
 * withdrawal" or "Iran, which withdrew".
 * `isOtherActor` tells such a word (its possessive "'s" removed).
 */
function withoutOthersEvents(text: string, event: string, isOtherActor: (word: string) => boolean): string {
  let [beforePrevious, previous] = ['', ''];
  return text.replace(/[\p{L}’'-]+/gu, (word) => {
    // "Uruguay, which sent …": a relative pronoun stands for the name before it.
    const owner = (/^(?:which|who|that)$/iu.test(previous) ? beforePrevious : previous).replace(/['’]s$/u, '');
    [beforePrevious, previous] = [previous, word];
    const stem = normalizeTerm(word);
    return stem !== null && isFormOf(stem, event) && /^\p{Lu}/u.test(owner) && isOtherActor(owner) ? ' ' : word;
  });
}

/** Whether every word the sentence has for the event is another actor's ("Uruguay, which sent …" for Argentina). */
export function eventIsOthers(text: string, event: string, isOtherActor: (word: string) => boolean): boolean {
  return hasFormOf(stemsOf(text), event) && !hasFormOf(stemsOf(withoutOthersEvents(text, event, isOtherActor)), event);
}

/** Verbs that voice an intention, as the main verb of a question: "agreed to", "promised", "called for". */
const VOICED_INTENTION = /^(?:agree(?:s|d)?\s+to|promis(?:e|es|ed)|pledg(?:e|es|ed)|offer(?:s|ed)?\s+to|propos(?:e|es|ed)|demand(?:s|ed)?|calls?\s+for|called\s+for|threaten(?:s|ed)?|plan(?:s|ned)?\s+to|urge(?:s|d)?|vow(?:s|ed)?|commit(?:s|ted)?\s+to)\b/iu;
/** "Has/Did …", or why/when/how "has/did …". */
const VOICED_QUESTION = new RegExp(String.raw`${OPENING}((?:why|when|where|how)\s+)?(?:has|have|had|did)\s+(.+)$`, 'iu');
/** The subject before an intention verb is this many words at most ("Did the Syrian regime agree to …"). */
const MAX_SUBJECT_WORDS = 4;

/** What a question asks of a voiced intention: the intention verb's stem, and whether it asks if it was voiced at all. */
export interface IntentionAsked {
  verb: string;
  asksWhether: boolean;
}

/**
 * "Has Hezbollah agreed to withdraw?", "Did Russia promise to remove Assad?", "Why did Iran agree to …?": the
 * question asks whether, or takes for granted that, its subject voiced an intention. A sentence must then word the
 * intention verb itself: "Russia demanded Hezbollah's withdrawal" says nothing of Hezbollah agreeing.
 */
export function intentionAsked(question: string): IntentionAsked | null {
  const match = VOICED_QUESTION.exec(question);
  if (match === null) return null;
  const words = wordsOf(mainClause(match[2] as string));
  for (let at = 1; at <= Math.min(MAX_SUBJECT_WORDS, words.length - 1); at++) {
    if (!VOICED_INTENTION.test(words.slice(at, at + 2).join(' '))) continue;
    const verb = normalizeTerm(words[at] as string);
    return verb === null ? null : { verb, asksWhether: match[1] === undefined };
  }
  return null;
}

/** Intention verbs that say the same of the event ("pledged" answers "Did Russia promise …?"), base forms. */
const SAME_INTENTION = ['agree accept consent', 'promise pledge vow guarantee', 'propose offer suggest', 'demand urge insist request', 'threaten warn', 'plan intend aim']
  .map((group) => group.split(' ').map((word) => normalizeTerm(word) ?? word));

/**
 * Whether the sentence fails to word the asked intention (by its verb or one of the same meaning) as none but the
 * asked actor's. When the question asks whether (`asked.asksWhether`), a refusal answers too: "Hezbollah has refused to
 * comply" answers "Has Hezbollah agreed?", but not "Why did Hezbollah agree?", whose premise it denies.
 */
export function doesNotVoiceIntention(text: string, asked: IntentionAsked, isOtherActor: (word: string) => boolean): boolean {
  const { verb } = asked;
  const verbs = SAME_INTENTION.find((group) => group.some((member) => isFormOf(verb, member))) ?? [verb];
  if (asked.asksWhether && (REFUSES.test(text) || verbs.some((member) => hasFormOf(reportOf(text).refused, member)))) return false;
  const voiced = text.replace(UNREALISED_VERB, ' ');
  return !verbs.some((member) => hasFormOf(stemsOf(withoutOthersEvents(voiced, member, isOtherActor)), member));
}

/** A verb after a modal or a negation ("would not agree", "may accept"): not voiced. */
const UNREALISED_VERB = /(?:\b(?:would|could|should|may|might|will|not|never)|n['’]t)\s+(?:(?:not|yet|be|have|ever)\s+)?[\p{L}-]+/giu;

/** "Did …?", or why/when/where/how "did …": the question takes its clause for something that happened. */
const DID_QUESTION = new RegExp(String.raw`${OPENING}((?:why|when|where|how)\s+)?did\s+(.+)$`, 'iu');

/** What a "did" question asks: its main clause, and the clause's verb when it can be told (see verbOf). */
export interface DidClause {
  clause: string;
  /** The verb's stem ("withdraw"), or null when no word is plainly the verb, or the verb says little ("get", "take"). */
  verb: string | null;
  /**
   * The stem of a verb that acts on an object right after it ("block humanitarian aid", "withdraw its forces") or ends
   * the clause ("shares rise", "the president resign"), found as `verb` is or, failing that, as the word after the
   * subject's one name. A "why" question takes such an action for granted, and a sentence about its subject or object
   * that never words the action does not answer it. Null for a verb followed by a preposition ("disagree over Syria"),
   * a relation that articles often put as a noun ("a schism").
   */
  presumedAction: string | null;
  /**
   * The clause's subject and object without the verb ("Portugal's president", "Nordvik … its dividend"): whom and what
   * a "why" question takes the event to concern, up to the first preposition after the verb; '' when no verb is found.
   */
  premiseWords: string;
  /**
   * "Did …?" asks whether the event happened, so a sentence must word it; "Why did …?" asks about it, and a sentence
   * may word it otherwise ("Why did Russia and Iran disagree?" is answered by "a schism between Iran and Russia").
   */
  asksWhether: boolean;
}

/**
 * The main clause of a "did" question ("Turkey withdraw its forces from Syria" of "Why did Turkey withdraw its forces
 * from Syria after the talks?"), or null for any other question or one about an intention ("Did Russia propose …").
 * `isName` tells the question's names, which are never its verb.
 */
export function didClauseAsked(question: string, isName: (word: string) => boolean): DidClause | null {
  const match = DID_QUESTION.exec(question);
  if (match === null) return null;
  // "Did Hezbollah ever withdraw …": an adverb of time qualifies the verb; it does not end the clause as it would a
  // has/was question's.
  const clause = mainClause(match[2] as string);
  const words = wordsOf(clause);
  const at = verbAt(words, clause, isName);
  // An intention word in the verb's object ("expand the talks on economic zones") is not asked about; up to the verb
  // and the word after it, the question is about the intention ("Did Russia propose …", "Did Moscow try to …").
  const upToVerb = at === null ? clause : words.slice(0, at + 2).join(' ');
  if (INTENT_WORD.test(withMonthNamed(upToVerb))) return null;
  // "Did she think the Russians want Iran pushed out?" asks for a view, in which intentions are what is asked.
  if (at !== null && VIEW_VERB.test(words[at] as string)) return null;
  const verb = at === null || LIGHT_VERB.test(words[at] as string) || QUESTION_FRAME.has((words[at] as string).toLowerCase()) ? null : normalizeTerm(words[at] as string);
  // Without a plain verb, the guessed one is good enough to look for a word near it, not to demand its form.
  const actionAt = verb === null ? guessedVerbAt(words, isName) : at;
  return { clause, verb, presumedAction: presumedAction(words, actionAt), premiseWords: premiseWords(words, actionAt), asksWhether: match[1] === undefined };
}

/** The words before the verb and those after it up to the first preposition. */
function premiseWords(words: readonly string[], verbIndex: number | null): string {
  if (verbIndex === null) return '';
  const after = words.slice(verbIndex + 1);
  const objectEnd = after.findIndex((word) => PREPOSITION.test(word));
  return [...words.slice(0, verbIndex), ...(objectEnd === -1 ? after : after.slice(0, objectEnd))].join(' ');
}

/** Without a plain verb, the word after a one-word name ("Lavrov block humanitarian aid", "the US withdraw …"), if any. */
function guessedVerbAt(words: readonly string[], isName: (word: string) => boolean): number | null {
  const subjectAt = BEFORE_NOUN.test(words[0] ?? '') ? 1 : 0;
  const guess = words[subjectAt + 1];
  return !isName(words[subjectAt] ?? '') || guess === undefined || isName(guess) || /['’]s$|[^su]s$/iu.test(guess) ? null : subjectAt + 1;
}

/** Prepositions after a verb: what follows is not its object. */
const PREPOSITION = /^(?:to|from|in|into|on|onto|at|with|by|for|of|about|over|out|up|off|down|away|back|against|through|across|toward|towards|behind|between|among|around|under)$/iu;

/** See DidClause.presumedAction; `verbIndex` is the verb's place, found or guessed. */
function presumedAction(words: readonly string[], verbIndex: number | null): string | null {
  if (verbIndex === null) return null;
  const next = words[verbIndex + 1];
  // A passive's participle ("get arrested in November") takes a preposition where an active verb takes its object.
  const passive = PASSIVE_GET.test(words[verbIndex - 1] ?? '');
  return next !== undefined && PREPOSITION.test(next) && !passive ? null : normalizeTerm(words[verbIndex] as string);
}

/** "get arrested", "got killed": the participle after it is the verb of a passive. */
const PASSIVE_GET = /^(?:get|gets|got|gotten)$/iu;

/** Words that follow a verb and never a subject's noun: its object's determiner or pronoun, or a preposition. */
const AFTER_VERB = /^(?:the|a|an|its|their|his|her|our|my|your|this|that|these|those|it|them|him|us|me|to|from|in|into|on|onto|at|with|by|for|of|about|over|out|up|off|down|away|back|against|through|across|toward|towards|behind|between|among|around|under)$/iu;
/** Words before a noun, never before the verb: "the rebels", "its forces", "Iran's", "in eastern Ghouta". */
const BEFORE_NOUN = /^(?:the|a|an|its|their|his|her|our|my|your|this|that|these|those|\p{L}+['’]s|to|from|in|into|on|onto|at|with|by|for|of|about|over|against|through|across|toward|towards|behind|between|among|around|under)$/iu;
/** Verbs of saying and thinking: what follows them is someone's view, not an event. */
const VIEW_VERB = /^(?:say|think|know|believe|feel|mean|see|consider|claim|argue|suggest|warn|insist|deny|admit)$/iu;
/** Verbs that say little by themselves ("get a seat", "go it alone", "take the deal"): a sentence may word them any way. */
const LIGHT_VERB = /^(?:get|go|take|make|have|do|come|give|put|let|keep|start|begin|end|try|want)$/iu;

/** Adverbs of time inside a "did" clause ("ever", "finally"). */
const TIME_ADVERB = /\b(?:ever|already|yet|now|finally|eventually|actually|really|still|first|never|also|just|even|again|once)\b/giu;
/** Adverbs in -ly ("suddenly", "initially", "reportedly"), which qualify the verb; not "supply", "apply" or "family". */
const LY_ADVERB = /\b(?!(?:family|assembly|italy|ally|rally|bully)\b)\p{L}{2,}(?<!p)ly\b/giu;

/** What a question says after its auxiliary, up to where its main clause ends, without the adverbs qualifying the verb. */
function mainClause(rest: string): string {
  return rest.replace(TIME_ADVERB, ' ').replace(LY_ADVERB, ' ').replace(/\s+/gu, ' ').split(CLAUSE_END)[0] ?? '';
}

function wordsOf(clause: string): string[] {
  return clause.split(/\s+/).map((raw) => raw.replace(/^[^\p{L}]+|[^\p{L}’']+$/gu, '')).filter(Boolean);
}

/**
 * Where the verb of a "did" clause is, told without a part-of-speech tagger (each one on npm costs ~55 MB for its
 * lexicon): the first word after the subject's first word that is not a name, a plural noun or a word after a
 * determiner or preposition, if it is followed by its object's determiner, a preposition, a name or nothing. "Did the
 * rebels in Rastan accept the offer" gives "accept"; "Did Iran lose soldiers …" and "Did Russia deploy military
 * police …" give none (the first such word is not followed so), and then no verb is checked. A question in capitals
 * says nothing by its case, and gives none.
 */
function verbAt(words: readonly string[], clause: string, isName: (word: string) => boolean): number | null {
  if (clause === clause.toUpperCase()) return null;
  const capitalised = (word: string) => /^\p{Lu}/u.test(word) && clause !== clause.toLowerCase();
  const start = BEFORE_NOUN.test(words[0] ?? '') ? 2 : 1;
  for (let at = start; at < words.length; at++) {
    const [before, word, after] = [words[at - 1] as string, words[at] as string, words[at + 1]];
    // A plural ("forces") or a gerund ("trucks coming from") is not the base form a "did" clause's verb takes.
    if (normalizeTerm(word) === null || capitalised(word) || isName(word) || BEFORE_NOUN.test(before) || /['’]s$|[^su]s$|\p{L}{3}ing$/iu.test(word)) continue;
    // "the Syrian regime": a word after a determiner and an adjective is the subject's noun.
    if (capitalised(before) && BEFORE_NOUN.test(words[at - 2] ?? '')) continue;
    if (PASSIVE_GET.test(word) && after !== undefined && PARTICIPLE.test(after)) return at + 1;
    return after === undefined || AFTER_VERB.test(after) || capitalised(after) || isName(after) ? at : null;
  }
  return null;
}

/**
 * Whether the sentence has one of the clause's words (`stems`, in any form) only within reach of an intention word,
 * and does not say the intention was refused: "Did Turkey withdraw its forces?" is not answered by "… a timetable for
 * the withdrawal of Turkish forces". A sentence without the clause's words is left to the coverage check, since
 * the verb is not known (see didClauseAsked).
 */
export function doesNotStateClause(text: string, stems: readonly string[], refusalAnswers = true): boolean {
  if (stems.length === 0) return false;
  const report = reportOf(text);
  const stated = refusalAnswers ? [...report.outsideIntentions, ...report.refused] : report.affirmed;
  return stems.some((asked) => hasFormOf(report.all, asked) && !hasFormOf(stated, asked));
}

/**
 * How a sentence reports things, as stems: all its words, those outside every intention's reach, those a refusal or
 * denial governs ("refused to comply with the demand to withdraw", "did not shorten"), and those outside intentions
 * and denials alike (what it affirms happened).
 */
interface Report {
  all: string[];
  outsideIntentions: string[];
  refused: string[];
  affirmed: string[];
}

/** Reports of sentences already read: the same retrieved sentences come back question after question. */
const MAX_CACHED_REPORTS = 20_000;
const reportOf = boundedMemo(readReport, MAX_CACHED_REPORTS);

function readReport(text: string): Report {
  const sentence = withMonthNamed(text);
  // Its own words and, for its phrasal verbs, the plain verbs a question is put in ("set up" → "established").
  const plain = withPlainVerbs(sentence);
  const versions = plain === sentence ? [sentence] : [sentence, plain];
  const outside = versions.map((version) => withoutScopes(version, [INTENT_SCOPE, INTENT_NOUN_SCOPE, PROSPECT_SCOPE]));
  return {
    all: versions.flatMap(stemsOf),
    outsideIntentions: outside.flatMap(stemsOf),
    refused: versions.flatMap((version) => scopesOf(version, [REFUSAL_SCOPE, DENIAL_SCOPE]).flatMap(stemsOf)),
    affirmed: outside.flatMap((version) => stemsOf(withoutScopes(version, [REFUSAL_SCOPE, DENIAL_SCOPE]))),
  };
}

/**
 * The spans the scopes cover: each scope word and the reach its lookahead captures. Every scope word starts its own
 * span, also inside another's reach ("would not agree … unless it obtained a timetable for the withdrawal").
 */
function scopeSpans(text: string, scopes: readonly RegExp[]): [number, number][] {
  return scopes.flatMap((scope) => [...text.matchAll(scope)].map((match): [number, number] => [match.index as number, (match.index as number) + match[0].length + (match[1] ?? '').length]));
}

function scopesOf(text: string, scopes: readonly RegExp[]): string[] {
  return scopeSpans(text, scopes).map(([start, end]) => text.slice(start, end));
}

function withoutScopes(text: string, scopes: readonly RegExp[]): string {
  const covered = new Uint8Array(text.length);
  for (const [start, end] of scopeSpans(text, scopes)) covered.fill(1, start, end);
  return text.replace(/[^]/gu, (character, index: number) => (covered[index] === 1 ? ' ' : character));
}

function hasFormOf(stems: readonly string[], asked: string): boolean {
  return stems.some((stem) => isFormOf(stem, asked));
}

/** A capitalised "May" inside a sentence is the month, not the modal. */
function withMonthNamed(text: string): string {
  return text.replace(/(?<=\S\s+)May\b/gu, 'Mai');
}

/** Split at hyphens too, as `analyze` does: "Russian-imposed" states "imposed". */
function stemsOf(text: string): string[] {
  return text.split(/[^\p{L}\p{N}’']+/u).map((word) => normalizeTerm(word)).filter((stem): stem is string => stem !== null);
}

/** Words that say an intended event did not or will not happen ("refused", "called off", "would not"), which answers whether it did. */
const REFUSAL_VERB = String.raw`refus(?:e|es|ed|ing)|reject(?:s|ed|ing)?|declin(?:e|es|ed|ing)|call(?:s|ed|ing)?\s+off|cancel(?:s|led|ed|ling|ing)?|scrap(?:s|ped|ping)?|abandon(?:s|ed|ing)?|shelv(?:e|es|ed|ing)|decided\s+against|rul(?:e|es|ed|ing)\s+out`;
/**
 * A refusal reaches the words after it as an intention does ("refused to comply with the demand to withdraw"), but
 * not past a conjunction ("rejected the proposal and withdrew its tanks" states the withdrawal).
 */
const REFUSAL_SCOPE = scopeOf(String.raw`(?:${REFUSAL_VERB}|fail(?:s|ed)?\s+to)`, INTENT_REACH_WORDS, CLAUSE_CONJUNCTION);
/**
 * A negation governs the next few words only: "would not block the restructuring", "did not shorten it", "cannot pay".
 * Not "not only", and not "not to" ("warned them not to attack"), an instruction and so an intention (INTENT).
 */
const DENIAL_SCOPE = /(?:\b(?:not(?!\s+(?:only|to)\b)|cannot|never|no\s+plans?\s+to)\b|n['’]t\b)(?=((?:\s+[\p{L}\p{N}’'-]+){0,3}))/giu;
/** A verb that refuses or drops what was offered or planned: "Nordvik rejected the offer" answers "Did Nordvik accept it?". */
const REFUSES = new RegExp(String.raw`\b(?:${REFUSAL_VERB})\b`, 'iu');

/** Whether the text has a verb of refusing or dropping: "Why did Nordvik reject the offer?" asks about a refusal. */
export function refuses(text: string): boolean {
  return REFUSES.test(text);
}

/** Whether the text refuses or denies anything ("has not been charged", "rejected the offer"). */
export function deniesOrRefuses(text: string): boolean {
  return REFUSES.test(text) || /\b(?:not(?!\s+only\b)|cannot|never)\b|n['’]t\b/iu.test(text);
}
