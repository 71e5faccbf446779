import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AskRequest, askQuestion } from '../../src/answer/ask-question.ts';
import { AskWorkerPool } from '../../src/ask-workers/ask-worker-pool.ts';
import { type Config, loadConfig } from '../../src/config.ts';
import { createPipeline } from '../../src/create-engine.ts';
import type { GloveTables } from '../../src/embed/glove-format.ts';
import type { Engine } from '../../src/engine.ts';
import { startRealServer } from '../resilience/real-server.ts';

const REQUESTS: AskRequest[] = [
  { question: 'Why is Russia unhappy with the Syrian regime?' },
  { question: 'How many passages mention the population of Damascus?' },
  { question: 'and what did Iran do?', history: [{ role: 'user', content: 'What did Russia demand in Syria in 2018?' }, { role: 'assistant', content: 'The withdrawal of Iranian forces.' }] },
  { question: 'who hit khan tuman', topK: 3 },
];

let workDir: string;
let config: Config;
let engine: Engine;
let buildDir: string;
let gloveTables: GloveTables;
const problems: string[] = [];

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'news-rag-workers-'));
  cpSync('seeds', join(workDir, 'docs'), { recursive: true });
  config = loadConfig({ DOCS_DIR: join(workDir, 'docs'), INDEX_DIR: join(workDir, 'index'), LOG_LEVEL: 'silent' });
  const pipeline = createPipeline(config, { cacheAnswers: false });
  await pipeline.build();
  engine = await pipeline.load();
  buildDir = engine.index.location as string;
  gloveTables = await pipeline.gloveTables();
}, 60_000);

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** The worker names its passages; they are looked up in the main thread's copy of the same build. */
const passageById = (id: string) => engine.index.passage(id);

/** What a client sees; timings differ from run to run. */
const visible = ({ timings: _timings, ...rest }: Awaited<ReturnType<typeof askQuestion>>) => rest;

describe('AskWorkerPool', () => {
  it('answers exactly as the main thread does, sharing its word vectors, follow-ups and abstentions included', async () => {
    // An empty CACHE_DIR: the workers can only have word vectors through the main thread's shared tables.
    const sharedOnly = { ...config, CACHE_DIR: join(workDir, 'no-glove-cache-here') };
    expect(gloveTables.vectors.buffer).toBeInstanceOf(SharedArrayBuffer);
    const pool = await AskWorkerPool.start({ config: sharedOnly, buildDir, gloveTables, size: 2, passageById, onProblem: (message) => problems.push(message) });
    expect(pool?.size).toBe(2);
    // Without the shared tables a worker would have converted the package's vectors into that folder.
    expect(existsSync(sharedOnly.CACHE_DIR)).toBe(false);
    try {
      const inWorkers = await Promise.all(REQUESTS.map((request) => pool?.ask(request)));
      for (const [position, request] of REQUESTS.entries()) {
        const inProcess = await askQuestion(engine.ask, request);
        expect(inWorkers[position], request.question).not.toBeNull();
        expect(visible(inWorkers[position] as Awaited<ReturnType<typeof askQuestion>>)).toEqual(visible(inProcess));
      }
    } finally {
      await pool?.close();
    }
    expect(problems).toEqual([]);
  }, 60_000);

  it('answers in process (null) when the worker names a passage the main thread does not have', async () => {
    const pool = (await AskWorkerPool.start({ config, buildDir, size: 1, passageById: () => undefined })) as AskWorkerPool;
    try {
      expect(await pool.ask(REQUESTS[0] as AskRequest)).toBeNull();
      expect(pool.size).toBe(1);
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('hands questions back to the caller when a worker dies, and is not used for another index', async () => {
    const pool = (await AskWorkerPool.start({ config, buildDir, size: 1, passageById, onProblem: (message) => problems.push(message) })) as AskWorkerPool;
    // A crash, as an out-of-memory error or a native fault would end it.
    await (pool as unknown as { workers: { thread: { terminate(): Promise<number> } }[] }).workers[0]?.thread.terminate();
    expect(await pool.ask(REQUESTS[0] as AskRequest)).toBeNull();
    expect(pool.size).toBe(0);
    expect(problems.at(-1)).toMatch(/an ask worker was stopped \(exit code \d+\).*answered in process, and a new worker is starting/);
    // The replacement loads the same build and answers.
    const deadline = Date.now() + 30_000;
    while (pool.size === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pool.size).toBe(1);
    expect((await pool.ask(REQUESTS[0] as AskRequest))?.abstained).toBe(false);
    await pool.close();
    expect(await pool.ask(REQUESTS[0] as AskRequest)).toBeNull();

    const elsewhere = await AskWorkerPool.start({ config, buildDir: join(workDir, 'index', 'build-of-another-time'), size: 1, passageById, onProblem: (message) => problems.push(message) });
    expect(elsewhere).toBeNull();
    expect(problems.at(-1)).toMatch(/could not start \(the current index is .* the server serves .*build-of-another-time\)/);
  }, 60_000);
});

describe('server with ask workers', () => {
  it('answers uncached questions in a worker once it is ready, the same as without one', async () => {
    const withWorkers = await startRealServer({ env: { ASK_WORKERS: '1', ANSWER_CACHE_SIZE: '0' } });
    const without = await startRealServer({ env: { ASK_WORKERS: '0', ANSWER_CACHE_SIZE: '0' }, indexDir: withWorkers.config.INDEX_DIR });
    try {
      const deadline = Date.now() + 30_000;
      let health: { askWorkers?: number } = {};
      while (health.askWorkers !== 1 && Date.now() < deadline) {
        health = (await (await fetch(`${withWorkers.url}/api/health`)).json()) as typeof health;
        if (health.askWorkers !== 1) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(health.askWorkers).toBe(1);
      expect(((await (await fetch(`${without.url}/api/health`)).json()) as typeof health).askWorkers).toBe(0);
      for (const request of REQUESTS) {
        const ask = (url: string) => fetch(`${url}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) }).then((response) => response.json());
        const [fromWorker, fromMain] = (await Promise.all([ask(withWorkers.url), ask(without.url)])) as { timings: unknown }[];
        expect({ ...fromWorker, timings: null }).toEqual({ ...fromMain, timings: null });
      }
      expect(withWorkers.logs().some((line) => line.msg === 'ask workers ready')).toBe(true);
      // Identical answers could also come from the in-process fallback; none was needed.
      expect(withWorkers.logs().filter((line) => /ask worker/.test(line.msg ?? '') && line.level >= 40)).toEqual([]);
    } finally {
      await without.close();
      await withWorkers.close();
    }
  }, 90_000);
});
