/**
 * @module The serving state: one loaded index with everything that answers over it. The server holds exactly one
 * Engine at a time and replaces it whole on re-index; a request takes the Engine once when it starts, so it can
 * never see half of one index and half of another.
 */
import type { AskDependencies } from './answer/ask-question.ts';
import type { SearchIndex } from './index/search-index.ts';

export interface Engine {
  index: SearchIndex;
  ask: AskDependencies;
  embedderId: string;
  loadedAt: string;
  /** Worker threads answering beside the HTTP thread now (engine.ask.offload); absent when answering in process. */
  askWorkers?: () => number;
}

export type EngineStatus =
  | { state: 'loading'; message: string }
  | { state: 'ready' }
  | { state: 'failed'; message: string };

export class EngineHolder {
  private engine: Engine | null = null;
  private status: EngineStatus = { state: 'loading', message: 'The index is loading.' };

  current(): Engine | null {
    return this.engine;
  }

  currentStatus(): EngineStatus {
    return this.status;
  }

  /** Atomic: one reference assignment. */
  swap(engine: Engine): void {
    this.engine = engine;
    this.status = { state: 'ready' };
  }

  setStatus(status: EngineStatus): void {
    this.status = status;
  }
}
