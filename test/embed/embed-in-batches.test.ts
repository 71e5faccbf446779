import { describe, expect, it } from 'vitest';
import { type Embedder, embedInBatches, fallbackVector, l2Normalize } from '../../src/embed/embedder.ts';

/** An embedder of batch size 8 that records each call's texts. */
function createFakeEmbedder(): Embedder & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    id: 'fake:length',
    dimensions: 2,
    maxBatchSize: 8,
    calls,
    async embed(texts) {
      calls.push([...texts]);
      return texts.map((text) => l2Normalize(Float32Array.from([1, text.length])));
    },
  };
}

describe('embedInBatches', () => {
  const texts = Array.from({ length: 20 }, (_, position) => `text number ${position}`);

  it('splits by maxBatchSize, keeps order and reports progress', async () => {
    const embedder = createFakeEmbedder();
    const progress: Array<[number, number]> = [];
    const vectors = await embedInBatches(embedder, texts, { onProgress: (done, total) => progress.push([done, total]) });
    expect(embedder.calls.map((call) => call.length)).toEqual([8, 8, 4]);
    expect(embedder.calls.flat()).toEqual(texts);
    expect(vectors).toHaveLength(20);
    expect(progress).toEqual([[8, 20], [16, 20], [20, 20]]);
  });

  it('stops between batches when aborted', async () => {
    const embedder = createFakeEmbedder();
    const controller = new AbortController();
    const run = embedInBatches(embedder, texts, { signal: controller.signal, onProgress: () => controller.abort() });
    await expect(run).rejects.toThrow(/abort/i);
    expect(embedder.calls).toHaveLength(1);
  });

  it('makes no call for no texts', async () => {
    const embedder = createFakeEmbedder();
    expect(await embedInBatches(embedder, [])).toEqual([]);
    expect(embedder.calls).toEqual([]);
  });

  it('rejects an embedder that returns the wrong number of vectors', async () => {
    const broken = { ...createFakeEmbedder(), embed: async () => [] };
    await expect(embedInBatches(broken, ['a'])).rejects.toThrow(/returned 0 vectors for 1 texts/);
  });
});

describe('vector helpers', () => {
  it('normalises, and leaves a zero vector without NaN', () => {
    expect(Array.from(l2Normalize(Float32Array.from([3, 4])))).toEqual([0.6000000238418579, 0.800000011920929]);
    expect(Array.from(l2Normalize(new Float32Array(3)))).toEqual([0, 0, 0]);
  });

  it('derives a deterministic unit fallback vector from the text', () => {
    const vector = fallbackVector('', 100);
    expect(Math.hypot(...vector)).toBeCloseTo(1, 5);
    expect(Array.from(fallbackVector('', 100))).toEqual(Array.from(vector));
    expect(Array.from(fallbackVector('x', 100))).not.toEqual(Array.from(vector));
  });
});
