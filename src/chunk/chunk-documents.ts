/** @module Split cleaned documents into passages with @langchain/textsplitters, keeping exact character offsets. */
import type { RecursiveCharacterTextSplitter } from '@langchain/textsplitters';
import type { Passage, SourceDocument } from '../types.ts';

export interface ChunkOptions {
  /** Passage size in characters. Default and env: CHUNK_SIZE. */
  chunkSize: number;
  /** Characters shared by neighbouring passages. Default and env: CHUNK_OVERLAP. */
  chunkOverlap: number;
}

// Paragraphs first, then lines, then sentence ends, then words: a passage breaks where the writer paused.
const SEPARATORS = ['\n\n', '\n', '. ', '? ', '! ', '; ', ', ', ' ', ''];

/** Loaded on first use: the package takes ~0.35 s to import, which an up-to-date index or a server start need not pay. */
export async function createSplitter(options: ChunkOptions): Promise<RecursiveCharacterTextSplitter> {
  const { RecursiveCharacterTextSplitter } = await import('@langchain/textsplitters');
  return new RecursiveCharacterTextSplitter({
    chunkSize: options.chunkSize,
    chunkOverlap: options.chunkOverlap,
    separators: SEPARATORS,
    keepSeparator: true,
  });
}

export async function chunkDocument(document: SourceDocument, splitter: RecursiveCharacterTextSplitter): Promise<Passage[]> {
  const pieces = await splitter.splitText(document.text);
  const passages: Passage[] = [];
  let searchFrom = 0;
  for (const piece of pieces) {
    const text = piece.trim();
    if (text === '') continue;
    const start = locate(document.text, text, searchFrom);
    const end = start + text.length;
    // The next piece begins after this one's start (pieces overlap but never go backwards).
    searchFrom = start + 1;
    passages.push({
      id: `${document.id}#${passages.length}`,
      docId: document.id,
      ordinal: passages.length,
      start,
      end,
      text: document.text.slice(start, end),
      title: document.title,
      date: document.date,
      outlet: document.outlet,
    });
  }
  return passages;
}

export async function chunkDocuments(documents: SourceDocument[], options: ChunkOptions): Promise<Passage[]> {
  const splitter = await createSplitter(options);
  const all: Passage[] = [];
  for (const document of documents) all.push(...(await chunkDocument(document, splitter)));
  return all;
}

/**
 * Finds where a splitter piece sits in the source. The splitter returns substrings of its input, so an exact
 * search from the previous piece's start always succeeds; anything else is a bug we want to hear about.
 */
function locate(source: string, piece: string, from: number): number {
  const index = source.indexOf(piece, from);
  if (index >= 0) return index;
  const anywhere = source.indexOf(piece);
  if (anywhere >= 0) return anywhere;
  throw new Error(`Passage text not found in its document: "${piece.slice(0, 60)}…"`);
}
