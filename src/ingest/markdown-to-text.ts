/** @module Turn a Markdown article into plain paragraphs (one per line) plus what its YAML front matter states. */
import type { DocumentMetadata } from '../types.ts';
import { parseDate } from './find-publication-date.ts';

export interface MarkdownArticle {
  lines: string[];
  metadata: Pick<DocumentMetadata, 'title' | 'date' | 'outlet' | 'author'>;
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)\s*(?:\r?\n|$)/;
const FRONT_MATTER_KEYS = {
  title: ['title', 'headline'],
  date: ['date', 'published', 'published_at', 'pubdate', 'publishdate'],
  outlet: ['outlet', 'source', 'publisher', 'site', 'site_name', 'publication'],
  author: ['author', 'authors', 'byline', 'writer'],
} as const;

/** Reads flat `key: value` pairs; nested YAML is not needed for the few fields we use. */
function readFrontMatter(block: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of block.split(/\r?\n/)) {
    const match = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (!match?.[1] || !match[2]) continue;
    const value = match[2].trim().replace(/^(["'])(.*)\1$/, '$2').trim();
    if (value !== '') fields.set(match[1].toLowerCase(), value);
  }
  return fields;
}

function pick(fields: Map<string, string>, keys: readonly string[]): string | null {
  for (const key of keys) {
    const value = fields.get(key);
    if (value) return value;
  }
  return null;
}

/** Inline syntax to plain text: images go, links keep their text, emphasis and code marks go. */
function stripInline(line: string): string {
  return line
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/!\[[^\]]*\]\[[^\]]*\]/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
    .replace(/<(https?:\/\/[^>\s]+)>/g, '$1')
    .replace(/<\/?[A-Za-z][^>]*>/g, '')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/(^|[^\w*])\*(?=\S)([^*]*?\S)\*(?!\w)/g, '$1$2')
    .replace(/(^|\W)_(?=\S)([^_]*?\S)_(?!\w)/g, '$1$2')
    .replace(/~~(?=\S)([\s\S]*?\S)~~/g, '$1')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'");
}

// Block markers at the start of a line: headings, quotes, list bullets and numbers.
const HEADING = /^#{1,6}\s+(.*?)(?:\s+#+)?\s*$/;
const QUOTE = /^(?:>\s?)+/;
const LIST_ITEM = /^(?:[-*+]|\d{1,3}[.)])\s+/;
const RULE = /^(?:[-*_]\s*){3,}$|^=+$/;
const REFERENCE = /^\[[^\]]+\]:\s+\S+/;

/**
 * Strips Markdown to plain paragraphs. A paragraph (or quote) wrapped over several source lines becomes one line;
 * headings and list items stay lines of their own; fenced code keeps its lines verbatim.
 */
export function markdownToText(markdown: string): MarkdownArticle {
  const frontMatter = FRONT_MATTER.exec(markdown);
  const fields = frontMatter ? readFrontMatter(frontMatter[1] ?? '') : new Map<string, string>();
  const body = frontMatter ? markdown.slice(frontMatter[0].length) : markdown;

  const lines: string[] = [];
  let paragraph: string[] = [];
  const flush = (): void => {
    if (paragraph.length > 0) lines.push(paragraph.join(' '));
    paragraph = [];
  };
  let fence: string | null = null;
  for (const rawLine of body.split(/\r?\n/)) {
    const line = rawLine.trim();
    const fenceMark = /^(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence !== null) {
      if (fenceMark?.startsWith(fence)) fence = null;
      else lines.push(rawLine);
      continue;
    }
    if (fenceMark) {
      flush();
      fence = fenceMark;
      continue;
    }
    if (line === '' || RULE.test(line) || REFERENCE.test(line)) {
      flush();
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading || LIST_ITEM.test(line)) {
      flush();
      lines.push(stripInline(heading ? (heading[1] ?? '') : line.replace(LIST_ITEM, '')));
      continue;
    }
    // A quoted paragraph reads as a paragraph: its lines join like any other.
    paragraph.push(stripInline(line.replace(QUOTE, '')));
  }
  flush();

  const date = pick(fields, FRONT_MATTER_KEYS.date);
  // `source` is sometimes the story's URL rather than its outlet's name.
  const outlet = pick(fields, FRONT_MATTER_KEYS.outlet);
  return {
    lines,
    metadata: {
      title: pick(fields, FRONT_MATTER_KEYS.title),
      date: date ? parseDate(date) : null,
      outlet: outlet !== null && !/^[a-z]+:\/\//i.test(outlet) ? outlet : null,
      author: pick(fields, FRONT_MATTER_KEYS.author),
    },
  };
}
