/**
 * @module Build the concrete pipeline from configuration: embedder, index (built first when missing or stale),
 * retriever, answerer. The server, the CLI and the evaluation all start here, so they measure the same thing.
 */
import type { Logger } from 'pino';
import { askQuestion, type AskRequest, type AskResult } from './answer/ask-question.ts';
import { AnswerCache } from './answer/answer-cache.ts';
import type { Answerer } from './answer/answerer.ts';
import { ArticleFacts } from './answer/article-facts.ts';
import { EvidenceScorer } from './answer/evidence.ts';
import { createExtractiveAnswerer, DEFAULT_EXTRACTIVE_OPTIONS, type SentenceEmbedder } from './answer/extractive-answerer.ts';
import { createLlmAnswerer } from './answer/llm-answerer.ts';
import { createLlmRewriter } from './answer/llm-rewriter.ts';
import { withFallback } from './answer/with-fallback.ts';
import { type Config, resolveAnswerMode } from './config.ts';
import type { Embedder } from './embed/embedder.ts';
import { configuredEmbedding, openAIClientFromConfig, type WordLookup } from './embed/from-config.ts';
import type { GloveTables } from './embed/glove-format.ts';
import type { Engine } from './engine.ts';
import { describeUpstreamError } from './errors.ts';
import { buildIndex, type BuildProgress, type BuildResult, type EmbedderSource } from './index/build-index.ts';
import { loadIndex } from './index/load-index.ts';
import { normalizeTerm } from './index/lexical-index.ts';
import type { SearchIndex } from './index/search-index.ts';
import { WordNeighbours } from './index/word-neighbours.ts';
import { deterministicRewriter } from './retrieve/resolve-follow-up.ts';
import { createSpellingCorrector } from './retrieve/correct-spelling.ts';
import { createPlainVerbs } from './retrieve/phrasal-verbs.ts';
import { createRelatedWords } from './retrieve/related-words.ts';
import { createRetriever, type RetrievalMode } from './retrieve/retrieve.ts';

export interface EngineOptions {
  logger?: Pick<Logger, 'info' | 'warn'>;
  /** Build or refresh the index first when it is missing or stale (what `npm start` does). */
  buildIfNeeded?: boolean;
  onProgress?: (progress: BuildProgress) => void;
  retrievalMode?: RetrievalMode;
  /** Keep recent answers in memory (default); evaluations turn it off to measure the work itself. */
  cacheAnswers?: boolean;
  /** Evaluation ablations: override answerer options. */
  minCoverage?: number;
  /** Word vectors already loaded by another thread (an ask worker is given the server's). */
  gloveTables?: GloveTables;
}

export interface Pipeline {
  embedderSource: EmbedderSource;
  /** The GloVe tables this pipeline's word vectors come from (loaded on first use). */
  gloveTables(): Promise<GloveTables>;
  build(force?: boolean): Promise<BuildResult>;
  /** Loads the current index into a fresh Engine; the caller swaps it in. */
  load(): Promise<Engine>;
}

export function createPipeline(config: Config, options: EngineOptions = {}): Pipeline {
  const embedding = configuredEmbedding(config, { log: (message: string) => options.logger?.info(message), gloveTables: options.gloveTables });
  let embedder: Promise<Embedder> | null = null;
  const loadEmbedder = () => (embedder ??= embedding.load());
  const sharedSource: EmbedderSource = { id: embedding.id, load: loadEmbedder };

  const build = (force = false) =>
    buildIndex({
      inputDir: config.DOCS_DIR,
      indexDir: config.INDEX_DIR,
      chunking: { chunkSize: config.CHUNK_SIZE, chunkOverlap: config.CHUNK_OVERLAP },
      hnsw: { m: config.HNSW_M, efConstruction: config.HNSW_EF_CONSTRUCTION },
      embedder: sharedSource,
      wordIndex: { minWords: config.WORD_INDEX_MIN_WORDS, unitVectors: async () => (await embedding.wordVectors()).unitVector },
      force,
      onProgress: options.onProgress,
      onWarning: (warning) => options.logger?.warn(`Skipped ${warning.file}: ${warning.problem}`),
    });

  return {
    embedderSource: sharedSource,
    gloveTables: () => embedding.gloveTables(),
    build,
    async load() {
      if (options.buildIfNeeded === true) await build();
      const loadedEmbedder = await loadEmbedder();
      const index = loadIndex(config.INDEX_DIR, {
        expectations: { embedderId: loadedEmbedder.id, dimensions: loadedEmbedder.dimensions, chunkSize: config.CHUNK_SIZE, chunkOverlap: config.CHUNK_OVERLAP },
        efSearch: config.HNSW_EF_SEARCH,
      });
      return assembleEngine(config, index, loadedEmbedder, { wordVectors: await embedding.wordVectors(), sentenceEmbedder: await embedding.localEmbedder() }, options);
    },
  };
}

/** What the answerers need besides the index: word vectors for the citation check, a local sentence embedder. */
export interface AnswerResources {
  wordVectors: WordLookup;
  sentenceEmbedder?: SentenceEmbedder;
}

export function assembleEngine(config: Config, index: SearchIndex, embedder: Embedder, resources: AnswerResources, options: EngineOptions = {}): Engine {
  // One neighbour cache for query expansion and evidence scoring: both look up the same question words.
  const neighbours = new WordNeighbours(index.vocabulary, resources.wordVectors.unitVector, index.wordVectorIndex);
  const scorer = new EvidenceScorer(index.vocabulary, neighbours);
  const extractiveOptions = { ...DEFAULT_EXTRACTIVE_OPTIONS, minCoverage: options.minCoverage ?? DEFAULT_EXTRACTIVE_OPTIONS.minCoverage };
  const extractive = createExtractiveAnswerer(scorer, extractiveOptions, resources.sentenceEmbedder);
  let answerer: Answerer = extractive;
  let rewriter = deterministicRewriter;
  if (resolveAnswerMode(config) === 'llm') {
    const client = openAIClientFromConfig(config);
    const llm = createLlmAnswerer({ client, model: config.OPENAI_CHAT_MODEL, scorer, minSupport: config.MIN_SUPPORT, idleTimeoutMs: config.OPENAI_TIMEOUT_MS });
    answerer = withFallback(llm, extractive, describeUpstreamError);
    rewriter = createLlmRewriter({ client, model: config.OPENAI_CHAT_MODEL, fallback: deterministicRewriter });
  }
  return {
    index,
    embedderId: embedder.id,
    loadedAt: new Date().toISOString(),
    ask: {
      retriever: createRetriever(index, embedder, { relatedWords: createRelatedWords(index.vocabulary, neighbours) }),
      answerer,
      articleFacts: new ArticleFacts(index.documents, index.passages, scorer),
      rewriter,
      topK: config.TOP_K,
      rrfK: config.RRF_K,
      denseWeight: config.DENSE_WEIGHT,
      retrievalMode: options.retrievalMode,
      speller: createSpellingCorrector(index.vocabulary.wordCounts, resources.wordVectors),
      plainVerbs: createPlainVerbs((word) => index.vocabulary.isKnown(normalizeTerm(word) ?? word)),
      cache: options.cacheAnswers === false || config.ANSWER_CACHE_SIZE === 0 ? undefined : new AnswerCache(config.ANSWER_CACHE_SIZE),
    },
  };
}

export function ask(engine: Engine, request: AskRequest, signal?: AbortSignal): Promise<AskResult> {
  return askQuestion(engine.ask, request, { signal });
}
