/** @module Reciprocal rank fusion (Cormack, Clarke and Büttcher, SIGIR 2009): score = Σ 1 / (k + rank). */

export interface FusedCandidate {
  index: number;
  score: number;
  denseRank?: number;
  lexicalRank?: number;
  denseSimilarity?: number;
}

export interface RankedList {
  kind: 'dense' | 'lexical';
  /** Passage positions, best first. */
  indexes: readonly number[];
  /** Cosine similarity per position, dense lists only. */
  similarities?: readonly number[];
  /** How much a rank in this list counts (weighted RRF); 1 unless measured otherwise. */
  weight?: number;
}

export function fuseRankings(lists: readonly RankedList[], rrfK: number): FusedCandidate[] {
  const byIndex = new Map<number, FusedCandidate>();
  for (const list of lists) {
    list.indexes.forEach((index, position) => {
      const rank = position + 1;
      const candidate = byIndex.get(index) ?? { index, score: 0 };
      candidate.score += (list.weight ?? 1) / (rrfK + rank);
      if (list.kind === 'dense') {
        candidate.denseRank = rank;
        candidate.denseSimilarity = list.similarities?.[position];
      } else {
        candidate.lexicalRank = rank;
      }
      byIndex.set(index, candidate);
    });
  }
  return [...byIndex.values()].sort((left, right) => right.score - left.score || left.index - right.index);
}
