/** @module The ingest stage: a folder of articles in, cleaned SourceDocuments with their metadata out. */
export { loadDocuments, DEFAULT_MAX_FILE_BYTES } from './load-documents.ts';
export type { IngestWarning, LoadOptions, LoadResult } from './load-documents.ts';
export { cleanArticle, PARAGRAPH_BREAK } from './clean-article.ts';
export type { ArticleFormat, CleanedArticle } from './clean-article.ts';
