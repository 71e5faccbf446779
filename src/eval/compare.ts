/**
 * @module Ablations run in one go: retrieval mode, dense weight, chunk size, abstention threshold, embedder and
 * citation check. Each chunking or embedder gets its own index in a temporary folder; identical variants run once.
 */
import { join } from 'node:path';
import { DEFAULT_EXTRACTIVE_OPTIONS } from '../answer/extractive-answerer.ts';
import { type Config, hasOpenAI, loadConfig, resolveAnswerMode } from '../config.ts';
import type { RetrievalMode } from '../retrieve/retrieve.ts';
import { evaluate, type Summary, summarize } from './evaluate.ts';
import { createInProcessAsker } from './in-process-asker.ts';
import type { EvalQuestion } from './questions.ts';

export interface Variant {
  group: string;
  name: string;
  env: Record<string, string>;
  retrievalMode?: RetrievalMode;
  minCoverage?: number;
}

export interface ComparisonRow {
  group: string;
  name: string;
  /** This variant is what the service runs with the current configuration. */
  isDefault: boolean;
  summary: Summary | null;
  passages: number | null;
  /** Why the variant did not run. */
  skipped?: string;
}

export type PlannedVariant = Variant | { group: string; name: string; skipped: string };

const CHUNK_SIZES = [300, 600, 1000];
const DENSE_WEIGHTS = [0.25, 0.5, 1];
const MIN_COVERAGES = [0.4, 0.5, 0.6];

/** Overlap scales with the chunk size, as the default 100 of 600 does. */
export const overlapFor = (chunkSize: number): number => Math.round(chunkSize / 6);

export function planVariants(base: Config): PlannedVariant[] {
  const variants: PlannedVariant[] = [
    ...(['lexical', 'dense', 'hybrid'] as const).map((mode) => ({ group: 'retrieval', name: mode, env: {}, retrievalMode: mode })),
    ...DENSE_WEIGHTS.map((weight) => ({ group: 'dense weight (hybrid)', name: `DENSE_WEIGHT=${weight}`, env: { DENSE_WEIGHT: String(weight) } })),
    ...CHUNK_SIZES.map((size) => ({
      group: 'chunk size',
      name: `CHUNK_SIZE=${size}/${overlapFor(size)}`,
      env: { CHUNK_SIZE: String(size), CHUNK_OVERLAP: String(overlapFor(size)) },
    })),
    ...MIN_COVERAGES.map((minCoverage) => ({ group: 'abstention threshold', name: `minCoverage=${minCoverage}`, env: {}, minCoverage })),
  ];
  if (hasOpenAI(base)) {
    variants.push({ group: 'embedder', name: 'local', env: { EMBEDDER: 'local' } }, { group: 'embedder', name: 'openai', env: { EMBEDDER: 'openai' } });
  } else {
    variants.push({ group: 'embedder', name: 'local vs openai', skipped: 'skipped: not configured (set OPENAI_API_KEY or OPENAI_BASE_URL)' });
  }
  if (resolveAnswerMode(base) === 'llm') {
    // There is no switch for the check itself; MIN_SUPPORT=0 keeps every citation the model gives, which is the check off.
    variants.push(
      { group: 'citation check', name: 'on', env: {} },
      { group: 'citation check', name: 'off (MIN_SUPPORT=0)', env: { MIN_SUPPORT: '0' } },
    );
  } else {
    variants.push({
      group: 'citation check',
      name: 'on vs off',
      skipped: 'skipped: no LLM configured; the extractive answerer cites each sentence with itself, so the check cannot change its answers',
    });
  }
  return variants;
}

export interface CompareOptions {
  /** The environment every variant starts from (loadConfig reads it). */
  baseEnv: Record<string, string | undefined>;
  /** Temporary folder that receives one index per chunking and embedder. */
  indexRoot: string;
  onRow?: (row: ComparisonRow) => void;
}

export async function runComparison(questions: readonly EvalQuestion[], options: CompareOptions): Promise<ComparisonRow[]> {
  const base = loadConfig(options.baseEnv);
  const defaultKey = variantKey(base, undefined, DEFAULT_EXTRACTIVE_OPTIONS.minCoverage);
  const done = new Map<string, { summary: Summary; passages: number }>();
  const rows: ComparisonRow[] = [];
  for (const variant of planVariants(base)) {
    let row: ComparisonRow;
    if ('skipped' in variant) {
      row = { group: variant.group, name: variant.name, isDefault: false, summary: null, passages: null, skipped: variant.skipped };
    } else {
      const merged = loadConfig({ ...options.baseEnv, ...variant.env });
      const indexDir = join(options.indexRoot, `${merged.EMBEDDER}-${merged.CHUNK_SIZE}-${merged.CHUNK_OVERLAP}`);
      const config: Config = { ...merged, INDEX_DIR: indexDir };
      const minCoverage = variant.minCoverage ?? DEFAULT_EXTRACTIVE_OPTIONS.minCoverage;
      const key = variantKey(config, variant.retrievalMode, minCoverage);
      let measured = done.get(key);
      if (measured === undefined) {
        const asker = await createInProcessAsker(config, { retrievalMode: variant.retrievalMode, minCoverage });
        measured = { summary: summarize(await evaluate(questions, asker.ask)), passages: asker.passages };
        done.set(key, measured);
      }
      row = { group: variant.group, name: variant.name, isDefault: key === defaultKey, ...measured };
    }
    options.onRow?.(row);
    rows.push(row);
  }
  return rows;
}

/** Everything that changes an answer; the index folder does not. */
function variantKey(config: Config, retrievalMode: RetrievalMode | undefined, minCoverage: number): string {
  const { INDEX_DIR: _indexDir, ...rest } = config;
  return JSON.stringify({ ...rest, retrievalMode: retrievalMode ?? 'hybrid', minCoverage });
}
