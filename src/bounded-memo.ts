/**
 * @module A pure function of a string, remembered: each key is computed once, and the whole memory is dropped once it
 * holds `max` keys, so a long-running server stays bounded however varied its questions. Stems, word vectors,
 * spelling corrections and sentence reports all come back request after request.
 */
export function boundedMemo<V>(compute: (key: string) => V, max: number): (key: string) => V {
  const remembered = new Map<string, V>();
  return (key) => {
    if (remembered.has(key)) return remembered.get(key) as V;
    const value = compute(key);
    if (remembered.size >= max) remembered.clear();
    remembered.set(key, value);
    return value;
  };
}
