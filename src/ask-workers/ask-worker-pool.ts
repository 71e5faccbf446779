/**
 * @module Answering on other cores: a few worker threads, each with its own copy of the index, take questions the
 * answer cache has not seen, while the main thread keeps to HTTP. Measured on 2 cores at 32 connections: about
 * twice the uncached requests per second of answering on the main thread (BENCHMARKS.md). Anything a worker cannot
 * do (not started yet, crashed, stuck) is done in process instead, so a request never fails because of the pool.
 */
import { Worker } from 'node:worker_threads';
import type { AskRequest, AskResult } from '../answer/ask-question.ts';
import type { Config } from '../config.ts';
import type { FromWorker, ToWorker, WorkerSetup } from './messages.ts';

/** A worker that has not answered in this long is taken for stuck; the request is answered in process. */
const ANSWER_TIMEOUT_MS = 10_000;
/** Loading the word vectors and the index takes ~0.2 s on the seeds; a worker still loading after this is given up. */
const START_TIMEOUT_MS = 60_000;

interface Pending {
  resolve: (result: AskResult | null) => void;
  timer: NodeJS.Timeout;
}

interface PoolWorker {
  thread: Worker;
  pending: Map<number, Pending>;
  alive: boolean;
}

export interface AskWorkerPoolOptions {
  config: Config;
  buildDir: string;
  size: number;
  onProblem?: (message: string) => void;
}

export class AskWorkerPool {
  private nextId = 0;
  private turn = 0;

  private constructor(private readonly workers: PoolWorker[], private readonly onProblem: (message: string) => void) {}

  /** Resolves once every worker has loaded the index (or with null when none could); never rejects. */
  static async start({ config, buildDir, size, onProblem = () => {} }: AskWorkerPoolOptions): Promise<AskWorkerPool | null> {
    const setup: WorkerSetup = { config, buildDir };
    const started = await Promise.all(Array.from({ length: size }, () => startWorker(setup, onProblem)));
    const workers = started.filter((worker): worker is PoolWorker => worker !== null);
    if (workers.length === 0) return null;
    const pool = new AskWorkerPool(workers, onProblem);
    for (const worker of workers) pool.listen(worker);
    return pool;
  }

  get size(): number {
    return this.workers.filter((worker) => worker.alive).length;
  }

  /** The worker's answer, or null when the caller should answer in process (no worker left, crash, time-out, error). */
  ask(request: AskRequest): Promise<AskResult | null> {
    // The least busy live worker; ties go round in turn.
    let worker: PoolWorker | undefined;
    for (let offset = 0; offset < this.workers.length; offset++) {
      const candidate = this.workers[(this.turn + offset) % this.workers.length] as PoolWorker;
      if (candidate.alive && (worker === undefined || candidate.pending.size < worker.pending.size)) worker = candidate;
    }
    this.turn++;
    if (worker === undefined) return Promise.resolve(null);
    const chosen = worker;
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        chosen.pending.delete(id);
        this.onProblem(`an ask worker did not answer within ${ANSWER_TIMEOUT_MS} ms; answering in process`);
        resolve(null);
      }, ANSWER_TIMEOUT_MS);
      chosen.pending.set(id, { resolve, timer });
      chosen.thread.postMessage({ id, request } satisfies ToWorker);
    });
  }

  /** Stops the workers once their current questions are answered (those still waiting are answered in process). */
  async close(): Promise<void> {
    await Promise.all(
      this.workers.map(async (worker) => {
        worker.alive = false;
        while (worker.pending.size > 0) await new Promise((resolve) => setTimeout(resolve, 20));
        await worker.thread.terminate();
      }),
    );
  }

  private listen(worker: PoolWorker): void {
    worker.thread.on('message', (message: FromWorker) => {
      if (message.kind !== 'answer' && message.kind !== 'failed') return;
      const pending = worker.pending.get(message.id);
      if (pending === undefined) return;
      worker.pending.delete(message.id);
      clearTimeout(pending.timer);
      // A failure is answered in process, where the same error surfaces as the typed error it is.
      pending.resolve(message.kind === 'answer' ? message.result : null);
    });
    const fail = (reason: string) => {
      if (!worker.alive) return;
      worker.alive = false;
      this.onProblem(`an ask worker stopped (${reason}); its questions are answered in process`);
      for (const pending of worker.pending.values()) {
        clearTimeout(pending.timer);
        pending.resolve(null);
      }
      worker.pending.clear();
    };
    worker.thread.on('error', (error) => fail(error.message));
    worker.thread.on('exit', (code) => fail(`exit code ${code}`));
  }
}

function startWorker(setup: WorkerSetup, onProblem: (message: string) => void): Promise<PoolWorker | null> {
  return new Promise((resolve) => {
    let thread: Worker;
    try {
      thread = new Worker(new URL('./start-worker.mjs', import.meta.url), { workerData: setup });
    } catch (error) {
      onProblem(`an ask worker could not start (${error instanceof Error ? error.message : String(error)}); answering in process`);
      resolve(null);
      return;
    }
    const onError = (error: Error) => giveUp(error.message);
    const onExit = (code: number) => giveUp(`exit code ${code}`);
    const onMessage = (message: FromWorker) => {
      if (message.kind !== 'ready') return giveUp(message.kind === 'unusable' ? message.reason : 'unexpected first message');
      stopWaiting();
      resolve({ thread, pending: new Map(), alive: true });
    };
    const stopWaiting = () => {
      clearTimeout(timer);
      thread.off('error', onError).off('exit', onExit).off('message', onMessage);
    };
    const giveUp = (reason: string) => {
      stopWaiting();
      onProblem(`an ask worker could not start (${reason}); answering in process`);
      void thread.terminate();
      resolve(null);
    };
    const timer = setTimeout(() => giveUp(`still loading after ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
    thread.on('error', onError).on('exit', onExit).on('message', onMessage);
  });
}
