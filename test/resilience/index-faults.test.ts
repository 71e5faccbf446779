import { copyFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createPipeline } from '../../src/create-engine.ts';
import { IndexCorruptError } from '../../src/errors.ts';
import { currentBuildDir } from '../../src/index/index-store.ts';
import { BUILD_FILES, loadIndex } from '../../src/index/load-index.ts';
import { LOCAL_EMBEDDER_ID } from '../../src/embed/local-embedder.ts';
import { type RealServer, startRealServer, waitFor } from './real-server.ts';
import { spawnServer } from './server-process.ts';

/** A full disk, simulated: while `failWrites` is on, writing passages.json into a temporary build folder throws ENOSPC. */
const disk = vi.hoisted(() => ({ failWrites: false, file: 'passages.json' }));
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  const writeFileSync: typeof actual.writeFileSync = (file, ...rest) => {
    if (disk.failWrites && String(file).includes('.tmp-') && String(file).endsWith(disk.file)) {
      throw Object.assign(new Error(`ENOSPC: no space left on device, write '${String(file)}'`), { code: 'ENOSPC' });
    }
    return actual.writeFileSync(file, ...rest);
  };
  return { ...actual, default: { ...actual, writeFileSync }, writeFileSync };
});

let workDir: string;
/** A good index built once from seeds/, copied for each case. */
let pristine: string;
const expectations = { embedderId: LOCAL_EMBEDDER_ID, chunkSize: 600, chunkOverlap: 100 };

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'news-rag-index-faults-'));
  pristine = join(workDir, 'pristine');
  await createPipeline(loadConfig({ DOCS_DIR: 'seeds', INDEX_DIR: pristine })).build();
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

let copies = 0;
function copyOfIndex(): { indexDir: string; buildDir: string } {
  const indexDir = join(workDir, `copy-${copies++}`);
  cpSync(pristine, indexDir, { recursive: true });
  return { indexDir, buildDir: currentBuildDir(indexDir) as string };
}

type Damage = 'missing' | 'truncated' | 'corrupted';
function damage(file: string, how: Damage): void {
  if (how === 'missing') rmSync(file);
  if (how === 'truncated') truncateSync(file, Math.floor(readFileSync(file).length / 2));
  if (how === 'corrupted') {
    const data = readFileSync(file);
    // Every other file is checked against the manifest's checksums; the manifest itself only by parsing, so its
    // garbage goes where the parser must notice (its middle may be inside a headline, which nothing can check).
    const at = file.endsWith(BUILD_FILES.manifest) ? data.indexOf('"files"') : Math.floor(data.length / 2);
    data.write('#garbage#', at, 'latin1');
    writeFileSync(file, data);
  }
}

// vectors.bin is read only to reuse embeddings when rebuilding, never to serve, so serving does not depend on it.
const SERVED_FILES = [BUILD_FILES.manifest, BUILD_FILES.documents, BUILD_FILES.passages, BUILD_FILES.hnsw, BUILD_FILES.lexical, BUILD_FILES.vocabulary];
const CASES = SERVED_FILES.flatMap((name) => (['missing', 'truncated', 'corrupted'] as const).map((how): [string, Damage] => [name, how]));

