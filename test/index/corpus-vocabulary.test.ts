import { cpSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { configuredEmbedding, type UnitVectorOf } from '../../src/embed/from-config.ts';
import { IndexCorruptError } from '../../src/errors.ts';
import { buildIndex } from '../../src/index/build-index.ts';
import { CorpusVocabulary } from '../../src/index/corpus-vocabulary.ts';
import { currentBuildDir, fileEntry } from '../../src/index/index-store.ts';
import { analyze } from '../../src/index/lexical-index.ts';
import { BUILD_FILES, loadIndex } from '../../src/index/load-index.ts';
import type { Manifest } from '../../src/index/manifest.ts';
import { WordNeighbours } from '../../src/index/word-neighbours.ts';
import { metadataText } from '../../src/metadata-text.ts';
import { createFakeEmbedder } from '../fakes/fake-embedder.ts';
import { buildOptions, loadExpectations } from '../helpers/seed-index.ts';

const passages = [
  'Officials in the Kremlin said the ceasefire held. Aides of the Kremlin agreed.',
  'The ceasefire failed, said Hezbollah; the kremlin was silent.',
  'Reporters met Lavrov twice, and then met Lavrov again.',
];

describe('CorpusVocabulary.count', () => {
  const vocabulary = CorpusVocabulary.count(passages, ['The Moscow Gazette']);

  it('counts words over passages and metadata, in first-seen order', () => {
    expect(vocabulary.wordCounts.get('ceasefire')).toBe(2);
    expect(vocabulary.wordCounts.get('kremlin')).toBe(3);
    expect(vocabulary.wordCounts.get('gazette')).toBe(1);
    expect([...vocabulary.wordCounts.keys()].slice(0, 3)).toEqual(['officials', 'kremlin', 'ceasefire']);
  });

  it('counts stems per passage, over passages only', () => {
    expect(vocabulary.passageCount).toBe(3);
    expect(vocabulary.passageFrequency('kremlin')).toBe(2);
    expect(vocabulary.passageFrequency('offici')).toBe(1);
    expect(vocabulary.isKnown('ceasefir')).toBe(true);
    expect(vocabulary.isKnown('gazett')).toBe(false);
  });

  it('takes a word for a name when written capitalised mid-sentence twice and never in lowercase', () => {
    expect(vocabulary.isProperWord('lavrov')).toBe(true);
    // Once is not enough: a headline's title case would make names of ordinary words.
    expect(vocabulary.isProperWord('hezbollah')).toBe(false);
    // Lowercase once in passage 2.
    expect(vocabulary.isProperWord('kremlin')).toBe(false);
    // Capitalised only where a sentence starts.
    expect(vocabulary.isProperWord('reporters')).toBe(false);
  });

  it('counts what analysing every passage whole would, each spelling however often it recurs', () => {
    const texts = [
      "Al-Qaeda's fighters; al-Qaeda’s REPORT, Erdoğan and Erdogan: 2024 and 2,024 — the Kremlin's kremlin.",
      'Fighters fight, fought; the report reports 2024 reports.',
      "Erdoğan's Erdogan; O'Brien and o'brien.",
    ];
    const counted = CorpusVocabulary.count(texts, ['Al-Qaeda Gazette']);
    const words = new Map<string, number>();
    for (const token of [...texts, 'Al-Qaeda Gazette'].flatMap(analyze)) words.set(token.word, (words.get(token.word) ?? 0) + 1);
    expect([...counted.wordCounts]).toEqual([...words]);
    for (const stem of new Set(texts.flatMap(analyze).map((token) => token.stem))) {
      expect(counted.passageFrequency(stem), stem).toBe(texts.filter((text) => analyze(text).some((token) => token.stem === stem)).length);
    }
  });

  it('reads back what it writes', () => {
    const copy = CorpusVocabulary.fromJSON(vocabulary.toJSON());
    expect([...copy.wordCounts]).toEqual([...vocabulary.wordCounts]);
    expect(copy.passageCount).toBe(3);
    expect(copy.passageFrequency('kremlin')).toBe(2);
    expect(copy.isProperWord('lavrov')).toBe(true);
    expect(copy.toJSON()).toBe(vocabulary.toJSON());
  });

  it('refuses a file of another shape', () => {
    expect(() => CorpusVocabulary.fromJSON('{"passages":3}')).toThrow(/lacks/);
    expect(() => CorpusVocabulary.fromJSON('{"passages":1,"words":["a"],"counts":[],"stems":[],"passageFrequencies":[],"properWords":[],"initialisms":[],"initialismFrequencies":[]}')).toThrow(/length/);
    expect(() => CorpusVocabulary.fromJSON('{"passages":1,"words":[],"counts":[],"stems":[],"passageFrequencies":[],"properWords":[],"initialisms":["inss"],"initialismFrequencies":[]}')).toThrow(/length/);
    expect(() => CorpusVocabulary.fromJSON('{"passages":1,"words":[1],"counts":[1],"stems":[],"passageFrequencies":[],"properWords":[],"initialisms":[],"initialismFrequencies":[]}')).toThrow(/entry 0/);
  });
});

describe('the vocabulary of a built index', () => {
  let workDir: string;
  let indexDir: string;
  let unitVector: UnitVectorOf;
  const embedder = createFakeEmbedder();
  const expectations = loadExpectations(embedder);

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'vocabulary-test-'));
    indexDir = join(workDir, 'index');
    cpSync('seeds', join(workDir, 'docs'), { recursive: true });
    unitVector = (await configuredEmbedding(loadConfig({})).wordVectors()).unitVector;
    await buildIndex(
      buildOptions(embedder, join(workDir, 'docs'), indexDir, {
        // The seeds' ~850 words are below the default, so the word index is forced: built in a worker thread, as a
        // large corpus's is, and then checked against the exact scan below.
        wordIndex: { minWords: 0, unitVectors: async () => unitVector },
      }),
    );
  });
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  it('is loaded as counted from the passages and documents it was built from', () => {
    const index = loadIndex(indexDir, { expectations, efSearch: 50 });
    const recounted = CorpusVocabulary.count(index.passages.map((passage) => passage.text), index.documents.map(metadataText));
    expect(index.vocabulary.toJSON()).toBe(recounted.toJSON());
    expect(index.vocabulary.passageCount).toBe(index.passages.length);
    expect(index.vocabulary.wordCounts.size).toBeGreaterThan(500);
    expect(index.manifest.files[BUILD_FILES.vocabulary]?.bytes).toBe(readFileSync(join(currentBuildDir(indexDir) as string, BUILD_FILES.vocabulary)).length);
  });

  it('comes with an index of its word vectors whose neighbours are those of the exact scan', () => {
    const index = loadIndex(indexDir, { expectations, efSearch: 50 });
    expect(index.wordVectorIndex).not.toBeNull();
    expect(index.manifest.wordIndex?.count).toBe(index.wordVectorIndex?.count);
    const words = [...index.vocabulary.wordCounts.keys()];
    expect(index.wordVectorIndex?.count).toBe(words.filter((word) => unitVector(word) !== null).length);
    const searched = new WordNeighbours(index.vocabulary, unitVector, index.wordVectorIndex);
    const scanned = new WordNeighbours(index.vocabulary, unitVector);
    // Every vocabulary word, and words the seeds never use (truce, kremlin, troops).
    const probes = [...words, 'truce', 'kremlin', 'troops', 'negotiations', 'warplanes'];
    let withSimilar = 0;
    for (const word of probes) {
      expect(searched.of(word).ranked, word).toEqual(scanned.of(word).ranked);
      if (scanned.of(word).ranked.some((match) => match.credit !== 0.9)) withSimilar += 1;
    }
    expect(withSimilar).toBeGreaterThan(100);
  });

  it.each(['missing', 'truncated'])('reports a %s word index like any damaged index file', (how) => {
    const buildDir = currentBuildDir(indexDir) as string;
    const file = join(buildDir, BUILD_FILES.wordHnsw);
    const original = readFileSync(file);
    try {
      if (how === 'missing') rmSync(file);
      else truncateSync(file, 100);
      expect(() => loadIndex(indexDir, { expectations, efSearch: 50 })).toThrow(IndexCorruptError);
      expect(() => loadIndex(indexDir, { expectations, efSearch: 50 })).toThrow(/word-hnsw\.bin.*npm run index/);
    } finally {
      writeFileSync(file, original);
    }
  });

  it('is reported as a corrupt index when its content is malformed even though its checksum matches', () => {
    const buildDir = currentBuildDir(indexDir) as string;
    const file = join(buildDir, BUILD_FILES.vocabulary);
    const original = readFileSync(file);
    const manifestFile = join(buildDir, BUILD_FILES.manifest);
    const originalManifest = readFileSync(manifestFile, 'utf8');
    try {
      writeFileSync(file, '{"passages":40,"words":["only"]}');
      const manifest = JSON.parse(originalManifest) as Manifest;
      manifest.files[BUILD_FILES.vocabulary] = fileEntry(file);
      writeFileSync(manifestFile, JSON.stringify(manifest));
      expect(() => loadIndex(indexDir, { expectations, efSearch: 50 })).toThrow(IndexCorruptError);
      expect(() => loadIndex(indexDir, { expectations, efSearch: 50 })).toThrow(/vocabulary\.json is not a valid vocabulary.*npm run index/);
    } finally {
      writeFileSync(file, original);
      writeFileSync(manifestFile, originalManifest);
    }
  });
});
