/**
 * @module Where builds live on disk and how one becomes current. Each build is written to its own folder; the
 * small CURRENT file naming the live build is replaced by rename, which is atomic, so readers see the old
 * index or the new one and never a half-written one.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AppError, IndexCorruptError } from '../errors.ts';

const CURRENT_FILE = 'CURRENT';
const LOCK_FILE = '.lock';
const BUILD_PREFIX = 'build-';
const TEMP_PREFIX = '.tmp-';
/** Builds kept besides the current one, so a server that loaded the previous build a moment ago is not pulled from under. */
const KEEP_PREVIOUS_BUILDS = 1;

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The folder of the current build, or null when no index has been built yet. */
export function currentBuildDir(indexDir: string): string | null {
  const pointer = join(indexDir, CURRENT_FILE);
  if (!existsSync(pointer)) return null;
  const name = readFileSync(pointer, 'utf8').trim();
  if (!name.startsWith(BUILD_PREFIX) || name.includes('/')) {
    throw new IndexCorruptError(`${pointer} is corrupted; run \`npm run index\` to rebuild the index.`);
  }
  const dir = join(indexDir, name);
  if (!existsSync(dir)) {
    throw new IndexCorruptError(`${pointer} names ${dir}, which is missing; run \`npm run index\` to rebuild the index.`);
  }
  return dir;
}

export function createTempBuildDir(indexDir: string): string {
  mkdirSync(indexDir, { recursive: true });
  const dir = join(indexDir, `${TEMP_PREFIX}${process.pid}-${randomBytes(4).toString('hex')}`);
  mkdirSync(dir);
  return dir;
}

/** Turns a finished temporary build into the current one and removes builds nobody needs any more. */
export function promoteBuild(indexDir: string, tempDir: string): string {
  const name = `${BUILD_PREFIX}${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}`;
  renameSync(tempDir, join(indexDir, name));
  const pointerTemp = join(indexDir, `${TEMP_PREFIX}${CURRENT_FILE}-${process.pid}`);
  writeFileSync(pointerTemp, `${name}\n`);
  renameSync(pointerTemp, join(indexDir, CURRENT_FILE));
  removeOldBuilds(indexDir, name);
  return join(indexDir, name);
}

function removeOldBuilds(indexDir: string, currentName: string): void {
  const builds = readdirSync(indexDir)
    .filter((entry) => entry.startsWith(BUILD_PREFIX) && entry !== currentName)
    .sort()
    .reverse();
  for (const stale of builds.slice(KEEP_PREVIOUS_BUILDS)) rmSync(join(indexDir, stale), { recursive: true, force: true });
}

/** Removes temporary folders left by builds that crashed or were interrupted (their process is gone). */
export function removeAbandonedTempDirs(indexDir: string): void {
  if (!existsSync(indexDir)) return;
  for (const entry of readdirSync(indexDir)) {
    if (!entry.startsWith(TEMP_PREFIX)) continue;
    const pid = Number(/^\.tmp-(?:CURRENT-)?(\d+)/.exec(entry)?.[1]);
    if (!Number.isFinite(pid) || pid === process.pid || !isAlive(pid)) rmSync(join(indexDir, entry), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export class IndexBusyError extends AppError {
  /** `pid` is null when the lock does not name its process yet. */
  constructor(lockFile: string, pid: number | null) {
    super(409, 'index_busy', `Another index build is running (${pid === null ? 'just starting' : `process ${pid}`}, lock ${lockFile}); wait for it to finish.`);
  }
}

/**
 * A lock that names no process is being written by a builder that has just created it (the PID goes in after the
 * exclusive create), so it is busy. Only when it has stayed like that for this long did its builder die in between.
 */
const UNNAMED_LOCK_STALE_MS = 10 * 60_000;

/** Who holds the lock: its PID (null when empty or unreadable) and age; null when the lock is gone. */
function readLock(lockFile: string): { pid: number | null; ageMs: number } | null {
  let ageMs: number;
  let content = '';
  try {
    ageMs = Date.now() - statSync(lockFile).mtimeMs;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    content = readFileSync(lockFile, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    // Unreadable but present: judged by its age alone, like an empty lock.
  }
  const pid = Number(content);
  return { pid: content !== '' && Number.isInteger(pid) && pid > 0 ? pid : null, ageMs };
}

/** One build at a time per index folder; a lock left by a dead process is taken over. */
export function acquireBuildLock(indexDir: string): () => void {
  mkdirSync(indexDir, { recursive: true });
  const lockFile = join(indexDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const descriptor = openSync(lockFile, 'wx');
      writeSync(descriptor, String(process.pid));
      closeSync(descriptor);
      return () => rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readLock(lockFile);
      // Released meanwhile: try again.
      if (holder === null) continue;
      if (holder.pid === null && holder.ageMs < UNNAMED_LOCK_STALE_MS) throw new IndexBusyError(lockFile, null);
      if (holder.pid !== null && holder.pid !== process.pid && isAlive(holder.pid)) throw new IndexBusyError(lockFile, holder.pid);
      rmSync(lockFile, { force: true });
    }
  }
  throw new IndexBusyError(lockFile, null);
}

/** Reads a build file and checks it against the manifest's size and checksum before anything parses it. */
export function readVerifiedFile(buildDir: string, name: string, expected: { bytes: number; sha256: string } | undefined): Buffer {
  const file = join(buildDir, name);
  const fix = 'run `npm run index` to rebuild the index';
  if (expected === undefined) throw new IndexCorruptError(`${file} is not listed in the manifest; ${fix}.`);
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch (error) {
    throw new IndexCorruptError(`${file} is missing or unreadable; ${fix}.`, { cause: error });
  }
  if (data.length !== expected.bytes) {
    throw new IndexCorruptError(`${file} is truncated or altered (${data.length} bytes, expected ${expected.bytes}); ${fix}.`);
  }
  if (sha256(data) !== expected.sha256) throw new IndexCorruptError(`${file} is corrupted (checksum mismatch); ${fix}.`);
  return data;
}

export function fileEntry(file: string): { bytes: number; sha256: string } {
  return { bytes: statSync(file).size, sha256: sha256(readFileSync(file)) };
}
