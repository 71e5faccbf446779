/** @module Load every article in a folder as a cleaned SourceDocument, skipping bad files with a warning. */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { IngestError } from '../errors.ts';
import type { SourceDocument } from '../types.ts';
import { cleanArticle } from './clean-article.ts';
import type { ArticleFormat, CleanedArticle } from './clean-article.ts';

/** A file that was skipped, and why. */
export interface IngestWarning {
  /** Path relative to the input folder. */
  file: string;
  problem: string;
}

export interface LoadOptions {
  /**
   * Files larger than this are skipped with a warning. Default 5 MB: a long news article is well under 1 MB of
   * text or HTML, so anything bigger is a dump or a mistake, not an article.
   */
  maxFileBytes?: number;
  /** Called as each skipped file is found, e.g. to log it; the same warnings are also returned. */
  onWarning?: (warning: IngestWarning) => void;
}

export interface LoadResult {
  documents: SourceDocument[];
  warnings: IngestWarning[];
}

export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

const FORMATS: Readonly<Record<string, ArticleFormat>> = { '.txt': 'txt', '.md': 'md', '.html': 'html', '.htm': 'html' };

function formatOf(fileName: string): ArticleFormat | undefined {
  return FORMATS[path.extname(fileName).toLowerCase()];
}

function describeBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'unreadable file: permission denied';
  if (code === 'EISDIR') return 'unreadable file: it is a folder, not a file';
  return `unreadable file: ${error instanceof Error ? error.message : String(error)}`;
}

async function listArticles(inputDir: string): Promise<string[]> {
  let names: string[];
  try {
    const info = await stat(inputDir);
    if (!info.isDirectory()) throw new IngestError(inputDir, 'is not a folder');
    names = await readdir(inputDir);
  } catch (error) {
    if (error instanceof IngestError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new IngestError(inputDir, 'folder does not exist', { cause: error });
    throw new IngestError(inputDir, `folder cannot be read (${code ?? 'unknown error'})`, { cause: error });
  }
  // Plain code-unit order, not locale order, so every machine loads documents in the same sequence.
  return names.filter((name) => formatOf(name) !== undefined).sort((left, right) => (left < right ? -1 : left > right ? 1 : 0));
}

/** Reads, checks and cleans one file; returns the document or the problem that keeps it out. */
async function loadOne(inputDir: string, fileName: string, maxFileBytes: number): Promise<SourceDocument | string> {
  const filePath = path.join(inputDir, fileName);
  let bytes: Buffer;
  try {
    const info = await stat(filePath);
    if (info.isFile() && info.size > maxFileBytes) {
      return `file too large: ${describeBytes(info.size)}, the limit is ${describeBytes(maxFileBytes)}`;
    }
    bytes = await readFile(filePath);
  } catch (error) {
    return describeError(error);
  }
  if (bytes.includes(0)) return 'binary content (contains NUL bytes), not a text article';
  let raw: string;
  try {
    raw = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return 'not valid UTF-8 text; save it as UTF-8';
  }
  const format = formatOf(fileName) ?? 'txt';
  let cleaned: CleanedArticle;
  try {
    cleaned = cleanArticle(raw, format);
  } catch (error) {
    // One malformed file (a page too deeply nested to read, a parser fault) must not stop the whole folder.
    return `could not be cleaned: ${error instanceof Error ? error.message : String(error)}`;
  }
  const { text, metadata } = cleaned;
  if (text === '') return 'empty after cleaning: no article text left';
  return {
    id: path.basename(fileName, path.extname(fileName)),
    sourcePath: fileName,
    text,
    contentHash: createHash('sha256').update(bytes).digest('hex'),
    ...metadata,
  };
}

/**
 * Loads every .txt, .md, .html and .htm file directly inside `inputDir`, in name order. A bad file (unreadable,
 * binary, not UTF-8, too large, failing to clean or empty after cleaning) is skipped with a warning; the folder fails as a whole only
 * when it is missing, holds no such files, or every file is bad. A document's id is its file name without the
 * extension, so of `story.md` and `story.txt` only the first in name order is loaded; the other is skipped with a
 * warning naming both, since two documents with one id would mix their passages and citations in the index.
 */
export async function loadDocuments(inputDir: string, options: LoadOptions = {}): Promise<LoadResult> {
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const fileNames = await listArticles(inputDir);
  if (fileNames.length === 0) throw new IngestError(inputDir, 'folder holds no .txt, .md or .html files to index');

  const documents: SourceDocument[] = [];
  const warnings: IngestWarning[] = [];
  /** Document id → the file that has it. */
  const fileOfId = new Map<string, string>();
  for (const fileName of fileNames) {
    const loaded = await loadOne(inputDir, fileName, maxFileBytes);
    const sameId = typeof loaded === 'string' ? undefined : fileOfId.get(loaded.id);
    if (typeof loaded !== 'string' && sameId === undefined) {
      fileOfId.set(loaded.id, fileName);
      documents.push(loaded);
      continue;
    }
    const problem = typeof loaded === 'string' ? loaded : `same document id "${loaded.id}" as ${sameId}, which is loaded instead; rename one of the two files`;
    const warning = { file: fileName, problem };
    warnings.push(warning);
    options.onWarning?.(warning);
  }
  if (documents.length === 0) {
    const summary = warnings.map((warning) => `${warning.file} (${warning.problem})`).join('; ');
    throw new IngestError(inputDir, `none of the ${warnings.length} files could be indexed: ${summary}`);
  }
  return { documents, warnings };
}
