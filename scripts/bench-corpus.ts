/**
 * @module The benchmark's synthetic corpus: sentences of the cleaned seed articles recombined by a seeded PRNG into
 * ~600-character passages, so every run at every size indexes the same text. Queries come from a separate stream
 * and are never in the corpus: half are held-out passages, half short question-like fragments.
 */
import { loadDocuments } from '../src/ingest/index.ts';

/** mulberry32: a tiny, fast 32-bit PRNG; the same seed always gives the same sequence. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** Sentences of at least five words from the cleaned seed articles. */
export async function seedSentences(docsDir = 'seeds'): Promise<string[]> {
  const { documents } = await loadDocuments(docsDir);
  const sentences: string[] = [];
  for (const document of documents) {
    for (const line of document.text.split('\n')) {
      for (const { segment } of segmenter.segment(line)) {
        const text = segment.trim();
        if (text.split(/\s+/).length >= 5) sentences.push(text);
      }
    }
  }
  return sentences;
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** Random sentences joined until the passage reaches `targetChars`. */
export function syntheticPassage(sentences: readonly string[], random: () => number, targetChars = 600): string {
  const parts: string[] = [];
  let length = 0;
  // Bounded: even one-word sentences stop after 40 picks.
  for (let picks = 0; length < targetChars && picks < 40; picks++) {
    const sentence = pick(sentences, random);
    parts.push(sentence);
    length += sentence.length + 1;
  }
  return parts.join(' ');
}

export function syntheticPassages(sentences: readonly string[], count: number, seed = 1): string[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => syntheticPassage(sentences, random));
}

/** Held-out queries (another seed, so none is a corpus passage): held-out passages and 6–12-word question fragments. */
export function syntheticQueries(sentences: readonly string[], count: number, seed = 99): string[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, position) => {
    if (position % 2 === 0) return syntheticPassage(sentences, random);
    const words = pick(sentences, random).split(/\s+/);
    const length = 6 + Math.floor(random() * 7);
    const start = Math.floor(random() * Math.max(1, words.length - length));
    return `What was reported about ${words.slice(start, start + length).join(' ')}?`;
  });
}

/** Articles for a full buildIndex: a title line and paragraphs, about `passagesPerDocument` × 500 characters each. */
export function syntheticDocuments(sentences: readonly string[], totalChars: number, passagesPerDocument = 20, seed = 7): string[] {
  const random = seededRandom(seed);
  const documents: string[] = [];
  let written = 0;
  for (let number = 1; written < totalChars; number++) {
    const paragraphs = Array.from({ length: passagesPerDocument }, () => syntheticPassage(sentences, random, 500));
    const text = `Synthetic report ${number}\n\n${paragraphs.join('\n\n')}\n`;
    documents.push(text);
    written += text.length;
  }
  return documents;
}
