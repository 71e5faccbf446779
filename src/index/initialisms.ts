/**
 * @module The initialisms a text's multi-word names stand for: "Institute for National Security Studies" is what a
 * reader asks about as "INSS", "Islamic Revolutionary Guard Corps" as "IRGC". An article often spells a name out
 * and never abbreviates it, so the abbreviation is derived from the name, lowercased as the index's words are.
 */

/** Capitalised words joined by spaces and the short function words names contain ("Observatory for Human Rights"). */
const NAME_RUN = /\p{Lu}[\p{L}’'-]*(?:\s+(?:(?:of|for|the|and|on|in)\s+)*\p{Lu}[\p{L}’'-]*)+/gu;
/** Function words are not abbreviated, nor is "The" opening a sentence. */
const SKIPPED = new Set(['of', 'for', 'the', 'and', 'on', 'in', 'The']);

const MIN_LETTERS = 3;
const MAX_LETTERS = 6;

/**
 * Initialisms of three to six letters, lowercased (two letters collide with ordinary words: "us", "it", "an"), of
 * every stretch of a name run: "Iranian Revolutionary Guard Corps Quds force" gives "irgc" as well as "irgcq".
 */
export function initialisms(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(NAME_RUN)) {
    // A hyphenated word gives a letter per capitalised part: "World Anti-Doping Agency" is "WADA".
    const letters = match[0]
      .split(/\s+|-(?=\p{Lu})/u)
      .filter((word) => word !== '' && !SKIPPED.has(word))
      .map((word) => (word[0] as string).toLowerCase());
    for (let start = 0; start + MIN_LETTERS <= letters.length; start++) {
      for (let end = start + MIN_LETTERS; end <= Math.min(letters.length, start + MAX_LETTERS); end++) found.add(letters.slice(start, end).join(''));
    }
  }
  return [...found];
}
