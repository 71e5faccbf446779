/** The contract every Embedder must keep, as one suite run against each implementation (as Hono's common.case tests). */
import { describe, expect, it } from 'vitest';
import { type Embedder, embedInBatches } from '../../src/embed/embedder.ts';

function norm(vector: Float32Array): number {
  return Math.hypot(...vector);
}

export function describeEmbedderContract(name: string, getEmbedder: () => Embedder): void {
  describe(`Embedder contract: ${name}`, () => {
    const texts = [
      'Russian troops were deployed to Syria.',
      'The central bank raised interest rates.',
      'Protesters gathered in the capital on Friday.',
      'A new vaccine was approved by regulators.',
      'Rebels withdrew from the eastern suburbs.',
    ];

    it('returns one unit-length Float32Array of `dimensions` per text', async () => {
      const embedder = getEmbedder();
      const vectors = await embedder.embed(texts);
      expect(vectors).toHaveLength(texts.length);
      for (const vector of vectors) {
        expect(vector).toBeInstanceOf(Float32Array);
        expect(vector).toHaveLength(embedder.dimensions);
        expect(norm(vector)).toBeCloseTo(1, 5);
      }
    });

    it('is deterministic', async () => {
      const embedder = getEmbedder();
      const [first] = await embedder.embed([texts[0] as string]);
      const [second] = await embedder.embed([texts[0] as string]);
      expect(Array.from(second as Float32Array)).toEqual(Array.from(first as Float32Array));
    });

    it('keeps the order of a batch: each vector equals that text embedded alone', async () => {
      const embedder = getEmbedder();
      const batch = await embedder.embed(texts);
      for (const [position, text] of texts.entries()) {
        const [alone] = await embedder.embed([text]);
        expect(Array.from(batch[position] as Float32Array)).toEqual(Array.from(alone as Float32Array));
      }
    });

    it('embeds more texts than maxBatchSize through embedInBatches, in order', async () => {
      const embedder = getEmbedder();
      const many = Array.from({ length: embedder.maxBatchSize + 3 }, (_, position) => `${texts[position % texts.length]} ${position}`);
      const vectors = await embedInBatches(embedder, many);
      expect(vectors).toHaveLength(many.length);
      const [last] = await embedder.embed([many.at(-1) as string]);
      expect(Array.from(vectors.at(-1) as Float32Array)).toEqual(Array.from(last as Float32Array));
    });

    it('gives empty and blank texts a finite unit vector, not NaN', async () => {
      const embedder = getEmbedder();
      for (const vector of await embedder.embed(['', '   ', '.,;'])) {
        expect(vector.every(Number.isFinite)).toBe(true);
        expect(norm(vector)).toBeCloseTo(1, 5);
      }
    });

    it('returns nothing for no texts', async () => {
      expect(await getEmbedder().embed([])).toEqual([]);
    });

    it('rejects when the signal is already aborted', async () => {
      await expect(getEmbedder().embed(texts, { signal: AbortSignal.abort() })).rejects.toThrow();
    });
  });
}
