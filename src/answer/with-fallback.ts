/** @module When the configured answerer fails or times out, answer extractively and say why in `warning`; never a 500. */
import { isAbortError } from '../errors.ts';
import type { Answerer } from './answerer.ts';

export function withFallback(primary: Answerer, fallback: Answerer, describe: (error: unknown) => string): Answerer {
  return {
    mode: primary.mode,
    model: primary.model,
    async answer(question, passages, options = {}) {
      try {
        return await primary.answer(question, passages, options);
      } catch (error) {
        // A client that went away is not a failure to report; stop instead of answering nobody.
        if (options.signal?.aborted === true || isAbortError(error)) throw error;
        const answer = await fallback.answer(question, passages, { ...options, onText: undefined });
        return { ...answer, warning: `${describe(error)} The answer below is extractive.` };
      }
    },
  };
}
