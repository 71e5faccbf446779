/**
 * @module "Were the Astana talks expanded?" is not answered by "Russia supports expanding the Astana talks", nor
 * "Have Iranian forces withdrawn?" by "Russia and Turkey agreed to push for the removal of all Iranian forces": news
 * reports many things only as proposed, demanded or planned, and quoting that as if it happened is the confident
 * wrong answer. A yes/no question about whether something has happened asks for a sentence that states it.
 */
import { normalizeTerm } from '../index/lexical-index.ts';

/** "Has/Have/Had/Was/Were/Is/Are <subject> <participle>": a question whether something has happened. */
const HAPPENED_QUESTION = /^\s*(?:(?:and|so|but)[\s,]+)?(?:has|have|had|was|were|is|are)\s+(.+)$/iu;
/** Where a question's main clause ends: what follows is background ("since Russia and Turkey agreed to push for it"). */
const CLAUSE_END = /\s*(?:[,;:?]|\b(?:since|after|before|because|as|when|while|so|although|though|despite|following|given|under|that|now|ever|yet|already)\b)/iu;
/** A past participle by its ending (expanded, withdrawn, taken, set): irregular ones the list names. */
const PARTICIPLE = /^(?:\p{L}+(?:ed|en|wn)|set|put|cut|hit|hurt|shut|built|sent|spent|lost|left|kept|held|met|made|paid|sold|told|brought|bought|fought|caught|taught|thought|sought|struck|begun|done|gone|won|run|come|become)$/iu;
/** Participles that describe a state, not an event. */
const STATIVE = /^(?:surprised|shocked|concerned|worried|pleased|satisfied|disappointed|frustrated|annoyed|angered|interested|involved|based|located|known|expected|supposed|allowed|prepared|convinced|divided|united|committed|opposed|tied|linked|related|aligned|determined|alarmed|confused|embarrassed|isolated|seen|considered|thought|believed|regarded)$/iu;
/**
 * Words that put what follows among intentions, not events: support, demand, plan, propose, call for, agree to,
 * push for, hope, expect, aim, would/could/should.
 */
const INTENT = String.raw`(?:supports?|supported|supporting|wants?|wanted|seeks?|seeking|sought|plans?|planned|planning|propos(?:e|es|ed|ing|al|als)|calls?\s+for|called\s+for|calling\s+for|demands?|demanded|demanding|urges?|urged|urging|hopes?|hoped|hoping|expects?|expected|expecting|expectations?|aims?|aimed|aiming|intends?|intended|intention|agree(?:s|d|ment)?\s+to|push(?:es|ed|ing)?\s+for|offer(?:s|ed)?\s+to|promis(?:e|es|ed)|pledg(?:e|es|ed)|would|could|should|may|might|threat(?:en|ens|ened)|suggest(?:s|ed)?|attempts?\s+to|try(?:ing)?\s+to|tried\s+to|initiative|envisag(?:e|es|ed)|will|going\s+to|talks?\s+(?:on|about)|discuss(?:es|ed|ing|ion|ions)?|spoken\s+(?:about|of)|spoke\s+(?:about|of)|timetable|deadline|schedule)`;
const INTENT_WORD = new RegExp(String.raw`\b${INTENT}\b`, 'iu');
/** How far after an intention word its object may reach ("push for the removal of all Iranian forces"). */
const INTENT_REACH_WORDS = 12;
/** An intention reaches over the words after it, up to a comma or the end of its clause. */
const INTENT_SCOPE = new RegExp(String.raw`\b${INTENT}\b((?:[\s“”"‘’]+[\p{L}\p{N}’'-]+){0,${INTENT_REACH_WORDS}})`, 'giu');
/** Words sharing this many first letters are one word in another form (withdrawn, withdrawal; expanded, expansion). */
const SAME_WORD_PREFIX = 5;

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
export function doesNotStateEvent(text: string, event: string): boolean {
  // A capitalised "May" inside a sentence is the month, not the modal.
  const sentence = text.replace(/(?<=\S\s+)May\b/gu, 'Mai');
  const stemsOf = (part: string) => part.split(/[^\p{L}\p{N}’'-]+/u).map((word) => normalizeTerm(word)).filter((stem): stem is string => stem !== null);
  const isEvent = (stem: string) => stem === event || (event.length >= SAME_WORD_PREFIX && stem.slice(0, SAME_WORD_PREFIX) === event.slice(0, SAME_WORD_PREFIX));
  if (!stemsOf(sentence).some(isEvent)) return true;
  // Stated when the event's word stands outside every intention ("the talks were expanded, as Russia had proposed"),
  // or refused: "Hezbollah has refused to comply with the demand to withdraw" answers "Has Hezbollah withdrawn?".
  return !stemsOf(sentence.replace(INTENT_SCOPE, ' ')).some(isEvent) && !REFUSAL.test(sentence);
}

/** Words that say an intended event did not happen, which answers whether it did. */
const REFUSAL = /\b(?:refus(?:e|es|ed|ing)|reject(?:s|ed|ing)?|declin(?:e|es|ed|ing)|fail(?:s|ed)?\s+to|(?:has|have|had|did|does|do)\s+not|(?:hasn|haven|hadn|didn|doesn)['’]t|never)\b/iu;
