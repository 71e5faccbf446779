/** @module Cosine similarity of unit vectors, which is their dot product. */

export function cosineOfUnitVectors(left: Float32Array, right: Float32Array): number {
  let dot = 0;
  for (let dimension = 0; dimension < left.length; dimension++) dot += (left[dimension] as number) * (right[dimension] as number);
  return dot;
}

/**
 * The cosine of `unit` with every row of `rows` (unit vectors of `dimensions` values laid end to end), written into
 * `into`: one pass over a matrix, for scans of a small vector set. Kept in double precision, as cosineOfUnitVectors
 * returns them, so a scan and a look-up of the same pair agree to the last digit.
 */
export function cosinesWithRows(unit: Float32Array, rows: Float32Array, dimensions: number, into: Float64Array = new Float64Array(rows.length / dimensions)): Float64Array {
  for (let row = 0; row < into.length; row++) {
    const base = row * dimensions;
    let dot = 0;
    for (let dimension = 0; dimension < dimensions; dimension++) dot += (unit[dimension] as number) * (rows[base + dimension] as number);
    into[row] = dot;
  }
  return into;
}
