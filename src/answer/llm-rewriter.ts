/** @module Rewrite a follow-up as a standalone question with the configured LLM; on any failure, the deterministic method. */
import type OpenAI from 'openai';
import { needsHistory, type QuestionRewriter } from '../retrieve/resolve-follow-up.ts';

const INSTRUCTION =
  'Rewrite the last user question so that it can be understood without the conversation: replace pronouns and ' +
  'references with what they refer to. Reply with the rewritten question only. If it already stands alone, repeat it unchanged.';

/** A rewrite is a small step; it must not hold up the answer. */
const REWRITE_TIMEOUT_MS = 5000;
const MAX_REWRITE_CHARS = 500;

export function createLlmRewriter(options: { client: Pick<OpenAI, 'chat'>; model: string; fallback: QuestionRewriter }): QuestionRewriter {
  return {
    async rewrite(question, history, signal) {
      if (!needsHistory(question)) return question;
      try {
        const transcript = history.slice(-6).map((turn) => `${turn.role}: ${turn.content.slice(0, 600)}`).join('\n');
        const completion = await options.client.chat.completions.create(
          {
            model: options.model,
            temperature: 0,
            messages: [
              { role: 'system', content: INSTRUCTION },
              { role: 'user', content: `Conversation:\n${transcript}\n\nLast user question: ${question}` },
            ],
          },
          { signal, timeout: REWRITE_TIMEOUT_MS, maxRetries: 0 },
        );
        const rewritten = completion.choices[0]?.message?.content?.trim() ?? '';
        if (rewritten === '' || rewritten.length > MAX_REWRITE_CHARS) return options.fallback.rewrite(question, history, signal);
        return rewritten;
      } catch (error) {
        if (signal?.aborted === true) throw error;
        return options.fallback.rewrite(question, history, signal);
      }
    },
  };
}
