/**
 * @module Phrasal verbs put as the one verb news writes: "has Hezbollah pulled its fighters out?" → "has Hezbollah
 * withdrawn its fighters?", "getting rid of Assad" → "removing Assad". GloVe has one vector per word, and neither
 * "pull" nor "out" is near "withdraw", so without this a question in everyday words finds nothing to match. Only
 * verb-and-particle pairs whose meaning is the same in any news story are listed ("hold up" may be "delay" or "last",
 * "bring down" a jet or a government, so neither is), and the verb keeps its form (pulled → withdrew, or withdrawn
 * after "has"), which the "did"/"has" checks read. Articles get the plain verb too, beside their own words (see
 * evidenceTerms), so a question put this way still matches an article's "set up" or "pulled out".
 */

/** Each verb's forms: base, third person, past, -ing, past participle; "a/b" gives two spellings of one form. */
type Forms = readonly [string, string, string, string, string];

/**
 * verb forms : particle : the plain verb's forms. A particle in brackets may follow the verb's object ("pulled its
 * fighters out"); the rest must follow the verb itself ("get rid of", "reach out to").
 */
const PHRASAL_VERBS = `
pull pulls pulled pulling pulled : [out] : withdraw withdraws withdrew withdrawing withdrawn
pull pulls pulled pulling pulled : [back] : withdraw withdraws withdrew withdrawing withdrawn
back backs backed backing backed : out : withdraw withdraws withdrew withdrawing withdrawn
back backs backed backing backed : down : retreat retreats retreated retreating retreated
get gets got getting got/gotten : rid of : remove removes removed removing removed
kick kicks kicked kicking kicked : [out] : expel expels expelled expelling expelled
drive drives drove driving driven : [out] : expel expels expelled expelling expelled
set sets set setting set : [up] : establish establishes established establishing established
carry carries carried carrying carried : [out] : conduct conducts conducted conducting conducted
step steps stepped stepping stepped : down : resign resigns resigned resigning resigned
step steps stepped stepping stepped : [up] : intensify intensifies intensified intensifying intensified
take takes took taking taken : [over] : seize seizes seized seizing seized
take takes took taking taken : [back] : retake retakes retook retaking retaken
win wins won winning won : [back] : regain regains regained regaining regained
hand hands handed handing handed : [over] : transfer transfers transferred transferring transferred
call calls called calling called : [off] : cancel cancels cancelled/canceled cancelling/canceling cancelled/canceled
turn turns turned turning turned : [down] : reject rejects rejected rejecting rejected
turn turns turned turning turned : against : oppose opposes opposed opposing opposed
go goes went going gone : along with : accept accepts accepted accepting accepted
look looks looked looking looked : into : investigate investigates investigated investigating investigated
wrap wraps wrapped wrapping wrapped : [up] : conclude concludes concluded concluding concluded
speed speeds sped/speeded speeding sped/speeded : [up] : accelerate accelerates accelerated accelerating accelerated
reach reaches reached reaching reached : out to : contact contacts contacted contacting contacted
shut shuts shut shutting shut : [down] : close closes closed closing closed
cut cuts cut cutting cut : [off] : isolate isolates isolated isolating isolated
scale scales scaled scaling scaled : [back] : reduce reduces reduced reducing reduced
ramp ramps ramped ramping ramped : [up] : increase increases increased increasing increased
find finds found finding found : out : discover discovers discovered discovering discovered
point points pointed pointing pointed : out : note notes noted noting noted
give gives gave giving given : up : abandon abandons abandoned abandoning abandoned
crack cracks cracked cracking cracked : down on : suppress suppresses suppressed suppressing suppressed
team teams teamed teaming teamed : up with : ally allies allied allying allied
fall falls fell falling fallen : apart : collapse collapses collapsed collapsing collapsed
wipe wipes wiped wiping wiped : [out] : destroy destroys destroyed destroying destroyed
`;

interface PhrasalVerb {
  verb: Forms;
  particle: string[];
  /** The particle may follow the verb's object. */
  separable: boolean;
  plain: Forms;
}

const PARTICIPLE = 4;
/** How far back an auxiliary may stand before the verb it makes a participle: "has the Syrian army pulled out". */
const AUXILIARY_REACH = 4;

const parseForms = (text: string): Forms => text.trim().split(/\s+/) as unknown as Forms;

const ENTRIES: PhrasalVerb[] = PHRASAL_VERBS.trim()
  .split('\n')
  .map((line) => {
    const [verb, particle, plain] = line.split(':').map((part) => part.trim()) as [string, string, string];
    const separable = particle.startsWith('[');
    return { verb: parseForms(verb), particle: particle.replace(/[[\]]/g, '').split(/\s+/), separable, plain: parseForms(plain) };
  });

