/** @module The data that flows through the pipeline, defined once: Document → Passage → ScoredPassage → Answer. */

/** What an article says about itself. A field the article does not state stays null: never guessed. */
export interface DocumentMetadata {
  title: string | null;
  /** Publication date as ISO `YYYY-MM-DD`, only when the article states one. */
  date: string | null;
  /** The outlet that published (or reported) the story, e.g. "G2 Bulletin". */
  outlet: string | null;
  /** Who wrote the story, from its byline or the page's metadata ("Benjamin Kerstein"). */
  author: string | null;
  /** Who translated the story, when stated (e.g. "The Syrian Observer"). */
  translator: string | null;
}

/** One cleaned article. `text` is the article body after cleaning; every offset in the system points into it. */
export interface SourceDocument extends DocumentMetadata {
  /** File name without extension: `003_8c47a0223c456b1a`. */
  id: string;
  /** Path relative to the input folder. */
  sourcePath: string;
  text: string;
  /** sha256 of the raw file bytes; decides whether an unchanged document's embeddings are reused. */
  contentHash: string;
}

/** A span of a document's cleaned text, the unit that is embedded, retrieved and cited. */
export interface Passage {
  /** `${docId}#${ordinal}` */
  id: string;
  docId: string;
  ordinal: number;
  /** Character offsets into SourceDocument.text: text === document.text.slice(start, end). */
  start: number;
  end: number;
  text: string;
  title: string | null;
  date: string | null;
  outlet: string | null;
}

export interface ScoredPassage {
  passage: Passage;
  /** Fused score, higher is better; comparable only within one result list. */
  score: number;
  /** 1-based rank in each retriever that found it. */
  denseRank?: number;
  lexicalRank?: number;
  /** Cosine similarity between question and passage, when known. */
  denseSimilarity?: number;
}

export interface ChatTurn {
  role: 'user' | 'assistant';
  content: string;
}

export interface Citation {
  /** The number that appears as `[n]` in the answer. */
  n: number;
  docId: string;
  title: string | null;
  date: string | null;
  outlet: string | null;
  passageId: string;
  /** Verbatim text of the cleaned document at start..end. */
  quote: string;
  start: number;
  end: number;
  score: number;
}

export interface AnswerSentence {
  text: string;
  citations: number[];
  /** How well the cited quotes support the sentence, 0..1. */
  support: number;
}

export type AnswerMode = 'extractive' | 'llm';

export interface Answer {
  answer: string;
  abstained: boolean;
  citations: Citation[];
  sentences: AnswerSentence[];
  mode: AnswerMode;
  model: string | null;
  /** Set when the configured mode could not be used, e.g. the LLM timed out and the extractive answer stands in. */
  warning?: string;
}

export interface Timings {
  retrieveMs: number;
  generateMs: number;
  totalMs: number;
}

export interface AskResponse extends Answer {
  timings: Timings;
}
