/**
 * @module The LLM answerer: streams a chat completion over the numbered passages, then puts every sentence through
 * the citation check. Errors propagate; `withFallback` turns them into the extractive answer with a warning.
 */
import type OpenAI from 'openai';
import type { Answer } from '../types.ts';
import type { Answerer } from './answerer.ts';
import { checkCitations, type DraftClaim } from './check-citations.ts';
import { abstention, composeAnswer } from './compose-answer.ts';
import type { EvidenceScorer } from './evidence.ts';
import { buildMessages, NOT_IN_SOURCES } from './llm-prompt.ts';
import { splitAnswerText } from './split-sentences.ts';

export interface LlmAnswererOptions {
  client: Pick<OpenAI, 'chat'>;
  /** Env: OPENAI_CHAT_MODEL. */
  model: string;
  scorer: EvidenceScorer;
  /** Least support a cited sentence needs. Env: MIN_SUPPORT. */
  minSupport: number;
}

function mayBeSentinel(text: string): boolean {
  const start = text.trimStart();
  return start.length < NOT_IN_SOURCES.length ? NOT_IN_SOURCES.startsWith(start) : start.startsWith(NOT_IN_SOURCES);
}

export function createLlmAnswerer(options: LlmAnswererOptions): Answerer {
  const { client, model, scorer, minSupport } = options;
  return {
    mode: 'llm',
    model,
    async answer(question, passages, answerOptions = {}): Promise<Answer> {
      if (passages.length === 0) return abstention("The indexed articles don't say: nothing relevant was found.", 'llm', model);
      const stream = await client.chat.completions.create(
        { model, messages: buildMessages(question, passages, answerOptions.history ?? []), stream: true, temperature: 0 },
        { signal: answerOptions.signal },
      );
      let text = '';
      let emitted = 0;
      for await (const chunk of stream) {
        text += chunk.choices[0]?.delta?.content ?? '';
        // Hold text back while it is, or could still become, the NOT_IN_SOURCES reply, which users never see.
        if (!mayBeSentinel(text) && text.length > emitted) {
          answerOptions.onText?.(text.slice(emitted));
          emitted = text.length;
        }
      }
      // The openai client ends an aborted stream quietly; an answer nobody waits for must not be built.
      answerOptions.signal?.throwIfAborted();
      if (text.trim() === '' || text.trim().startsWith(NOT_IN_SOURCES)) {
        return abstention("The indexed articles don't say: the retrieved passages do not answer this question.", 'llm', model);
      }
      const drafts: DraftClaim[] = splitAnswerText(text).map((sentence) => ({
        text: sentence,
        cited: [...sentence.matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1])),
      }));
      const checked = checkCitations(drafts, passages, scorer, minSupport);
      if (checked.claims.length === 0) {
        return {
          ...abstention("The indexed articles don't clearly support an answer: the model's answer did not pass the citation check.", 'llm', model),
          warning: `The citation check removed all ${drafts.length} sentence(s) of the model's answer.`,
        };
      }
      const answer = composeAnswer(checked.claims, 'llm', model);
      if (checked.droppedSentences > 0) {
        answer.warning = `The citation check removed ${checked.droppedSentences} unsupported sentence(s) from the model's answer.`;
      }
      return answer;
    },
  };
}
