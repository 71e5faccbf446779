/**
 * @module Answering on other cores: worker threads, each with its own copy of the index, take questions the answer
 * cache has not seen, while the main thread keeps to HTTP (BENCHMARKS.md has the throughput with and without).
 * Anything a worker cannot do (not started yet, crashed, stuck) is done in process instead, so a request never
 * fails because of the pool; a worker that crashes or stops answering is replaced.
 */
import { Worker } from 'node:worker_threads';
import type { AskRequest, AskResult } from '../answer/ask-question.ts';
import type { Config } from '../config.ts';
import type { GloveTables } from '../embed/glove-format.ts';
import type { Passage } from '../types.ts';
import type { AnswerMessage, FromWorker, ToWorker, WorkerSetup } from './messages.ts';

/**
 * An extractive answer takes about a millisecond; a worker silent for this long is stuck (or starved). It is
 * replaced, and the question answered in process.
 */
const ANSWER_TIMEOUT_MS = 10_000;
/** Loading the word vectors and the index takes about a second on the seeds; a worker still loading after this is given up. */
const START_TIMEOUT_MS = 60_000;
/** A replacement for a worker that died is started after this pause, so a worker that dies at once cannot spin. */
const RESTART_DELAY_MS = 1000;

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
  /** Word vectors to share with the workers (GloveStore.tables); without them each worker reads its own copy. */
  gloveTables?: GloveTables;
  size: number;
  /** The served build's passages by id: a worker names the passages it retrieved, and they are looked up here. */
  passageById: (id: string) => Passage | undefined;
  onProblem?: (message: string) => void;
}

export class AskWorkerPool {
  private nextId = 0;
  private turn = 0;
  private closing = false;
  private readonly workers: PoolWorker[] = [];

  private constructor(
    private readonly setup: WorkerSetup,
    private readonly passageById: (id: string) => Passage | undefined,
    private readonly onProblem: (message: string) => void,
  ) {}

  /** Resolves once every worker has loaded the index (or with null when none could); never rejects. */
  static async start({ config, buildDir, gloveTables, size, passageById, onProblem = () => {} }: AskWorkerPoolOptions): Promise<AskWorkerPool | null> {
    const pool = new AskWorkerPool({ config, buildDir, gloveTables }, passageById, onProblem);
    await Promise.all(Array.from({ length: size }, () => pool.addWorker()));
    if (pool.size === 0) return null;
    return pool;
  }

  /** Workers ready to answer now. */
  get size(): number {
    return this.workers.filter((worker) => worker.alive).length;
  }

  /** The worker's answer, or null when the caller should answer in process (no worker, crash, time-out, error). */
  ask(request: AskRequest): Promise<AskResult | null> {
    if (this.closing) return Promise.resolve(null);
    // The least busy live worker; ties go round in turn.
    let worker: PoolWorker | undefined;
    for (let offset = 0; offset < this.workers.length; offset++) {
      const candidate = this.workers[(this.turn + offset) % this.workers.length] as PoolWorker;
      if (candidate.alive && (worker === undefined || candidate.pending.size < worker.pending.size)) worker = candidate;
    }
    this.turn++;
    // No cap on a worker's queue: answering the overflow on the HTTP thread measured slower than either alone
    // (1,015-1,066 req/s with a cap of 2 or 8, 1,668 without, 1,317-1,347 with no workers; seeds, 32 connections).
    if (worker === undefined) return Promise.resolve(null);
    const chosen = worker;
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.retire(chosen, `it did not answer within ${ANSWER_TIMEOUT_MS} ms`), ANSWER_TIMEOUT_MS);
      chosen.pending.set(id, { resolve, timer });
      chosen.thread.postMessage({ id, request } satisfies ToWorker);
    });
  }

  /** Stops the workers once their current questions are answered; new questions are answered in process meanwhile. */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(
      this.workers.map(async (worker) => {
        while (worker.alive && worker.pending.size > 0) await new Promise((resolve) => setTimeout(resolve, 20));
        worker.alive = false;
        await worker.thread.terminate();
      }),
    );
  }

  /** Starts one worker; resolves when it is ready or has been given up. */
  private addWorker(): Promise<void> {
    return new Promise((resolve) => {
      let thread: Worker;
      try {
        thread = new Worker(new URL('./start-worker.mjs', import.meta.url), { workerData: this.setup });
      } catch (error) {
        this.onProblem(`an ask worker could not start (${error instanceof Error ? error.message : String(error)}); answering in process`);
        resolve();
        return;
      }
      const worker: PoolWorker = { thread, pending: new Map(), alive: false };
      let started = false;
      const timer = setTimeout(() => giveUp(`still loading after ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
      const giveUp = (reason: string) => {
        if (started) return;
        started = true;
        clearTimeout(timer);
        if (!this.closing) this.onProblem(`an ask worker could not start (${reason}); answering in process`);
        void thread.terminate();
        resolve();
      };
      // Listeners stay for the worker's whole life: an 'error' with no listener would throw in the main thread.
      thread.on('message', (message: FromWorker) => {
        if (message.kind === 'ready' && !started) {
          started = true;
          clearTimeout(timer);
          if (this.closing) void thread.terminate();
          else {
            worker.alive = true;
            this.workers.push(worker);
          }
          resolve();
        } else if (message.kind === 'unusable') giveUp(message.reason);
        else if (message.kind === 'answer' || message.kind === 'failed') this.settle(worker, message.id, message.kind === 'answer' ? this.withPassages(message) : null);
      });
      thread.on('error', (error) => (started ? this.retire(worker, error.message) : giveUp(error.message)));
      thread.on('exit', (code) => (started ? this.retire(worker, `exit code ${code}`) : giveUp(`exit code ${code}`)));
    });
  }

  /** The answer with its passages looked up; null (answer in process) if the worker named one this build lacks. */
  private withPassages({ result, passages }: AnswerMessage): AskResult | null {
    const found: AskResult['passages'] = [];
    for (const reference of passages) {
      if ('passage' in reference) {
        found.push(reference);
        continue;
      }
      const { passageId, ...scores } = reference;
      const passage = this.passageById(passageId);
      if (passage === undefined) return null;
      found.push({ ...scores, passage });
    }
    return { ...result, passages: found };
  }

  /** A failure is answered in process too, where the same error surfaces as the typed error it is. */
  private settle(worker: PoolWorker, id: number, result: AskResult | null): void {
    const pending = worker.pending.get(id);
    if (pending === undefined) return;
    worker.pending.delete(id);
    clearTimeout(pending.timer);
    pending.resolve(result);
  }

  /** Takes a crashed or stuck worker out, hands its questions back, and starts a replacement. */
  private retire(worker: PoolWorker, reason: string): void {
    if (!worker.alive) return;
    worker.alive = false;
    const index = this.workers.indexOf(worker);
    if (index >= 0) this.workers.splice(index, 1);
    for (const id of [...worker.pending.keys()]) this.settle(worker, id, null);
    void worker.thread.terminate();
    if (this.closing) return;
    this.onProblem(`an ask worker was stopped (${reason}); its questions are answered in process, and a new worker is starting`);
    setTimeout(() => {
      if (!this.closing) void this.addWorker();
    }, RESTART_DELAY_MS).unref();
  }
}
