/**
 * @module `npm run eval [-- --url http://host:port] [--compare] [--out DIR] [--questions FILE]`: run the evaluation
 * questions through the real pipeline in-process (or a running server), print the metrics, write JSON and HTML.
 */
import { config as loadDotenv } from 'dotenv';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_EXTRACTIVE_OPTIONS } from '../src/answer/extractive-answerer.ts';
import { loadConfig, resolveAnswerMode } from '../src/config.ts';
import { type ComparisonRow, runComparison } from '../src/eval/compare.ts';
import { type Asker, evaluate, summarize, summarizeByType } from '../src/eval/evaluate.ts';
import { comparisonTable, summaryTable } from '../src/eval/format-table.ts';
import { createHttpAsker } from '../src/eval/http-asker.ts';
import { createInProcessAsker } from '../src/eval/in-process-asker.ts';
import { DEFAULT_QUESTIONS_FILE, loadQuestions } from '../src/eval/questions.ts';
import { type EvalReport, METRIC_DEFINITIONS, writeReports } from '../src/eval/report.ts';

loadDotenv({ quiet: true });
const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    compare: { type: 'boolean', default: false },
    out: { type: 'string', default: 'eval-report' },
    questions: { type: 'string', default: DEFAULT_QUESTIONS_FILE },
  },
});
if (values.compare && values.url !== undefined) {
  console.error('--compare runs the ablations in-process; drop --url.');
  process.exit(2);
}

const questions = loadQuestions(values.questions);
const config = loadConfig();
const settings: EvalReport['settings'] = {
  questionsFile: values.questions,
  EMBEDDER: config.EMBEDDER,
  answerMode: resolveAnswerMode(config),
  CHUNK_SIZE: config.CHUNK_SIZE,
  CHUNK_OVERLAP: config.CHUNK_OVERLAP,
  TOP_K: config.TOP_K,
  RRF_K: config.RRF_K,
  DENSE_WEIGHT: config.DENSE_WEIGHT,
  HNSW_EF_SEARCH: config.HNSW_EF_SEARCH,
  MIN_SUPPORT: config.MIN_SUPPORT,
  minCoverage: DEFAULT_EXTRACTIVE_OPTIONS.minCoverage,
};

let asker: Asker;
if (values.url === undefined) {
  const inProcess = await createInProcessAsker(config, { logger: { info: () => {}, warn: (message: string) => console.warn(message) } });
  console.log(`Index ${config.INDEX_DIR}: ${inProcess.documents} documents, ${inProcess.passages} passages (ready in ${inProcess.loadMs.toFixed(0)} ms)`);
  settings.INDEX_DIR = config.INDEX_DIR;
  settings.passages = inProcess.passages;
  asker = inProcess.ask;
} else {
  console.log(`Asking ${values.url}: retrieval metrics come from the citations only (the API does not return retrieved passages).`);
  for (const key of Object.keys(settings)) if (key !== 'questionsFile') settings[key] = null;
  asker = createHttpAsker(values.url, { apiKey: config.API_KEY });
}

const results = await evaluate(questions, asker);
const summary = summarize(results);
console.log(`\n${questions.length} questions (${summary.answerable} answerable, ${summary.unanswerable} unanswerable)\n`);
console.log(summaryTable(summary));

let comparison: ComparisonRow[] | undefined;
if (values.compare) {
  const indexRoot = mkdtempSync(join(tmpdir(), 'news-rag-compare-'));
  const started = performance.now();
  try {
    console.log('\nAblations (each chunking builds its own index in a temporary folder):');
    comparison = await runComparison(questions, {
      baseEnv: process.env,
      indexRoot,
      onRow: (row) => process.stderr.write(`  ${row.group}: ${row.name}${row.skipped === undefined ? '' : ' (skipped)'}\n`),
    });
  } finally {
    rmSync(indexRoot, { recursive: true, force: true });
  }
  console.log(`\n${comparisonTable(comparison)}\n(${((performance.now() - started) / 1000).toFixed(1)} s)`);
}

const report: EvalReport = {
  generatedAt: new Date().toISOString(),
  source: values.url ?? 'in-process',
  retrievalFrom: values.url === undefined ? 'retrieved passages' : 'citations',
  settings,
  definitions: METRIC_DEFINITIONS,
  summary,
  byType: summarizeByType(results),
  questions: results,
  ...(comparison === undefined ? {} : { comparison }),
};
const written = writeReports(values.out, report);
console.log(`\nWrote ${written.json} and ${written.html}`);
