/** @module Turn an HTML page into the article's paragraphs (one per line) plus what its meta tags state. */
import { Readability } from '@mozilla/readability';
import { createRequire } from 'node:module';

// linkedom takes ~0.2 s to load; a folder without HTML files (and every server start) should not pay for it.
let parseHTMLOnce: typeof import('linkedom').parseHTML | undefined;
function parseHTML(html: string): ReturnType<typeof import('linkedom').parseHTML> {
  parseHTMLOnce ??= (createRequire(import.meta.url)('linkedom') as typeof import('linkedom')).parseHTML;
  return parseHTMLOnce(html);
}
import type { DocumentMetadata } from '../types.ts';
import { parseDate } from './find-publication-date.ts';

export interface HtmlArticle {
  /** Plain-text paragraphs, tags gone and entities decoded. */
  lines: string[];
  /** What the page's markup states; the text rules fill in the rest. */
  metadata: Pick<DocumentMetadata, 'title' | 'date' | 'outlet'>;
}

// Never text: code, styling, embeds and form controls.
const SKIPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME', 'OBJECT', 'CANVAS', 'BUTTON', 'SELECT', 'FIGCAPTION']);
// Page furniture, skipped only when Readability found nothing and we fall back to the whole body.
const FURNITURE = new Set(['NAV', 'HEADER', 'FOOTER', 'ASIDE', 'FORM', 'MENU']);
const BLOCKS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BR', 'DD', 'DIV', 'DL', 'DT', 'FIGURE', 'FOOTER', 'H1', 'H2', 'H3', 'H4', 'H5',
  'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'OL', 'P', 'PRE', 'SECTION', 'TABLE', 'TD', 'TH', 'TR', 'UL',
]);

interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}

/** Collects text with a line break around every block element, so paragraphs stay apart. */
function collectText(node: DomNode, skipped: ReadonlySet<string>, parts: string[]): void {
  if (node.nodeType === 3) {
    // Line breaks inside a text node are source formatting; only block elements start a new paragraph.
    parts.push((node.textContent ?? '').replace(/\s+/g, ' '));
    return;
  }
  if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
  const name = node.nodeName.toUpperCase();
  if (skipped.has(name)) return;
  const block = BLOCKS.has(name);
  if (block) parts.push('\n');
  if (name === 'PRE') {
    // Preformatted text keeps its own line breaks.
    parts.push(node.textContent ?? '', '\n');
    return;
  }
  for (const child of Array.from(node.childNodes)) collectText(child, skipped, parts);
  if (block) parts.push('\n');
}

function toLines(node: DomNode, skipped: ReadonlySet<string>): string[] {
  const parts: string[] = [];
  collectText(node, skipped, parts);
  return parts.join('').split('\n');
}

/** The first non-blank value among the candidates. */
function firstValue(...candidates: Array<string | null | undefined>): string | null {
  for (const candidate of candidates) {
    const value = candidate?.replace(/\s+/g, ' ').trim();
    if (value) return value;
  }
  return null;
}

// linkedom puts a bare fragment's text outside <body>; a full document shell keeps Readability and <body> working.
const asDocument = (html: string): string => (/<html[\s>]/i.test(html) ? html : `<!doctype html><html><head></head><body>${html}</body></html>`);

/** Finds the article with Readability (falling back to the body without page furniture) and reads its meta tags. */
export function htmlToText(html: string): HtmlArticle {
  const { document } = parseHTML(asDocument(html));
  const meta = (selector: string): string | null => document.querySelector(selector)?.getAttribute('content') ?? null;
  const headline = firstValue(
    meta('meta[property="og:title"]'),
    meta('meta[name="twitter:title"]'),
    document.querySelector('h1')?.textContent,
  );
  const pageTitle = firstValue(document.querySelector('title')?.textContent);
  const publishedTime = firstValue(
    meta('meta[property="article:published_time"]'),
    meta('meta[name="article:published_time"]'),
    meta('meta[itemprop="datePublished"]'),
    document.querySelector('time[datetime]')?.getAttribute('datetime'),
  );
  const outlet = firstValue(meta('meta[property="og:site_name"]'), meta('meta[name="application-name"]'));

  // Readability edits the document it reads, so everything above is read first.
  const body = document.body as unknown as DomNode | null;
  const fallback = body ? toLines(body, new Set([...SKIPPED, ...FURNITURE])) : [];
  const article = new Readability<DomNode>(document as unknown as Document, { serializer: (node) => node as unknown as DomNode }).parse();
  const lines = article?.content ? toLines(article.content, SKIPPED) : fallback;

  return {
    lines,
    metadata: {
      title: firstValue(headline, article?.title, pageTitle),
      date: publishedTime ? parseDate(publishedTime) : null,
      outlet: firstValue(outlet, article?.siteName),
    },
  };
}
