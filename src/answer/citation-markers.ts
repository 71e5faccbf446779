/**
 * @module Citation markers in answer text: `[1]`, and the `[1, 2]` or `[1,2]` that models also write for a sentence
 * with two sources. One pattern reads them and removes them, so a marker is never half understood: a `[1, 2]` that
 * was not read as citations would leave "1, 2" in the claim, as figures its quote lacks.
 */

/** The source of the marker pattern; group 1 holds the comma-separated numbers. Mirrored in src/web/render-answer.js. */
const MARKER = String.raw`\[(\d+(?:\s*,\s*\d+)*)\]`;

/** One or more markers at the very start of a text, e.g. `[1] [2, 3] ` left at the head of the next sentence. */
export const LEADING_CITATION_MARKERS = new RegExp(String.raw`^(?:${MARKER}\s*)+`);

/** The passage numbers cited in a text, in order of appearance: `a [1, 2]. b [3]` → [1, 2, 3]. */
export function citedNumbers(text: string): number[] {
  // A fresh global RegExp per call: a shared one carries `lastIndex` from call to call.
  return [...text.matchAll(new RegExp(MARKER, 'g'))].flatMap((match) => (match[1] ?? '').split(',').map(Number));
}

/** The text without its markers and the spaces before them: `Tartous [1, 2].` → `Tartous.` */
export function withoutCitationMarkers(text: string): string {
  return text.replace(new RegExp(String.raw`\s*${MARKER}`, 'g'), '');
}
