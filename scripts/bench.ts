/**
 * @module `npm run bench [-- --quick] [--skip-scale] [--skip-build] [--skip-service]`: scale (synthetic corpus at 1k,
 * 10k and 100k passages: build, size, memory, HNSW ef sweep against exact search, efConstruction 100 vs 200), a full
 * buildIndex at 100k at each of those efConstruction values, and the service under load (answer cache on and off)
 * next to a bare Express route. HNSW m, efConstruction and ef come from the config defaults and are recorded.
 * Writes BENCHMARKS.md, benchmarks/results.json and benchmarks/ef-sweep.svg. Loopback only; every child and every
 * load run is bounded in time.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { loadQuestions } from '../src/eval/questions.ts';
import type { BuildBenchResult } from './bench-build.ts';
import { efSweepSvg } from './bench-chart.ts';
import { type BenchResults, benchmarksMarkdown, efConstructionVerdict } from './bench-report.ts';
import type { ScaleResult } from './bench-scale.ts';
import { runServiceBench, type ServiceResult } from './bench-service.ts';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    'skip-scale': { type: 'boolean', default: false },
    'skip-build': { type: 'boolean', default: false },
    'skip-service': { type: 'boolean', default: false },
  },
});
const quick = values.quick;
const SIZES = quick ? [1000, 10_000] : [1000, 10_000, 100_000];
// 1,000 queries put the standard error of recall@10 near 0.98 at ~0.0014, small next to the gaps being decided.
const QUERIES = quick ? 100 : 1000;
const BUILD_PASSAGES = quick ? 10_000 : 100_000;
const SERVICE_SECONDS = quick ? 3 : 10;
const CONNECTIONS = [1, 8, 32];
/** A child that has not finished by then is killed: every part of the run is bounded. */
const CHILD_TIMEOUT_MS = 15 * 60_000;
const TARGET_RECALL = 0.98;
/** efConstruction values compared at every size and in the full build (the configured one is always included). */
const EF_CONSTRUCTION_CANDIDATES = [100, 200];

const log = (line: string) => console.log(line);

/** Runs a bench child under the same Node flags (tsx) and returns its `RESULT {json}` line. */
function runChild<T>(script: string, args: string[]): Promise<T> {
  const file = fileURLToPath(new URL(script, import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, file, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { output += chunk; });
    const timer = setTimeout(() => child.kill(), CHILD_TIMEOUT_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      const line = output.split('\n').find((candidate) => candidate.startsWith('RESULT '));
      if (code !== 0 || line === undefined) reject(new Error(`${script} ${args.join(' ')} exited with ${code}:\n${output.slice(-2000)}`));
      else resolve(JSON.parse(line.slice('RESULT '.length)) as T);
    });
  });
}

const config = loadConfig({});
const cpu = cpus();
const results: BenchResults = {
  generatedAt: new Date().toISOString(),
  quick,
  machine: { cpu: cpu[0]?.model ?? 'unknown', cores: cpu.length, memoryGb: totalmem() / 1024 ** 3, node: process.version, os: `${platform()} ${release()}`, loadAverageAtStart: loadavg() },
  configuredHnsw: { m: config.HNSW_M, efConstruction: config.HNSW_EF_CONSTRUCTION, efSearch: config.HNSW_EF_SEARCH },
  configuredEfSearch: config.HNSW_EF_SEARCH,
  recommendedEf: null,
  recommendedEfConstruction: null,
  scale: [],
  build: null,
  otherBuilds: [],
  service: null,
};

