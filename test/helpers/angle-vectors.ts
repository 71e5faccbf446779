/** Hand-made unit vectors in a plane, one angle per word, so cosines (and hence credits) are known exactly. */
import type { UnitVectorOf } from '../../src/embed/from-config.ts';

export function vectorsAt(angles: Record<string, number>): UnitVectorOf {
  return (word) => {
    const angle = angles[word];
    return angle === undefined ? null : Float32Array.from([Math.cos(angle), Math.sin(angle), 0]);
  };
}
