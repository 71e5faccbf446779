/** @module The Answerer interface shared by the extractive and LLM answerers. */
import type { Answer, ChatTurn, ScoredPassage } from '../types.ts';

export interface AnswerOptions {
  history?: readonly ChatTurn[];
  signal?: AbortSignal;
  /** Receives answer text as it is produced; the returned Answer is still the complete, checked one. */
  onText?: (text: string) => void;
}

export interface Answerer {
  readonly mode: Answer['mode'];
  readonly model: string | null;
  answer(question: string, passages: readonly ScoredPassage[], options?: AnswerOptions): Promise<Answer>;
}
