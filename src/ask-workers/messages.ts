/** @module What the server's main thread and its ask workers say to each other. */
import type { AskRequest, AskResult } from '../answer/ask-question.ts';
import type { Config } from '../config.ts';
import type { GloveTables } from '../embed/glove-format.ts';

export interface WorkerSetup {
  config: Config;
  /** The build the main thread serves; a worker that finds another one current says so and is not used. */
  buildDir: string;
  /** The main thread's word vectors, in shared memory: the worker uses them instead of a copy of its own. */
  gloveTables?: GloveTables;
}

export type ToWorker = { id: number; request: AskRequest };

export type FromWorker =
  | { kind: 'ready' }
  | { kind: 'unusable'; reason: string }
  | { kind: 'answer'; id: number; result: AskResult }
  | { kind: 'failed'; id: number; reason: string };
