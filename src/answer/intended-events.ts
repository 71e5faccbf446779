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
/**
 * Words that put what follows among intentions, not events: support, demand, plan, propose, call for, agree to,
 * push for, hope, expect, aim, would/could/should.
 */
const INTENT = String.raw`(?:supports?|supported|supporting|backs?|backed|wants?|wanted|seeks?|seeking|sought|plans?|planned|planning|propos(?:e|es|ed|ing|al|als)|calls?\s+for|called\s+for|calling\s+for|demands?|demanded|demanding|urges?|urged|urging|hopes?|hoped|hoping|expects?|expected|expecting|expectations?|aims?|aimed|aiming|intends?|intended|intention|agree(?:s|d|ment)?\s+to|push(?:es|ed|ing)?\s+for|offer(?:s|ed)?\s+to|promis(?:e|es|ed)|pledg(?:e|es|ed)|would|could|should|may|might|threat(?:en|ens|ened)|suggest(?:s|ed)?|attempts?\s+to|try(?:ing)?\s+to|tried\s+to|initiative|envisag(?:e|es|ed))`;
const INTENT_WORD = new RegExp(String.raw`\b${INTENT}\b`, 'iu');
/** How far after an intention word its object may reach ("push for the removal of all Iranian forces"). */
const INTENT_REACH_WORDS = 12;
const INTENT_SCOPE = new RegExp(String.raw`\b${INTENT}\b((?:[\s,“”"‘’]+[\p{L}\p{N}’'-]+){0,${INTENT_REACH_WORDS}})`, 'giu');

export interface AskedEvent {
  /** Stem of the participle ("expand" of "expanded"): the event asked about. */
  event: string;
  /** Stems of the main clause's other words, by which the event is found when the sentence words it otherwise. */
  clause: string[];
}

/** The event a question asks whether it happened, or null for any other question (or one about an intention). */
export function eventAsked(question: string): AskedEvent | null {
  const rest = HAPPENED_QUESTION.exec(question)?.[1];
  if (rest === undefined) return null;
  const clause = rest.split(CLAUSE_END)[0] ?? '';
  if (INTENT_WORD.test(clause)) return null;
  const words = clause.split(/\s+/).filter(Boolean);
  // The participle follows the subject: never the first word after the auxiliary, and the last one is the verb.
  const participle = [...words.slice(1)].reverse().find((word) => PARTICIPLE.test(word));
  const event = participle === undefined ? null : normalizeTerm(participle);
  if (event === null) return null;
  const others = words.map((word) => normalizeTerm(word)).filter((stem): stem is string => stem !== null && stem !== event);
  return { event, clause: others };
}

/**
 * Whether the sentence fails to state the asked event: it reports it only as an intention (the event's word, or
 * failing that every word it has of the main clause, stands within reach of an intention word), or it has none of
 * the main clause's words (it matched the question's background: "since Russia and Turkey agreed …").
 */
export function doesNotStateEvent(text: string, asked: AskedEvent): boolean {
  // A capitalised "May" inside a sentence is the month, not the modal.
  const sentence = text.replace(/(?<=\S\s+)May\b/gu, 'Mai');
  const stemsOf = (text: string) => text.split(/[^\p{L}\p{N}’'-]+/u).map((word) => normalizeTerm(word)).filter((stem): stem is string => stem !== null);
  const all = stemsOf(sentence);
  const intended = new Set<string>();
  for (const match of sentence.matchAll(INTENT_SCOPE)) for (const stem of stemsOf(match[1] ?? '')) intended.add(stem);
  if (all.includes(asked.event)) return intended.has(asked.event) && !stated(sentence, asked.event, stemsOf);
  const found = asked.clause.filter((stem) => all.includes(stem));
  return found.every((stem) => intended.has(stem));
}

/** Whether the event's word also stands outside every intention ("it expanded the talks, as Russia had proposed"). */
function stated(sentence: string, event: string, stemsOf: (text: string) => string[]): boolean {
  const outside = sentence.replace(INTENT_SCOPE, ' ');
  return stemsOf(outside).includes(event);
}
