/**
 * @module A loaded index: documents, passages, the dense and lexical searches over them, and the corpus vocabulary.
 * Immutable once built.
 */
import { metadataText } from '../metadata-text.ts';
import type { Passage, SourceDocument } from '../types.ts';
import { CorpusVocabulary } from './corpus-vocabulary.ts';
import type { LexicalHit, LexicalIndex } from './lexical-index.ts';
import type { Manifest } from './manifest.ts';
import type { ExactVectorSearch } from './exact-vector-search.ts';
import type { DenseHit, VectorIndex } from './vector-index.ts';

export class SearchIndex {
  private readonly documentsById: Map<string, SourceDocument>;
  private counted: CorpusVocabulary | null;

  constructor(
    readonly manifest: Manifest,
    readonly documents: readonly SourceDocument[],
    readonly passages: readonly Passage[],
    private readonly vectorIndex: VectorIndex,
    private readonly lexicalIndex: LexicalIndex,
    /** Folder the index was loaded from; null when built in memory. */
    readonly location: string | null,
    /** As stored with the build; counted from the passages on first use when the index is built in memory. */
    vocabulary: CorpusVocabulary | null = null,
    /** The HNSW of the vocabulary's word vectors; null when neighbour lookups scan the vocabulary instead. */
    readonly wordVectorIndex: VectorIndex | null = null,
    /** A scan of the passage vectors, for an index small enough that it beats the HNSW; null to use the HNSW. */
    private readonly exactSearch: ExactVectorSearch | null = null,
  ) {
    this.documentsById = new Map(documents.map((document) => [document.id, document]));
    this.counted = vocabulary;
  }

  get vocabulary(): CorpusVocabulary {
    this.counted ??= CorpusVocabulary.count(
      this.passages.map((passage) => passage.text),
      this.documents.map(metadataText),
    );
    return this.counted;
  }

  document(id: string): SourceDocument | undefined {
    return this.documentsById.get(id);
  }

  private passagesById: Map<string, Passage> | null = null;

  passage(id: string): Passage | undefined {
    this.passagesById ??= new Map(this.passages.map((passage) => [passage.id, passage]));
    return this.passagesById.get(id);
  }

  searchDense(vector: Float32Array, limit: number): DenseHit[] {
    return (this.exactSearch ?? this.vectorIndex).search(vector, limit);
  }

  searchLexical(query: string, limit: number, related: readonly string[] = []): LexicalHit[] {
    return this.lexicalIndex.query(query, limit, related);
  }

  /** The HNSW's search breadth (an index small enough to be scanned exactly is not affected). */
  setEf(efSearch: number): void {
    this.vectorIndex.setEf(efSearch);
  }
}
