/**
 * @module An article's headline, outlet and date as words, shared by the index (its vocabulary counts them) and the
 * answers (they are evidence for "what did the Algemeiner report in 2018").
 */
import { formatDate } from './format-date.ts';
import type { Passage } from './types.ts';

type ArticleMetadata = Pick<Passage, 'title' | 'outlet' | 'date'>;

/** The date as readers write it ("June 26, 2016"), or nothing when the article states none. */
export function datelineText(metadata: Pick<ArticleMetadata, 'date'>): string {
  return metadata.date === null ? '' : formatDate(metadata.date);
}

/** Headline, outlet and date as words. */
export function metadataText(metadata: ArticleMetadata): string {
  return [metadata.title ?? '', metadata.outlet ?? '', datelineText(metadata)].join(' ');
}
