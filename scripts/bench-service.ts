/**
 * @module The service benchmark: POST /api/ask with autocannon at 1, 8 and 32 connections, next to a bare Express
 * JSON route in the same run, against a child process serving both on loopback; plus start time and memory.
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

export interface ServiceResult {
  durationSeconds: number;
  questions: number;
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

export async function runServiceBench(questions: string[], options: { durationSeconds: number; connections: number[]; log: (line: string) => void }): Promise<ServiceResult> {
  const workDir = mkdtempSync(join(tmpdir(), 'bench-service-'));
  const indexDir = join(workDir, 'index');
  let child: ChildProcess | null = null;
  try {
    const prepare = startChild(['--index-dir', indexDir, '--prepare']);
    if ((await exited(prepare)) !== 0) throw new Error('building the seed index for the service benchmark failed');

    const spawned = performance.now();
    child = startChild(['--index-dir', indexDir]);
    const ready = await nextMessage(child, 'ready');
    const startWallMs = performance.now() - spawned;
    options.log(`  servers ready in ${startWallMs.toFixed(0)} ms (index load ${ready.loadMs.toFixed(0)} ms)`);

    const bodies = questions.map((question) => JSON.stringify({ question }));
    const runs: LoadRun[] = [];
    for (const connections of options.connections) {
      for (const target of ['bare', 'ask'] as const) {
        const url = target === 'ask' ? ready.askUrl : ready.bareUrl;
        await load(url, target, bodies, connections, 1); // warm-up: JIT, connection pool
        const run = await load(url, target, bodies, connections, options.durationSeconds);
        options.log(`  ${target.padEnd(4)} ×${String(connections).padStart(2)}: ${run.requestsPerSecond.toFixed(0)} req/s, p50 ${run.p50Ms} ms, p99 ${run.p99Ms} ms`);
        runs.push(run);
      }
    }
    child.send('rss');
    const memory = await nextMessage(child, 'rss');
    return {
      durationSeconds: options.durationSeconds,
      questions: questions.length,
      startWallMs,
      startMs: ready.startMs,
      importedMs: ready.importedMs,
      loadMs: ready.loadMs,
      rssAfterStartBytes: ready.rssBytes,
      rssAfterLoadBytes: memory.rssBytes,
      runs,
    };
  } finally {
    if (child !== null && child.exitCode === null) {
      child.send('exit');
      const timer = setTimeout(() => child?.kill(), 5000);
      await exited(child);
      clearTimeout(timer);
    }
    rmSync(workDir, { recursive: true, force: true });
  }
}
