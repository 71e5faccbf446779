/**
 * @module What kind of answer a question asks for, and whether a sentence offers one. A question asking "how many"
 * is not answered by a sentence without a number, however many of its words it shares.
 */
import { normalizeTerm } from '../index/lexical-index.ts';

export type AnswerType = 'number' | 'time' | 'person' | 'place' | 'any';

const NUMBER_QUESTION = /\b(how (many|much|large|big|long|far|old)|number of|population|percent(age)?|death toll|casualt|budget|amount of|(?:what|which) (?:figure|count)|(?:what|which) (?:share|proportion|fraction|percentage) of)\b/i;
// "When" before an auxiliary asks even mid-question ("hmeimim airbase when did russia open it"); before a subject it
// is a conjunction ("what happened when Russia intervened").
const TIME_QUESTION = /^(\s*(and|so|but)\s+)?when\b|\bwhen\s+(?:did|does|do|was|were|is|are|has|have|had|will)\b|\b(what|which) (year|date|day|month|time)\b|\bsince when\b|\bhow long ago\b/i;
/**
 * "which official", "which Syrian intelligence officers": up to three describing words between "which" and the
 * person noun, none of them a verb or a preposition ("what did Russian officials say", "what angered Syrian
 * officers", "what pressure on officials" ask what, not who).
 */
const WHICH_PEOPLE = String.raw`\b(?:which|what)\s+(?:(?!(?:did|does|do|is|are|was|were|has|have|had|will|would|can|could|should|kind|sort|type|of|on|to|for|about|with|in|at|by|from|among|against)\b|\p{Ll}[\p{L}-]*(?:ed|es)\b)[\p{L}-]+\s+){0,3}?(?:officials?|ministers?|persons?|leaders?|experts?|commanders?|envoys?|presidents?|journalists?|authors?|analysts?|spokesm[ae]n|spokeswom[ae]n|officers?|generals?|diplomats?|researchers?)\b`;
const PERSON_QUESTION = new RegExp(String.raw`^(\s*(and|so|but)\s+)?(who|whom)\b|\bwhose\b|${WHICH_PEOPLE}|\bname of the\b`, 'iu');
const PLACE_QUESTION = /^(\s*(and|so|but)\s+)?where\b|\b(which|what) (town|city|village|country|region|place|area|province|base|airbase|port)\b/i;

export function expectedAnswerType(question: string): AnswerType {
  if (TIME_QUESTION.test(question)) return 'time';
  if (NUMBER_QUESTION.test(question)) return 'number';
  if (PERSON_QUESTION.test(question)) return 'person';
  if (PLACE_QUESTION.test(question)) return 'place';
  return 'any';
}

// A year is not a count: "since 2011" does not answer "how many". Nor is "one" ("one of the commanders", "one
// Russian soldier"), which news prose uses as a pronoun or article far more often than as a count.
const NUMBER_WORDS = /\b((?!(?:1[89]|20)\d\d\b)\d[\d,.]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|hundreds|thousand|thousands|million|millions|billion|dozen|dozens|several|half)\b/i;
const NUMBERS = new RegExp(NUMBER_WORDS.source, 'gi');

/** Month names and their news abbreviations (written with a full stop: "Oct. 14"), capitalised as in running text. */
const MONTH_NAME = 'January|February|March|April|May|June|July|August|September|October|November|December';
const MONTH_ABBREVIATION = 'Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec';
const WEEKDAY_NAME = 'Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday';

/** A calendar date's day ("March 11", "11 March"), which is no count: a dateline's day does not answer "how many". */
const MONTH = String.raw`(?:${MONTH_NAME}|(?:${MONTH_ABBREVIATION})\.)`;
const DAY_OF_MONTH = new RegExp(String.raw`(?:\b${MONTH}\s+\d{1,2}(?:st|nd|rd|th)?\b|\b\d{1,2}(?:st|nd|rd|th)?\s+${MONTH})`, 'gu');

/** The numbers a text gives (days of dates aside), as written but in lower case and without thousands separators. */
function numbersIn(text: string): string[] {
  return [...text.replace(DAY_OF_MONTH, ' ').matchAll(NUMBERS)].map((match) => (match[0] as string).toLowerCase().replace(/,(?=\d{3})/g, ''));
}

