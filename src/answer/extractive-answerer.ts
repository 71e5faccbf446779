/**
 * @module The offline answerer: quotes the retrieved sentences that best cover the question, cites each one, and
 * abstains when no sentence covers what was asked. Every claim is a verbatim quote of the article.
 */
import { cosineOfUnitVectors } from '../embed/unit-vectors.ts';
import { jaccardAtLeast } from '../retrieve/merge-passages.ts';
import { analyze } from '../index/lexical-index.ts';
import { splitCarriedContext } from '../retrieve/resolve-follow-up.ts';
import type { ScoredPassage } from '../types.ts';
import type { Answerer } from './answerer.ts';
import { attributeAsked, expectedAnswerType, offersAnswerType, relationAsked } from './answer-type.ts';
import { supportOf } from './check-citations.ts';
import { abstention, composeAnswer, type CheckedClaim } from './compose-answer.ts';
import { speakerAsked } from './attribution.ts';
import { didClauseAsked, doesNotStateClause, doesNotStateEvent, doesNotVoiceIntention, eventAsked, eventIsOthers, intentionAsked, deniesOrRefuses, refuses } from './intended-events.ts';
import { type EvidenceScorer, type EvidenceTerms, evidenceTerms, type WeightedTerm } from './evidence.ts';
import { PassagePreparer, type SentenceEmbedder } from './passage-preparer.ts';
import { isFormOf } from './verb-forms.ts';
import { addAntecedents, addCauses, addContinuations, addWhatColonsIntroduce, type RankedSentence, readableOrder } from './quote-companions.ts';

export type { SentenceEmbedder };

export interface ExtractiveOptions {
  /** Least weighted share of the question's terms the best sentence (with its context) must cover, or the service abstains. */
  minCoverage: number;
  /** Most sentences in one answer. */
  maxSentences: number;
}

// minCoverage was tuned on test/eval/questions.jsonl: the value that keeps answerable questions answered while
// near-miss unanswerable ones abstain (README, "Evaluation", has the sweep).
export const DEFAULT_EXTRACTIVE_OPTIONS: ExtractiveOptions = { minCoverage: 0.5, maxSentences: 3 };

/** A further sentence joins the answer only if it is nearly as relevant as the best one. */
const FOLLOWER_RATIO = 0.8;
const EXPLANATION_FOLLOWER_RATIO = 0.65;
/** Sentences sharing this much vocabulary repeat each other. */
const REDUNDANT_JACCARD = 0.5;
/** The sentence before, the headline and the dateline give context ("It enlarged its naval base" needs "Moscow") at a discount. */
const CONTEXT_WEIGHT = 0.35;
/** Weight of the question–sentence cosine (unit vectors) beside term coverage: meaning breaks ties that shared words leave. */
const MEANING_WEIGHT = 0.2;
/**
 * How near in meaning a word must be to stand for the verb a "why did" question takes for granted: "redeploy" (0.31)
 * does not say "withdraw", "supplying" (same root, 0.9) says "supply".
 */
const NEAR_VERB_CREDIT = 0.5;
/** Words carried over from earlier turns count this much of a word the user typed now. */
const CARRIED_WEIGHT = 0.5;


