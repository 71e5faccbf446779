/** @module Hybrid retrieval: HNSW and BM25 candidates fused by reciprocal rank, overlaps merged, duplicates dropped. */
import type { Embedder } from '../embed/embedder.ts';
import type { SearchIndex } from '../index/search-index.ts';
import type { ScoredPassage } from '../types.ts';
import { fuseRankings, type RankedList } from './fuse-rankings.ts';
import { dropNearDuplicates, mergeOverlapping, TermSets } from './merge-passages.ts';
import { splitCarriedContext } from './resolve-follow-up.ts';

export type RetrievalMode = 'hybrid' | 'dense' | 'lexical';

export interface RetrieveOptions {
  /** Passages returned. Env: TOP_K. */
  topK: number;
  /** Env: RRF_K (60, as in the original paper). */
  rrfK: number;
  /** Weight of the dense ranking in fusion. Env: DENSE_WEIGHT. */
  denseWeight?: number;
  /** Which retrievers take part; hybrid unless an evaluation ablation asks otherwise. */
  mode?: RetrievalMode;
  signal?: AbortSignal;
}

/** Each retriever proposes this many times top-k, so fusion has room to promote passages both agree on. */
const CANDIDATE_FACTOR = 4;

export interface Retriever {
  retrieve(query: string, options: RetrieveOptions): Promise<ScoredPassage[]>;
}

export interface RetrieverOptions {
  /** The corpus's words for question words it never uses; lexical search looks for them at a discount. */
  relatedWords?: (query: string) => string[];
}

export function createRetriever(index: SearchIndex, embedder: Embedder, { relatedWords = () => [] }: RetrieverOptions = {}): Retriever {
  const termSets = new TermSets();
  return {
    async retrieve(question, options) {
      const { own, carried } = splitCarriedContext(question);
      const query = carried === '' ? own : `${own} ${carried}`;
      const mode = options.mode ?? 'hybrid';
      const candidates = Math.max(options.topK * CANDIDATE_FACTOR, 20);
      const lists: RankedList[] = [];
      if (mode !== 'lexical') {
        const [vector] = await embedder.embed([query], { signal: options.signal });
        if (vector !== undefined) {
          const hits = index.searchDense(vector, candidates);
          lists.push({ kind: 'dense', indexes: hits.map((hit) => hit.index), similarities: hits.map((hit) => hit.similarity), weight: options.denseWeight ?? 1 });
        }
      }
      if (mode !== 'dense') {
        lists.push({ kind: 'lexical', indexes: index.searchLexical(query, candidates, relatedWords(own)).map((hit) => hit.index) });
      }
      const fused = fuseRankings(lists, options.rrfK).flatMap((candidate): ScoredPassage[] => {
        const passage = index.passages[candidate.index];
        if (passage === undefined) return [];
        return [{ passage, score: candidate.score, denseRank: candidate.denseRank, lexicalRank: candidate.lexicalRank, denseSimilarity: candidate.denseSimilarity }];
      });
      // Merge and dedupe over a window wider than top-k, so merging two chunks into one frees a slot for another.
      const window = fused.slice(0, options.topK * 2);
      return dropNearDuplicates(mergeOverlapping(window, (id) => index.document(id)), termSets).slice(0, options.topK);
    },
  };
}
