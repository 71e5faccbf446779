import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildIndex } from '../../src/index/build-index.ts';
import { EXACT_SEARCH_MAX_VECTORS, ExactVectorSearch } from '../../src/index/exact-vector-search.ts';
import { BUILD_FILES, loadIndex } from '../../src/index/load-index.ts';
import { currentBuildDir } from '../../src/index/index-store.ts';
import { VectorIndex } from '../../src/index/vector-index.ts';
import { createFakeEmbedder } from '../fakes/fake-embedder.ts';
import { buildOptions, loadExpectations } from '../helpers/seed-index.ts';

/** A seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('ExactVectorSearch', () => {
  const next = random(7);
  const vectors = Array.from({ length: 60 }, () => Float32Array.from({ length: 8 }, () => next() - 0.5));
  const cosine = (left: Float32Array, right: Float32Array) => {
    let dot = 0;
    let leftNorm = 0;
    let rightNorm = 0;
    left.forEach((value, position) => {
      dot += value * (right[position] as number);
      leftNorm += value * value;
      rightNorm += (right[position] as number) ** 2;
    });
    return dot / Math.sqrt(leftNorm * rightNorm);
  };

  it('returns the most similar vectors by cosine, best first, whatever their lengths', () => {
    const search = ExactVectorSearch.over(vectors, 8);
    for (const query of vectors.slice(0, 10).map((vector) => vector.map((value) => value * 3 + 0.01))) {
      const expected = vectors.map((vector, index) => ({ index, similarity: cosine(query, vector) })).sort((left, right) => right.similarity - left.similarity).slice(0, 12);
      const found = search?.search(query, 12) ?? [];
      expect(found.map((hit) => hit.index)).toEqual(expected.map((hit) => hit.index));
      found.forEach((hit, rank) => expect(hit.similarity).toBeCloseTo(expected[rank]?.similarity ?? Number.NaN, 5));
    }
    expect(search?.search(vectors[0] as Float32Array, 500)).toHaveLength(60);
    expect(search?.search(vectors[0] as Float32Array, 0)).toEqual([]);
  });

  it('is only made for indexes small enough to scan', () => {
    expect(ExactVectorSearch.over(Array.from({ length: EXACT_SEARCH_MAX_VECTORS + 1 }, () => new Float32Array(8).fill(1)), 8)).toBeNull();
    expect(ExactVectorSearch.over([], 8)).toBeNull();
  });
});

describe('a small loaded index', () => {
  let workDir: string;
  beforeAll(() => {
    workDir = mkdtempSync(join(tmpdir(), 'exact-search-test-'));
    cpSync('seeds', join(workDir, 'docs'), { recursive: true });
  });
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  it('is searched by scanning, with the same neighbours as its stored HNSW', async () => {
    const embedder = createFakeEmbedder();
    const indexDir = join(workDir, 'index');
    await buildIndex(buildOptions(embedder, join(workDir, 'docs'), indexDir));
    const index = loadIndex(indexDir, { expectations: loadExpectations(embedder), efSearch: 200 });
    expect(index.passages.length).toBeLessThanOrEqual(EXACT_SEARCH_MAX_VECTORS);
    const hnsw = VectorIndex.load(join(currentBuildDir(indexDir) as string, BUILD_FILES.hnsw), embedder.dimensions, index.passages.length, 200);
    const queries = await embedder.embed(['Tartous naval base', 'Iran and Russia split', 'humanitarian aid to Eastern Ghouta']);
    const hnswSearches = vi.spyOn(VectorIndex.prototype, 'search');
    const scannedHits = queries.map((query) => index.searchDense(query, 10));
    // The loaded index scanned; it did not ask its HNSW.
    expect(hnswSearches).not.toHaveBeenCalled();
    hnswSearches.mockRestore();
    for (const [position, query] of queries.entries()) {
      const scanned = scannedHits[position] ?? [];
      const searched = hnsw.search(query, 10);
      expect(scanned.map((hit) => hit.index)).toEqual(searched.map((hit) => hit.index));
      scanned.forEach((hit, rank) => expect(hit.similarity).toBeCloseTo(searched[rank]?.similarity ?? Number.NaN, 4));
    }
  });
});
