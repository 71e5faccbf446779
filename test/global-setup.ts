/** Runs once before all test files: converts the GloVe vectors to their binary cache, so parallel files don't each convert. */
import { loadConfig } from '../src/config.ts';
import { loadGloveStore } from '../src/embed/load-glove-store.ts';

export default async function setup(): Promise<void> {
  await loadGloveStore({ cacheDir: loadConfig({}).CACHE_DIR, logger: (message) => console.log(message) });
}
