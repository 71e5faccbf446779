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
import { parseByline } from './find-byline.ts';
import { parseDate } from './find-publication-date.ts';

export interface HtmlArticle {
  /** Plain-text paragraphs, tags gone and entities decoded. */
  lines: string[];
  /** What the page's markup states; the text rules fill in the rest. */
  metadata: Pick<DocumentMetadata, 'title' | 'date' | 'outlet' | 'author'>;
}

// Never text: code, styling, embeds and form controls.
const SKIPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME', 'OBJECT', 'CANVAS', 'BUTTON', 'SELECT', 'FIGCAPTION']);
// Page furniture, skipped only when Readability found nothing and we fall back to the whole body.
const FURNITURE = new Set(['NAV', 'HEADER', 'FOOTER', 'ASIDE', 'FORM', 'MENU']);
const BLOCKS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BR', 'DD', 'DIV', 'DL', 'DT', 'FIGURE', 'FOOTER', 'H1', 'H2', 'H3', 'H4', 'H5',
  'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'OL', 'P', 'PRE', 'SECTION', 'TABLE', 'TD', 'TH', 'TR', 'UL',
]);

// Sibling links, not `childNodes`: linkedom keeps a document as one linked list, so listing an element's children
// walks its whole subtree, and doing that at every level of a deep page takes quadratic time.
interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  // linkedom answers undefined rather than null in places (a doctype's next sibling), so both mean "none".
  firstChild: DomNode | null | undefined;
  nextSibling: DomNode | null | undefined;
}

/**
 * Deeper pages are refused. News pages nest a few dozen elements deep; Readability's work on linkedom grows with the
 * cube of the depth (0.3 s at 250 levels, 1.3 s at 500, 8 s at 1,000), so a deeper page would stall the build.
 */
export const MAX_HTML_DEPTH = 256;

/**
 * The same guard for the parser, which must not even start on a page of 200,000 nested elements (its work grows with
 * the square of the depth: 17 s there, 0.1 s at 20,000). Read from the bare tags before parsing, the depth is
 * overestimated on pages that leave out optional end tags such as `</p>` and `</li>`, hence the loose bound.
 */
const MAX_TAG_DEPTH = 10_000;

const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
/** Elements whose content is text, not tags: `if (a<b)` in a script opens nothing. */
const RAW_TEXT_ELEMENTS = new Set(['script', 'style', 'textarea', 'title']);

/** Deepest nesting of the page by counting start tags (other than void ones) against end tags; no parsing, linear time. */
function tagDepth(html: string): number {
  const lower = html.toLowerCase();
  const tag = /<!--|<(\/?)([a-z][\w:-]*)/g;
  let depth = 0;
  let deepest = 0;
  for (let match = tag.exec(lower); match !== null; match = tag.exec(lower)) {
    const name = match[2];
    if (name === undefined) {
      // A comment: skip to its end.
      const end = lower.indexOf('-->', tag.lastIndex);
      if (end === -1) break;
      tag.lastIndex = end + 3;
    } else if (match[1] === '/') {
      depth = Math.max(0, depth - 1);
    } else if (!VOID_ELEMENTS.has(name)) {
      deepest = Math.max(deepest, ++depth);
      // Skip to the end tag, which then closes the element as usual.
      const end = RAW_TEXT_ELEMENTS.has(name) ? lower.indexOf(`</${name}`, tag.lastIndex) : tag.lastIndex;
      if (end === -1) break;
      tag.lastIndex = end;
    }
  }
  return deepest;
}

/** How deep elements nest under `root`, counting no further than `limit + 1`. */
function nestingDepth(root: DomNode, limit: number): number {
  let deepest = 0;
  const pending: Array<[DomNode, number]> = root.firstChild ? [[root.firstChild, 1]] : [];
  for (let entry = pending.pop(); entry !== undefined && deepest <= limit; entry = pending.pop()) {
    const [node, depth] = entry;
    deepest = Math.max(deepest, depth);
    if (node.nextSibling) pending.push([node.nextSibling, depth]);
    if (node.firstChild) pending.push([node.firstChild, depth + 1]);
  }
  return deepest;
}

/**
 * Collects text in document order with a line break around every block element, so paragraphs stay apart. It walks
 * with a stack of its own rather than by recursion, which a deeply nested page would take past the call stack.
 */
function collectText(root: DomNode, skipped: ReadonlySet<string>): string[] {
  const parts: string[] = [];
  // Nodes still to visit, and the closing line breaks of blocks whose children are above them on the stack.
  const pending: Array<DomNode | '\n'> = [root];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    if (item === '\n') {
      parts.push(item);
      continue;
    }
    // The next sibling waits below this node's subtree; the root's siblings are outside the text asked for.
    if (item !== root && item.nextSibling) pending.push(item.nextSibling);
    if (item.nodeType === 3) {
      // Line breaks inside a text node are source formatting; only block elements start a new paragraph.
      parts.push((item.textContent ?? '').replace(/\s+/g, ' '));
      continue;
    }
    if (item.nodeType !== 1 && item.nodeType !== 9 && item.nodeType !== 11) continue;
    const name = item.nodeName.toUpperCase();
    if (skipped.has(name)) continue;
    const block = BLOCKS.has(name);
    if (block) parts.push('\n');
    if (name === 'PRE') {
      // Preformatted text keeps its own line breaks.
      parts.push(item.textContent ?? '', '\n');
      continue;
    }
    if (block) pending.push('\n');
    if (item.firstChild) pending.push(item.firstChild);
  }
  return parts;
}

function toLines(node: DomNode, skipped: ReadonlySet<string>): string[] {
  return collectText(node, skipped).join('').split('\n');
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
  const tooDeep = `HTML nested more than ${MAX_HTML_DEPTH} elements deep; no article is, so the page is not read`;
  if (tagDepth(html) > MAX_TAG_DEPTH) throw new RangeError(tooDeep);
  const { document } = parseHTML(asDocument(html));
  if (nestingDepth(document.documentElement as unknown as DomNode, MAX_HTML_DEPTH) > MAX_HTML_DEPTH) throw new RangeError(tooDeep);
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
  const declaredAuthor = firstValue(meta('meta[name="author"]'), meta('meta[property="article:author"]'));

  // Readability edits the document it reads, so everything above is read first.
  const body = document.body as unknown as DomNode | null;
  const fallback = body ? toLines(body, new Set([...SKIPPED, ...FURNITURE])) : [];
  const article = new Readability<DomNode>(document as unknown as Document, { serializer: (node) => node as unknown as DomNode }).parse();
  const lines = article?.content ? toLines(article.content, SKIPPED) : fallback;
  // Readability lifts the byline out of the story; it is page text, and what "who wrote it" quotes, so it goes back.
  const bylineText = article?.byline?.replace(/\s+/g, ' ').trim() ?? '';
  const byline = bylineText === '' ? null : parseByline(bylineText);
  if (byline !== null && !lines.some((line) => line.includes(byline.line))) lines.unshift(byline.line);
  // A bare name ("Maria Lopez") is the author too, but not a line to quote: the page did not write "By".
  const bareName = byline === null && bylineText !== '' ? parseByline(`By ${bylineText}`) : null;

  return {
    lines,
    metadata: {
      title: firstValue(headline, article?.title, pageTitle),
      date: publishedTime ? parseDate(publishedTime) : null,
      outlet: firstValue(outlet, article?.siteName),
      // article:author is often a profile URL rather than a name.
      author: firstValue(declaredAuthor !== null && !/^[a-z]+:\/\//i.test(declaredAuthor) ? declaredAuthor : null, byline?.author, bareName?.author),
    },
  };
}