export function createExtractiveAnswerer(
  scorer: EvidenceScorer,
  options: ExtractiveOptions = DEFAULT_EXTRACTIVE_OPTIONS,
  sentenceEmbedder?: SentenceEmbedder,
): Answerer {
  const preparer = new PassagePreparer(sentenceEmbedder);
  // The claim is the quote itself, so its support depends on the sentence alone: computed once per prepared
  // sentence (keyed by its prepared terms, so it is dropped with them when the preparer's cache is).
  const selfSupport = new WeakMap<EvidenceTerms, number>();
  const supportOfQuote = ({ sentence, text }: RankedSentence): number => {
    let support = selfSupport.get(text);
    if (support === undefined) {
      // Scoring the quote anyway keeps one citation check for both answerers.
      support = supportOf(sentence.text, sentence.text, scorer);
      selfSupport.set(text, support);
    }
    return support;
  };
  return {
    mode: 'extractive',
    model: null,
    async answer(question, passages) {
      const { own, carried } = splitCarriedContext(question);
      const type = expectedAnswerType(own);
      // A question after a particular fact (who, where, when, how many) is defined by its relation word; only an
      // open question may discount one the articles have no word for.
      const typed = scorer.terms(own);
      // A follow-up that names nothing itself ("when did that happen?") asks about what the conversation named.
      const asksAboutConversation = typed.length === 0 && carried !== '';
      const topical = asksAboutConversation ? scorer.terms(carried) : typed;
      const ownTerms = type === 'any' ? scorer.discountUnmatchable(topical) : topical;
      const carriedTerms = asksAboutConversation ? [] : scorer.terms(carried, CARRIED_WEIGHT);
      const questionTerms = [...ownTerms, ...carriedTerms.filter((term) => !ownTerms.some((mine) => mine.stem === term.stem))];
      const ranked = await rankSentences(own, questionTerms, passages, scorer, preparer);
      const attribute = attributeAsked(own);
      // A name is asked for by the answer type (a person's or thing's name the question lacks), not by the word "name".
      const asksName = attribute !== null && /^names?$/i.test(attribute);
      const attributeTerms = attribute === null || asksName ? [] : scorer.terms(attribute).map((term) => ({ ...term, isName: true }));
      const relation = relationAsked(own);
      const relationTerms = relation === null ? [] : scorer.terms(relation);
      // Only a named speaker is checked: "the expert" or "the envoy" may be introduced by role in another sentence.
      const speaker = speakerAsked(own);
      const speakerStems = new Set(speaker === null ? [] : analyze(speaker).map((token) => token.stem));
      const speakerNames = ownTerms.filter((term) => term.isName && speakerStems.has(term.stem));
      const eligible = ranked.filter(
        (candidate) =>
          candidate.coverage >= options.minCoverage &&
          candidate.missingNames.length === 0 &&
          // A follow-up's own words are what it asks now; the conversation's words alone do not answer it.
          (carriedTerms.length === 0 || scorer.coverage(ownTerms, candidate.evidence).score >= options.minCoverage) &&
          offersAnswerType(type, candidate.sentence.text, own, (word) => scorer.namesCountry(word) || namesOutlet(word, candidate.sentence.passage.outlet)) &&
          // The asked attribute must be named by the sentence itself, as strictly as a name.
          scorer.coverage(attributeTerms, candidate.text).missingNames.length === 0 &&
          // "What is the name of the official who …" is not answered by a sentence that withholds a name.
          !(asksName && withholdsName(candidate.sentence.text)) &&
          // What "who" is asked to have done must be said by the sentence (or a word near it in meaning).
          scorer.coverage(relationTerms, candidate.evidence).missing.length === 0,
      );
      // "What did Erdogan say …" is answered by what the sentence attributes to Erdogan, not by a sentence that
      // quotes someone else about him. The speaker's last name (a surname, or the title: "the Nordvik CFO" is "Chief
      // Financial Officer Ingrid Haugen") is what must match; a given name, party or company before it may be named
      // elsewhere in the passage ("Sofia Ribeiro" is not "Sofia Matos").
      const speakerHead = speakerNames.slice(-1);
      const attributed = speakerHead.length === 0 ? eligible : eligible.filter((candidate) => scorer.coverage(speakerHead, candidate.speakers).missingNames.length === 0);
      // "Were the talks expanded?" is not answered by "Russia supports expanding the talks".
      // "Did Turkey withdraw its forces?" neither: its verb, where it can be told, must be stated as done; there and in
      // "Why did Turkey withdraw …?", no other word of the clause (but names) may be only intended.
      const askedNames = ownTerms.filter((term) => term.isName);
      const names = new Set(askedNames.map((term) => term.word));
      const did = didClauseAsked(own, (word) => names.has(analyze(word)[0]?.word ?? ''));
      const event = eventAsked(own) ?? (did?.asksWhether === true ? did.verb : null);
      // A country's name before the event's word owns it ("an American withdrawal"), unless it is one the question
      // names, by any of its names ("Turkish" for "Turkey"). A person's name may be the asked country's leader's.
      const isOtherActor = (word: string) =>
        askedNames.length > 0 && scorer.namesCountry(word) && scorer.coverage(askedNames, evidenceTerms(word)).missingNames.length === askedNames.length;
      const guessedEvent = did?.asksWhether === true ? did.presumedAction : null;
      // A refusal answers whether something happened, and is what "Why did Nordvik reject the offer?" asks about; it
      // is no answer to a question that takes the event for granted ("Why did Ribeiro negotiate …?", "she will not").
      const refusalAnswers = did === null || did.asksWhether || refuses(did.clause);
      const clauseStems = did === null ? [] : scorer.terms(did.clause).filter((term) => !term.isName).map((term) => term.stem);
      // "Has Hezbollah agreed to withdraw?" and "Why did Iran agree to …?" need the agreement worded, as Hezbollah's or Iran's.
      const intention = intentionAsked(own);
      // Whether something happened is answered by a sentence that says so itself, not by its neighbours' words; only
      // its names may stand in the sentences before ("The town was attacked" after "Khan Tuman").
      const asksWhether = did?.asksWhether === true || event !== null || intention?.asksWhether === true;
      const unnamedTerms = asksWhether ? ownTerms.filter((term) => !term.isName) : [];
      // "Why did Lavrov block aid?" takes the blocking for granted: a sentence with no word near "block" may not answer
      // (one about why they "disagree" may say "schism").
      const presumedVerb = did !== null && !did.asksWhether && did.presumedAction !== null ? ownTerms.filter((term) => term.stem === did.presumedAction) : [];
      // … and whom and what it concerns, names included, in the sentence or the one before (not only the headline):
      // "Why did Ribeiro resign?" is not answered by Almeida resigning, nor "Why did Nordvik cancel its dividend?" by
      // Nordvik calling off a sale.
      const premiseTerms = did !== null && !did.asksWhether ? scorer.terms(did.premiseWords) : [];
      const reportsAsIntended = (candidate: RankedSentence) =>
        (event !== null && doesNotStateEvent(candidate.sentence.text, event, isOtherActor)) || doesNotStateClause(candidate.sentence.text, clauseStems, refusalAnswers);
      const answering = attributed.filter(
        (candidate) =>
          !reportsAsIntended(candidate) &&
          (intention === null || !doesNotVoiceIntention(candidate.sentence.text, intention, isOtherActor)) &&
          // Where the verb is only guessed its form is not demanded, but it must not be only another actor's.
          (event !== null || guessedEvent === null || !eventIsOthers(candidate.sentence.text, guessedEvent, isOtherActor)) &&
          (presumedVerb.length === 0 || statesPremise(candidate, presumedVerb, scorer, isOtherActor, refusalAnswers)) &&
          (premiseTerms.length === 0 || concernsAll(premiseTerms, evidenceTerms(candidate.previous, candidate.sentence.text), scorer)) &&
          (unnamedTerms.length === 0 || scorer.coverage(unnamedTerms, candidate.evidence).score >= options.minCoverage),
      );
      // When these checks turn down the best sentence for lacking the asked words or premise, a much weaker one in its
      // place only seems to answer: it matched less of the question, often only what the turned-down one also said.
      // One that only reported the event as intended is replaced freely: what states the event, or a "why" question's
      // cause, is worded apart from it.
      const top = attributed[0];
      const replaced = top !== undefined && !answering.includes(top) && !reportsAsIntended(top);
      const best = answering.find((candidate) => !replaced || candidate.relevance >= (top as RankedSentence).relevance * FOLLOWER_RATIO);
      if (ownTerms.length === 0 || best === undefined) {
        const asked = event === null ? clauseStems : [...clauseStems, event];
        if (attributed.some((candidate) => doesNotStateClause(candidate.sentence.text, asked))) {
          return abstention("The indexed articles don't say that this happened; the closest passages at most report it as proposed, demanded, planned or possible.", 'extractive', null);
        }
        if (attributed.length > 0) {
          const message = asksWhether ? "The indexed articles don't say whether this happened: no passage states it." : "The indexed articles don't say: no passage states what the question takes for granted.";
          return abstention(message, 'extractive', null);
        }
        if (eligible.length > 0 && speaker !== null) return abstention(`The indexed articles don't say: no passage attributes this to ${speaker}.`, 'extractive', null);
        // Terms no retrieved passage covers: what an abstention can say the articles lack.
        const uncovered = ownTerms.filter((term) => passages.every((scored) => scorer.coverage([term], preparer.prepare(scored.passage).passage).score === 0));
        return abstention(abstentionMessage(ownTerms, uncovered, scorer), 'extractive', null);
      }
      const chosen = [best];
      // "Why" and "how" ask for an explanation, which one sentence rarely gives.
      const followerRatio = /^\s*(?:and\s+|so\s+|but\s+)?(why|how)\b(?!\s+(many|much|long|old|far))/i.test(own) ? EXPLANATION_FOLLOWER_RATIO : FOLLOWER_RATIO;
      const asksCause = /^\s*(?:and\s+|so\s+|but\s+)?(?:why|how come)\b|\b(?:reasons?|causes?)\b/i.test(own);
      for (const candidate of answering) {
        if (chosen.length >= options.maxSentences) break;
        if (chosen.includes(candidate) || candidate.relevance < best.relevance * followerRatio) continue;
        if (chosen.some((kept) => jaccardAtLeast(kept.evidence.stems, candidate.evidence.stems, REDUNDANT_JACCARD))) continue;
        chosen.push(candidate);
      }
      // Before the companions, so that a cause replaces an ordinary follower, never a sentence a pronoun points back to.
      if (asksCause) addCauses(chosen, ranked, options.maxSentences);
      addAntecedents(chosen, ranked, options.maxSentences);
      addContinuations(chosen, ranked, scorer, options.maxSentences);
      addWhatColonsIntroduce(chosen, ranked, options.maxSentences);
      const claims: CheckedClaim[] = readableOrder(chosen).map((candidate) => {
        const { sentence } = candidate;
        return {
          text: sentence.text,
          support: supportOfQuote(candidate),
          quotes: [{ passage: sentence.passage, start: sentence.start, end: sentence.end, text: sentence.text, score: passages[sentence.passageRank]?.score ?? 0 }],
        };
      });
      return composeAnswer(claims, 'extractive', null);
    },
  };
}

