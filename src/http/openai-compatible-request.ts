/** @module The body of POST /v1/chat/completions: validated with zod, then turned into a question and its history. */
import { z, type ZodIssue } from 'zod';
import type { AskRequest } from '../answer/ask-question.ts';
import type { ChatTurn } from '../types.ts';
import { ParamError } from './openai-compatible-errors.ts';
import { SOURCES_HEADING } from './openai-compatible-format.ts';
import { MAX_HISTORY_TURNS, maxHistoryTurnChars } from './request-schemas.ts';

const TEXT_ONLY = 'expected a string or an array of { "type": "text", "text": string } parts (only text is supported)';

const textPart = z.object({ type: z.literal('text'), text: z.string() });
const message = z.object({
  role: z.enum(['system', 'user', 'assistant', 'tool', 'developer'], {
    errorMap: () => ({ message: 'expected one of "system", "user", "assistant", "tool", "developer"' }),
  }),
  // An assistant turn that only called tools has `content: null`.
  content: z.union([z.string(), z.array(textPart)], { errorMap: () => ({ message: TEXT_ONLY }) }).nullable().optional(),
});

/** Only the fields this service uses; other standard fields (temperature, max_tokens, user…) are accepted and ignored. */
const chatCompletionSchema = z.object({
  model: z.string(),
  messages: z.array(message).min(1, 'expected at least one message'),
  stream: z.boolean().nullable().optional(),
  stream_options: z.object({ include_usage: z.boolean().optional() }).nullable().optional(),
});

export type ChatCompletionBody = z.infer<typeof chatCompletionSchema>;
type ChatMessage = ChatCompletionBody['messages'][number];

/** `['messages', 2, 'content']` → `messages[2].content`, the way OpenAI names a parameter. */
function paramName(path: readonly (string | number)[]): string {
  return path.map((part, position) => (typeof part === 'number' ? `[${part}]` : position === 0 ? part : `.${part}`)).join('');
}

function describeIssue(issue: ZodIssue): string {
  const param = paramName(issue.path);
  if (issue.code === 'invalid_type' && issue.received === 'undefined') return `Missing required parameter: '${param}'.`;
  if (issue.code === 'invalid_type') return `Invalid type for '${param}': expected ${issue.expected}, but got ${issue.received}.`;
  return `Invalid value for '${param}': ${issue.message}.`;
}

export function parseChatCompletionBody(body: unknown): ChatCompletionBody {
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ParamError(400, 'invalid_body', 'The request body must be a JSON object.', null);
  }
  const parsed = chatCompletionSchema.safeParse(body);
  if (!parsed.success) {
    // One problem at a time, like OpenAI: `param` can name only one field.
    const issue = parsed.error.issues[0];
    if (issue === undefined) throw new ParamError(400, 'invalid_request', 'The request body is invalid.', null);
    throw new ParamError(400, 'invalid_request', describeIssue(issue), paramName(issue.path) || null);
  }
  return parsed.data;
}

function textOf(content: ChatMessage['content']): string {
  if (content === undefined || content === null) return '';
  return typeof content === 'string' ? content : content.map((part) => part.text).join('\n');
}

/** Our own earlier answers come back with their Sources block, which is for people; the follow-up resolver needs only the answer. */
function withoutSources(text: string): string {
  const at = text.lastIndexOf(`\n\n${SOURCES_HEADING}\n`);
  return at === -1 ? text : text.slice(0, at);
}

/**
 * The last user message is the question; earlier user and assistant messages are the history. System, developer and
 * tool messages are ignored. Chat front ends send the whole conversation every turn, so a long chat must keep working:
 * rather than refused, history is cut to the limits /api/ask puts on it, keeping the most recent turns.
 */
export function toAskRequest(messages: readonly ChatMessage[], maxQuestionChars: number): AskRequest {
  let last = messages.length - 1;
  while (last >= 0 && messages[last]?.role !== 'user') last -= 1;
  if (last === -1) throw new ParamError(400, 'invalid_request', "Invalid value for 'messages': expected a user message; its text is the question.", 'messages');
  const question = textOf(messages[last]?.content).trim();
  const param = `messages[${last}].content`;
  if (question === '') throw new ParamError(400, 'invalid_request', `Invalid value for '${param}': the question must not be empty.`, param);
  if (question.length > maxQuestionChars) {
    throw new ParamError(400, 'invalid_request', `Invalid value for '${param}': the question must be at most ${maxQuestionChars} characters.`, param);
  }
  const history: ChatTurn[] = [];
  for (const entry of messages.slice(0, last)) {
    if (entry.role !== 'user' && entry.role !== 'assistant') continue;
    const text = entry.role === 'assistant' ? withoutSources(textOf(entry.content)) : textOf(entry.content);
    if (text.trim() !== '') history.push({ role: entry.role, content: text.slice(0, maxHistoryTurnChars(maxQuestionChars)) });
  }
  return { question, history: history.slice(-MAX_HISTORY_TURNS) };
}
