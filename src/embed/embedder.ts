/** @module The Embedder interface every embedding backend implements, and the one shared batching helper. */

/**
 * Turns texts into unit-length vectors for a cosine-space index. Spec-sized on purpose (compare the AI SDK's
 * `EmbeddingModelV3`): backends are plain objects made by factories, never subclasses.
 */
export interface Embedder {
  /**
   * Names the model precisely enough that an index built by another embedder is detected, e.g.
   * `local:glove-sg-100d-sif-v1` or `openai:text-embedding-3-small`. Stored in the index manifest.
   */
  readonly id: string;
  /** Length of every vector `embed` returns. */
  readonly dimensions: number;
  /** Most texts one `embed` call accepts; `embedInBatches` splits larger inputs. */
  readonly maxBatchSize: number;
  /** One L2-normalised vector per text, in input order. Rejects when `signal` aborts. */
  embed(texts: string[], options?: { signal?: AbortSignal }): Promise<Float32Array[]>;
}

export interface EmbedInBatchesOptions {
  signal?: AbortSignal;
  /** Called after each batch with how many texts are embedded so far. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Embeds any number of texts in batches of `embedder.maxBatchSize`, one batch at a time (the OpenAI client already
 * spreads load with its own retries; a local embedder is CPU-bound, so parallel batches would gain nothing).
 * Between batches it yields to the event loop, so a server stays responsive and an abort is noticed promptly.
 */
export async function embedInBatches(
  embedder: Embedder,
  texts: readonly string[],
  options: EmbedInBatchesOptions = {},
): Promise<Float32Array[]> {
  const batchSize = Math.max(1, Math.floor(embedder.maxBatchSize));
  const vectors: Float32Array[] = [];
  for (let start = 0; start < texts.length; start += batchSize) {
    options.signal?.throwIfAborted();
    const batch = texts.slice(start, start + batchSize);
    const embedded = await embedder.embed(batch, { signal: options.signal });
    if (embedded.length !== batch.length) {
      throw new Error(`Embedder ${embedder.id} returned ${embedded.length} vectors for ${batch.length} texts.`);
    }
    vectors.push(...embedded);
    options.onProgress?.(vectors.length, texts.length);
    if (start + batchSize < texts.length) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return vectors;
}

/**
 * Scales `vector` in place to unit length and returns it. An all-zero vector is left as it is (dividing by a zero
 * norm would spread NaN through the index); callers decide what a text without any signal becomes.
 */
export function l2Normalize(vector: Float32Array): Float32Array {
  let sumOfSquares = 0;
  for (const value of vector) sumOfSquares += value * value;
  const norm = Math.sqrt(sumOfSquares);
  if (norm > 0 && Number.isFinite(norm)) {
    for (let position = 0; position < vector.length; position++) vector[position] = (vector[position] as number) / norm;
  }
  return vector;
}

/**
 * A fixed pseudo-random unit vector derived from `text`, for texts that carry no signal (empty, or only unknown
 * words). Deterministic, and nearly orthogonal to every real passage vector, so such a query finds nothing by
 * similarity instead of everything, and no NaN reaches the index.
 */
export function fallbackVector(text: string, dimensions: number): Float32Array {
  // FNV-1a over UTF-16 code units seeds xorshift32.
  let state = 0x811c9dc5;
  for (let position = 0; position < text.length; position++) state = Math.imul(state ^ text.charCodeAt(position), 0x01000193);
  state = state >>> 0 || 1;
  const vector = new Float32Array(dimensions);
  for (let dimension = 0; dimension < dimensions; dimension++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    vector[dimension] = (state >>> 0) / 2147483648 - 1;
  }
  return l2Normalize(vector);
}
