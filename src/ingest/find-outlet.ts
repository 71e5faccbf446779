/** @module Find the outlet that published or reported a story, from the ways stories name themselves. */

// A proper name: capitalised words ("Al-Souria Net", "G2 Bulletin"), possibly joined by "of"/"for"/"and"
// ("The Times of Israel"). A possessive ends the name: "Al-Souria Net’s sources" yields "Al-Souria Net".
const WORD = "[A-Z][A-Za-z0-9&-]*";
const NAME = `((?:The\\s+)?${WORD}(?:\\s+(?:(?:of|for|and|on)\\s+(?:the\\s+)?)?${WORD}){0,5})`;
// Lower-case "the" before a name is an article of the sentence, not part of the name.
const THE = '(?:the\\s+)?';
// A descriptor between the name and the verb: "the Syria TV website has learned".
const DESCRIPTOR = '(?:\\s+(?:website|newspaper|news agency|news site|channel|magazine|network))?';

/**
 * How a story names its own outlet. Each is a self-reference that a story rarely uses for a source it cites:
 * - "told X" / "tell X" / "speaking to X" / "spoke with X": an interviewee talks to the reporting outlet;
 * - "X has learned" / "X learned": the outlet's own reporting;
 * - "a report by X" / "an investigation by X": the outlet's report, as syndicated elsewhere;
 * - "Join X": a membership footer under the outlet's own articles.
 * "X says" and "according to X" are left out: they name cited people and sources far more often than the outlet.
 */
const SELF_REFERENCES = [
  new RegExp(`\\b(?:told|tell|tells|telling|speaking to|spoke to|spoke with|speaking with|talking to)\\s+${THE}${NAME}`, 'g'),
  new RegExp(`(?:^|[.!?]\\s+|\\b)${THE}${NAME}${DESCRIPTOR}\\s+(?:has\\s+|had\\s+)?learn(?:ed|t)\\b`, 'g'),
  new RegExp(`\\b(?:a|an|the)\\s+(?:\\w+\\s+)?(?:report|investigation|story|article)\\s+(?:by|from|in)\\s+${THE}${NAME}`, 'g'),
  new RegExp(`^Join\\s+${THE}${NAME}\\W*$`, 'g'),
];

// Names that start like a person or a pronoun-led phrase rather than an outlet.
const NOT_AN_OUTLET =
  /^(?:The\s+)?(?:President|Prime|Minister|Foreign|Mr|Mrs|Ms|Dr|Gen|General|Sen|Senator|Rep|King|Queen|Prince|Sheikh|Lord|Lady|Pope|Imam|Rabbi|Father|He|She|They|We|It|I|You|His|Her|Their|Our)\b/;

/** How often each outlet is named; the key ignores a leading "The", which sentence-initial capitals make unreliable. */
interface Tally {
  count: number;
  /** Spelling with "The" when a mid-sentence capital "The" showed the article belongs to the name. */
  display: string;
}

function addCandidate(tallies: Map<string, Tally>, rawName: string): void {
  const name = rawName.trim();
  if (name.split(/\s+/).length > 6 || NOT_AN_OUTLET.test(name)) return;
  const key = name.replace(/^The\s+/, '').toLowerCase();
  const tally = tallies.get(key) ?? { count: 0, display: name.replace(/^The\s+/, '') };
  tally.count += 1;
  if (/^The\s/.test(name)) tally.display = name;
  tallies.set(key, tally);
}

/** Mid-sentence "The X" keeps its "The"; at a sentence start the capital proves nothing. */
function nameAt(line: string, match: RegExpExecArray): string {
  const name = match[1] ?? '';
  const offset = match.index + match[0].indexOf(name);
  const before = line.slice(0, offset).trimEnd();
  const sentenceStart = before === '' || /[.!?:"“]$/.test(before);
  return sentenceStart ? name.replace(/^The\s+/, '') : name;
}

/** The outlet a story names itself by at least twice, as its most frequent self-reference; null when unsure. */
export function findOutlet(lines: readonly string[]): string | null {
  const tallies = new Map<string, Tally>();
  for (const line of lines) {
    for (const pattern of SELF_REFERENCES) {
      for (const match of line.matchAll(pattern)) addCandidate(tallies, nameAt(line, match));
    }
  }
  const ranked = [...tallies.values()].sort((left, right) => right.count - left.count);
  const [best, runnerUp] = ranked;
  // One mention may be a cited source ("she told Reuters"); a tie means we cannot tell which is ours.
  if (best === undefined || best.count < 2 || (runnerUp !== undefined && runnerUp.count === best.count)) return null;
  return best.display;
}
