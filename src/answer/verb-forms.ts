/**
 * @module Whether a sentence's word is a form of a question's verb: "withdrawal" and "withdrew" of "withdraw", "died"
 * of "die", "met" of "meet". Words compare by their Porter stems, which miss short and irregular forms.
 */
import { normalizeTerm } from '../index/lexical-index.ts';

/** Words sharing at least this many first letters may be one word in another form (withdrawn, withdrawal; expanded, expansion). */
const SAME_WORD_PREFIX = 5;

/** Common irregular verbs, base form first: their past forms (and a few nouns, "death") share no stem with it. */
const IRREGULAR_VERBS = `die died death|meet met meeting|hold held|lose lost loss|take took taken|give gave given|fight fought|send sent|build built|leave left|
  win won|sell sold sale|pay paid|bring brought|buy bought|seek sought|tell told|lead led|fall fell fallen|break broke broken|
  choose chose chosen choice|drive drove driven|rise rose risen|shoot shot|strike struck|catch caught|feel felt|keep kept|
  spend spent|stand stood|begin began begun|run ran|see saw seen|freeze froze frozen|sink sank sunk|shake shook shaken|
  throw threw thrown|write wrote written|forbid forbade forbidden|withdraw withdrew withdrawn|speak spoke spoken|
  fly flew flown flight|grow grew grown|know knew known|draw drew drawn|hide hid hidden|find found|flee fled|lay laid|
  lend lent|mean meant|sit sat|overtake overtook overtaken|undertake undertook undertaken|rebuild rebuilt|retake retook retaken`;

/** Each irregular form's stem → the stems of its verb's other forms. */
const IRREGULAR_FORMS = new Map<string, Set<string>>();
for (const verb of IRREGULAR_VERBS.split('|')) {
  const stems = verb.trim().split(/\s+/).map((word) => normalizeTerm(word) ?? word);
  for (const stem of stems) IRREGULAR_FORMS.set(stem, new Set([...(IRREGULAR_FORMS.get(stem) ?? []), ...stems]));
}

/** Whether `stem` (a sentence word's) is a form of the asked word's stem `asked`. */
export function isFormOf(stem: string, asked: string): boolean {
  if (stem === asked) return true;
  const [shorter, longer] = stem.length < asked.length ? [stem, asked] : [asked, stem];
  // Derived forms share all but the shorter stem's last letter or so ("expand", "expans"); "protect" and "protest",
  // "attack" and "attach" share five letters but not that many.
  let common = 0;
  while (common < shorter.length && shorter[common] === longer[common]) common += 1;
  if (common >= Math.max(SAME_WORD_PREFIX, shorter.length - 1)) return true;
  // Porter leaves "die" whole but cuts "died" to "di" ("tied", "lied" alike); "war" is not "warn", nor "arm" "army".
  if (longer === `${shorter}e`) return true;
  return IRREGULAR_FORMS.get(asked)?.has(stem) ?? false;
}
