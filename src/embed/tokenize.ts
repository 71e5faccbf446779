/** @module Split text into lowercase word tokens the way the GloVe vocabulary spells them, and map them onto it. */

// A word: letters and digits, optionally joined by hyphens or apostrophes ("well-known", "o'brien", "f-16"), or
// an initialism with periods ("U.S."), or a number with decimal or thousands separators ("3.5", "1,000").
const TOKEN = /(?:\p{L}\.){2,}|\p{N}+(?:[.,]\p{N}+)+|[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*/gu;
// Apostrophes and hyphens come in many code points in news text; the vocabulary knows only the ASCII ones.
const APOSTROPHES = /[\u2018\u2019\u201B\u02BC\u2032\u0060\u00B4]/g;
const HYPHENS = /[\u2010\u2011\u2012\u00AD]/g;
const COMBINING_MARKS = /\p{M}/gu;
const POSSESSIVE = /'s$/;

/**
 * Lowercase word tokens of `text`, in order. Accents are folded ("Erdoğan" → "erdogan", because the vocabulary
 * holds ASCII spellings only), curly apostrophes straightened, possessive 's dropped ("Moscow’s" → "moscow"),
 * initialisms lose their periods ("U.S." → "us", as the vocabulary has no dotted tokens), hyphenated words and
 * numbers stay whole, punctuation goes. Nothing else is dropped: SIF weights already make stopwords count little.
 */
export function tokenize(text: string): string[] {
  const normalized = text
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .replace(APOSTROPHES, "'")
    .replace(HYPHENS, '-')
    .toLowerCase();
  const tokens: string[] = [];
  for (const match of normalized.matchAll(TOKEN)) {
    const token = match[0];
    if (/^(?:\p{L}\.){2,}$/u.test(token)) tokens.push(token.replaceAll('.', ''));
    else tokens.push(token.replace(POSSESSIVE, ''));
  }
  return tokens;
}

/**
 * The vocabulary words a token stands for: the token itself when the vocabulary knows it ("well-known", "g20"),
 * else the token without apostrophes ("don't" → "dont", "o'brien" → "obrien", spellings the vocabulary uses),
 * else its known parts ("pro-kremlin" → "pro", "kremlin"). Unknown tokens give no words.
 */
export function vocabularyWords(token: string, isKnown: (word: string) => boolean): string[] {
  if (isKnown(token)) return [token];
  if (token.includes("'")) {
    const joined = token.replaceAll("'", '');
    if (isKnown(joined)) return [joined];
  }
  if (!token.includes('-') && !token.includes("'")) return [];
  return token.split(/['-]/).filter((part) => part !== '' && isKnown(part));
}
