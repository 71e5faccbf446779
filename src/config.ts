/** @module The only reader of process.env: one schema with defaults and descriptions, validated once at start-up. */
import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { ConfigError } from './errors.ts';

const integer = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const number = (min: number, max: number) => z.coerce.number().min(min).max(max);
const flag = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((value) => ['true', '1', 'yes'].includes(value));

/**
 * Every setting, keyed by its environment variable. `describe()` texts feed the README's configuration table
 * (`npm run config:table`), so the documentation cannot drift from the code.
 */
export const configSchema = z.object({
  PORT: integer(0, 65535).default(3000).describe('HTTP port of the server.'),
  HOST: z.string().default('127.0.0.1').describe('Interface to listen on; 0.0.0.0 to accept other machines.'),
  DOCS_DIR: z.string().default('seeds').describe('Folder of .txt, .md and .html articles to index.'),
  INDEX_DIR: z.string().default('index-data').describe('Where the index and its manifest are written.'),
  CACHE_DIR: z
    .string()
    .default('node_modules/.cache/news-rag')
    .describe('Where the one-time binary conversion of the GloVe vectors is kept.'),

  EMBEDDER: z.enum(['local', 'openai']).default('local').describe('local: GloVe + SIF, offline. openai: the embeddings API.'),
  ANSWER_MODE: z
    .enum(['auto', 'extractive', 'llm'])
    .default('auto')
    .describe('auto: llm when OPENAI_API_KEY or OPENAI_BASE_URL is set, else extractive.'),
  OPENAI_API_KEY: z.string().optional().describe('Key for OpenAI or a compatible server. Never logged.'),
  OPENAI_BASE_URL: z.string().url().optional().describe('OpenAI-compatible server, e.g. http://localhost:11434/v1 (Ollama).'),
  OPENAI_CHAT_MODEL: z.string().default('gpt-4o-mini').describe('Chat model for LLM answers.'),
  OPENAI_EMBEDDING_MODEL: z.string().default('text-embedding-3-small').describe('Embedding model when EMBEDDER=openai.'),
  OPENAI_TIMEOUT_MS: integer(100, 600_000).default(20_000).describe('Time-out of one request to the OpenAI-compatible server.'),
  OPENAI_MAX_RETRIES: integer(0, 10).default(2).describe('Retries of the openai client (it backs off and honours retry-after).'),

  // Chunk defaults were chosen by retrieval measured on test/eval/questions.jsonl (see README, "Evaluation").
  CHUNK_SIZE: integer(100, 8000).default(600).describe('Passage size in characters.'),
  CHUNK_OVERLAP: integer(0, 4000).default(100).describe('Characters shared by neighbouring passages.'),

  TOP_K: integer(1, 50).default(5).describe('Passages handed to the answerer.'),
  RRF_K: integer(1, 1000).default(60).describe('Reciprocal rank fusion constant (Cormack et al. 2009).'),
  // GloVe+SIF ranks passages less well than BM25 on our evaluation set (dense-only hit@1 0.61 vs BM25 0.94);
  // at 0.25 hybrid beats both (hit@1 0.96, MRR 0.97; `npm run eval -- --compare`).
  DENSE_WEIGHT: number(0, 10).default(0.25).describe('Weight of the dense (HNSW) ranking in fusion; BM25 has weight 1.'),
  HNSW_M: integer(4, 96).default(16).describe('HNSW graph degree.'),
  // efConstruction 100 halves the HNSW build (18 s vs 34 s at 100k) but needs ef 128 to stay above 0.98 recall;
  // 200 keeps margin and the full 100k build still takes 52 s.
  // efConstruction 100 vs 200 at 100k passages (BENCHMARKS.md): recall@10 at ef 128 0.987 vs 0.989, but the full
  // build takes 49 s instead of 65.5 s, and the target is under 60 s on this 2-core machine.
  HNSW_EF_CONSTRUCTION: integer(10, 2000).default(100).describe('HNSW build-time candidate list size (efConstruction 100 vs 200 in BENCHMARKS.md).'),
  // The ef sweep at 100k passages (BENCHMARKS.md, 1,000 queries, efConstruction 100): ef 64 gives recall@10 0.973,
  // ef 128 gives 0.987 at 0.26 ms p50.
  HNSW_EF_SEARCH: integer(10, 2000).default(128).describe('HNSW query-time candidate list size (from the ef sweep in BENCHMARKS.md).'),
  // The word index has its own, cheaper HNSW settings (WORD_INDEX_HNSW in src/index/word-neighbours.ts, with their
  // measurements); HNSW_EF_SEARCH is what it is searched with. Below 5,000 words the exact scan costs ≤ ~1 ms a new
  // word, is exact, and needs no build.
  WORD_INDEX_MIN_WORDS: integer(0, 100_000_000)
    .default(5000)
    .describe('Vocabularies with more words than this get an HNSW index of their word vectors at build time; smaller ones are scanned exactly.'),
  // Stricter than answer selection: a citation is a promise that the quote says what the sentence says.
  MIN_SUPPORT: number(0, 1).default(0.6).describe('Least support (0-1) a cited sentence needs to stay in an answer.'),

  ANSWER_CACHE_SIZE: integer(0, 1_000_000).default(1000).describe('Recent answers kept per loaded index and served again for the same question; 0 turns it off.'),
  // Measured on 2 cores at 32 connections: one worker about doubles uncached /api/ask throughput (BENCHMARKS.md).
  ASK_WORKERS: integer(0, 16).optional().describe('Worker threads that answer uncached questions (extractive mode) beside the HTTP thread; default 1 when the machine has two cores or more and the answers are extractive with local embeddings; 0 answers on the HTTP thread.'),
  MAX_QUESTION_CHARS: integer(10, 100_000).default(2000).describe('Longest question accepted.'),
  BODY_LIMIT: z.string().default('64kb').describe('Largest request body accepted.'),
  REQUEST_TIMEOUT_MS: integer(1000, 600_000).default(60_000).describe('Time allowed to receive a whole request; slower clients are cut off.'),
  API_KEY: z.string().optional().describe('When set, every /api/* and /v1/* request must send "Authorization: Bearer <key>".'),
  ADMIN_TOKEN: z.string().optional().describe('Bearer token for POST /api/admin/reindex, which it alone authorises (no API_KEY needed there); the route is off when unset.'),
  RATE_LIMIT_PER_MINUTE: integer(0, 1_000_000).default(600).describe('Requests per client per minute; 0 turns limiting off.'),
  CORS_ORIGINS: z.string().default('').describe('Comma-separated origins allowed by CORS; empty means none.'),
  MODEL_NAME: z.string().default('news-rag').describe('Model name served by the OpenAI-compatible /v1 API.'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('Log level.'),
  BUILD_INDEX_ON_START: flag.default('true').describe('Build or refresh the index at start when it is missing or stale.'),
});

export type Config = z.infer<typeof configSchema>;

/** Blank variables count as missing, so `FOO=` in .env falls back to the default instead of failing validation. */
function withoutBlanks(env: Record<string, string | undefined>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value.trim() !== '') result[key] = value.trim();
  }
  return result;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = configSchema.safeParse(withoutBlanks(env));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const config = parsed.data;
  if (config.CHUNK_OVERLAP >= config.CHUNK_SIZE) {
    throw new ConfigError(`CHUNK_OVERLAP (${config.CHUNK_OVERLAP}) must be smaller than CHUNK_SIZE (${config.CHUNK_SIZE}).`);
  }
  return config;
}

/** Whether an OpenAI-compatible server has been configured at all. */
export function hasOpenAI(config: Config): boolean {
  return config.OPENAI_API_KEY !== undefined || config.OPENAI_BASE_URL !== undefined;
}

/**
 * Ask workers only pay off for CPU-bound answering: an LLM answer or an OpenAI embedding waits on the network, not
 * on this machine. One by default, on a machine with a core to spare: each holds its own copy of the index and the
 * word vectors (+100 MB on the seeds), and one already keeps a second core busy.
 */
export function resolveAskWorkers(config: Config): number {
  if (resolveAnswerMode(config) !== 'extractive' || config.EMBEDDER === 'openai') return 0;
  return config.ASK_WORKERS ?? Math.min(1, availableParallelism() - 1);
}

export function resolveAnswerMode(config: Config): 'extractive' | 'llm' {
  if (config.ANSWER_MODE === 'auto') return hasOpenAI(config) ? 'llm' : 'extractive';
  return config.ANSWER_MODE;
}
