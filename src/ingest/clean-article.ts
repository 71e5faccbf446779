/** @module Clean one article (plain text, Markdown or HTML) down to its story text and what it states about itself. */
import type { DocumentMetadata } from '../types.ts';
import { findOutlet } from './find-outlet.ts';
import { htmlToText } from './html-to-text.ts';
import { markdownToText } from './markdown-to-text.ts';
import { removeBoilerplate } from './remove-boilerplate.ts';
import type { RemovalReason } from './remove-boilerplate.ts';

export type ArticleFormat = 'txt' | 'md' | 'html';

export interface CleanedArticle {
  /** Paragraphs (headline and section headings included) separated by one blank line: "\n\n". */
  text: string;
  metadata: DocumentMetadata;
}

/** Paragraph separator of every cleaned text, whatever the source format, so offsets mean the same everywhere. */
export const PARAGRAPH_BREAK = '\n\n';

// Footers can name the outlet ("Join the X") even though they are not article text.
const OUTLET_EVIDENCE: ReadonlySet<RemovalReason> = new Set(['share-footer']);

/** Trims a line and collapses runs of spaces, tabs, no-break and zero-width spaces; the words stay as written. */
export function normaliseLine(line: string): string {
  return line
    .replace(/[\u200B-\u200D\uFEFF]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function sourceLines(raw: string, format: ArticleFormat): { lines: string[]; declared: Partial<DocumentMetadata> } {
  const unified = raw.replace(/\r\n?/g, '\n');
  if (format === 'html') {
    const article = htmlToText(unified);
    return { lines: article.lines, declared: article.metadata };
  }
  if (format === 'md') {
    const article = markdownToText(unified);
    return { lines: article.lines, declared: article.metadata };
  }
  return { lines: unified.split('\n'), declared: {} };
}

/**
 * Cleans one article: drops site chrome, ads, captions, share footers, translators' notes and teasers of other
 * stories, keeps every sentence of the story unchanged, and reads title, date, outlet, author and translator.
 * Metadata the markup declares (HTML meta tags, Markdown front matter) wins over what the text suggests. Pure.
 */
export function cleanArticle(raw: string, format: ArticleFormat): CleanedArticle {
  const { lines, declared } = sourceLines(raw, format);
  const paragraphs = lines.map(normaliseLine).filter((line) => line !== '');
  const cleaned = removeBoilerplate(paragraphs, { knownTitle: declared.title ?? null });
  const outletEvidence = [
    ...cleaned.lines,
    ...cleaned.removed.filter((removed) => OUTLET_EVIDENCE.has(removed.reason)).map((removed) => removed.line),
  ];
  // A text that is nothing but its headline, date line and byline has no story left to index.
  const hasStory = cleaned.lines.length > (cleaned.title === null ? 0 : 1) + cleaned.headerLines;
  return {
    text: hasStory ? cleaned.lines.join(PARAGRAPH_BREAK) : '',
    metadata: {
      title: cleaned.title,
      date: declared.date ?? cleaned.date,
      outlet: declared.outlet ?? findOutlet(outletEvidence),
      author: declared.author ?? cleaned.author,
      translator: cleaned.translator,
    },
  };
}
