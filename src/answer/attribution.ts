/**
 * @module Whose words a question asks for ("What did Erdogan say about …", "How did Israel react to …", "What was
 * Iran's response to …"), and whom a sentence reports as saying, thinking or doing something ("Mikhail Bogdanov, the
 * envoy, emphasized …", "… according to the Syrian Observatory"). News attributes every claim; a sentence that
 * mentions Erdogan while quoting Bogdanov does not say what Erdogan said, however many words it shares with the
 * question. Plain patterns of English news prose, no parser: a sentence whose speaker they miss is not used to answer.
 */

const SPEECH_VERBS =
  'say|said|says|saying|tell|told|think|thought|claim(?:ed)?|argue[ds]?|warn(?:ed)?|write|wrote|written|announce[ds]?|comment(?:ed)?|respond(?:ed)?|react(?:ed)?|reply|replied|answer(?:ed)?|make\\s+of|feel|felt|view(?:ed)?|see|saw|describe[ds]?|characteri[sz]e[ds]?';
const OPENING = String.raw`^\s*(?:(?:and|so|but|ok(?:ay)?)[\s,]+)?`;
/** "What did Erdogan himself say about …", "How did Israel react to …", "what does the Kremlin make of …": a subject of up to six words. */
const SPEECH_QUESTION = new RegExp(
  `${OPENING}(?:what|how)\\s+(?:did|does|do|has|have|had|would|will)\\s+((?:\\S+\\s+){0,5}?\\S+)\\s+(?:(?:\\p{L}+ly|really|actually|first|then|ever|publicly|officially)\\s+)?(?:${SPEECH_VERBS})\\b`,
  'iu',
);
/** "What was Iran's foreign minister's reaction to …", "what's Ankara's position on …". */
const REACTION_QUESTION =
  /^\s*(?:(?:and|so|but)[\s,]+)?(?:what|how)(?:['’]s|\s+(?:is|was|are|were|has\s+been|had\s+been))\s+((?:\S+\s+){0,5}?\S+?)['’]s?\s+(?:official\s+|first\s+|initial\s+)?(?:reaction|response|reply|view|views|position|stance|take|comment|comments|answer|verdict|assessment|opinion|attitude)\b/iu;
/**
 * A subject that is an article itself ("the 2018 report", "the Algemeiner piece"), whose every sentence is what it
 * says, or a pronoun the question leaves to the conversation: no one to check.
 */
const NO_SPEAKER =
  /(?:^|\s)(?:articles?|reports?|stor(?:y|ies)|pieces?|papers?|newspapers?|outlets?|authors?|writers?|coverage)$|^(?:he|she|they|it|we|you|i|him|her|them|people|anyone|someone|everyone|(?:the\s+)?sources?)$/i;

/** The speaker a question asks about, as the question words it, or null when it asks for no one's words. */
export function speakerAsked(question: string): string | null {
  const subject = (SPEECH_QUESTION.exec(question) ?? REACTION_QUESTION.exec(question))?.[1]?.trim();
  if (subject === undefined || NO_SPEAKER.test(subject)) return null;
  return subject;
}

/**
 * Finite verbs by which news attributes what someone said, thought, wanted or did about something. "-ing" forms
 * are left out: "…, saying" belongs to the subject of the clause before, which its own verb already names.
 */
const ATTRIBUTION_VERB = new RegExp(
  String.raw`\b(?:says?|said|tell|tells|told|stated?|states|noted?|notes|emphasi[sz](?:e|es|ed)|stress(?:es|ed)?|warn(?:s|ed)?|add(?:s|ed)|argue[ds]?|claim(?:s|ed)?|explain(?:s|ed)?|insist(?:s|ed)?|believe[ds]?|thinks?|thought|announce[ds]?|confirm(?:s|ed)?|den(?:y|ies|ied)|reject(?:s|ed)?|refuse[ds]?|respond(?:s|ed)?|repl(?:y|ies|ied)|react(?:s|ed)?|welcome[ds]?|condemn(?:s|ed)?|accuse[ds]?|call(?:s|ed)?|urge[ds]?|demand(?:s|ed)?|propose[ds]?|suggest(?:s|ed)?|highlight(?:s|ed)?|affirm(?:s|ed)?|assert(?:s|ed)?|acknowledge[ds]?|describe[ds]?|reveal(?:s|ed)?|report(?:s|ed)?|wants?|wanted|hope[ds]?|fear(?:s|ed)?|expect(?:s|ed)?|seeks?|sought|support(?:s|ed)?|oppose[ds]?|agree[ds]?|accept(?:s|ed)?|ask(?:s|ed)?|offer(?:s|ed)?|promise[ds]?|criticis(?:e|es|ed)|criticiz(?:e|es|ed)|dismiss(?:es|ed)?|views?|viewed|consider(?:s|ed)?|sees|saw|perceive[ds]?|regard(?:s|ed)?|writes?|wrote|comment(?:s|ed)?|indicate[ds]?|insisted|maintain(?:s|ed)?|pledge[ds]?|vow(?:s|ed)?|threaten(?:s|ed)?|complain(?:s|ed)?|object(?:s|ed)?|prefer(?:s|red)?)\b`,
  'giu',
);
/** Where a clause's subject starts, looking back from its verb. */
const CLAUSE_START = /(?:^|[“”"‘:;(—–]|\b(?:that|when|while|whereas|because|after|before|although|though|since|if|as|but)\b)/giu;
/** A verb right after one of these is passive ("was revealed"): its subject is not who acted. */
const PASSIVE_AUXILIARY = /\b(?:is|are|was|were|be|been|being)\s+(?:\p{L}+ly\s+)?$/iu;
/** Words between a subject and its verb that are not the subject ("has already", "would not"). */
const BEFORE_VERB = /\b(?:has|have|had|will|would|could|should|may|might|must|can|did|does|do|also|already|still|not|never|always|often|reportedly|allegedly|repeatedly|recently|then|now|publicly|privately|further)\b/giu;
const PRONOUN_SPEAKER = /^[\s”"’']*(?:he|she|they|it|we)$/i;
/**
 * "the Russian demand", "a call", "Iran's support", "Iranian views", "Turkish demands": after a determiner, a
 * possessive or a nationality adjective the word is a noun, not an attribution verb.
 */
const NOUN_BEFORE =
  /(?:\b(?:the|a|an|this|that|these|those|its|his|her|their|our|any|no|every|each)\s+(?:\p{Lu}[\p{L}’'-]*\s+)?|['’]s\s+|\b\p{Lu}\p{L}+(?:ian|ean|ish|ese)\s+)$/u;
/** A subject longer than this is a clause the patterns misread (a bogus verb far into the sentence), not a speaker. */
const MAX_SUBJECT_WORDS = 12;
/** Only this much text before a verb is read for its subject: a subject is short, and rescanning long prefixes is quadratic. */
const SUBJECT_WINDOW = 200;

export interface Speakers {
  /** Text naming whom the sentence reports as speaking or acting. */
  spans: string[];
  /** A speaker is only a pronoun ("He noted …"): whom it stands for is in the sentence before. */
  refersBack: boolean;
}

/** Whom a sentence reports as speaking or acting: subjects of its attribution verbs, "according to X", "said X". */
export function speakersOf(sentence: string): Speakers {
  const spans: string[] = [];
  let refersBack = false;
  for (const match of sentence.matchAll(ATTRIBUTION_VERB)) {
    const before = sentence.slice(Math.max(0, (match.index as number) - SUBJECT_WINDOW), match.index);
    if (NOUN_BEFORE.test(before)) continue;
    if (PASSIVE_AUXILIARY.test(before)) {
      // "The offer was rejected by the factions": the agent follows "by".
      const agent = /^\s+by\s+([^,.;:“"]+)/u.exec(sentence.slice((match.index as number) + match[0].length))?.[1];
      if (agent !== undefined) spans.push(agent.trim());
      continue;
    }
    const subject = subjectBefore(before);
    if (subject !== '') {
      if (PRONOUN_SPEAKER.test(subject)) refersBack = true;
      else spans.push(subject);
    }
    // "“…,” said Lavrov." and "…, Lavrov said": after a closing quote or a comma the speaker may follow the verb.
    if (/[”",]\s*$/u.test(before)) {
      const after = /^\s+((?:\p{Lu}[\p{L}’'.-]*\s*){1,5})/u.exec(sentence.slice((match.index as number) + match[0].length))?.[1];
      if (after !== undefined) spans.push(after.trim());
    }
  }
  for (const match of sentence.matchAll(/\baccording to\s+([^,.;:“"]+)/giu)) spans.push((match[1] as string).trim());
  return { spans, refersBack };
}

/**
 * The subject of a verb, from the text before it: back to the start of its clause, and past one comma-enclosed
 * appositive ("Mikhail Bogdanov, the Russian president’s special envoy, emphasized").
 */
function subjectBefore(before: string): string {
  let clauseStart = 0;
  for (const match of before.matchAll(CLAUSE_START)) clauseStart = (match.index as number) + match[0].length;
  const clause = before.slice(clauseStart);
  const segments = clause.split(',');
  const last = (segments.pop() ?? '').replace(BEFORE_VERB, ' ').trim();
  if (last !== '') return wordCount(last) <= MAX_SUBJECT_WORDS ? last : '';
  // The verb follows a comma: what precedes is an appositive, and the subject stands before it. A relative clause
  // ("Putin, who met Erdogan on Monday, said") names someone else.
  const appositive = segments.slice(-2).filter((segment) => !/^\s*(?:who|whom|whose|which|that|where|when)\b/iu.test(segment) && wordCount(segment) <= MAX_SUBJECT_WORDS);
  return appositive.join(',').trim();
}

function wordCount(text: string): number {
  return text.trim().split(/\s+/).length;
}