async function rankSentences(
  question: string,
  questionTerms: WeightedTerm[],
  passages: readonly ScoredPassage[],
  scorer: EvidenceScorer,
  preparer: PassagePreparer,
): Promise<RankedSentence[]> {
  const ranked: RankedSentence[] = [];
  const nameTerms = questionTerms.filter((term) => term.isName);
  passages.forEach((scored, rank) => {
    const prepared = preparer.prepare(scored.passage);
    // Names must appear in the article's passage, not necessarily in the sentence: "IRGC" may be spelled out
    // two sentences earlier. A name absent from the whole passage means the passage is about someone else.
    const names = scorer.coverage(nameTerms, prepared.passage);
    for (const { sentence, text, own: ownEvidence, context: contextEvidence, previous, speakers } of prepared.sentences) {
      // The context holds the sentence (and its article's date, in the metadata): one pass scores both.
      const { inner: own, outer: context } = scorer.nestedCoverage(questionTerms, ownEvidence, contextEvidence);
      const relevance = (1 - CONTEXT_WEIGHT) * own + CONTEXT_WEIGHT * context.score;
      ranked.push({
        sentence: { ...sentence, passage: scored.passage, passageRank: rank },
        evidence: ownEvidence,
        text,
        context: contextEvidence,
        previous,
        speakers,
        coverage: relevance,
        // Retrieval rank breaks ties: of two equally covering sentences, the one from the better passage leads.
        relevance: relevance + 0.01 / (1 + rank),
        missing: context.missing,
        missingNames: names.missingNames,
      });
    }
  });
  const vectors = ranked.length === 0 ? null : await preparer.embed(question, ranked.map((entry) => entry.sentence));
  if (vectors !== null) {
    ranked.forEach((entry, position) => {
      const sentenceVector = vectors.sentences[position];
      entry.relevance += MEANING_WEIGHT * (sentenceVector === undefined ? 0 : cosineOfUnitVectors(vectors.question, sentenceVector));
    });
  }
  return ranked.sort((left, right) => right.relevance - left.relevance);
}


