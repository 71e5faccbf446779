/** @module Strip web leftovers from an article's lines and read its headline, date, byline and translator on the way. */
import { classifyLine, endsWithEllipsis, isHeadlineLike } from './classify-line.ts';
import type { BoilerplateKind } from './classify-line.ts';
import { BYLINE_SEARCH_LINES, type Byline, parseByline } from './find-byline.ts';
import { findPublicationDate, parseDateLine } from './find-publication-date.ts';

export type RemovalReason = BoilerplateKind | 'related-teaser' | 'repeated-caption' | 'repeated-title';

export interface RemovedLine {
  line: string;
  reason: RemovalReason;
}

export interface BoilerplateResult {
  /**
   * The article's lines, one paragraph (or heading) each: the headline first when there is one, then the date line
   * and the byline where the page has them, then the story.
   */
  lines: string[];
  removed: RemovedLine[];
  title: string | null;
  date: string | null;
  /** Who wrote the story, from its byline. */
  author: string | null;
  /** How many of `lines` after the headline are the date line and byline rather than story. */
  headerLines: number;
  translator: string | null;
}

export interface BoilerplateOptions {
  /** A headline the source declares (HTML meta, Markdown front matter); it then opens the text exactly once. */
  knownTitle?: string | null;
}

const sameText = (left: string, right: string): boolean => left.localeCompare(right, undefined, { sensitivity: 'accent' }) === 0;

/**
 * Removes a teaser block after a "Related coverage" heading: any number of teasers, each an optional date line,
 * up to two headline lines and an excerpt cut off with "...". A teaser without an excerpt is only taken when it
 * has a date line, so an article's own section heading after the block is never eaten. Returns the index of
 * the first line after the block.
 */
function skipTeasers(lines: readonly string[], start: number): number {
  let end = start;
  for (;;) {
    let cursor = end;
    let sawDate = false;
    let headlines = 0;
    while (cursor < lines.length && parseDateLine(lines[cursor] ?? '') !== null) {
      cursor += 1;
      sawDate = true;
    }
    while (cursor < lines.length && headlines < 2 && isHeadlineLike(lines[cursor] ?? '')) {
      cursor += 1;
      headlines += 1;
    }
    if (cursor < lines.length && endsWithEllipsis(lines[cursor] ?? '')) end = cursor + 1;
    else if (sawDate && headlines > 0) end = cursor;
    else return end;
  }
}

/** Pass 1: line rules and teaser blocks. */
function dropBoilerplateLines(lines: readonly string[], removed: RemovedLine[]): { kept: string[]; translator: string | null; byline: Byline | null } {
  const kept: string[] = [];
  let translator: string | null = null;
  let byline: Byline | null = null;
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    // The byline is part of the article (an author widget's "avatar by …" included), and what "who wrote it" quotes.
    const stated: Byline | null = byline === null && index < BYLINE_SEARCH_LINES ? parseByline(line) : null;
    if (stated !== null) {
      byline = stated;
      kept.push(stated.line);
      continue;
    }
    const verdict = classifyLine(line);
    if (verdict === null) {
      kept.push(line);
      continue;
    }
    removed.push({ line, reason: verdict.kind });
    translator ??= verdict.translator ?? null;
    if (verdict.kind === 'related-heading') {
      const end = skipTeasers(lines, index + 1);
      for (const teaser of lines.slice(index + 1, end)) removed.push({ line: teaser, reason: 'related-teaser' });
      index = end - 1;
    }
  }
  return { kept, translator, byline };
}

/**
 * Pass 2: a short line printed twice in a row is an image's alt text plus its caption, so both go. A long
 * paragraph printed twice keeps one copy, and so does the opening line (a headline repeated by the template).
 */
function dropRepeatedLines(lines: readonly string[], removed: RemovedLine[]): string[] {
  const kept: string[] = [];
  for (let index = 0; index < lines.length; ) {
    const line = lines[index] ?? '';
    let runEnd = index + 1;
    while (runEnd < lines.length && sameText(lines[runEnd] ?? '', line)) runEnd += 1;
    const isCaption = runEnd - index > 1 && index > 0 && isHeadlineLike(line);
    if (!isCaption) kept.push(line);
    const dropped = isCaption ? runEnd - index : runEnd - index - 1;
    for (let copy = 0; copy < dropped; copy += 1) removed.push({ line, reason: 'repeated-caption' });
    index = runEnd;
  }
  return kept;
}

/** Cleans an article given as trimmed, non-empty lines (one per paragraph). Pure. */
export function removeBoilerplate(lines: readonly string[], options: BoilerplateOptions = {}): BoilerplateResult {
  const removed: RemovedLine[] = [];
  const { kept: withoutBoilerplate, translator, byline } = dropBoilerplateLines(lines, removed);
  let kept = dropRepeatedLines(withoutBoilerplate, removed);

  // The date comes before the headline test because a standalone date line ("June 8, 2018 7:10 pm") is short
  // and unpunctuated, so it would otherwise pass for a headline; so would a byline. Both are set aside for the
  // test and stand after the headline, as on the page: part of the article, and what "when was it published" and
  // "who wrote it" quote.
  const { date, dateLineIndex } = findPublicationDate(kept);
  const bylineIndex = byline === null ? -1 : kept.indexOf(byline.line);
  const header = kept.filter((_, index) => index === dateLineIndex || index === bylineIndex);
  kept = kept.filter((_, index) => index !== dateLineIndex && index !== bylineIndex);

  // The headline is the opening line when it reads like one; a story that opens with a sentence has none stated.
  const opening = kept[0];
  const title = options.knownTitle?.trim() || (opening !== undefined && isHeadlineLike(opening) && /\s/.test(opening) ? opening : null);
  if (title !== null) {
    const body = kept.filter((line, index) => {
      const repeat = sameText(line, title) && !(index === 0 && line === title);
      if (repeat) removed.push({ line, reason: 'repeated-title' });
      return !repeat;
    });
    const withoutTitle = body[0] === title ? body.slice(1) : body;
    kept = [title, ...header, ...withoutTitle];
  } else kept = [...header, ...kept];
  return { lines: kept, removed, title, date, author: byline?.author ?? null, headerLines: header.length, translator };
}
