/** @module Read an article's byline: who wrote it, as the page states it near the headline. */

/** How far down the page's lines a byline may stand: around the headline, never in the body. */
export const BYLINE_SEARCH_LINES = 10;

// A person's name: two to four capitalised words, with the particles names carry ("Ali al-Ahmad", "Jan van der Berg").
const PERSON = String.raw`\p{Lu}[\p{L}’'.-]*(?:\s+(?:(?:al|el|de|du|da|di|van|von|der|den|bin|ibn|abu|la|le)[\s-]+)*\p{Lu}[\p{L}’'.-]*){1,3}`;
// News agencies sign with one word (or "The Associated Press"); a single capitalised word is otherwise no byline
// ("By Design", "By Christmas").
const AGENCY = String.raw`(?:The\s+)?(?:Associated\s+Press|AP|Reuters|AFP|Agence\s+France-Presse|Bloomberg|Xinhua|TASS|Anadolu(?:\s+Agency)?|EFE|ANSA|UPI|dpa)`;
const NAME = `(?:${AGENCY}|${PERSON})`;
const NAMES = String.raw`${NAME}(?:\s*(?:,|&|\band\b)\s*${NAME})*`;
// After the names: a role or an outlet ("Staff Writer", "Reuters"), capitalised words, never a sentence.
const TAIL = String.raw`(?:\s*(?:[|•–—]|\s-\s|,)\s*\p{Lu}[\p{L}’'.&-]*(?:\s+(?:\p{Lu}[\p{L}’'.&-]*|of|for|the|and|in|at|on|&)){0,5})?`;
/**
 * "By Benjamin Kerstein", "avatar by Benjamin Kerstein" (an author widget's alt text), "Written by A and B",
 * "Author: A", "By A | Reuters", "By A, Staff Writer", "By The Associated Press". The names must fill the line up
 * to an optional role or outlet, so "By Monday the troops had left" and "By Christmas, the troops had left." are not
 * bylines.
 */
const BYLINE = new RegExp(
  String.raw`^(?:(?:[Aa]uthor\s+)?[Aa]vatar\s+)?(?:[Bb][Yy]|[Ww]ritten\s+by|[Ww]ords\s+by|[Rr]eporting\s+by|[Aa]uthor\s*:)\s+(${NAMES})${TAIL}$`,
  // Case-sensitive: the names' capitals are what tell them from a sentence.
  'u',
);
const MAX_BYLINE_WORDS = 14;
// A role or an agency after a person's name ("Jane Doe, Staff Writer", "Jane Doe, Reuters") is not another author.
const ROLE = /\b(?:staff|writer|correspondent|reporter|editor|contributor|columnist|bureau|chief|desk|analyst)\b/i;
const AGENCY_ONLY = new RegExp(`^${AGENCY}$`, 'u');
// Capitalised words that open a phrase rather than a name: "By This Time Tomorrow", "By Monday Night", "By Signing Up".
const NOT_A_NAME = /^(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|This|That|These|Those|Then|Now|Our|Your|Its|All|Far|Way|Night|Day|Noon|Midnight|Early|Late)\b|\p{Lu}\p{Ll}+ing\b)/u;

export interface Byline {
  /** The names as written: "Benjamin Kerstein", "Jane Doe and John Roe". */
  author: string;
  /** The line as the cleaned text keeps it: the widget's "avatar" dropped, the rest as written. */
  line: string;
}

/** The byline a trimmed line states, or null. Pure. */
export function parseByline(line: string): Byline | null {
  if (line.split(/\s+/).length > MAX_BYLINE_WORDS) return null;
  const match = BYLINE.exec(line);
  const named = match?.[1]?.split(/\s*,\s*/).filter((name) => name !== '');
  if (named === undefined || named.some((name) => NOT_A_NAME.test(name))) return null;
  // "Jane Doe, Reuters": the agency is where she files, unless it alone signs.
  const people = named.filter((name) => !ROLE.test(name) && !AGENCY_ONLY.test(name));
  const author = (people.length > 0 ? people : named.filter((name) => !ROLE.test(name))).join(', ');
  if (author === '') return null;
  const kept = line.replace(/^(?:author\s+)?avatar\s+/i, '');
  return { author, line: kept.charAt(0).toUpperCase() + kept.slice(1) };
}
