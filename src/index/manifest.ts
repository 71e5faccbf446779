/** @module The manifest written beside every index: what built it, from which documents, and checksums of its files. */
import { z } from 'zod';

/**
 * Bump when the on-disk layout or the lexical analysis (tokens, stems, stopwords) changes: the index must be rebuilt.
 * 4: BM25 postings in typed arrays (lexical.bin), accents folded, "one" a stopword.
 * 5: the corpus vocabulary (vocabulary.json) is counted at build time instead of at every start, and a large one's
 * word vectors are indexed (word-hnsw.bin).
 * 6: the vocabulary counts the initialisms of multi-word names ("inss" for "Institute for National Security Studies").
 * 7: it counts them apart from the stems.
 * 8: documents carry their author, and the cleaned text keeps the date line and byline after the headline.
 * 9: a word written capitalised mid-sentence once (and never in lowercase) is a name ("Bogdanov").
 * 10: back to twice (once made headline words names); stored again so that format-9 builds are rebuilt.
 * 11: negated auxiliaries ("won't", "doesn't") are stopwords.
 * 12: pronoun contractions ("they'd", "we'll") are stopwords.
 * 13: a hyphenated name gives a letter per capitalised part to the initialisms counted ("World Anti-Doping Agency" → "wada").
 */
export const INDEX_FORMAT_VERSION = 13;

const fileEntry = z.object({ bytes: z.number().int().nonnegative(), sha256: z.string().length(64) });

export const manifestSchema = z.object({
  formatVersion: z.number().int(),
  embedder: z.object({ id: z.string(), dimensions: z.number().int().positive() }),
  chunking: z.object({ chunkSize: z.number().int(), chunkOverlap: z.number().int() }),
  hnsw: z.object({ space: z.literal('cosine'), dimensions: z.number().int(), m: z.number().int(), efConstruction: z.number().int() }),
  /** The HNSW of the vocabulary's word vectors (its own settings: WORD_INDEX_HNSW in word-neighbours.ts); null when the vocabulary is scanned. */
  wordIndex: z.object({ dimensions: z.number().int().positive(), count: z.number().int().positive() }).nullable(),
  documents: z.array(
    z.object({
      id: z.string(),
      sourcePath: z.string(),
      /** sha256 of the raw file. */
      contentHash: z.string(),
      /** sha256 of the cleaned text: changes when cleaning rules change even if the file did not. */
      textHash: z.string(),
      passages: z.number().int().nonnegative(),
    }),
  ),
  counts: z.object({ documents: z.number().int(), passages: z.number().int() }),
  files: z.record(z.string(), fileEntry),
  builtAt: z.string(),
  buildMs: z.number(),
});

export type Manifest = z.infer<typeof manifestSchema>;

/** What the running configuration expects of an index; compared with the manifest on load. */
export interface IndexExpectations {
  embedderId: string;
  /** Unknown until an OpenAI embedder has been probed; then only the id is compared. */
  dimensions?: number;
  chunkSize: number;
  chunkOverlap: number;
}

/** Differences between a manifest and the configuration, each phrased for a person. Empty when they agree. */
export function manifestMismatches(manifest: Manifest, expected: IndexExpectations): string[] {
  const problems: string[] = [];
  if (manifest.formatVersion !== INDEX_FORMAT_VERSION) {
    problems.push(`it has format version ${manifest.formatVersion}, this program reads version ${INDEX_FORMAT_VERSION}`);
  }
  if (manifest.embedder.id !== expected.embedderId) {
    problems.push(`it was built with embedder "${manifest.embedder.id}" but "${expected.embedderId}" is configured (EMBEDDER)`);
  } else if (expected.dimensions !== undefined && manifest.embedder.dimensions !== expected.dimensions) {
    problems.push(`its vectors have ${manifest.embedder.dimensions} dimensions but the embedder gives ${expected.dimensions}`);
  }
  if (manifest.chunking.chunkSize !== expected.chunkSize || manifest.chunking.chunkOverlap !== expected.chunkOverlap) {
    problems.push(
      `it was chunked with size ${manifest.chunking.chunkSize}/overlap ${manifest.chunking.chunkOverlap} but ` +
        `CHUNK_SIZE/CHUNK_OVERLAP are ${expected.chunkSize}/${expected.chunkOverlap}`,
    );
  }
  return problems;
}