describe('a damaged index on disk', () => {
  it.each(CASES)('%s %s: loadIndex refuses, naming the file and `npm run index`', (name, how) => {
    const { indexDir, buildDir } = copyOfIndex();
    damage(join(buildDir, name), how);
    let thrown: unknown;
    try {
      loadIndex(indexDir, { expectations, efSearch: 64 });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(IndexCorruptError);
    const message = (thrown as Error).message;
    expect(message).toContain(join(buildDir, name));
    expect(message).toContain('npm run index');
  });

  it.each([
    ['names a build that is not there', 'build-gone\n'],
    ['is garbage', '../../etc\n'],
  ])('CURRENT %s: loadIndex refuses, naming CURRENT', (_name, content) => {
    const { indexDir } = copyOfIndex();
    writeFileSync(join(indexDir, 'CURRENT'), content);
    expect(() => loadIndex(indexDir, { expectations, efSearch: 64 })).toThrow(/CURRENT.*npm run index/);
  });

  it('server start (BUILD_INDEX_ON_START=false) fails with the message, and /api/health says why', async () => {
    const { indexDir, buildDir } = copyOfIndex();
    damage(join(buildDir, BUILD_FILES.hnsw), 'truncated');
    const server = await startRealServer({ indexDir, waitReady: false, env: { BUILD_INDEX_ON_START: 'false' } });
    try {
      await expect(server.running.ready).rejects.toThrow(/hnsw\.bin is truncated.*npm run index/);
      const health = await fetch(`${server.url}/api/health`);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ status: 'failed', ready: false, message: expect.stringMatching(/hnsw\.bin.*npm run index/) });
      const ask = await fetch(`${server.url}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"question":"Who is Lavrov?"}' });
      expect(ask.status).toBe(503);
      expect(((await ask.json()) as { error: { message: string } }).error.message).toMatch(/hnsw\.bin.*npm run index/);
    } finally {
      await server.close();
    }
  });

  it('`npm start` with BUILD_INDEX_ON_START=false and no index exits 1, saying to run `npm run index`', async () => {
    const server = spawnServer({ DOCS_DIR: 'seeds', INDEX_DIR: join(workDir, 'never-built'), BUILD_INDEX_ON_START: 'false', LOG_LEVEL: 'info' });
    const exit = await server.exited;
    expect(exit.code).toBe(1);
    expect(server.output()).toMatch(/No index in .*never-built.*npm run index/);
  }, 30_000);

  it('`npm run index` repairs a damaged index instead of calling it up to date', async () => {
    const { indexDir, buildDir } = copyOfIndex();
    damage(join(buildDir, BUILD_FILES.hnsw), 'corrupted');
    const result = await createPipeline(loadConfig({ DOCS_DIR: 'seeds', INDEX_DIR: indexDir })).build();
    expect(result.status).toBe('built');
    expect(loadIndex(indexDir, { expectations, efSearch: 64 }).documents).toHaveLength(5);
  });
});

describe('a bad new index while serving', () => {
  let server: RealServer;
  beforeAll(async () => {
    // No build on load, so the server loads exactly what the other process promoted.
    server = await startRealServer({ indexDir: copyOfIndex().indexDir, env: { BUILD_INDEX_ON_START: 'false', ADMIN_TOKEN: 'admin-token-for-faults' } });
  });
  afterAll(() => server.close());

  const askStatus = async () =>
    (await fetch(`${server.url}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"question":"Where did the Quds force soldiers die in early May?"}' })).status;

  it('keeps serving the previous index when a corrupt build is promoted by another process', async () => {
    const serving = server.running.holder.current();
    const indexDir = server.config.INDEX_DIR;
    const good = currentBuildDir(indexDir) as string;
    const bad = join(indexDir, 'build-9999-corrupt');
    cpSync(good, bad, { recursive: true });
    damage(join(bad, BUILD_FILES.passages), 'corrupted');
    // What promoteBuild does: write the pointer aside, then rename it over CURRENT.
    writeFileSync(join(indexDir, '.tmp-CURRENT-test'), 'build-9999-corrupt\n');
    renameSync(join(indexDir, '.tmp-CURRENT-test'), join(indexDir, 'CURRENT'));

    const failure = await waitFor(() => server.logs().find((line) => /still serving the previous index/.test(line.msg ?? '')), 10_000, 'the failed reload to be logged');
    expect(JSON.stringify(failure)).toContain('passages.json');
    expect(server.running.holder.current()).toBe(serving);
    expect((await (await fetch(`${server.url}/api/health`)).json()) as Record<string, unknown>).toMatchObject({ status: 'ready', documents: 5 });
    expect(await askStatus()).toBe(200);
    // Put the good build back for the next test.
    writeFileSync(join(indexDir, 'CURRENT'), `${good.split('/').at(-1)}\n`);
    rmSync(bad, { recursive: true, force: true });
  }, 20_000);

  it('keeps the previous index, on disk and in service, when the disk fills up during a re-index', async () => {
    const indexDir = server.config.INDEX_DIR;
    const serving = server.running.holder.current();
    const pointer = readFileSync(join(indexDir, 'CURRENT'), 'utf8');
    copyFileSync('test/fixtures/reindex-article.txt', join(server.config.DOCS_DIR, 'zz_reindex_probe.txt'));
    disk.failWrites = true;
    try {
      const response = await fetch(`${server.url}/api/admin/reindex`, { method: 'POST', headers: { authorization: 'Bearer admin-token-for-faults' } });
      expect(response.status).toBe(202);
      const failure = await waitFor(() => server.logs().find((line) => /re-index failed/.test(line.msg ?? '')), 10_000, 'the failed re-index to be logged');
      expect(JSON.stringify(failure)).toContain('ENOSPC');
    } finally {
      disk.failWrites = false;
    }
    expect(readFileSync(join(indexDir, 'CURRENT'), 'utf8')).toBe(pointer);
    expect(readdirSync(indexDir).filter((entry) => entry.startsWith('.tmp-') || entry === '.lock')).toEqual([]);
    expect(server.running.holder.current()).toBe(serving);
    expect(await askStatus()).toBe(200);
    expect(loadIndex(indexDir, { expectations, efSearch: 64 }).documents).toHaveLength(5);

    // With space again, the next re-index succeeds: the failed one left no lock behind.
    const retry = await fetch(`${server.url}/api/admin/reindex`, { method: 'POST', headers: { authorization: 'Bearer admin-token-for-faults' } });
    expect(retry.status).toBe(202);
    await waitFor(() => (server.running.holder.current()?.index.documents.length === 6 ? true : undefined), 20_000, 'the new index');
    expect(existsSync(join(indexDir, '.lock'))).toBe(false);
  }, 40_000);
});
