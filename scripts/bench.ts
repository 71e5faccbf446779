/**
 * @module `npm run bench [-- --quick] [--skip-scale] [--skip-build] [--skip-service]`: scale (synthetic corpus at 1k,
 * 10k and 100k passages: build, size, memory, HNSW ef sweep against exact search), a full buildIndex at 100k, and
 * the service under load next to a bare Express route. Writes BENCHMARKS.md, benchmarks/results.json and
 * benchmarks/ef-sweep.svg. Loopback only; every child and every load run is bounded in time.
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
import { type BenchResults, benchmarksMarkdown } from './bench-report.ts';
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
const QUERIES = quick ? 100 : 200;
const BUILD_PASSAGES = quick ? 10_000 : 100_000;
const SERVICE_SECONDS = quick ? 3 : 10;
const CONNECTIONS = [1, 8, 32];
/** A child that has not finished by then is killed: every part of the run is bounded. */
const CHILD_TIMEOUT_MS = 15 * 60_000;
const TARGET_RECALL = 0.98;

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
  configuredEfSearch: config.HNSW_EF_SEARCH,
  recommendedEf: null,
  scale: [],
  build: null,
  service: null,
};

const started = performance.now();
if (!values['skip-scale']) {
  for (const size of SIZES) {
    log(`scale: ${size.toLocaleString('en-US')} passages…`);
    const scale = await runChild<ScaleResult>('./bench-scale.ts', ['--passages', String(size), '--queries', String(QUERIES)]);
    log(`  built in ${scale.totalBuildSeconds.toFixed(1)} s; ${scale.sweep.map((point) => `ef ${point.ef}: ${point.recallAt10.toFixed(3)} @ ${point.p50Ms.toFixed(3)} ms`).join(', ')}`);
    results.scale.push(scale);
  }
  const largest = results.scale.at(-1);
  results.recommendedEf = largest?.sweep.find((point) => point.recallAt10 >= TARGET_RECALL)?.ef ?? null;
}
if (!values['skip-build']) {
  log(`full buildIndex: ~${BUILD_PASSAGES.toLocaleString('en-US')} passages…`);
  results.build = await runChild<BuildBenchResult>('./bench-build.ts', ['--passages', String(BUILD_PASSAGES)]);
  log(`  ${results.build.passages} passages in ${results.build.seconds.toFixed(1)} s`);
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
  writeFileSync('benchmarks/ef-sweep.svg', efSweepSvg(results.scale.map((entry) => ({ label: `${entry.passages.toLocaleString('en-US')} passages`, points: entry.sweep }))));
}
writeFileSync('BENCHMARKS.md', benchmarksMarkdown(results));
log(`\nWrote BENCHMARKS.md, benchmarks/results.json${results.scale.length > 0 ? ', benchmarks/ef-sweep.svg' : ''} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