/** Every form of every listed verb (each spelling of it), lower case → the entries and which form it is. */
const BY_FORM = new Map<string, { entry: PhrasalVerb; form: number }[]>();
for (const entry of ENTRIES) {
  entry.verb.forEach((spellings, form) => {
    for (const spelling of spellings.split('/')) BY_FORM.set(spelling, [...(BY_FORM.get(spelling) ?? []), { entry, form }]);
  });
}

/** Words a verb's object may hold between it and a separable particle: no preposition or conjunction ends it early. */
const OBJECT_WORD = /^(?!(?:of|in|on|at|to|from|with|by|for|about|over|into|onto|through|across|against|and|or|but|that|which|who|than|as|if|when|while|because)$)[\p{L}’'-]+$/iu;
/** Words before a verb that make its past form a participle: "has pulled", "was driven", "been set". */
const PERFECT_OR_PASSIVE = /^(?:has|have|had|having|is|are|was|were|be|been|being|get|gets|got)$/iu;
/** Most words between the verb and a separable particle ("its fighters", "all of their troops" is not one). */
const MAX_OBJECT_WORDS = 3;

const TOKEN = /[\p{L}’'-]+|[^\p{L}’'-]+/gu;
/** Any listed particle's first word: most sentences have none, and are returned as they are without tokenizing. */
const ANY_PARTICLE = new RegExp(String.raw`\b(?:${[...new Set(ENTRIES.map((entry) => entry.particle[0] as string))].join('|')})\b`, 'iu');

/**
 * Rewrites a question's listed phrasal verbs as their plain verbs, where the articles use the plain verb
 * (`usesWord`): otherwise the phrase, which may well be the articles' own ("speed up"), stays as typed.
 */
export function createPlainVerbs(usesWord: (word: string) => boolean): (question: string) => string {
  return (question) => withPlainVerbs(question, usesWord);
}

/** The question with each listed phrasal verb replaced by its plain verb in the same form; other words untouched. */
export function withPlainVerbs(question: string, usesWord: (word: string) => boolean = () => true): string {
  if (!ANY_PARTICLE.test(question)) return question;
  const tokens = question.match(TOKEN) ?? [];
  const words = tokens.map((token, at) => ({ token, at })).filter(({ token }) => /\p{L}/u.test(token));
  const lowered = words.map((word) => word.token.toLowerCase());
  for (let index = 0; index < words.length; index++) {
    const { token, at } = words[index] as { token: string; at: number };
    const forms = BY_FORM.get(lowered[index] as string) ?? [];
    for (const { entry, form } of forms) {
      const particleAt = findParticle(lowered, index + 1, entry);
      if (particleAt === null || !usesWord(entry.plain[0])) continue;
      // "has Hezbollah pulled …": an auxiliary a few words back makes a past form (or "set") a participle.
      const perfect = lowered.slice(Math.max(0, index - AUXILIARY_REACH), index).some((word) => PERFECT_OR_PASSIVE.test(word));
      const plainForm = perfect && forms.some((other) => other.entry === entry && other.form === PARTICIPLE) ? PARTICIPLE : form;
      const plain = (entry.plain[plainForm] as string).split('/')[0] as string;
      tokens[at] = /^\p{Lu}/u.test(token) ? plain[0]?.toUpperCase() + plain.slice(1) : plain;
      // The particle's words go, and the space before each of them.
      for (let word = particleAt; word < particleAt + entry.particle.length; word++) {
        const wordAt = (words[word] as { at: number }).at;
        tokens[wordAt] = '';
        if (/^\s+$/u.test(tokens[wordAt - 1] ?? '')) tokens[wordAt - 1] = '';
      }
      // "pulled out of Syria" → "withdrew from Syria".
      const next = words[particleAt + entry.particle.length];
      if (entry.particle.at(-1) === 'out' && next !== undefined && next.token.toLowerCase() === 'of') tokens[next.at] = 'from';
      index = particleAt + entry.particle.length - 1;
      break;
    }
  }
  return tokens.join('');
}

/** Where the entry's particle starts after the verb's word `from`, or null if it does not follow as the entry allows. */
function findParticle(words: readonly string[], from: number, entry: PhrasalVerb): number | null {
  const matchesAt = (at: number) => entry.particle.every((part, offset) => words[at + offset] === part);
  if (matchesAt(from)) return from;
  if (!entry.separable) return null;
  for (let at = from; at < Math.min(words.length, from + MAX_OBJECT_WORDS); at++) {
    if (!OBJECT_WORD.test(words[at] as string) || BY_FORM.has(words[at] as string)) return null;
    if (matchesAt(at + 1)) return at + 1;
  }
  return null;
}
