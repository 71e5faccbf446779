/** @module How questions about the articles themselves are asked: for one article's author, date or outlet, an author's identity, or an overview of the collection. */

export type ArticleFact = 'author' | 'date' | 'outlet';

/** "Summarize the articles", "what are these reports about?", "give me an overview": the collection, not a topic. */
export const OVERVIEW_QUESTION =
  /^\s*(?:(?:please|can you|could you)\s+)?(?:summari[sz]e\b|sum up\b|give (?:me )?(?:a |an )?(?:summary|overview|rundown|gist)\b|overview\b|(?:what(?:['’]s| is| are| do| does)|tell me what)\s+(?:all\s+)?(?:the |these |this |those )?(?:articles?|reports?|stories|story|documents?|collection|corpus|sources?|news|pieces?)\s+(?:are\s+|is\s+)?(?:about|cover|covering|say)\b)/i;
/** Words of such a request; any other word makes it a question about a topic, answered as usual. */
export const OVERVIEW_WORDS = new Set('summarize summarise summary sum overview rundown gist give tell cover covering say says all please main brief briefly short quick'.split(' '));
/** The collection overview quotes at most this many articles' opening sentences, newest first. */
export const MAX_OVERVIEW_ARTICLES = 5;
/** "Who is Benjamin Kerstein?": a person the articles may know only from a byline. */
export const WHO_IS = /^\s*(?:and\s+)?who(?:['’]s|\s+is|\s+was)\s+(.+?)\s*\??\s*$/i;

const OPENING = String.raw`^\s*(?:(?:and|so|but|ok(?:ay)?)[\s,]+)?`;
/**
 * What a question about an article calls it. Every such question must use one, so "when were Russian soldiers posted
 * to Damascus?" or "who is the author of the demand for withdrawal?" stay questions about the story.
 */
const ARTICLE_NOUN = /\b(?:articles?|reports?|stor(?:y|ies)|pieces?|items?|columns?|op-?eds?|editorials?|dispatch(?:es)?|it|this|that)\b/i;
const AUTHOR_QUESTION = new RegExp(
  OPENING +
    String.raw`(?:who\s+(?:wrote|writes|has\s+written|authored|penned)\b(?!\s+(?:to|that|back|a\s+letter|letters)\b)|who(?:['’]s|\s+is|\s+was|\s+were|\s+are)\s+(?:the\s+)?(?:authors?|writers?|reporters?)\b|(?:what|which)\s+(?:is|was|are|were)\s+the\s+(?:names?\s+of\s+the\s+)?(?:authors?|writers?|byline)\b|whose\s+byline\b)` +
    String.raw`|\b(?:written|authored)\s+by\s+whom\b|\bwho\s+(?:was|is)\s+(?:it|this|that)\s+written\s+by\b`,
  'i',
);
const DATE_QUESTION = new RegExp(
  OPENING +
    String.raw`(?:when|what\s+(?:date|day|year|month)|on\s+what\s+date|in\s+what\s+year)\b.*\b(?:published|written|printed|dated|posted|come\s+out|came\s+out|appear(?:ed)?|run|ran)\b` +
    String.raw`|\bpublication\s+date\b|\bhow\s+old\s+is\s+(?:the|this|that)\b`,
  'i',
);
const OUTLET_QUESTION = new RegExp(
  OPENING +
    String.raw`(?:(?:which|what)\s+(?:news\s+)?(?:outlet|publication|newspaper|paper|site|website|magazine|news\s+agency|media\s+outlet)\s+(?:published|ran|carried|printed|posted)\b|who\s+published\b|where\s+(?:was|is)\b.*\bpublished\b)`,
  'i',
);

/** Which fact about an article the question asks for, if it asks for one. */
export function articleFactAsked(question: string): ArticleFact | null {
  if (!ARTICLE_NOUN.test(question)) return null;
  if (AUTHOR_QUESTION.test(question)) return 'author';
  if (OUTLET_QUESTION.test(question)) return 'outlet';
  if (DATE_QUESTION.test(question)) return 'date';
  return null;
}

/** How such questions refer to an article and ask about it: not what the article is about. */
export const FRAME_WORDS = new Set(
  'wrote write writes written authored penned author authors writer writers byline reporter reporters published publish posted printed dated date day year month come came appear appeared article articles report reports story stories piece pieces item outlet publication newspaper paper site website magazine news agency media name names whom old ran carried'.split(' '),
);
