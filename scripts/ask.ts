/** @module `npm run ask -- "question"`: answer from the terminal with the same pipeline the server uses. */
import { config as loadDotenv } from 'dotenv';
import { parseArgs } from 'node:util';
import { formatDate } from '../src/answer/compose-answer.ts';
import { loadConfig } from '../src/config.ts';
import { ask, createPipeline } from '../src/create-engine.ts';
import { AppError } from '../src/errors.ts';

loadDotenv({ quiet: true });
const { positionals, values } = parseArgs({ allowPositionals: true, options: { json: { type: 'boolean', default: false } } });
const question = positionals.join(' ').trim();
if (question === '') {
  console.error('Usage: npm run ask -- "your question" [--json]');
  process.exit(2);
}

try {
  const config = loadConfig();
  const engine = await createPipeline(config, { buildIfNeeded: true, logger: { info: () => {}, warn: (message: string) => console.warn(message) } }).load();
  const result = await ask(engine, { question });
  if (values.json) {
    const { passages: _passages, ...response } = result;
    console.log(JSON.stringify(response, null, 2));
  } else {
    console.log(`\n${result.answer}\n`);
    for (const citation of result.citations) {
      const source = [citation.title ?? citation.docId, citation.outlet, citation.date === null ? null : formatDate(citation.date)].filter(Boolean).join(' · ');
      console.log(`[${citation.n}] ${source}\n    “${citation.quote}”`);
    }
    if (result.warning !== undefined) console.log(`\nNote: ${result.warning}`);
    console.log(`\n(${result.mode}, ${result.timings.totalMs} ms)`);
  }
} catch (error) {
  console.error(error instanceof AppError ? (error.detail ?? error.message) : error instanceof Error ? error.message : String(error));
  process.exit(1);
}
