/** A deterministic Embedder for tests: bag-of-words hashed into a small vector, so texts sharing words are near. Records calls. */
import { createHash } from 'node:crypto';
import type { Embedder } from '../../src/embed/embedder.ts';

export interface FakeEmbedder extends Embedder {
  calls: string[][];
}

export function createFakeEmbedder(options: { id?: string; dimensions?: number; delayMs?: number; failAfterCalls?: number } = {}): FakeEmbedder {
  const dimensions = options.dimensions ?? 32;
  const calls: string[][] = [];
  return {
    id: options.id ?? 'fake:bag-of-words',
    dimensions,
    maxBatchSize: 8,
    calls,
    async embed(texts, embedOptions) {
      if (options.failAfterCalls !== undefined && calls.length >= options.failAfterCalls) throw new Error('fake embedder failure');
      calls.push([...texts]);
      if (options.delayMs !== undefined) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
      embedOptions?.signal?.throwIfAborted();
      return texts.map((text) => {
        const vector = new Float32Array(dimensions);
        for (const word of text.toLowerCase().match(/\p{L}+/gu) ?? []) {
          const digest = createHash('md5').update(word).digest();
          const slot = (digest[0] ?? 0) % dimensions;
          vector[slot] = (vector[slot] ?? 0) + 1;
        }
        vector[0] = (vector[0] ?? 0) + 1e-3;
        const norm = Math.hypot(...vector);
        return vector.map((value) => value / norm);
      });
    },
  };
}
