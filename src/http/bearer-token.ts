/** @module Reads the credential of an `Authorization: Bearer <token>` header and checks it against a secret. */
import { safeEqual } from './safe-equal.ts';

/** The token of a Bearer header, or null when there is none. The scheme name is case-insensitive (RFC 9110 §11.1). */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer[ \t]+(.*)$/i.exec(header ?? '');
  const token = match?.[1]?.trim() ?? '';
  return token === '' ? null : token;
}

/** Whether the header carries exactly `secret` as its Bearer token, compared in constant time. */
export function hasBearerToken(header: string | undefined, secret: string): boolean {
  const token = bearerToken(header);
  return token !== null && safeEqual(token, secret);
}
