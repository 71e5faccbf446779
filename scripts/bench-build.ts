/**
 * @module Child process of `npm run bench`: a full `buildIndex` (ingest → chunk → embed → HNSW + BM25 → manifest)
 * over synthetic articles of about N passages, with the local embedder and the default config (chunking, HNSW).
 * `--ef-construction N` overrides HNSW_EF_CONSTRUCTION through loadConfig. Prints one `RESULT {json}` line with the
 * time of each phase.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { configuredEmbedding } from '../src/embed/from-config.ts';
import { buildIndex } from '../src/index/build-index.ts';
import { seedSentences, syntheticDocuments } from './bench-corpus.ts';

export interface BuildBenchResult {
  targetPassages: number;
  /** HNSW parameters the build used, as loadConfig resolved them. */
  hnsw: { m: number; efConstruction: number; efSearch: number };
  documents: number;
  passages: number;
  seconds: number;
  passagesPerSecond: number;
  /** Seconds from the start of buildIndex to the end of each phase. */
  phases: Record<string, number>;
  indexBytes: number;
  peakRssBytes: number;
}

const { values } = parseArgs({ options: { passages: { type: 'string', default: '100000' }, 'ef-construction': { type: 'string' } } });
const target = Number(values.passages);
const workDir = mkdtempSync(join(tmpdir(), 'bench-build-'));
try {
  const docsDir = join(workDir, 'docs');
  mkdirSync(docsDir);
  const sentences = await seedSentences();
  // Measured: the chunker (600/100) cuts these ~500-character paragraphs into one passage per ~410 characters.
  syntheticDocuments(sentences, target * 410).forEach((text, position) => writeFileSync(join(docsDir, `syn_${String(position).padStart(6, '0')}.txt`), text));

  const config = loadConfig({ DOCS_DIR: docsDir, INDEX_DIR: join(workDir, 'index'), LOG_LEVEL: 'silent', HNSW_EF_CONSTRUCTION: values['ef-construction'] });
  const embedding = configuredEmbedding(config);
  const phases: Record<string, number> = {};
  const started = performance.now();
  const mark = (phase: string) => { phases[phase] = (performance.now() - started) / 1000; };
  const result = await buildIndex({
    inputDir: config.DOCS_DIR,
    indexDir: config.INDEX_DIR,
    chunking: { chunkSize: config.CHUNK_SIZE, chunkOverlap: config.CHUNK_OVERLAP },
    hnsw: { m: config.HNSW_M, efConstruction: config.HNSW_EF_CONSTRUCTION },
    embedder: { id: embedding.id, load: () => embedding.load() },
    wordIndex: { minWords: config.WORD_INDEX_MIN_WORDS, unitVectors: async () => (await embedding.wordVectors()).unitVector },
    force: true,
    onProgress: (progress) => {
      if (progress.phase === 'loaded') mark('ingested');
      else if (progress.phase === 'chunked') mark('chunked');
      else if (progress.phase === 'writing') mark('embedded');
    },
  });
  const seconds = (performance.now() - started) / 1000;
  phases.written = seconds;
  const indexBytes = readdirSync(result.buildDir).reduce((sum, name) => sum + statSync(join(result.buildDir, name)).size, 0);
  const output: BuildBenchResult = {
    targetPassages: target,
    hnsw: { m: config.HNSW_M, efConstruction: config.HNSW_EF_CONSTRUCTION, efSearch: config.HNSW_EF_SEARCH },
    documents: result.manifest.counts.documents,
    passages: result.manifest.counts.passages,
    seconds,
    passagesPerSecond: result.manifest.counts.passages / seconds,
    phases,
    indexBytes,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  };
  console.log(`RESULT ${JSON.stringify(output)}`);
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
