import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IndexCorruptError, IndexMismatchError } from '../../src/errors.ts';
import { buildIndex, type BuildIndexOptions } from '../../src/index/build-index.ts';
import { acquireBuildLock, currentBuildDir, IndexBusyError } from '../../src/index/index-store.ts';
import { BUILD_FILES, loadIndex } from '../../src/index/load-index.ts';
import { createFakeEmbedder, type FakeEmbedder } from '../fakes/fake-embedder.ts';
import { buildOptions, loadExpectations } from '../helpers/seed-index.ts';

let workDir: string;
let docsDir: string;
let indexDir: string;

const options = (embedder: FakeEmbedder, overrides: Partial<BuildIndexOptions> = {}): BuildIndexOptions => buildOptions(embedder, docsDir, indexDir, overrides);
const expectations = loadExpectations;

beforeEach(() => {
  workDir = mkdtempSync(join(tmpdir(), 'index-test-'));
  docsDir = join(workDir, 'docs');
  indexDir = join(workDir, 'index');
  cpSync('seeds', docsDir, { recursive: true });
});
afterEach(() => rmSync(workDir, { recursive: true, force: true }));

describe('buildIndex', () => {
  it('writes passages whose offsets map back to the exact cleaned text', async () => {
    const embedder = createFakeEmbedder();
    const result = await buildIndex(options(embedder));
    expect(result.status).toBe('built');
    const index = loadIndex(indexDir, { expectations: expectations(embedder), efSearch: 50 });
    expect(index.passages.length).toBe(result.manifest.counts.passages);
    expect(index.documents).toHaveLength(5);
    for (const passage of index.passages) {
      const document = index.document(passage.docId);
      expect(document?.text.slice(passage.start, passage.end)).toBe(passage.text);
      expect(passage.text.length).toBeLessThanOrEqual(600);
      expect(passage.title).toBe(document?.title);
    }
    const ordinals = index.passages.filter((passage) => passage.docId === '001_0ee55f5e9b0ac4c9').map((passage) => passage.ordinal);
    expect(ordinals).toEqual(ordinals.map((_, position) => position));
  });

  it('returns the same neighbours after a save/load round trip', async () => {
    const embedder = createFakeEmbedder();
    await buildIndex(options(embedder));
    const first = loadIndex(indexDir, { expectations: expectations(embedder), efSearch: 50 });
    const target = first.passages.findIndex((passage) => passage.text.includes('Tartous'));
    const [query] = await embedder.embed([first.passages[target]?.text ?? '']);
    const before = first.searchDense(query as Float32Array, 5);
    const second = loadIndex(indexDir, { expectations: expectations(embedder), efSearch: 50 });
    expect(second.searchDense(query as Float32Array, 5)).toEqual(before);
    expect(before[0]?.index).toBe(target);
    expect(before[0]?.similarity).toBeCloseTo(1, 5);
    expect(second.searchLexical('Tartous naval base', 3)[0]?.index).toBe(target);
  });

  it('reuses embeddings when nothing changed and re-embeds only changed documents', async () => {
    const embedder = createFakeEmbedder();
    const first = await buildIndex(options(embedder));
    const embeddedFirst = embedder.calls.flat().length;
    expect(embeddedFirst).toBe(first.manifest.counts.passages);

    const again = await buildIndex(options(embedder));
    expect(again.status).toBe('up-to-date');
    expect(embedder.calls.flat().length).toBe(embeddedFirst);

    const file = join(docsDir, '000_24caf35a25bf3ee3.txt');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\nA new closing paragraph about Russian police checkpoints was added later.\n`);
    rmSync(join(docsDir, '003_8c47a0223c456b1a.txt'));
    writeFileSync(join(docsDir, 'added.md'), '# Added story\n\nRussia and Turkey agreed on joint patrols along the border, officials said.\n');
    const changed = await buildIndex(options(embedder));
    expect(changed.status).toBe('built');
    expect(changed.embedded).toBeGreaterThan(0);
    expect(changed.embedded).toBeLessThanOrEqual(3);
    expect(changed.manifest.documents.map((entry) => entry.id)).toEqual(['000_24caf35a25bf3ee3', '001_0ee55f5e9b0ac4c9', '002_7621b428ae72702b', '004_94a778343d2d549c', 'added']);
  });

  it('refuses an index built with another embedder or chunking, saying what to do', async () => {
    const embedder = createFakeEmbedder();
    await buildIndex(options(embedder));
    expect(() => loadIndex(indexDir, { expectations: { ...expectations(embedder), embedderId: 'openai:text-embedding-3-small' }, efSearch: 50 })).toThrow(IndexMismatchError);
    expect(() => loadIndex(indexDir, { expectations: { ...expectations(embedder), chunkSize: 300 }, efSearch: 50 })).toThrow(/CHUNK_SIZE.*npm run index/s);
  });

  it('names the damaged file and the fix when an index file is truncated', async () => {
    const embedder = createFakeEmbedder();
    await buildIndex(options(embedder));
    const buildDir = currentBuildDir(indexDir) as string;
    truncateSync(join(buildDir, BUILD_FILES.hnsw), 100);
    expect(() => loadIndex(indexDir, { expectations: expectations(embedder), efSearch: 50 })).toThrow(IndexCorruptError);
    expect(() => loadIndex(indexDir, { expectations: expectations(embedder), efSearch: 50 })).toThrow(/hnsw\.bin.*npm run index/);
    // A rebuild heals it even though nothing in the documents changed.
    rmSync(join(buildDir, BUILD_FILES.manifest));
    await buildIndex(options(embedder));
    expect(loadIndex(indexDir, { expectations: expectations(embedder), efSearch: 50 }).passages.length).toBeGreaterThan(0);
  });

  it('keeps the previous index intact when a build fails part-way', async () => {
    const good = createFakeEmbedder();
    await buildIndex(options(good));
    const before = readFileSync(join(currentBuildDir(indexDir) as string, BUILD_FILES.manifest), 'utf8');
    writeFileSync(join(docsDir, 'new.txt'), 'A brand new article about Iranian militias near Homs and Russian demands.\n'.repeat(40));
    const failing = createFakeEmbedder({ failAfterCalls: 0 });
    await expect(buildIndex(options(failing, { force: true }))).rejects.toThrow('fake embedder failure');
    expect(readFileSync(join(currentBuildDir(indexDir) as string, BUILD_FILES.manifest), 'utf8')).toBe(before);
    expect(readdirSync(indexDir).filter((entry) => entry.startsWith('.tmp-'))).toEqual([]);
    expect(existsSync(join(indexDir, '.lock'))).toBe(false);
    expect(loadIndex(indexDir, { expectations: expectations(good), efSearch: 50 }).documents).toHaveLength(5);
  });
});

describe('an interrupted build', () => {
  it('leaves the old index usable after the process is killed mid-run, and the next build cleans up', async () => {
    const { spawn } = await import('node:child_process');
    const embedder = createFakeEmbedder();
    await buildIndex(options(embedder));
    const before = currentBuildDir(indexDir);

    const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/slow-build.ts', docsDir, indexDir], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('embedding')) resolve();
        if (chunk.toString().includes('finished')) reject(new Error('the build finished before it could be interrupted'));
      });
      child.on('exit', () => reject(new Error('the child exited early')));
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));

    expect(readdirSync(indexDir).some((entry) => entry.startsWith('.tmp-'))).toBe(true);
    expect(currentBuildDir(indexDir)).toBe(before);
    expect(loadIndex(indexDir, { expectations: expectations(embedder), efSearch: 50 }).documents).toHaveLength(5);

    // The dead process's lock and temporary folder do not block or survive the next build.
    await buildIndex(options(embedder, { force: true }));
    expect(readdirSync(indexDir).filter((entry) => entry.startsWith('.tmp-') || entry === '.lock')).toEqual([]);
  }, 30_000);
});

describe('the build lock', () => {
  const lockFile = () => join(indexDir, '.lock');

  it('is busy while its builder has created it but not yet written its PID', () => {
    mkdirSync(indexDir, { recursive: true });
    writeFileSync(lockFile(), '');
    expect(() => acquireBuildLock(indexDir)).toThrow(IndexBusyError);
    expect(() => acquireBuildLock(indexDir)).toThrow(/just starting/);
    // The live builder's lock is still there.
    expect(existsSync(lockFile())).toBe(true);
  });

  it('is busy while a live process holds it, and taken over from a dead one or an empty one left for over 10 minutes', () => {
    mkdirSync(indexDir, { recursive: true });
    const exited = spawnSync(process.execPath, ['-e', '']).pid as number;
    writeFileSync(lockFile(), String(process.ppid));
    expect(() => acquireBuildLock(indexDir)).toThrow(`process ${process.ppid}`);

    // A PID that has exited.
    writeFileSync(lockFile(), String(exited));
    acquireBuildLock(indexDir)();
    expect(existsSync(lockFile())).toBe(false);

    writeFileSync(lockFile(), '');
    const elevenMinutesAgo = new Date(Date.now() - 11 * 60_000);
    utimesSync(lockFile(), elevenMinutesAgo, elevenMinutesAgo);
    const release = acquireBuildLock(indexDir);
    expect(readFileSync(lockFile(), 'utf8')).toBe(String(process.pid));
    release();
    expect(existsSync(lockFile())).toBe(false);
  });
});
