/** @module The embedder backed by an OpenAI-compatible embeddings API (OpenAI, Ollama, vLLM, …). */
import type OpenAI from 'openai';
import { errorKind, UpstreamError } from '../errors.ts';
import type { Embedder } from './embedder.ts';
import { fallbackVector, l2Normalize } from './embedder.ts';

/** Inputs per request. OpenAI accepts up to 2048, but smaller requests keep each attempt well inside the time-out. */
const OPENAI_MAX_BATCH_SIZE = 128;

/** Text embedded once to learn the model's dimensions when they are not given. */
const DIMENSIONS_PROBE = 'dimensions probe';

export interface OpenAIEmbedderOptions {
  /**
   * Built by `createOpenAIClient`; only `embeddings` is used. `baseURL` and `apiKey`, when present, are read only
   * to keep them out of errors: logs name the server by its origin, and clients learn only what kind of failure it was.
   */
  client: Pick<OpenAI, 'embeddings'> & { baseURL?: string; apiKey?: string };
  /** Env: OPENAI_EMBEDDING_MODEL (default text-embedding-3-small). */
  model: string;
  /**
   * The model's vector length, when known. It is not sent to the API (not every compatible server accepts the
   * parameter); it saves the probe and every response is checked against it. When omitted, one probe request
   * at creation learns it, which is why the factory is async.
   */
  dimensions?: number;
}

/** The id recorded in an index manifest; known from configuration alone, before any request. */
export function openAIEmbedderId(model: string): string {
  return `openai:${model}`;
}

/**
 * What kind of failure it was, in words safe for anyone: never the server's own text, which can echo secrets. The
 * openai client's errors are read by their names and fields, so this module needs no runtime import of it.
 */
function failureKind(error: unknown): string {
  const name = errorKind(error);
  const status = httpStatus(error);
  if (name === 'APIConnectionTimeoutError') return 'the request timed out';
  if (name === 'APIConnectionError') return 'the server could not be reached';
  if (status !== undefined) return `HTTP ${status}`;
  if (name === 'APIError' || name === 'OpenAIError' || name === 'SyntaxError') return 'its response could not be read';
  return 'an unexpected error';
}

function httpStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** The server's own words (an HTTP error's), for the logs; the openai client's messages start with the status, given already. */
function serverSays(error: unknown): string {
  if (httpStatus(error) === undefined || !(error instanceof Error)) return '';
  const said = error.message.replace(/^\d{3}\s*/, '').trim();
  return said === '' ? '' : ` (${said})`;
}

/**
 * The server for log lines: scheme, host and port only. OPENAI_BASE_URL may carry a proxy's user:password or a
 * token in its query string, and those must not reach a log.
 */
function originOf(baseURL: string | undefined): string {
  if (baseURL === undefined) return 'the OpenAI API';
  try {
    const { origin } = new URL(baseURL);
    return origin === 'null' ? 'the configured server' : origin;
  } catch {
    return 'the configured server';
  }
}

/** Every part of the configuration that is, or may hold, a secret: the key, and the base URL's userinfo and query. */
function secretsOf(baseURL: string | undefined, apiKey: string | undefined): string[] {
  const secrets = [apiKey, baseURL];
  try {
    const url = new URL(baseURL ?? '');
    secrets.push(url.href, decodeURIComponent(url.username), decodeURIComponent(url.password), url.username, url.password, url.search.slice(1));
  } catch {
    // No URL, nothing more to hide.
  }
  // Very short strings would blank out ordinary words; they are not secrets worth the name anyway.
  return secrets.filter((secret): secret is string => secret !== undefined && secret.length >= 4).sort((left, right) => right.length - left.length);
}

/** Error texts can echo the key back ("Incorrect API key provided: sk-…") or the URL called; none of it may reach a log. */
function redact(text: string, secrets: readonly string[]): string {
  let safe = text.replace(/\b(?:sk|rk|pk)-[\w*-]{8,}/g, '[redacted]');
  for (const secret of secrets) safe = safe.replaceAll(secret, '[redacted]');
  return safe;
}

export async function createOpenAIEmbedder(options: OpenAIEmbedderOptions): Promise<Embedder> {
  const { client, model } = options;
  const server = originOf(client.baseURL);
  const secrets = secretsOf(client.baseURL, client.apiKey);
  /** Clients see the kind of failure; the logs also see the model, the server's origin and what it said. */
  const failure = (kind: string, said = '') =>
    new UpstreamError(`The embedding server failed: ${kind}.`, { detail: redact(`Embedding model "${model}" at ${server} failed: ${kind}${said}.`, secrets) });

  async function request(texts: string[], signal: AbortSignal | undefined, dimensions: number | undefined): Promise<Float32Array[]> {
    let response: OpenAI.CreateEmbeddingResponse;
    try {
      response = await client.embeddings.create({ model, input: texts, encoding_format: 'float' }, { signal });
    } catch (error) {
      // The caller's abort stays an abort. openai@5's APIUserAbortError has name "Error", so rethrow the signal's
      // own reason (a DOMException named "AbortError") for callers that check the name.
      if (signal?.aborted === true) throw signal.reason;
      if (errorKind(error) === 'APIUserAbortError') throw error;
      // No `cause`: the original error's message, body and URL may contain the key or the URL's secrets.
      throw failure(failureKind(error), serverSays(error));
    }
    const vectors: Float32Array[] = new Array(texts.length);
    for (const item of response.data ?? []) {
      const valid = Number.isInteger(item.index) && item.index >= 0 && item.index < texts.length && Array.isArray(item.embedding);
      if (valid && item.embedding.every(Number.isFinite)) vectors[item.index] = Float32Array.from(item.embedding);
    }
    for (let position = 0; position < texts.length; position++) {
      const vector = vectors[position];
      if (vector === undefined || (dimensions !== undefined && vector.length !== dimensions) || vector.length === 0) {
        const got = vector === undefined ? 'no valid vector' : `a vector of length ${vector.length}`;
        throw failure(`it returned ${got} for input ${position}${dimensions === undefined ? '' : ` (expected ${dimensions} dimensions)`}`);
      }
      // An all-zero vector has no direction; give it the fallback rather than let NaN into cosine scores.
      vectors[position] = vector.some((value) => value !== 0) ? l2Normalize(vector) : fallbackVector(texts[position] as string, vector.length);
    }
    return vectors;
  }

  const dimensions = options.dimensions ?? ((await request([DIMENSIONS_PROBE], undefined, undefined))[0] as Float32Array).length;
  return {
    id: openAIEmbedderId(model),
    dimensions,
    maxBatchSize: OPENAI_MAX_BATCH_SIZE,
    async embed(texts, embedOptions = {}) {
      embedOptions.signal?.throwIfAborted();
      // The API rejects empty input, and a blank text has nothing to embed: it gets the same fallback as locally.
      const sent = texts.filter((text) => text.trim() !== '');
      const embedded = sent.length === 0 ? [] : await request(sent, embedOptions.signal, dimensions);
      let next = 0;
      return texts.map((text) => (text.trim() === '' ? fallbackVector(text, dimensions) : (embedded[next++] as Float32Array)));
    },
  };
}
