/** @module The evaluation report: its shape, the metric definitions it states, and writing it as JSON and HTML. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ComparisonRow } from './compare.ts';
import type { QuestionResult, Summary, TypeSummary } from './evaluate.ts';
import { renderHtmlReport } from './html-report.ts';

export interface EvalReport {
  generatedAt: string;
  /** `in-process` (the real pipeline in this process) or the URL of the server that was asked. */
  source: string;
  /** Where retrieval metrics come from: the retrieved passages, or only the citations (over HTTP). */
  retrievalFrom: 'retrieved passages' | 'citations';
  settings: Record<string, string | number | null>;
  definitions: Record<string, string>;
  summary: Summary;
  byType: TypeSummary[];
  questions: QuestionResult[];
  comparison?: ComparisonRow[];
}

export const METRIC_DEFINITIONS: Record<string, string> = {
  'hit@k, MRR':
    'Answerable questions only. Retrieved passages are reduced to their documents in first-seen order; hit@k = a gold document among the first k documents of the top-5 passages; MRR = mean of 1 / rank of the first gold document (0 when none).',
  'gold-passage recall@5':
    'Answerable questions: share of gold passages found, averaged over questions. A gold passage is found when one of the top-5 retrieved passages contains at least half of it as one contiguous run, after collapsing whitespace, folding curly quotes and lowercasing (gold passages are cut from the raw seed files, the index holds cleaned text).',
  'fact coverage': 'Answerable questions: share of facts found in the answer text, case- and whitespace-insensitively. An abstention covers nothing.',
  'citation precision':
    'All citations of all answers: a citation is precise when its quote overlaps a gold passage of its question (the longest common run covers at least half of the shorter of the two); for a question without gold passages, when the quote holds at least half of the content words (stemmed, stopwords dropped) of a sentence that cites it.',
  'citation recall': 'Answerable questions whose citations include at least one gold document (an abstention counts as a miss).',
  'abstention precision / recall':
    'Positive class = abstained. Precision = abstained on unanswerable / all abstentions; recall = abstained on unanswerable / unanswerable questions.',
  latency: 'Wall-clock time of one ask (in-process: ask(engine, ...); over HTTP: the whole POST), questions asked one at a time; nearest-rank p50 and p95.',
};

export function writeReports(outDir: string, report: EvalReport): { json: string; html: string } {
  mkdirSync(outDir, { recursive: true });
  const json = join(outDir, 'report.json');
  const html = join(outDir, 'report.html');
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(html, renderHtmlReport(report));
  return { json, html };
}
