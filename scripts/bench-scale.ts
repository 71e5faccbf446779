/**
 * @module Child process of `npm run bench` for one corpus size: embed a synthetic corpus with the local embedder,
 * build HNSW (m and efConstruction from the config defaults) and BM25, save them, then sweep ef against exact search.
 * `--ef-construction 100,200` then also builds HNSW at each listed efConstruction (the configured one is reused) and
 * sweeps ef again, to compare build time against recall. Runs alone in its process so its peak RSS is its own.
 * Prints one `RESULT {json}` line.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import hnswlib from 'hnswlib-node';
import { loadConfig } from '../src/config.ts';
import { embedInBatches } from '../src/embed/embedder.ts';
import { createLocalEmbedder } from '../src/embed/local-embedder.ts';
import { LexicalIndex } from '../src/index/lexical-index.ts';
import { VectorIndex } from '../src/index/vector-index.ts';
import type { Passage } from '../src/types.ts';
import { seedSentences, syntheticPassages, syntheticQueries } from './bench-corpus.ts';
import { percentile } from '../src/eval/metrics.ts';

export const EF_VALUES = [10, 16, 32, 64, 128, 256];
const K = 10;
// The config defaults, so the benchmark follows the config: `npm run bench` reads them the same way.
const config = loadConfig({});
const HNSW = { m: config.HNSW_M, efConstruction: config.HNSW_EF_CONSTRUCTION };
const LEXICAL_QUERIES = 50;
const LEXICAL_BUDGET_MS = 20_000;

export interface EfPoint {
  ef: number;
  recallAt10: number;
  p50Ms: number;
  p99Ms: number;
}

/** One HNSW build at a given efConstruction (m as configured), with its own ef sweep over the same queries. */
export interface EfConstructionPoint {
  efConstruction: number;
  hnswBuildSeconds: number;
  /** Whether this is the configured build of this run (timed first, before BM25) or an extra one built afterwards. */
  configured: boolean;
  sweep: EfPoint[];
}

export interface ScaleResult {
  passages: number;
  /** HNSW parameters of the main build and sweep. */
  hnsw: { m: number; efConstruction: number };
  queries: number;
  embedSeconds: number;
  embedPerSecond: number;
  hnswBuildSeconds: number;
  lexicalBuildSeconds: number;
  /** Embedding + HNSW + BM25. */
  totalBuildSeconds: number;
  passagesPerSecond: number;
  bytes: { vectors: number; hnsw: number; lexical: number; total: number };
  /** Peak RSS once embedded, indexed, saved and swept: what building needs. */
  peakRssAfterBuildBytes: number;
  /** Peak RSS at the end, after the BM25 queries. */
  peakRssBytes: number;
  lexicalQueries: number;
  exactP50Ms: number;
  lexicalP50Ms: number;
  lexicalP99Ms: number;
  sweep: EfPoint[];
  /** Builds at the `--ef-construction` values, in ascending order; empty without the flag. */
  efConstruction: EfConstructionPoint[];
}

const { values } = parseArgs({
  options: { passages: { type: 'string', default: '1000' }, queries: { type: 'string', default: '200' }, 'ef-construction': { type: 'string', default: '' } },
});
const efConstructionValues = [...new Set(values['ef-construction'].split(',').filter(Boolean).map(Number))].sort((a, b) => a - b);
if (efConstructionValues.some((value) => !Number.isInteger(value) || value < 10)) throw new Error(`--ef-construction takes integers ≥ 10: ${values['ef-construction']}`);
const count = Number(values.passages);
const queryCount = Number(values.queries);
const seconds = (since: number) => (performance.now() - since) / 1000;

const sentences = await seedSentences();
const texts = syntheticPassages(sentences, count);
const queries = syntheticQueries(sentences, queryCount);
const embedder = await createLocalEmbedder({ cacheDir: 'node_modules/.cache/news-rag' });

let started = performance.now();
const vectors = await embedInBatches(embedder, texts);
const embedSeconds = seconds(started);
const queryVectors = await embedInBatches(embedder, queries);

started = performance.now();
const vectorIndex = VectorIndex.build(vectors, embedder.dimensions, { ...HNSW, efSearch: config.HNSW_EF_SEARCH });
const hnswBuildSeconds = seconds(started);

const passages: Passage[] = texts.map((text, position) => ({
  id: `syn-${Math.floor(position / 20)}#${position % 20}`,
  docId: `syn-${Math.floor(position / 20)}`,
  ordinal: position % 20,
  start: 0,
  end: text.length,
  text,
  title: `Synthetic report ${Math.floor(position / 20)}`,
  date: null,
  outlet: null,
}));
started = performance.now();
const lexicalIndex = LexicalIndex.build(passages);
const lexicalBuildSeconds = seconds(started);

