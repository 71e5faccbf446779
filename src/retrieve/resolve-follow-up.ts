/**
 * @module Make a follow-up ("and what did Iran do?") stand on its own before retrieval. Deterministically: when the
 * question leans on the conversation (starts with "and", "what about", or refers back with a pronoun), the names
 * and key terms of the previous question are carried over. With an LLM configured, it rewrites instead.
 */
import type { ChatTurn } from '../types.ts';
import { lexicalTerms } from '../index/lexical-index.ts';

export interface QuestionRewriter {
  rewrite(question: string, history: readonly ChatTurn[], signal?: AbortSignal): Promise<string>;
}

const LEANS_BACK = /^\s*(and|but|so|also|then|what about|how about|and what about|why|how come|what else|anything else)\b/i;
/** Personal pronouns nearly always point back at someone named earlier. */
const REFERS_BACK = /\b(they|them|their|theirs|he|him|his|she|her|hers)\b/i;
/** These may point back, or just be grammar ("is there", "the fact that"); they count only when the question names nothing. */
const MAY_REFER_BACK = /\b(it|its|this|that|these|those|there|the same|the former|the latter|both)\b/i;
/** A question this short rarely names its own subject. */
const SHORT_QUESTION_TERMS = 2;
/** Terms carried from the previous question: enough to name the topic, few enough not to drown the new one. */
const CARRIED_TERMS = 4;

export function needsHistory(question: string): boolean {
  if (LEANS_BACK.test(question) || REFERS_BACK.test(question)) return true;
  // A question that names someone or something ("the population of Damascus") has a subject of its own.
  if (namesIn(question).length > 0) return false;
  return MAY_REFER_BACK.test(question) || lexicalTerms(question).length <= SHORT_QUESTION_TERMS;
}

function namesIn(text: string): string[] {
  return [...text.matchAll(/(?<![.!?]\s|^)\b\p{Lu}[\p{L}’'-]+(?:\s+\p{Lu}[\p{L}’'-]+)*/gu)].map((match) => match[0].replace(/[’']s$/, ''));
}

export function resolveFollowUpDeterministically(question: string, history: readonly ChatTurn[]): string {
  const previous = [...history].reverse().find((turn) => turn.role === 'user');
  if (previous === undefined || !needsHistory(question)) return question;
  const own = new Set(lexicalTerms(question));
  const carried: string[] = [];
  for (const candidate of [...namesIn(previous.content), ...previous.content.split(/\s+/)]) {
    const terms = lexicalTerms(candidate);
    if (terms.length === 0 || terms.every((term) => own.has(term))) continue;
    if (carried.some((kept) => lexicalTerms(kept).join() === terms.join())) continue;
    carried.push(candidate.replace(/[?.!,;:]+$/, ''));
    if (carried.length >= CARRIED_TERMS) break;
  }
  return carried.length === 0 ? question : `${question.trim()}${CONTEXT_OPEN}${carried.join(', ')})`;
}

/** How carried-over words are appended, so the answerer can weigh them less than the question's own words. */
const CONTEXT_OPEN = ' (context: ';

export function splitCarriedContext(question: string): { own: string; carried: string } {
  const at = question.lastIndexOf(CONTEXT_OPEN);
  if (at < 0 || !question.endsWith(')')) return { own: question, carried: '' };
  return { own: question.slice(0, at), carried: question.slice(at + CONTEXT_OPEN.length, -1) };
}

export const deterministicRewriter: QuestionRewriter = {
  async rewrite(question, history) {
    return resolveFollowUpDeterministically(question, history);
  },
};
