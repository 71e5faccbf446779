import { copyFile, mkdtemp, rm, truncate } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Embedder } from '../../src/embed/embedder.ts';
import { decodeGloveFile } from '../../src/embed/glove-format.ts';
import type { GloveStore } from '../../src/embed/glove-store.ts';
import { gloveCachePath, loadGloveStore } from '../../src/embed/load-glove-store.ts';
import { createLocalEmbedder, createLocalEmbedderFromStore, LOCAL_EMBEDDER_ID, wordIndexes } from '../../src/embed/local-embedder.ts';
import { describeEmbedderContract } from './embedder-contract.ts';

// The real default cache, shared with every other run: the one-time conversion (~10 s) happens at most once.
const CACHE_DIR = resolve('node_modules/.cache/news-rag');

let store: GloveStore;
let embedder: Embedder;

beforeAll(async () => {
  store = await loadGloveStore({ cacheDir: CACHE_DIR });
  embedder = createLocalEmbedderFromStore(store);
});

const cosine = (left: Float32Array, right: Float32Array): number => left.reduce((sum, value, position) => sum + value * (right[position] as number), 0);

async function embedOne(text: string): Promise<Float32Array> {
  return (await embedder.embed([text]))[0] as Float32Array;
}

describeEmbedderContract('local GloVe + SIF', () => embedder);

describe('local embedder', () => {
  it('has a precise id and 100 dimensions', () => {
    expect(embedder.id).toBe(LOCAL_EMBEDDER_ID);
    expect(embedder.dimensions).toBe(100);
  });

  it('puts "Moscow" nearer to "Kremlin" than to "banana"', async () => {
    const [moscow, kremlin, banana] = await embedder.embed(['Moscow', 'Kremlin', 'banana']);
    expect(cosine(moscow as Float32Array, kremlin as Float32Array)).toBeGreaterThan(cosine(moscow as Float32Array, banana as Float32Array) + 0.3);
  });

  it('puts a sentence about Russian troops in Syria nearer to Moscow’s military than to baking bread', async () => {
    const troops = await embedOne('Russian troops were sent to Syria to support the government offensive near Aleppo.');
    const military = await embedOne('Moscow’s military has expanded its air campaign and deployed more soldiers abroad.');
    const bread = await embedOne('She baked a loaf of bread with flour, yeast and a pinch of salt.');
    expect(cosine(troops, military)).toBeGreaterThan(cosine(troops, bread) + 0.2);
  });

  it('looks words up exactly in the lowercase vocabulary, by frequency rank', () => {
    expect(store.indexOf('the')).toBe(0);
    expect(store.indexOf('moscow')).toBeGreaterThan(0);
    expect(store.indexOf('Moscow')).toBe(-1);
    expect(store.indexOf('zzzzqqqq')).toBe(-1);
    expect(wordIndexes(store, 'Moscow’s well-known pro-Kremlin outlet')).toEqual(
      ['moscow', 'well-known', 'pro', 'kremlin', 'outlet'].map((word) => store.indexOf(word)),
    );
  });

  it('gives texts with no known word a deterministic fallback that differs per text', async () => {
    const [first, again, other] = await embedder.embed(['Xqzvbn 12345', 'Xqzvbn 12345', 'Wqpfgh']);
    expect(Array.from(again as Float32Array)).toEqual(Array.from(first as Float32Array));
    expect(Math.abs(cosine(first as Float32Array, other as Float32Array))).toBeLessThan(0.5);
  });

  it('embeds a question asked alone (remembered for the next stage) exactly as within a batch', async () => {
    const questions = Array.from({ length: 12 }, (_, turn) => `What did Moscow say about the talks in round ${turn}?`);
    const batch = await embedder.embed(questions);
    for (const round of [0, 1]) {
      for (const [position, question] of questions.entries()) {
        // Twice in a row (the second time remembered), and again a round later (forgotten by then).
        for (const time of [1, 2]) expect(Array.from(await embedOne(question)), `round ${round}, question ${position}, time ${time}`).toEqual(Array.from(batch[position] as Float32Array));
      }
    }
  });
});

describe('local embedder cache', () => {
  it('loads from the binary cache without the package JSON and without converting', async () => {
    expect(existsSync(gloveCachePath(CACHE_DIR))).toBe(true);
    const messages: string[] = [];
    const cached = await createLocalEmbedder({ cacheDir: CACHE_DIR, sourcePath: '/nonexistent/vectors.json', logger: (message) => messages.push(message) });
    expect(messages).toEqual([]);
    const text = 'The Kremlin said talks would resume.';
    expect(Array.from((await cached.embed([text]))[0] as Float32Array)).toEqual(Array.from(await embedOne(text)));
  });

  it('detects a truncated cache file and, with no package to convert from, says to run npm install', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'glove-cache-'));
    try {
      const copy = gloveCachePath(directory);
      await copyFile(gloveCachePath(CACHE_DIR), copy);
      await truncate(copy, 1_000_000);
      const decoded = decodeGloveFile(readFileSync(copy));
      expect('problem' in decoded && decoded.problem).toMatch(/truncated/);
      await expect(loadGloveStore({ cacheDir: directory, sourcePath: join(directory, 'missing.json') })).rejects.toThrow(/truncated.*npm install/);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
