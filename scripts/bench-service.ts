/**
 * @module The service benchmark: POST /api/ask with autocannon at 1, 8 and 32 connections, next to a bare Express
 * JSON route in the same run, against child processes serving both on loopback; plus start time and memory. Two
 * variants in the same run: the default config (answer cache on, so the rotating questions are cache hits) and
 * ANSWER_CACHE_SIZE=0 (every request retrieves and answers).
 */
import autocannon from 'autocannon';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServeMessage } from './bench-serve.ts';

export interface LoadRun {
  target: 'ask' | 'bare';
  connections: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}

/** One configuration of the service under load: its own child process, with its own bare yardstick. */
export interface ServiceVariant {
  name: 'cached' | 'uncached' | 'uncached-main';
  /** What the variant measures, as the report shows it. */
  label: string;
  /** ANSWER_CACHE_SIZE as the child's loadConfig resolved it. */
  answerCacheSize: number;
  /** Ask worker threads answering (ASK_WORKERS as resolved); 0 = answered on the HTTP thread. */
  askWorkers: number;
  /** After startMs: until the ask workers had loaded the index and answered; null without workers. */
  workersReadyMs: number | null;
  /** Spawn of a fresh process → both servers listening with the index loaded (includes Node + tsx start). */
  startWallMs: number;
  /** Same, measured inside the child from process start. */
  startMs: number;
  /** Of startMs: Node start, tsx and loading every module, before the first statement runs. */
  importedMs: number;
  /** Loading the existing index (up-to-date check, GloVe vectors, HNSW, BM25) and creating the app. */
  loadMs: number;
  rssAfterStartBytes: number;
  rssAfterLoadBytes: number;
  runs: LoadRun[];
}

export interface ServiceResult {
  durationSeconds: number;
  questions: number;
  variants: ServiceVariant[];
}

/**
 * The default config (answer cache on) serves the benchmark's rotating questions from memory after the warm-up;
 * ANSWER_CACHE_SIZE=0 makes every request retrieve and answer. Both are measured in the same run.
 */
const VARIANTS: { name: ServiceVariant['name']; label: string; answerCacheSize: string | undefined; askWorkers: string | undefined }[] = [
  { name: 'cached', label: 'cached: repeated questions', answerCacheSize: undefined, askWorkers: undefined },
  { name: 'uncached', label: 'uncached: every request does retrieval and answering', answerCacheSize: '0', askWorkers: undefined },
  { name: 'uncached-main', label: 'uncached, answered on the HTTP thread, ASK_WORKERS 0', answerCacheSize: '0', askWorkers: '0' },
];

const SERVE_SCRIPT = fileURLToPath(new URL('./bench-serve.ts', import.meta.url));
const READY_TIMEOUT_MS = 120_000;

function startChild(args: string[]): ChildProcess {
  return spawn(process.execPath, [...process.execArgv, SERVE_SCRIPT, ...args], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

function nextMessage<T extends ServeMessage['type']>(child: ChildProcess, type: T): Promise<Extract<ServeMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bench-serve sent no ${type} message within ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
    const onMessage = (message: ServeMessage) => {
      if (message.type !== type) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(message as Extract<ServeMessage, { type: T }>);
    };
    child.on('message', onMessage);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`bench-serve exited with ${code}`));
    });
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', resolve);
  });
}

async function load(url: string, target: LoadRun['target'], bodies: string[], connections: number, duration: number): Promise<LoadRun> {
  const path = target === 'ask' ? '/api/ask' : '/x';
  const result = await autocannon({
    url,
    connections,
    duration,
    timeout: 30,
    // Each connection walks through the questions in turn, so answers are not one cached string.
    requests: bodies.map((body) => ({ method: 'POST' as const, path, headers: { 'content-type': 'application/json' }, body })),
  });
  return {
    target,
    connections,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
  };
}

