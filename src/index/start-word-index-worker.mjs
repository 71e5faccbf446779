// The word-index worker's entry: Node does not carry the parent's `--import tsx` hooks into worker threads, so the
// worker registers tsx itself before loading the TypeScript worker module.
import { register } from 'tsx/esm/api';

register();
await import('./word-index-worker.ts');