/** Whether the evidence has each term, or a word near it in meaning (a name, nearly its own). */
function concernsAll(terms: readonly WeightedTerm[], evidence: EvidenceTerms, scorer: EvidenceScorer): boolean {
  const coverage = scorer.coverage(terms, evidence);
  return coverage.missing.length === 0 && coverage.missingNames.length === 0;
}

/**
 * Whether the sentence or the one before has the verb in some form ("withdrew" for "withdraw"), stated as done, or
 * else a word near it in meaning: not "… wants a timetable for the withdrawal of Turkish forces".
 */
function statesPremise(candidate: RankedSentence, verb: WeightedTerm[], scorer: EvidenceScorer, isOtherActor: (word: string) => boolean, refusalAnswers: boolean): boolean {
  const evidence = candidate.context;
  const worded = verb.every((term) => [...evidence.stems].some((stem) => isFormOf(stem, term.stem)));
  // Worded as it is asked, the verb must be stated as done, and by the asked actor: not "an American withdrawal".
  const text = `${candidate.previous} ${candidate.sentence.text}`;
  if (worded) return verb.every((term) => !doesNotStateEvent(text, term.stem, isOtherActor, refusalAnswers));
  // GloVe puts a verb near its opposite or its denial ("accept" near "rejected", "arrested" near "has not been
  // charged"): beside a refusal or a negation, a near word is no premise.
  return scorer.coverage(verb, evidence).score >= NEAR_VERB_CREDIT && (refusalAnswers || !deniesOrRefuses(text));
}

