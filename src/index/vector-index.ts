/** @module Approximate nearest neighbours over passage vectors with hnswlib-node (cosine space). */
import { statSync } from 'node:fs';
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
  /** The HNSW label: the passage's position in the index's passage list, or the label given at build. */
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

  /** Each vector's label is its position in `vectors` unless `labels` gives them (search hits carry it as `index`). */
  static build(vectors: readonly Float32Array[], dimensions: number, parameters: HnswParameters, labels?: readonly number[]): VectorIndex {
    const hnsw = new HierarchicalNSW('cosine', dimensions);
    // A fixed random seed makes builds reproducible, so the same corpus always yields the same graph.
    hnsw.initIndex(Math.max(1, vectors.length), parameters.m, parameters.efConstruction, 100);
    vectors.forEach((vector, position) => hnsw.addPoint(Array.from(vector), labels?.[position] ?? position));
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
    // hnswlib reports no failure to open the file (a missing folder, a folder in the way): it just writes nothing.
    if (statSync(file, { throwIfNoEntry: false })?.isFile() !== true) throw new Error(`hnswlib could not write ${file}`);
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
