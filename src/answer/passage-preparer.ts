/**
 * @module Per-passage work that does not depend on the question (sentence splitting, term analysis, sentence
 * vectors), done once and cached: the same passages are retrieved again and again, and this work was most of the
 * answering time.
 */
import type { Embedder } from '../embed/embedder.ts';
import { datelineText, metadataText } from '../metadata-text.ts';
import type { Passage } from '../types.ts';
import { speakersOf } from './attribution.ts';
import { type EvidenceTerms, evidenceTerms } from './evidence.ts';
import { type SourceSentence, splitSentences } from './split-sentences.ts';
import { spanKey } from '../span-key.ts';

export type SentenceEmbedder = Pick<Embedder, 'embed'>;

export interface PreparedSentence {
  sentence: SourceSentence;
  /** The sentence alone: what it names itself. */
  text: EvidenceTerms;
  /** The sentence with its article's date: "what was reported in 2018" is answered by a 2018 article. */
  own: EvidenceTerms;
  /**
   * The sentence with its date, the sentence before it and the headline and outlet ("It enlarged its base" needs
   * "Moscow"). It holds everything `own` does, which EvidenceScorer.nestedCoverage relies on.
   */
  context: EvidenceTerms;
  /** The sentence before it in the passage, or '' for the first. */
  previous: string;
  /** Whom the sentence reports as speaking or acting (attribution.ts); for "He said …", the sentence before's. */
  speakers: EvidenceTerms;
}

export interface PreparedPassage {
  sentences: PreparedSentence[];
  /** The whole passage with its metadata: where names in the question must appear. */
  passage: EvidenceTerms;
}

/** Bounds on the caches, so a long-running server over a large corpus cannot grow without end. */
const MAX_CACHED_PASSAGES = 20_000;
const MAX_CACHED_VECTORS = 100_000;

export class PassagePreparer {
  private readonly passages = new Map<string, PreparedPassage>();
  private readonly vectors = new Map<string, Float32Array>();

  constructor(private readonly embedder?: SentenceEmbedder) {}

  prepare(passage: Passage): PreparedPassage {
    const key = spanKey(passage.docId, passage.start, passage.end);
    let prepared = this.passages.get(key);
    if (prepared === undefined) {
      const metadata = metadataText(passage);
      const dateline = datelineText(passage);
      let previous = '';
      let previousSpeakers: string[] = [];
      const sentences = splitSentences(passage, 0).map((sentence) => {
        const { spans, refersBack } = speakersOf(sentence.text);
        const speakers = refersBack ? [...spans, ...previousSpeakers] : spans;
        const entry = {
          sentence,
          text: evidenceTerms(sentence.text),
          own: evidenceTerms(sentence.text, dateline),
          context: evidenceTerms(sentence.text, dateline, previous, metadata),
          previous,
          speakers: evidenceTerms(...speakers),
        };
        previous = sentence.text;
        previousSpeakers = speakers;
        return entry;
      });
      prepared = { sentences, passage: evidenceTerms(passage.text, metadata) };
      if (this.passages.size >= MAX_CACHED_PASSAGES) this.passages.clear();
      this.passages.set(key, prepared);
    }
    return prepared;
  }

  /** Unit vectors of the question and of each sentence; sentence vectors are embedded once and reused. */
  async embed(question: string, sentences: readonly SourceSentence[]): Promise<{ question: Float32Array; sentences: Float32Array[] } | null> {
    if (this.embedder === undefined) return null;
    const keys = sentences.map((sentence) => spanKey(sentence.passage.docId, sentence.start, sentence.end));
    const missing = keys.flatMap((key, position) => (this.vectors.has(key) ? [] : [position]));
    const [questionVector, ...fresh] = await this.embedder.embed([question, ...missing.map((position) => (sentences[position] as SourceSentence).text)]);
    if (this.vectors.size + missing.length > MAX_CACHED_VECTORS) this.vectors.clear();
    missing.forEach((position, order) => this.vectors.set(keys[position] as string, fresh[order] as Float32Array));
    if (questionVector === undefined) return null;
    return { question: questionVector, sentences: keys.map((key) => this.vectors.get(key) as Float32Array) };
  }
}