interface Started {
  variant: (typeof VARIANTS)[number];
  child: ChildProcess;
  ready: Extract<ServeMessage, { type: 'ready' }>;
  startWallMs: number;
  runs: LoadRun[];
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.send('exit');
  const timer = setTimeout(() => child.kill(), 5000);
  await exited(child);
  clearTimeout(timer);
}

export async function runServiceBench(questions: string[], options: { durationSeconds: number; connections: number[]; log: (line: string) => void }): Promise<ServiceResult> {
  const workDir = mkdtempSync(join(tmpdir(), 'bench-service-'));
  const indexDir = join(workDir, 'index');
  const children: ChildProcess[] = [];
  try {
    const prepare = startChild(['--index-dir', indexDir, '--prepare']);
    if ((await exited(prepare)) !== 0) throw new Error('building the seed index for the service benchmark failed');

    // Started one after the other, so no start time includes another's; all stay up for the load runs.
    const started: Started[] = [];
    for (const variant of VARIANTS) {
      const spawned = performance.now();
      const child = startChild([
        '--index-dir',
        indexDir,
        ...(variant.answerCacheSize === undefined ? [] : ['--answer-cache-size', variant.answerCacheSize]),
        ...(variant.askWorkers === undefined ? [] : ['--ask-workers', variant.askWorkers]),
      ]);
      children.push(child);
      const ready = await nextMessage(child, 'ready');
      // The server answers from the moment its index is loaded; the ask workers join later and are reported apart.
      const startWallMs = performance.now() - spawned - (ready.workersReadyMs ?? 0);
      const workers = ready.workersReadyMs === null ? 'no ask workers' : `${ready.askWorkers} ask worker(s) ready ${ready.workersReadyMs.toFixed(0)} ms later`;
      options.log(`  ${variant.name} (ANSWER_CACHE_SIZE ${ready.answerCacheSize}): servers ready in ${startWallMs.toFixed(0)} ms (index load ${ready.loadMs.toFixed(0)} ms; ${workers})`);
      started.push({ variant, child, ready, startWallMs, runs: [] });
    }

    const bodies = questions.map((question) => JSON.stringify({ question }));
    // Interleaved by connection count, so a change in the machine's load between runs hits both variants alike.
    for (const connections of options.connections) {
      for (const entry of started) {
        for (const target of ['bare', 'ask'] as const) {
          const url = target === 'ask' ? entry.ready.askUrl : entry.ready.bareUrl;
          await load(url, target, bodies, connections, 1); // warm-up: JIT, connection pool (and, when on, the answer cache)
          const run = await load(url, target, bodies, connections, options.durationSeconds);
          options.log(`  ${entry.variant.name.padEnd(8)} ${target.padEnd(4)} ×${String(connections).padStart(2)}: ${run.requestsPerSecond.toFixed(0)} req/s, p50 ${run.p50Ms} ms, p99 ${run.p99Ms} ms`);
          entry.runs.push(run);
        }
      }
    }
    const variants: ServiceVariant[] = [];
    for (const entry of started) {
      entry.child.send('rss');
      const memory = await nextMessage(entry.child, 'rss');
      variants.push({
        name: entry.variant.name,
        label: entry.variant.label,
        answerCacheSize: entry.ready.answerCacheSize,
        askWorkers: entry.ready.askWorkers,
        workersReadyMs: entry.ready.workersReadyMs,
        startWallMs: entry.startWallMs,
        startMs: entry.ready.startMs,
        importedMs: entry.ready.importedMs,
        loadMs: entry.ready.loadMs,
        rssAfterStartBytes: entry.ready.rssBytes,
        rssAfterLoadBytes: memory.rssBytes,
        runs: entry.runs,
      });
    }
    return { durationSeconds: options.durationSeconds, questions: questions.length, variants };
  } finally {
    await Promise.all(children.map(stop));
    rmSync(workDir, { recursive: true, force: true });
  }
}
