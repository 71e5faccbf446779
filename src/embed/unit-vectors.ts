/** @module Cosine similarity of unit vectors, which is their dot product. */

export function cosineOfUnitVectors(left: Float32Array, right: Float32Array): number {
  let dot = 0;
  for (let dimension = 0; dimension < left.length; dimension++) dot += (left[dimension] as number) * (right[dimension] as number);
  return dot;
}
