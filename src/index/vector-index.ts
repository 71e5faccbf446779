/** @module Approximate nearest neighbours over passage vectors with hnswlib-node (cosine space). */
import hnswlib from 'hnswlib-node';

const { HierarchicalNSW } = hnswlib;

export interface HnswParameters {
  /** Graph degree. Env: HNSW_M. */
  m: number;
  /** Build-time candidate list. Env: HNSW_EF_CONSTRUCTION. */
  efConstruction: number;
  /** Query-time candidate list. Env: HNSW_EF_SEARCH. */
  efSearch: number;
}

export interface DenseHit {
  /** Position of the passage in the index's passage list (the HNSW label). */
  index: number;
  /** Cosine similarity, -1..1. */
  similarity: number;
}

export class VectorIndex {
  private constructor(
    private readonly hnsw: InstanceType<typeof HierarchicalNSW>,
    readonly dimensions: number,
    readonly count: number,
  ) {}

  static build(vectors: readonly Float32Array[], dimensions: number, parameters: HnswParameters): VectorIndex {
    const hnsw = new HierarchicalNSW('cosine', dimensions);
    // A fixed random seed makes builds reproducible, so the same corpus always yields the same graph.
    hnsw.initIndex(Math.max(1, vectors.length), parameters.m, parameters.efConstruction, 100);
    vectors.forEach((vector, label) => hnsw.addPoint(Array.from(vector), label));
    hnsw.setEf(parameters.efSearch);
    return new VectorIndex(hnsw, dimensions, vectors.length);
  }

  /**
   * hnswlib's file records neither the space nor the dimensions, and `ef` resets to 10 on every load,
   * so the caller passes all three from the manifest.
   */
  static load(file: string, dimensions: number, count: number, efSearch: number): VectorIndex {
    const hnsw = new HierarchicalNSW('cosine', dimensions);
    hnsw.readIndexSync(file);
    hnsw.setEf(efSearch);
    return new VectorIndex(hnsw, dimensions, count);
  }

  save(file: string): void {
    this.hnsw.writeIndexSync(file);
  }

  setEf(efSearch: number): void {
    this.hnsw.setEf(efSearch);
  }

  search(vector: Float32Array, limit: number): DenseHit[] {
    if (this.count === 0) return [];
    const k = Math.min(limit, this.count);
    const { neighbors, distances } = this.hnsw.searchKnn(Array.from(vector), k);
    return neighbors.map((label, position) => ({ index: label, similarity: 1 - (distances[position] ?? 1) }));
  }
}
