/**
 * @module Child process of `npm run bench`: a full `buildIndex` (ingest → chunk → embed → HNSW + BM25 → manifest)
 * over synthetic articles of about N passages, with the local embedder and the default config (chunking, HNSW).
 * `--ef-construction N` and `--word-index-min-words N` override HNSW_EF_CONSTRUCTION and WORD_INDEX_MIN_WORDS through
 * loadConfig. `--vocabulary N` adds a sentence of GloVe words (drawn from N of them) to every paragraph: the seeds'
 * ~900 words stay under WORD_INDEX_MIN_WORDS, and real news has 100k+ words, each with a word-index entry to build.
 * Prints one `RESULT {json}` line with the time of each phase.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { configuredEmbedding } from '../src/embed/from-config.ts';
import type { GloveTables } from '../src/embed/glove-format.ts';
import { buildIndex } from '../src/index/build-index.ts';
import { CorpusVocabulary } from '../src/index/corpus-vocabulary.ts';
import { analyze } from '../src/index/lexical-index.ts';
import { BUILD_FILES } from '../src/index/load-index.ts';
import { seededRandom, seedSentences, syntheticDocuments } from './bench-corpus.ts';

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
  /** Distinct words in the corpus vocabulary, and how many of them the word index holds (null: scanned instead). */
  vocabularyWords: number;
  wordIndexWords: number | null;
}

/** Words drawn per paragraph: at ~75k passages (`--passages 58000`) 8 of them reach 134k distinct words of a 150k pool. */
const WORDS_PER_PARAGRAPH = 8;
/** The most frequent GloVe words are skipped: the seeds use most of them already. */
const SKIPPED_COMMON_WORDS = 2000;

/** `count` lowercase GloVe words, rarer than the commonest, that the tokenizer keeps exactly as they are. */
function gloveWords(tables: GloveTables, count: number): string[] {
  const decoder = new TextDecoder();
  const words: string[] = [];
  for (let index = SKIPPED_COMMON_WORDS; index < tables.count && words.length < count; index++) {
    const word = decoder.decode(tables.words.subarray(tables.wordOffsets[index], tables.wordOffsets[index + 1]));
    if (!/^[a-z]{3,}$/.test(word)) continue;
    const tokens = analyze(word);
    if (tokens.length === 1 && tokens[0]?.word === word) words.push(word);
  }
  return words;
}

/** Each paragraph of each article gains a sentence of random words from `words` (seeded, so runs index the same text). */
function withWords(documents: string[], words: readonly string[]): string[] {
  const random = seededRandom(11);
  const sentence = () => Array.from({ length: WORDS_PER_PARAGRAPH }, () => words[Math.floor(random() * words.length)]).join(' ');
  return documents.map((document) => document.split('\n\n').map((paragraph, position) => (position === 0 ? paragraph : `${paragraph.trimEnd()} Also: ${sentence()}.\n`)).join('\n\n'));
}

const { values } = parseArgs({
  options: {
    passages: { type: 'string', default: '100000' },
    'ef-construction': { type: 'string' },
    vocabulary: { type: 'string', default: '0' },
    'word-index-min-words': { type: 'string' },
  },
});
const target = Number(values.passages);
const workDir = mkdtempSync(join(tmpdir(), 'bench-build-'));
try {
  const docsDir = join(workDir, 'docs');
  mkdirSync(docsDir);
  const sentences = await seedSentences();
  const config = loadConfig({ DOCS_DIR: docsDir, INDEX_DIR: join(workDir, 'index'), LOG_LEVEL: 'silent', HNSW_EF_CONSTRUCTION: values['ef-construction'], WORD_INDEX_MIN_WORDS: values['word-index-min-words'] });
  const embedding = configuredEmbedding(config);
  // Measured: the chunker (600/100) cuts these ~500-character paragraphs into one passage per ~410 characters.
  let documents = syntheticDocuments(sentences, target * 410);
  if (Number(values.vocabulary) > 0) documents = withWords(documents, gloveWords(await embedding.gloveTables(), Number(values.vocabulary)));
  documents.forEach((text, position) => writeFileSync(join(docsDir, `syn_${String(position).padStart(6, '0')}.txt`), text));

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
    vocabularyWords: CorpusVocabulary.fromJSON(readFileSync(join(result.buildDir, BUILD_FILES.vocabulary), 'utf8')).wordCounts.size,
    wordIndexWords: result.manifest.wordIndex?.count ?? null,
  };
  console.log(`RESULT ${JSON.stringify(output)}`);
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
