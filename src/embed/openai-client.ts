/** @module The one way to build an OpenAI client, shared by the embedder, the LLM answerer and the server. */
import { createRequire } from 'node:module';
import type OpenAI from 'openai';
import { ConfigError } from '../errors.ts';

// The client takes ~0.1 s to load: a server without OpenAI configured (the default) never loads it, nor do its ask
// workers.
let openAIClass: typeof OpenAI | undefined;
function loadOpenAI(): typeof OpenAI {
  openAIClass ??= (createRequire(import.meta.url)('openai') as { OpenAI: typeof OpenAI }).OpenAI;
  return openAIClass;
}

/** The public API; used when only a key is configured. */
export const OPENAI_DEFAULT_BASE_URL = 'https://api.openai.com/v1';
/** Local OpenAI-compatible servers (Ollama, llama.cpp, vLLM) accept any key, but the client insists on one. */
const PLACEHOLDER_API_KEY = 'not-needed';

export interface OpenAIClientOptions {
  /** Env: OPENAI_API_KEY. Optional when `baseURL` points at a server that needs none. Never logged. */
  apiKey?: string;
  /** Env: OPENAI_BASE_URL (default https://api.openai.com/v1). */
  baseURL?: string;
  /** Time-out of one request attempt. Env: OPENAI_TIMEOUT_MS (default 20000). */
  timeoutMs: number;
  /** Retries the client makes itself, with back-off and honouring retry-after. Env: OPENAI_MAX_RETRIES (default 2). */
  maxRetries: number;
}

/**
 * Every option is passed explicitly, so the client never falls back to reading process.env (config.ts is the only
 * reader of the environment).
 */
export function createOpenAIClient(options: OpenAIClientOptions): OpenAI {
  if (options.apiKey === undefined && options.baseURL === undefined) {
    throw new ConfigError('Set OPENAI_API_KEY (for api.openai.com) or OPENAI_BASE_URL (for a compatible server).');
  }
  const OpenAIClient = loadOpenAI();
  return new OpenAIClient({
    apiKey: options.apiKey ?? PLACEHOLDER_API_KEY,
    baseURL: options.baseURL ?? OPENAI_DEFAULT_BASE_URL,
    timeout: options.timeoutMs,
    maxRetries: options.maxRetries,
  });
}
