/** @module A loaded index: documents, passages, and the dense and lexical searches over them. Immutable once built. */
import type { Passage, SourceDocument } from '../types.ts';
import type { LexicalHit, LexicalIndex } from './lexical-index.ts';
import type { Manifest } from './manifest.ts';
import type { DenseHit, VectorIndex } from './vector-index.ts';

export class SearchIndex {
  private readonly documentsById: Map<string, SourceDocument>;

  constructor(
    readonly manifest: Manifest,
    readonly documents: readonly SourceDocument[],
    readonly passages: readonly Passage[],
    private readonly vectorIndex: VectorIndex,
    private readonly lexicalIndex: LexicalIndex,
    /** Folder the index was loaded from; null when built in memory. */
    readonly location: string | null,
  ) {
    this.documentsById = new Map(documents.map((document) => [document.id, document]));
  }

  document(id: string): SourceDocument | undefined {
    return this.documentsById.get(id);
  }

  searchDense(vector: Float32Array, limit: number): DenseHit[] {
    return this.vectorIndex.search(vector, limit);
  }

  searchLexical(query: string, limit: number, related: readonly string[] = []): LexicalHit[] {
    return this.lexicalIndex.query(query, limit, related);
  }

  setEf(efSearch: number): void {
    this.vectorIndex.setEf(efSearch);
  }
}
