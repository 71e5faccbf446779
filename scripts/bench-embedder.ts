/**
 * @module `tsx scripts/bench-embedder.ts [--passages N] [--skip-conversion]`: figures for the local embedder —
 * one-time conversion, cache load, memory after load, and embedding throughput on ~600-character passages.
 * The conversion runs in a child process into a temporary cache, so this process loads that cache cold and its
 * memory figures are not inflated by the 1 GB JSON parse.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { embedInBatches } from '../src/embed/embedder.ts';
import { gloveCachePath, loadGloveStore } from '../src/embed/load-glove-store.ts';
import { createLocalEmbedder } from '../src/embed/local-embedder.ts';

const { values } = parseArgs({
  options: {
    passages: { type: 'string', default: '3000' },
    'skip-conversion': { type: 'boolean', default: false },
    'convert-into': { type: 'string' },
    'cache-dir': { type: 'string', default: 'node_modules/.cache/news-rag' },
  },
});

const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

// Child mode: convert into the given folder and print the seconds it took.
if (values['convert-into'] !== undefined) {
  const started = performance.now();
  await loadGloveStore({ cacheDir: values['convert-into'] });
  console.log(JSON.stringify({ seconds: (performance.now() - started) / 1000, peakRss: process.resourceUsage().maxRSS * 1024 }));
  process.exit(0);
}

let cacheDir = values['cache-dir'];
let temporaryDir: string | null = null;
if (!values['skip-conversion']) {
  temporaryDir = mkdtempSync(join(tmpdir(), 'bench-glove-'));
  const output = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--convert-into', temporaryDir], { encoding: 'utf8' });
  const { seconds, peakRss } = JSON.parse(output.trim().split('\n').at(-1) as string) as { seconds: number; peakRss: number };
  console.log(`(a) one-time conversion (child process): ${seconds.toFixed(1)} s, peak RSS ${megabytes(peakRss)}`);
  cacheDir = temporaryDir;
}

try {
  const before = process.memoryUsage();
  const started = performance.now();
  const embedder = await createLocalEmbedder({ cacheDir, logger: (message) => console.log(message) });
  const loadMs = performance.now() - started;
  const after = process.memoryUsage();
  console.log(`(b) load from the binary cache (${megabytes(readFileSync(gloveCachePath(cacheDir)).length)} file): ${loadMs.toFixed(0)} ms`);
  console.log(
    `(c) after load: RSS ${megabytes(after.rss)} (+${megabytes(after.rss - before.rss)}), heap used ${megabytes(after.heapUsed)}, ` +
      `array buffers ${megabytes(after.arrayBuffers)}`,
  );

  // ~600-character windows of the seed articles, repeated up to the requested count.
  const windows = readdirSync('seeds').flatMap((file) => {
    const text = readFileSync(join('seeds', file), 'utf8');
    return Array.from({ length: Math.floor(text.length / 500) }, (_, position) => text.slice(position * 500, position * 500 + 600));
  });
  const count = Number(values.passages);
  const passages = Array.from({ length: count }, (_, position) => `${windows[position % windows.length]} ${position}`);
  await embedInBatches(embedder, passages.slice(0, 200)); // warm-up
  const embedStarted = performance.now();
  await embedInBatches(embedder, passages);
  const seconds = (performance.now() - embedStarted) / 1000;
  const averageLength = passages.reduce((sum, passage) => sum + passage.length, 0) / passages.length;
  console.log(`(d) throughput: ${Math.round(count / seconds)} passages/s (${count} passages of ~${Math.round(averageLength)} chars in ${seconds.toFixed(2)} s)`);

  const question = 'Which Russian official called on Damascus to show flexibility on humanitarian aid?';
  const queryStarted = performance.now();
  // A different question each time: the embedder remembers the last few it saw.
  for (let repeat = 0; repeat < 1000; repeat++) await embedder.embed([`${question} (${repeat})`]);
  console.log(`    one question: ${((performance.now() - queryStarted) / 1000).toFixed(3)} ms`);
  console.log(`    RSS at the end: ${megabytes(process.memoryUsage().rss)}`);
} finally {
  if (temporaryDir !== null) rmSync(temporaryDir, { recursive: true, force: true });
}