// Month names only capitalised, so the verb "may" is not taken for a date.
const TIME_WORDS = new RegExp(
  String.raw`\b(?:${MONTH_ABBREVIATION})\.(?=\s|$)|\b(1[89]\d\d|20\d\d|${MONTH_NAME}|${WEEKDAY_NAME}|yesterday|today|weeks?|months?|years?|since|ago|decades?|century|spring|summer|autumn|winter)\b`,
);

/** Capitalised words that name no one: weekdays and months, which a "who" or "where" question is not answered by. */
const CALENDAR_WORDS = new RegExp(`^(?:${WEEKDAY_NAME}|${MONTH_NAME}|${MONTH_ABBREVIATION})$`);

/**
 * Nationality adjectives and their plurals: Russian(s), Turkish, Lebanese, and the "-i" ones by name (Israeli,
 * Saudi): a bare "-i" ending would take Rouhani or Barzani for nationalities.
 */
const NATIONALITY_WORD = String.raw`\p{Lu}\p{L}+(?:ians?|eans?|ish|ese)|(?:Israeli|Saudi|Iraqi|Pakistani|Kuwaiti|Qatari|Yemeni|Emirati|Omani|Bahraini|Somali|Bangladeshi|Azerbaijani|Afghani)s?`;
const NATIONALITY = new RegExp(`^(?:${NATIONALITY_WORD})$`, 'u');

/** "Iranian or pro-Iranian groups", "Russian police": a nationality before one of these does name who acted. */
const NATIONAL_ACTORS =
  new RegExp(String.raw`\b(${NATIONALITY_WORD})\s+(?:[\p{L}-]+\s+){0,2}?(?:groups?|forces|militias?|soldiers|fighters|troops|officials?|police|military|army|guards?|diplomats?|authorities|government|regime|leaders?|commanders?|officers?|factions?|rebels?)\b`, 'gu');

/**
 * A question after one person ("which official", "the name of the envoy", "who wrote the piece"), not any agent
 * ("who" may be answered by a country: "who is obstructing the initiative?" "Iran"). Countries do not write: a
 * sentence whose only new name is "Russian" does not say who wrote an article.
 */
const INDIVIDUAL_QUESTION = new RegExp(String.raw`${WHICH_PEOPLE}|\bname of the\b|\bwho\s+(?:wrote|writes|authored|penned)\b`, 'iu');

