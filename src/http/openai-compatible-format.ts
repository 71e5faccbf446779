/** @module An answer as OpenAI objects: text with `[n]` markers plus a Sources list, and the structured answer in `news_rag`. */
import type { ChatCompletion, ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { CompletionUsage } from 'openai/resources/completions';
import type { AskRequest, AskResult } from '../answer/ask-question.ts';
import { formatDate } from '../answer/compose-answer.ts';
import type { Answer, Citation } from '../types.ts';

export const SOURCES_HEADING = 'Sources:';

/** The structured answer, for clients that know this service; OpenAI clients pass unknown fields through. */
export type NewsRagField = Pick<AskResult, 'citations' | 'sentences' | 'abstained' | 'mode' | 'model' | 'warning' | 'timings'>;

export type NewsRagCompletion = ChatCompletion & { news_rag: NewsRagField };
export type NewsRagChunk = ChatCompletionChunk & { news_rag?: NewsRagField };

/** What every object of one completion shares. */
export interface CompletionMeta {
  id: string;
  created: number;
  model: string;
}

/** `[1] Title — Outlet, June 26, 2016`; missing parts are left out, and the document id stands in for a missing title. */
export function citationLine(citation: Citation): string {
  const where = [citation.outlet, citation.date === null ? null : formatDate(citation.date)].filter((part) => part !== null && part !== '');
  return `[${citation.n}] ${citation.title ?? citation.docId}${where.length === 0 ? '' : ` — ${where.join(', ')}`}`;
}

/** The text appended to the answer, so a front end that knows nothing of citations still shows them; empty for an abstention. */
export function sourcesBlock(answer: Pick<Answer, 'abstained' | 'citations'>): string {
  if (answer.abstained || answer.citations.length === 0) return '';
  return `\n\n${SOURCES_HEADING}\n${answer.citations.map(citationLine).join('\n')}`;
}

export function answerContent(answer: Pick<Answer, 'answer' | 'abstained' | 'citations'>): string {
  return `${answer.answer}${sourcesBlock(answer)}`;
}

export function newsRagField(result: AskResult): NewsRagField {
  const { citations, sentences, abstained, mode, model, warning, timings } = result;
  return { citations, sentences, abstained, mode, model, ...(warning === undefined ? {} : { warning }), timings };
}

/** About four characters per token in English text (OpenAI's rule of thumb); the counts are estimates, not billing. */
function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

export function estimateUsage(request: AskRequest, content: string): CompletionUsage {
  const prompt = estimateTokens([...(request.history ?? []).map((turn) => turn.content), request.question].join('\n'));
  const completion = estimateTokens(content);
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

export function chatCompletion(meta: CompletionMeta, request: AskRequest, result: AskResult): NewsRagCompletion {
  const content = answerContent(result);
  return {
    ...meta,
    object: 'chat.completion',
    choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: 'stop', logprobs: null }],
    usage: estimateUsage(request, content),
    news_rag: newsRagField(result),
  };
}

export function completionChunk(meta: CompletionMeta, delta: ChatCompletionChunk.Choice.Delta, finishReason: 'stop' | null = null): ChatCompletionChunk {
  return { ...meta, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }] };
}

/** Words per streamed piece: a chat window fills visibly, with a handful of events per sentence rather than one per word. */
const WORDS_PER_PIECE = 6;

/** A finished answer in pieces of a few words that join back to exactly the text, so a chat window fills as it would with a model. */
export function textPieces(text: string): string[] {
  const words = text.match(/\s*\S+\s*/g) ?? [];
  const pieces: string[] = [];
  for (let at = 0; at < words.length; at += WORDS_PER_PIECE) pieces.push(words.slice(at, at + WORDS_PER_PIECE).join(''));
  return pieces.length === 0 ? [text] : pieces;
}
