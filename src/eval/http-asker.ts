/**
 * @module Ask a running server over POST /api/ask. The response carries citations but not the retrieved passages,
 * so retrieval metrics are computed from the cited quotes (in citation order) and read lower than in-process ones.
 */
import { z } from 'zod';
import type { Asker } from './evaluate.ts';

const responseSchema = z.object({
  answer: z.string(),
  abstained: z.boolean(),
  citations: z.array(z.object({ n: z.number(), docId: z.string(), quote: z.string() })),
  sentences: z.array(z.object({ text: z.string(), citations: z.array(z.number()) })),
  warning: z.string().optional(),
});

export interface HttpAskerOptions {
  /** Bearer token when the server sets API_KEY. */
  apiKey?: string;
  /** Per-request time-out; a server that never answers must not stall the evaluation. */
  timeoutMs?: number;
}

export function createHttpAsker(baseUrl: string, options: HttpAskerOptions = {}): Asker {
  const endpoint = new URL('/api/ask', baseUrl).toString();
  return async (question, history) => {
    const started = performance.now();
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(options.apiKey === undefined ? {} : { authorization: `Bearer ${options.apiKey}` }) },
      body: JSON.stringify({ question, history }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
    });
    const body: unknown = await response.json();
    const latencyMs = performance.now() - started;
    if (!response.ok) throw new Error(`POST ${endpoint} answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
    const parsed = responseSchema.parse(body);
    return {
      ...parsed,
      retrieved: parsed.citations.map((citation) => ({ docId: citation.docId, text: citation.quote })),
      standaloneQuestion: null,
      latencyMs,
    };
  };
}
