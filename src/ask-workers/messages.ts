/** @module What the server's main thread and its ask workers say to each other. */
import type { AskRequest, AskResult } from '../answer/ask-question.ts';
import type { Config } from '../config.ts';
import type { GloveTables } from '../embed/glove-format.ts';
import type { Passage, ScoredPassage } from '../types.ts';

export interface WorkerSetup {
  config: Config;
  /** The build the main thread serves; a worker that finds another one current says so and is not used. */
  buildDir: string;
  /** The main thread's word vectors, in shared memory: the worker uses them instead of a copy of its own. */
  gloveTables?: GloveTables;
}

export type ToWorker = { id: number; request: AskRequest };

/**
 * A retrieved passage as sent back: a stored passage by its id (both threads hold the same build, so the main thread
 * looks it up rather than receive a copy: half the bytes to clone on each side), one made by merging overlapping
 * passages in full.
 */
export type PassageReference = Omit<ScoredPassage, 'passage'> & ({ passageId: string } | { passage: Passage });

export interface AnswerMessage {
  kind: 'answer';
  id: number;
  result: Omit<AskResult, 'passages'>;
  passages: PassageReference[];
}

export type FromWorker =
  | { kind: 'ready' }
  | { kind: 'unusable'; reason: string }
  | AnswerMessage
  | { kind: 'failed'; id: number; reason: string };
