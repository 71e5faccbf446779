/** @module Validation of request bodies at the edge: everything inside may trust its input. */
import { z } from 'zod';
import { BadRequestError } from '../errors.ts';

/** Most turns of `history` taken, here and by /v1/chat/completions: a follow-up refers to the last few, never to 50 back. */
export const MAX_HISTORY_TURNS = 50;

/** Longest turn of `history`: an earlier answer, with its quotes, is several times as long as a question. */
export function maxHistoryTurnChars(maxQuestionChars: number): number {
  return maxQuestionChars * 4;
}

export function askRequestSchema(maxQuestionChars: number) {
  const turn = z.object({
    role: z.enum(['user', 'assistant'], { message: 'history[].role must be "user" or "assistant"' }),
    content: z.string({ message: 'history[].content must be a string' }).max(maxHistoryTurnChars(maxQuestionChars), 'history[].content is too long'),
  });
  return z.object({
    question: z
      .string({ required_error: 'question is required', invalid_type_error: 'question must be a string' })
      .refine((value) => value.trim().length > 0, 'question must not be empty')
      .refine((value) => value.length <= maxQuestionChars, `question must be at most ${maxQuestionChars} characters`),
    history: z.array(turn, { invalid_type_error: 'history must be an array of { role, content }' }).max(MAX_HISTORY_TURNS, `history has more than ${MAX_HISTORY_TURNS} turns`).optional(),
    topK: z.number({ invalid_type_error: 'topK must be a number' }).int('topK must be an integer').min(1, 'topK must be at least 1').max(20, 'topK must be at most 20').optional(),
  });
}

export type AskBody = z.infer<ReturnType<typeof askRequestSchema>>;

export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new BadRequestError('The request body must be a JSON object.', 'invalid_body');
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const message = parsed.error.issues.map((issue) => issue.message).join('; ');
    throw new BadRequestError(message, 'invalid_request');
  }
  return parsed.data;
}
