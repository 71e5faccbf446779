/** @module Read an article's byline: who wrote it, as the page states it near the headline. */

/** How far down the page's lines a byline may stand: around the headline, never in the body. */
export const BYLINE_SEARCH_LINES = 10;

// One person's name: capitalised words, with the particles names carry ("Abu al-Zindeen", "van der Berg").
const NAME = String.raw`\p{Lu}[\p{L}’'.-]*(?:\s+(?:(?:al|el|de|du|da|di|van|von|der|den|bin|ibn|abu|la|le)[\s-]+)*\p{Lu}[\p{L}’'.-]*){0,3}`;
const NAMES = String.raw`${NAME}(?:\s*(?:,|&|\band\b)\s*${NAME})*`;
/**
 * "By Benjamin Kerstein", "avatar by Benjamin Kerstein" (an author widget's alt text), "Written by A and B",
 * "Author: A", "By A | Reuters", "By A, Staff Writer". The names must fill the line up to an optional separator,
 * so "By Monday the troops had left" is not a byline.
 */
const BYLINE = new RegExp(
  String.raw`^(?:(?:[Aa]uthor\s+)?[Aa]vatar\s+)?(?:[Bb][Yy]|[Ww]ritten\s+by|[Ww]ords\s+by|[Rr]eporting\s+by|[Aa]uthor\s*:)\s+(${NAMES})\s*(?:(?:[|–—]|\s-\s|,)\s*[^|]{1,40})?$`,
  // Case-sensitive: the names' capitals are what tell them from a sentence.
  'u',
);
const MAX_BYLINE_WORDS = 14;
// A role after the names ("Jane Doe, Staff Writer") is not another author.
const ROLE = /\b(?:staff|writer|correspondent|reporter|editor|contributor|columnist|bureau|chief|desk|analyst)\b/i;
// Capitalised words that open a sentence rather than a name: "By Monday", "By Then".
const NOT_A_NAME = /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|The|This|That|Then|Now|Contrast|Comparison|Law|Far|Way|Night|Day|Noon|Midnight|Early|Late)\b/u;

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
  const names = match?.[1]?.split(/\s*,\s*/).filter((name) => !ROLE.test(name));
  const author = names?.join(', ');
  if (author === undefined || author === '' || NOT_A_NAME.test(author)) return null;
  const kept = line.replace(/^(?:author\s+)?avatar\s+/i, '');
  return { author, line: kept.charAt(0).toUpperCase() + kept.slice(1) };
}
