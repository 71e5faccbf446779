/** @module The evaluation questions: read test/eval/questions.jsonl and validate every line, naming the line that is wrong. */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const chatTurnSchema = z.object({ role: z.enum(['user', 'assistant']), content: z.string().min(1) });

export const evalQuestionSchema = z
  .object({
    id: z.string().min(1),
    /** fact, paraphrase, multi_doc, follow_up, time, unanswerable. Kept open so new kinds need no code change. */
    type: z.string().min(1),
    question: z.string().min(1),
    history: z.array(chatTurnSchema).optional(),
    /** Document ids (file names without extension) that hold the answer. */
    gold_docs: z.array(z.string().min(1)),
    /** Verbatim substrings of the raw seed files that state the answer. */
    gold_passages: z.array(z.string().min(1)),
    /** Short strings a correct answer must contain. */
    facts: z.array(z.string().min(1)),
    answerable: z.boolean(),
  })
  .superRefine((question, context) => {
    if (question.answerable && question.gold_docs.length === 0) {
      context.addIssue({ code: z.ZodIssueCode.custom, message: 'an answerable question needs at least one gold document' });
    }
  });

export type EvalQuestion = z.infer<typeof evalQuestionSchema>;

/** The questions the evaluation and the quality gate run by default. */
export const DEFAULT_QUESTIONS_FILE = 'test/eval/questions.jsonl';

export function parseQuestions(text: string, source = 'questions'): EvalQuestion[] {
  const questions: EvalQuestion[] = [];
  const seen = new Set<string>();
  text.split('\n').forEach((line, position) => {
    if (line.trim() === '') return;
    const where = `${source}:${position + 1}`;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (error) {
      throw new Error(`${where} is not valid JSON`, { cause: error });
    }
    const parsed = evalQuestionSchema.safeParse(raw);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(line)'}: ${issue.message}`);
      throw new Error(`${where}: ${problems.join('; ')}`);
    }
    if (seen.has(parsed.data.id)) throw new Error(`${where}: duplicate id ${parsed.data.id}`);
    seen.add(parsed.data.id);
    questions.push(parsed.data);
  });
  if (questions.length === 0) throw new Error(`${source} holds no questions`);
  return questions;
}

export function loadQuestions(file = DEFAULT_QUESTIONS_FILE): EvalQuestion[] {
  return parseQuestions(readFileSync(file, 'utf8'), file);
}