/** How news withholds a source's name: "who asked not to be named", "on condition of anonymity", "an unnamed official". */
const ANONYMITY = /\b(?:(?:asked|declined|wished|requested|preferred|agreed)\s+(?:not\s+)?to\s+be\s+(?:named|identified)|(?:on|under)\s+(?:the\s+)?condition\s+of\s+anonymity|(?:requested|asked\s+for|granted)\s+anonymity|(?:who\s+)?(?:could|can|would)\s+not\s+be\s+(?:named|identified)|anonymous(?:ly)?|unnamed|not\s+authori[sz]ed\s+to\s+(?:speak|talk|comment))\b/iu;

/** A word of the article's own outlet's name ("Al-Souria" of "Al-Souria Net"): a source, not a person. */
function namesOutlet(word: string, outlet: string | null): boolean {
  return outlet !== null && outlet.split(/\s+/).includes(word);
}

function withholdsName(sentence: string): boolean {
  return ANONYMITY.test(sentence);
}

/** Why the service abstains, in the asker's words; a word is said to be missing only if no retrieved passage has it. */
function abstentionMessage(questionTerms: WeightedTerm[], uncovered: readonly WeightedTerm[], scorer: EvidenceScorer): string {
  if (questionTerms.length === 0) return "The indexed articles don't say: the question names nothing to look for. Ask about a person, place, event or claim.";
  const unknown = questionTerms.filter((term) => !scorer.knowsTerm(term));
  const names = unknown.filter((term) => term.isName);
  if (names.length > 0) return `The indexed articles don't say. None of them mentions ${quoteList(names)}.`;
  if (uncovered.length > 0) return `The indexed articles don't say. The closest passages do not cover ${quoteList([...uncovered])}.`;
  return "The indexed articles don't say: no passage answers this question.";
}

function quoteList(terms: WeightedTerm[]): string {
  return [...terms].sort((left, right) => right.weight - left.weight).slice(0, 3).map((term) => `“${term.word}”`).join(', ');
}
