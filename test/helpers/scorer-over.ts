/** An evidence scorer over a handful of texts, with their vocabulary counted in memory as an index build would. */
import { EvidenceScorer } from '../../src/answer/evidence.ts';
import type { UnitVectorOf } from '../../src/embed/from-config.ts';
import { CorpusVocabulary } from '../../src/index/corpus-vocabulary.ts';
import { WordNeighbours } from '../../src/index/word-neighbours.ts';

export function scorerOver(passageTexts: readonly string[], unitVector: UnitVectorOf, metadataTexts: readonly string[] = []): EvidenceScorer {
  const vocabulary = CorpusVocabulary.count(passageTexts, metadataTexts);
  return new EvidenceScorer(vocabulary, new WordNeighbours(vocabulary, unitVector));
}
