/** @module Find the publication date an article states about itself, normalised to ISO YYYY-MM-DD. */

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};
// "June", "Jun", "Jun.", "Sept." — full month names or their usual abbreviations.
const MONTH = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const WEEKDAY = '(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\\.?,?\\s+)';
const TIME = '(?:\\s*(?:,|at|-|–)?\\s*\\d{1,2}[:.]\\d{2}(?:\\s*[ap]\\.?m\\.?)?(?:\\s*\\(?[A-Z]{2,5}\\)?)?)';

/** The three written forms we accept, each capturing a date somewhere in a string. */
const DATE_FORMS = [
  // June 26, 2016 · Jun. 26 2016 · June 26th, 2016
  { pattern: `(${MONTH})\\s+${DAY},?\\s+(\\d{4})`, order: ['month', 'day', 'year'] },
  // 26 June 2016 · 26th of June, 2016
  { pattern: `${DAY}\\s+(?:of\\s+)?(${MONTH}),?\\s+(\\d{4})`, order: ['day', 'month', 'year'] },
  // 2016-06-26 (also the date part of an ISO timestamp)
  { pattern: '(\\d{4})-(\\d{2})-(\\d{2})', order: ['year', 'month', 'day'] },
] as const;

function toIso(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 31 June over to 1 July; a date that moved was not a real date.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  if (year < 1800 || year > 2200) return null;
  return date.toISOString().slice(0, 10);
}

function monthNumber(text: string): number {
  const key = text.toLowerCase().replace('.', '');
  return MONTHS[key] ?? MONTHS[key.slice(0, 3)] ?? Number(text);
}

/** Reads the first date, in any accepted form, that sits between the `prefix` and `suffix` patterns. */
function readDate(text: string, prefix: string, suffix: string): string | null {
  for (const form of DATE_FORMS) {
    const match = new RegExp(`${prefix}${form.pattern}${suffix}`, 'i').exec(text);
    if (!match) continue;
    const parts: Record<string, number> = {};
    form.order.forEach((name, index) => {
      const value = match[index + 1] ?? '';
      parts[name] = name === 'month' ? monthNumber(value) : Number(value);
    });
    const iso = toIso(parts.year ?? NaN, parts.month ?? NaN, parts.day ?? NaN);
    if (iso) return iso;
  }
  return null;
}

/** Where a written date stands in a text ("May 2, 2023" in a dateline), for quoting it; null when none does. */
export function locateDate(text: string): { start: number; end: number; iso: string } | null {
  let first: { start: number; end: number; iso: string } | null = null;
  for (const form of DATE_FORMS) {
    const match = new RegExp(form.pattern, 'i').exec(text);
    if (match === null || (first !== null && match.index >= first.start)) continue;
    const iso = readDate(match[0], '^', '$');
    if (iso !== null) first = { start: match.index, end: match.index + match[0].length, iso };
  }
  return first;
}

/** Parses a value that is meant to be a date (a meta tag, front matter, `<time datetime>`): ISO or written out. */
export function parseDate(value: string): string | null {
  return readDate(value.trim(), '^\\s*(?:' + WEEKDAY + ')?', '');
}

/**
 * A line that is nothing but a date, optionally with a weekday, a time and a "Published"/"Updated" label:
 * "June 8, 2018 7:10 pm", "Published: Monday 26 June 2016". Returns the ISO date or null.
 */
export function parseDateLine(line: string): string | null {
  return readDate(line.trim(), `^(?:(?:published|posted|updated|last updated)(?:\\s+on)?:?\\s*)?${WEEKDAY}?`, `${TIME}?\\.?$`);
}

/**
 * A news dateline opening a paragraph: "WASHINGTON – June 26, 2016 – A potential schism..." or
 * "June 26, 2016 (Reuters) - ...". The place, when present, is written in capitals, as wire services do.
 */
export function parseDateline(line: string): string | null {
  const place = "(?:[A-Z][A-Z .,'’/-]{1,40}?\\s*(?:[–—-]+|,)\\s*)?";
  return readDate(line.trim(), `^${place}${WEEKDAY}?`, `${TIME}?\\s*(?:\\([^)]{1,40}\\)\\s*)?[–—-]`);
}

/** How far down a cleaned article a dateline may stand: past the headline, deck and byline, never in the body. */
export const DATELINE_SEARCH_LINES = 6;

/**
 * The publication date of an article whose boilerplate is already gone: the first standalone date line or
 * dateline among the first lines. Dates mentioned in the story itself are never taken.
 * Returns the date and, for a standalone date line, its index so the caller can drop it from the text.
 */
export function findPublicationDate(lines: readonly string[]): { date: string | null; dateLineIndex: number | null } {
  const limit = Math.min(lines.length, DATELINE_SEARCH_LINES);
  for (let index = 0; index < limit; index += 1) {
    const line = lines[index] ?? '';
    const standalone = parseDateLine(line);
    if (standalone) return { date: standalone, dateLineIndex: index };
    const dateline = parseDateline(line);
    if (dateline) return { date: dateline, dateLineIndex: null };
  }
  return { date: null, dateLineIndex: null };
}
