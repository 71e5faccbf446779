/** @module Compare secrets in constant time, so response timing reveals nothing about a key. */
import { createHash, timingSafeEqual } from 'node:crypto';

export function safeEqual(given: string, expected: string): boolean {
  // Hashing first gives equal lengths, which timingSafeEqual requires, without leaking the key's length.
  const left = createHash('sha256').update(given).digest();
  const right = createHash('sha256').update(expected).digest();
  return timingSafeEqual(left, right);
}
