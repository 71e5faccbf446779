/**
 * @module Child process of `npm run bench` for one corpus size: embed a synthetic corpus with the local embedder,
 * build HNSW (m 16, efConstruction 200) and BM25, save them, then sweep ef against exact search. Runs alone in its
 * process so its peak RSS is its own. Prints one `RESULT {json}` line.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import hnswlib from 'hnswlib-node';
import { embedInBatches } from '../src/embed/embedder.ts';
import { createLocalEmbedder } from '../src/embed/local-embedder.ts';
import { LexicalIndex } from '../src/index/lexical-index.ts';
import { VectorIndex } from '../src/index/vector-index.ts';
import type { Passage } from '../src/types.ts';
import { seedSentences, syntheticPassages, syntheticQueries } from './bench-corpus.ts';
import { percentile } from '../src/eval/metrics.ts';

export const EF_VALUES = [10, 16, 32, 64, 128, 256];
const K = 10;
const HNSW = { m: 16, efConstruction: 200 };
const LEXICAL_QUERIES = 50;
const LEXICAL_BUDGET_MS = 20_000;

export interface EfPoint {
  ef: number;
  recallAt10: number;
  p50Ms: number;
  p99Ms: number;
}

export interface ScaleResult {
  passages: number;
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
}

const { values } = parseArgs({ options: { passages: { type: 'string', default: '1000' }, queries: { type: 'string', default: '200' } } });
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
const vectorIndex = VectorIndex.build(vectors, embedder.dimensions, { ...HNSW, efSearch: 64 });
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
  writeFileSync(join(dir, 'lexical.json'), lexicalIndex.toJSON());
  const size = (name: string) => statSync(join(dir, name)).size;
  bytes = { vectors: size('vectors.bin'), hnsw: size('hnsw.bin'), lexical: size('lexical.json'), total: 0 };
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

const sweep: EfPoint[] = EF_VALUES.map((ef) => {
  vectorIndex.setEf(ef);
  for (const vector of queryVectors.slice(0, 20)) vectorIndex.search(vector, K); // warm-up
  const times: number[] = [];
  let found = 0;
  queryVectors.forEach((vector, position) => {
    const asked = performance.now();
    const hits = vectorIndex.search(vector, K);
    times.push(performance.now() - asked);
    const expected = truth[position] as Set<number>;
    found += hits.filter((hit) => expected.has(hit.index)).length;
  });
  return { ef, recallAt10: found / (K * queryVectors.length), p50Ms: percentile(times, 50) ?? 0, p99Ms: percentile(times, 99) ?? 0 };
});

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

const totalBuildSeconds = embedSeconds + hnswBuildSeconds + lexicalBuildSeconds;
const result: ScaleResult = {
  passages: count,
  queries: queryCount,
  embedSeconds,
  embedPerSecond: count / embedSeconds,
  hnswBuildSeconds,
  lexicalBuildSeconds,
  totalBuildSeconds,
  passagesPerSecond: count / totalBuildSeconds,
  bytes,
  peakRssAfterBuildBytes,
  peakRssBytes: process.resourceUsage().maxRSS * 1024,
  exactP50Ms: percentile(exactTimes, 50) ?? 0,
  lexicalQueries: lexicalTimes.length,
  lexicalP50Ms: percentile(lexicalTimes, 50) ?? 0,
  lexicalP99Ms: percentile(lexicalTimes, 99) ?? 0,
  sweep,
};
console.log(`RESULT ${JSON.stringify(result)}`);
