/**
 * Scripts for the fake server's chat route that read the prompt they received, so a test can answer the way a
 * faithful model would: with a sentence copied from a numbered passage, which the citation check must keep.
 *
 * Example:
 *   const fake = await startFakeOpenAI({ chat: supportedAnswer() });
 *   ... lastUserContent(fake.requests[0]) ...
 */
import { type FakeReply, type RecordedRequest, reply } from './openai-server.ts';

export type ChatScript = (request: RecordedRequest) => FakeReply;

export interface ChatMessage {
  role: string;
  content: string;
}

/** A `<passage n="…">` block of the prompt. */
export interface PromptPassage {
  n: number;
  text: string;
}

const PASSAGE_BLOCK = /<passage n="(\d+)"[^>]*>\n([^]*?)\n<\/passage>/g;

export function messagesOf(request: RecordedRequest | undefined): ChatMessage[] {
  return (request?.body?.messages ?? []) as ChatMessage[];
}

export function lastUserContent(request: RecordedRequest | undefined): string {
  return messagesOf(request).filter((message) => message.role === 'user').at(-1)?.content ?? '';
}

export function passagesIn(content: string): PromptPassage[] {
  return [...content.matchAll(PASSAGE_BLOCK)].map((match) => ({ n: Number(match[1]), text: match[2] ?? '' }));
}

/** The prompt with every passage block cut out: what the model reads as something other than quoted data. */
export function outsidePassages(content: string): string {
  return content.replace(PASSAGE_BLOCK, '');
}

/**
 * A whole sentence of a passage, without its full stop. The passage's first segment is skipped because a chunk
 * may start mid-sentence; short segments are skipped because headings are not claims.
 */
export function statementOf(text: string): string {
  const sentences = [...new Intl.Segmenter('en', { granularity: 'sentence' }).segment(text)].map((segment) => segment.segment.trim());
  const statement = sentences.find((sentence, position) => position > 0 && /^\p{Lu}/u.test(sentence) && sentence.endsWith('.') && sentence.split(/\s+/).length >= 8);
  if (statement === undefined) throw new Error(`no whole sentence in passage: ${text}`);
  return statement.slice(0, -1);
}

/** "<a sentence of passage n> [n]." — true by construction. */
export function supportedSentence(request: RecordedRequest, n = 1): string {
  const passage = passagesIn(lastUserContent(request)).find((candidate) => candidate.n === n);
  if (passage === undefined) throw new Error(`the prompt has no passage ${n}`);
  return `${statementOf(passage.text)} [${n}].`;
}

/** Splits text into word-sized deltas, as a model streams tokens. */
export function deltasOf(text: string): string[] {
  return text.match(/\S+\s*/g) ?? [text];
}

/** Streams a true sentence from passage 1; a request that does not ask for a stream (a rewrite) gets `rewritten`. */
export function supportedAnswer(options: { rewritten?: string } = {}): ChatScript {
  return (request) => {
    if (request.body?.stream !== true) return reply.chat(options.rewritten ?? lastUserContent(request));
    return reply.stream(deltasOf(supportedSentence(request)));
  };
}
