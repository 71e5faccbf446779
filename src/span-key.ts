/**
 * @module The key of a span of a document. Retrieval merges passages into new objects on every request, but over
 * one loaded index a span always holds the same text, so per-span work is cached under this key.
 */
export function spanKey(docId: string, start: number, end: number): string {
  return `${docId}:${start}:${end}`;
}
