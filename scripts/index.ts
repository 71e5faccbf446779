/** @module `npm run index [-- --input DIR --out DIR --force]`: build the index with progress; the previous index stays until the new one is complete. */
import { config as loadDotenv } from 'dotenv';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { createPipeline } from '../src/create-engine.ts';
import { AppError } from '../src/errors.ts';
import type { BuildProgress } from '../src/index/build-index.ts';

loadDotenv({ quiet: true });
const { values } = parseArgs({
  options: { input: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } },
});
if (values.help) {
  console.log('Usage: npm run index -- [--input DIR] [--out DIR] [--force]\n  --input  folder of .txt/.md/.html articles (default DOCS_DIR or seeds)\n  --out    index folder (default INDEX_DIR or index-data)\n  --force  rebuild even when nothing changed');
  process.exit(0);
}

function report(progress: BuildProgress): void {
  if (progress.phase === 'loaded') console.log(`Loaded ${progress.documents} document(s).`);
  if (progress.phase === 'chunked') console.log(`Split into ${progress.passages} passages; ${progress.toEmbed} to embed, ${progress.passages - progress.toEmbed} reused.`);
  if (progress.phase === 'embedding' && process.stdout.isTTY) {
    process.stdout.write(`\rEmbedded ${progress.done}/${progress.total} passages (${Math.round(progress.passagesPerSecond)} passages/s)`);
    if (progress.done === progress.total) process.stdout.write('\n');
  }
  if (progress.phase === 'embedding' && !process.stdout.isTTY && progress.done === progress.total) {
    console.log(`Embedded ${progress.total} passages (${Math.round(progress.passagesPerSecond)} passages/s).`);
  }
  if (progress.phase === 'writing') console.log('Writing HNSW and BM25 indexes…');
}

try {
  const config = loadConfig({ ...process.env, DOCS_DIR: values.input ?? process.env.DOCS_DIR, INDEX_DIR: values.out ?? process.env.INDEX_DIR });
  const started = performance.now();
  const pipeline = createPipeline(config, { logger: { info: (message: string) => console.log(message), warn: (message: string) => console.warn(`warning: ${message}`) }, onProgress: report });
  const result = await pipeline.build(values.force);
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  if (result.status === 'up-to-date') {
    console.log(`Index in ${result.buildDir} is up to date (${result.manifest.counts.documents} documents, ${result.manifest.counts.passages} passages). ${seconds} s`);
  } else {
    console.log(`Indexed ${result.manifest.counts.documents} documents into ${result.manifest.counts.passages} passages (${result.embedded} embedded, ${result.reused} reused) in ${seconds} s → ${result.buildDir}`);
  }
  if (result.warnings.length > 0) console.warn(`${result.warnings.length} file(s) skipped; see the warnings above.`);
} catch (error) {
  // The terminal is the operator's, like the logs: an AppError's detail (which server, what it said) belongs here.
  console.error(`Indexing failed: ${error instanceof AppError ? (error.detail ?? error.message) : error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
