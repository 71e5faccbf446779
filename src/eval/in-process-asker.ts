/** @module Ask through the real pipeline in this process: the same createPipeline → ask path the server and the CLI use. */
import type { Config } from '../config.ts';
import { ask, createPipeline, type EngineOptions } from '../create-engine.ts';
import type { Asker } from './evaluate.ts';

export interface InProcessAsker {
  ask: Asker;
  passages: number;
  documents: number;
  /** Time to build (if needed) and load the index. */
  loadMs: number;
}

export async function createInProcessAsker(config: Config, options: Pick<EngineOptions, 'retrievalMode' | 'minCoverage' | 'logger'> = {}): Promise<InProcessAsker> {
  const started = performance.now();
  const engine = await createPipeline(config, { ...options, buildIfNeeded: true, cacheAnswers: false }).load();
  const loadMs = performance.now() - started;
  return {
    passages: engine.index.passages.length,
    documents: engine.index.documents.length,
    loadMs,
    async ask(question, history) {
      const asked = performance.now();
      const result = await ask(engine, { question, history });
      const latencyMs = performance.now() - asked;
      return {
        answer: result.answer,
        abstained: result.abstained,
        citations: result.citations,
        sentences: result.sentences,
        retrieved: result.passages.map((scored) => ({ docId: scored.passage.docId, text: scored.passage.text })),
        standaloneQuestion: result.standaloneQuestion,
        latencyMs,
        ...(result.warning === undefined ? {} : { warning: result.warning }),
      };
    },
  };
}
