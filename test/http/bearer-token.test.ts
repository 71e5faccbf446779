import { describe, expect, it } from 'vitest';
import { bearerToken, hasBearerToken } from '../../src/http/bearer-token.ts';

describe('bearerToken', () => {
  it('reads the token after the scheme, whatever the scheme’s case and the spacing', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer   abc  ')).toBe('abc');
    expect(bearerToken('BEARER\tabc')).toBe('abc');
  });

  it('finds no token without the Bearer scheme or with an empty one', () => {
    for (const header of [undefined, '', 'abc', 'Basic abc', 'Bearer', 'Bearer   ', 'Bearerabc']) expect(bearerToken(header), String(header)).toBeNull();
  });

  it('accepts only the exact secret', () => {
    expect(hasBearerToken('Bearer s3cret', 's3cret')).toBe(true);
    expect(hasBearerToken('Bearer s3cret s3cret', 's3cret')).toBe(false);
    expect(hasBearerToken('Bearer s3cre', 's3cret')).toBe(false);
    expect(hasBearerToken(undefined, 's3cret')).toBe(false);
  });
});