/** Capitalised content words: a rough but general sign of a name. */
function names(text: string, { withNationalities = true, notAName = (_word: string): boolean => false }: { withNationalities?: boolean; notAName?: (word: string) => boolean } = {}): string[] {
  // A list item's first word ("— Regime forces would …") is capitalised as an opening, not as a name.
  const words = (text.match(/(?<=[\s“"(‘'])(?<![—–•]\s)\p{Lu}[\p{L}’'-]+/gu) ?? []).filter(
    (word) => !CALENDAR_WORDS.test(word) && (withNationalities || !NATIONALITY.test(word)) && !notAName(word.replace(/['’]s$/u, '')),
  );
  if (!withNationalities) for (const match of text.matchAll(NATIONAL_ACTORS)) if (!notAName(match[1] as string)) words.push(match[1] as string);
  // A capitalised function word ("The", "After") opens a sentence; it names nothing.
  return words.map((word) => normalizeTerm(word)).filter((word): word is string => word !== null);
}

/**
 * Whether the sentence holds something of the asked type that the question did not already contain.
 * `namesPlaceOrOutlet` tells a country, capital or the article's outlet ("Moscow", "Al-Souria") from a person's name,
 * which a question after one person needs.
 */
export function offersAnswerType(type: AnswerType, sentence: string, question: string, namesPlaceOrOutlet?: (word: string) => boolean): boolean {
  switch (type) {
    case 'any':
      return true;
    case 'number': {
      // "What share of the 500,000 killed were civilians?" is not answered by the 500,000 it already gives.
      const given = new Set(numbersIn(question));
      return numbersIn(sentence.replace(/\[\d+\]/g, '')).some((number) => !given.has(number));
    }
    case 'time':
      return TIME_WORDS.test(sentence);
    case 'person':
    case 'place': {
      // Every word of the question, whatever its case: "who hit khan tuman" already names Khan Tuman.
      const asked = new Set(question.split(/[^\p{L}\p{N}'’-]+/u).map((word) => normalizeTerm(word)));
      // A nationality alone ("Russian newspaper", "Syrian intelligence") names no person.
      const individual = type === 'person' && namesPlaceOrOutlet !== undefined && INDIVIDUAL_QUESTION.test(question);
      const candidates =
        type === 'person' ? names(` ${sentence}`, { withNationalities: false, ...(individual ? { notAName: namesPlaceOrOutlet } : {}) }) : names(` ${sentence}`);
      return candidates.some((name) => !asked.has(name));
    }
  }
}

/**
 * The attribute a "what is the X of Y" question asks for ("the population of Damascus", "Erdogan's reply to …",
 * "the first round of the Astana talks"). A sentence about Y that never mentions X does not answer it.
 */
const ATTRIBUTE_QUESTION = /^\s*(?:and\s+|so\s+)?(?:what|when|where|how)(?:\s+(?:is|was|are|were)|['’]s)\s+(?:the|a|an)\s+((?:[\p{L}-]+\s+){0,2}?[\p{L}-]+)\s+(?:of|to|for|about|behind|between|on|in|from|at)\b/iu;
/**
 * "How many drones": the counted thing must be in the sentence along with a number. Names and nationalities before
 * it ("how many Russian soldiers", "how many iranian troops") describe the thing; they are not it.
 */
const COUNTED_THING = /\b[Hh]ow many\s+(?:(?:\p{Lu}[\p{L}-]*|[\p{L}-]+(?:ian|ean|ish|ese|i))\s+)*([\p{L}-]+)/u;
const POSSESSIVE_ATTRIBUTE = /^\s*(?:what|when|where|how)(?:\s+(?:is|was|are|were)|['’]s)\s+[\p{L}-]+(?:'s|’s)\s+([\p{L}-]+)/iu;

export function attributeAsked(question: string): string | null {
  const match = COUNTED_THING.exec(question) ?? POSSESSIVE_ATTRIBUTE.exec(question) ?? ATTRIBUTE_QUESTION.exec(question);
  const phrase = match?.[1]?.trim();
  if (phrase === undefined) return null;
  // The last word of the phrase is its head: "annual budget" → "budget", "first round" → "round".
  return phrase.split(/\s+/).pop() ?? null;
}

/** How a question may open before it asks ("and", "tell me", "do you know"): not part of what it asks. */
const QUESTION_OPENING = String.raw`^\s*(?:(?:and|so|but|ok|okay|then)[\s,]+)?(?:(?:tell me|do you know|does anyone know|can you tell me|could you tell me|any idea|i(?:'d| would) like to know|i want to know)[\s,]+)?`;
/** "who …" or "which group …" (an agent asked for), then the words after it. */
const AGENT_QUESTION = new RegExp(
  `${QUESTION_OPENING}(?:who|which\\s+(?:groups?|factions?|countr(?:y|ies)|sides?|forces?|part(?:y|ies)|militias?|organi[sz]ations?|officials?|leaders?|commanders?))\\s+([\\p{L}'’-]+(?:\\s+[\\p{L}'’-]+)?)`,
  'iu',
);
/** After "who": an auxiliary or copula means the question is inverted or asks who someone is; there is no deed to find. */
const AUXILIARY = /^(?:is|was|are|were|be|been|did|does|do|has|have|had|will|would|could|can|should|may|might|must)$/i;
/** "who among them", "who in Damascus": the deed comes after a phrase this rule does not parse. */
const PREPOSITION = /^(?:among|amongst|of|from|in|inside|on|at|with|within|between|behind|under|over|across|against|for|by|to|the|a|an)$/i;
/** Adverbs ("allegedly", "really") qualify the deed; the next word is it. */
const ADVERB = /^(?:[\p{L}]+ly|else|exactly|then|now|ever|first|also|just|still)$/iu;

/**
 * What an agent question says was done ("who wrote the article" → "wrote", "tell me which group hit Khan Tuman" →
 * "hit", "who allegedly shelled it" → "shelled"): a sentence that names people near the subject but never says they
 * did it does not answer who did. Null when the words after "who" are not a deed (who is, who did Moscow bar, who
 * among them), so the rule never vetoes what it cannot read.
 */
export function relationAsked(question: string): string | null {
  const words = AGENT_QUESTION.exec(question)?.[1]?.split(/\s+/) ?? [];
  const deed = ADVERB.test(words[0] ?? '') ? words[1] : words[0];
  if (deed === undefined || AUXILIARY.test(deed) || ADVERB.test(deed) || PREPOSITION.test(deed) || normalizeTerm(deed) === null) return null;
  return deed;
}
