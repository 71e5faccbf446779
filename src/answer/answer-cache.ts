/**
 * @module Recently given answers, per loaded index. People ask the same questions again; over an unchanged index
 * the answer is the same, so it is served from memory. The cache belongs to one Engine and is dropped with it when
 * a new index is swapped in, so it can never serve an answer from an older index.
 */
import type { AskResult } from './ask-question.ts';

/** Enough for the common questions of a busy day; each entry is a few kilobytes. */
const DEFAULT_MAX_ENTRIES = 1000;

export class AnswerCache {
  private readonly entries = new Map<string, AskResult>();

  constructor(private readonly maxEntries = DEFAULT_MAX_ENTRIES) {}

  static key(question: string, history: readonly { role: string; content: string }[], topK: number): string {
    // Spacing only, never case: the answerer reads capitalised words as names ("China" must appear in the quote,
    // "china" need not), so questions that differ in case can have different answers.
    const normalize = (text: string) => text.trim().replace(/\s+/g, ' ');
    return JSON.stringify([normalize(question), history.map((turn) => [turn.role, normalize(turn.content)]), topK]);
  }

  get(key: string): AskResult | undefined {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      // Re-inserting keeps the Map in least-recently-used order.
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, result: AskResult): void {
    // An answer with a warning stood in for a failed model; the next request should try the model again.
    if (result.warning !== undefined) return;
    this.entries.delete(key);
    this.entries.set(key, result);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }
}