const dir = mkdtempSync(join(tmpdir(), 'bench-scale-'));
let bytes: ScaleResult['bytes'];
try {
  const flat = new Float32Array(vectors.length * embedder.dimensions);
  vectors.forEach((vector, position) => flat.set(vector, position * embedder.dimensions));
  writeFileSync(join(dir, 'vectors.bin'), new Uint8Array(flat.buffer));
  vectorIndex.save(join(dir, 'hnsw.bin'));
  writeFileSync(join(dir, 'lexical.bin'), lexicalIndex.serialize());
  const size = (name: string) => statSync(join(dir, name)).size;
  bytes = { vectors: size('vectors.bin'), hnsw: size('hnsw.bin'), lexical: size('lexical.bin'), total: 0 };
  bytes.total = bytes.vectors + bytes.hnsw + bytes.lexical;
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// Ground truth: exact cosine search over the same vectors.
const exact = new hnswlib.BruteforceSearch('cosine', embedder.dimensions);
exact.initIndex(count);
vectors.forEach((vector, label) => exact.addPoint(Array.from(vector), label));
const exactTimes: number[] = [];
const truth = queryVectors.map((vector) => {
  const asked = performance.now();
  const { neighbors } = exact.searchKnn(Array.from(vector), K);
  exactTimes.push(performance.now() - asked);
  return new Set(neighbors);
});

const efSweep = (index: VectorIndex): EfPoint[] =>
  EF_VALUES.map((ef) => {
    index.setEf(ef);
    for (const vector of queryVectors.slice(0, 20)) index.search(vector, K); // warm-up
    const times: number[] = [];
    let found = 0;
    queryVectors.forEach((vector, position) => {
      const asked = performance.now();
      const hits = index.search(vector, K);
      times.push(performance.now() - asked);
      const expected = truth[position] as Set<number>;
      found += hits.filter((hit) => expected.has(hit.index)).length;
    });
    return { ef, recallAt10: found / (K * queryVectors.length), p50Ms: percentile(times, 50) ?? 0, p99Ms: percentile(times, 99) ?? 0 };
  });
const sweep = efSweep(vectorIndex);

const peakRssAfterBuildBytes = process.resourceUsage().maxRSS * 1024;

// BM25 is timed on the question-like queries only (a 600-character query is not a question), and bounded: the
// corpus recombines ~100 sentences, so every query word matches a large share of all passages.
const lexicalTimes: number[] = [];
const lexicalDeadline = performance.now() + LEXICAL_BUDGET_MS;
for (const query of queries.filter((_, position) => position % 2 === 1).slice(0, LEXICAL_QUERIES)) {
  if (performance.now() > lexicalDeadline) break;
  const asked = performance.now();
  lexicalIndex.query(query, K);
  lexicalTimes.push(performance.now() - asked);
}

const peakRssBytes = process.resourceUsage().maxRSS * 1024;

// Extra builds come last, so they change none of the figures above (peak RSS included).
const efConstruction: EfConstructionPoint[] = efConstructionValues.map((value) => {
  if (value === HNSW.efConstruction) return { efConstruction: value, hnswBuildSeconds, configured: true, sweep };
  const built = performance.now();
  const index = VectorIndex.build(vectors, embedder.dimensions, { m: HNSW.m, efConstruction: value, efSearch: config.HNSW_EF_SEARCH });
  return { efConstruction: value, hnswBuildSeconds: seconds(built), configured: false, sweep: efSweep(index) };
});

const totalBuildSeconds = embedSeconds + hnswBuildSeconds + lexicalBuildSeconds;
const result: ScaleResult = {
  passages: count,
  hnsw: HNSW,
  queries: queryCount,
  embedSeconds,
  embedPerSecond: count / embedSeconds,
  hnswBuildSeconds,
  lexicalBuildSeconds,
  totalBuildSeconds,
  passagesPerSecond: count / totalBuildSeconds,
  bytes,
  peakRssAfterBuildBytes,
  peakRssBytes,
  exactP50Ms: percentile(exactTimes, 50) ?? 0,
  lexicalQueries: lexicalTimes.length,
  lexicalP50Ms: percentile(lexicalTimes, 50) ?? 0,
  lexicalP99Ms: percentile(lexicalTimes, 99) ?? 0,
  sweep,
  efConstruction,
};
console.log(`RESULT ${JSON.stringify(result)}`);
