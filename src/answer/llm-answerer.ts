/**
 * @module The LLM answerer: streams a chat completion over the numbered passages, then puts every sentence through
 * the citation check. Errors propagate; `withFallback` turns them into the extractive answer with a warning.
 */
import type OpenAI from 'openai';
import { UpstreamError } from '../errors.ts';
import type { Answer } from '../types.ts';
import type { Answerer } from './answerer.ts';
import { checkCitations, type DraftClaim } from './check-citations.ts';
import { citedNumbers } from './citation-markers.ts';
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
  /**
   * Longest wait for the next chunk once the stream has started. The client's own time-out ends when the headers
   * arrive, so without this a server that stalls mid-answer holds the request forever. Env: OPENAI_TIMEOUT_MS
   * (default 20000).
   */
  idleTimeoutMs?: number;
}

function mayBeSentinel(text: string): boolean {
  const start = text.trimStart();
  return start.length < NOT_IN_SOURCES.length ? NOT_IN_SOURCES.startsWith(start) : start.startsWith(NOT_IN_SOURCES);
}

export function createLlmAnswerer(options: LlmAnswererOptions): Answerer {
  const { client, model, scorer, minSupport, idleTimeoutMs = 20_000 } = options;
  return {
    mode: 'llm',
    model,
    async answer(question, passages, answerOptions = {}): Promise<Answer> {
      if (passages.length === 0) return abstention("The indexed articles don't say: nothing relevant was found.", 'llm', model);
      const idle = new AbortController();
      const signal = answerOptions.signal === undefined ? idle.signal : AbortSignal.any([answerOptions.signal, idle.signal]);
      const stream = await client.chat.completions.create(
        { model, messages: buildMessages(question, passages, answerOptions.history ?? []), stream: true, temperature: 0 },
        { signal },
      );
      let text = '';
      let emitted = 0;
      let chunks = 0;
      let timer = setTimeout(() => idle.abort(), idleTimeoutMs);
      try {
        for await (const chunk of stream) {
          clearTimeout(timer);
          timer = setTimeout(() => idle.abort(), idleTimeoutMs);
          chunks += 1;
          text += chunk.choices[0]?.delta?.content ?? '';
          // Hold text back while it is, or could still become, the NOT_IN_SOURCES reply, which users never see.
          if (!mayBeSentinel(text) && text.length > emitted) {
            answerOptions.onText?.(text.slice(emitted));
            emitted = text.length;
          }
        }
      } finally {
        clearTimeout(timer);
      }
      // The openai client ends an aborted stream quietly; an answer nobody waits for must not be built.
      answerOptions.signal?.throwIfAborted();
      if (idle.signal.aborted) throw new UpstreamError('The language model stopped sending its answer in time.');
      // A 200 whose body holds no chunk at all (an HTML page, a JSON object) is a broken reply, not the model declining.
      if (chunks === 0) throw new UpstreamError('The language model server sent a response that could not be read.');
      if (text.trim() === '' || text.trim().startsWith(NOT_IN_SOURCES)) {
        return abstention("The indexed articles don't say: the retrieved passages do not answer this question.", 'llm', model);
      }
      const drafts: DraftClaim[] = splitAnswerText(text).map((sentence) => ({ text: sentence, cited: citedNumbers(sentence) }));
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