const efConstructions = [...new Set([config.HNSW_EF_CONSTRUCTION, ...EF_CONSTRUCTION_CANDIDATES])].sort((a, b) => a - b);
log(`HNSW from the config defaults: m ${config.HNSW_M}, efConstruction ${config.HNSW_EF_CONSTRUCTION}, ef ${config.HNSW_EF_SEARCH}; comparing efConstruction ${efConstructions.join(' vs ')}`);
const started = performance.now();
if (!values['skip-scale']) {
  for (const size of SIZES) {
    log(`scale: ${size.toLocaleString('en-US')} passages…`);
    const scale = await runChild<ScaleResult>('./bench-scale.ts', ['--passages', String(size), '--queries', String(QUERIES), '--ef-construction', efConstructions.join(',')]);
    log(`  built in ${scale.totalBuildSeconds.toFixed(1)} s; ${scale.sweep.map((point) => `ef ${point.ef}: ${point.recallAt10.toFixed(3)} @ ${point.p50Ms.toFixed(3)} ms`).join(', ')}`);
    for (const entry of scale.efConstruction) {
      const at = (ef: number) => entry.sweep.find((point) => point.ef === ef)?.recallAt10.toFixed(4) ?? '-';
      log(`  efConstruction ${entry.efConstruction}: HNSW ${entry.hnswBuildSeconds.toFixed(2)} s, recall@10 ef 64 ${at(64)}, ef 128 ${at(128)}`);
    }
    results.scale.push(scale);
  }
  const largest = results.scale.at(-1);
  results.recommendedEf = largest?.sweep.find((point) => point.recallAt10 >= TARGET_RECALL)?.ef ?? null;
  results.recommendedEfConstruction = largest === undefined ? null : efConstructionVerdict(largest, config.HNSW_EF_SEARCH, TARGET_RECALL)?.efConstruction ?? null;
}
if (!values['skip-build']) {
  // The configured build first (it is the one the targets judge), then the other efConstruction values.
  for (const efConstruction of [config.HNSW_EF_CONSTRUCTION, ...efConstructions.filter((value) => value !== config.HNSW_EF_CONSTRUCTION)]) {
    log(`full buildIndex: ~${BUILD_PASSAGES.toLocaleString('en-US')} passages, efConstruction ${efConstruction}…`);
    const build = await runChild<BuildBenchResult>('./bench-build.ts', ['--passages', String(BUILD_PASSAGES), '--ef-construction', String(efConstruction)]);
    log(`  ${build.passages} passages in ${build.seconds.toFixed(1)} s`);
    if (efConstruction === config.HNSW_EF_CONSTRUCTION) results.build = build;
    else results.otherBuilds.push(build);
  }
}
if (!values['skip-service']) {
  log('service:');
  const questions = loadQuestions().filter((question) => question.history === undefined).slice(0, 24).map((question) => question.question);
  const service: ServiceResult = await runServiceBench(questions, { durationSeconds: SERVICE_SECONDS, connections: CONNECTIONS, log });
  results.service = service;
}

mkdirSync('benchmarks', { recursive: true });
writeFileSync('benchmarks/results.json', `${JSON.stringify(results, null, 2)}\n`);
if (results.scale.length > 0) {
  const largest = results.scale.at(-1);
  const series = [
    ...results.scale.map((entry) => ({ label: `${entry.passages.toLocaleString('en-US')} passages`, points: entry.sweep })),
    // The other efConstruction values at the largest size, so the chart shows what the cheaper build costs in recall.
    ...(largest?.efConstruction ?? [])
      .filter((entry) => !entry.configured)
      .map((entry) => ({ label: `${largest?.passages.toLocaleString('en-US')}, efC ${entry.efConstruction}`, points: entry.sweep })),
  ];
  const subtitle = `m ${config.HNSW_M}, efConstruction ${config.HNSW_EF_CONSTRUCTION} unless labelled, cosine; recall against hnswlib BruteforceSearch`;
  writeFileSync('benchmarks/ef-sweep.svg', efSweepSvg(series, subtitle));
}
writeFileSync('BENCHMARKS.md', benchmarksMarkdown(results));
log(`\nWrote BENCHMARKS.md, benchmarks/results.json${results.scale.length > 0 ? ', benchmarks/ef-sweep.svg' : ''} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
