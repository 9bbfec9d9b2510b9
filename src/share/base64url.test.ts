/**
 * base64url without padding: RFC 4648's test vectors, agreement with Node's own encoder,
 * round trips of every length up to 100 bytes, and the refusals a damaged link relies on.
 */
import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { base64urlToBytes, bytesToBase64url, firstNonBase64url } from './base64url';

const ascii = (s: string) => new TextEncoder().encode(s);

/** `length` bytes covering every value, deterministically. */
const bytesOf = (length: number) => Uint8Array.from({ length }, (_, i) => (i * 167 + length * 13) & 255);

describe('base64url', () => {
  it.each([
    ['', ''],
    ['f', 'Zg'],
    ['fo', 'Zm8'],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg'],
    ['fooba', 'Zm9vYmE'],
    ['foobar', 'Zm9vYmFy'],
  ])('RFC 4648 §10: %j is %j without padding, and back', (text, encoded) => {
    expect(bytesToBase64url(ascii(text))).toBe(encoded);
    expect(base64urlToBytes(encoded)).toEqual(ascii(text));
  });

  it('uses - and _ where base64 has + and /', () => {
    expect(bytesToBase64url(new Uint8Array([0xfb, 0xff, 0xbf]))).toBe('-_-_');
    expect(base64urlToBytes('-_-_')).toEqual(new Uint8Array([0xfb, 0xff, 0xbf]));
  });

  it('agrees with Node and round-trips every length from 0 to 100 bytes', () => {
    for (let length = 0; length <= 100; length++) {
      const bytes = bytesOf(length);
      const encoded = bytesToBase64url(bytes);
      expect(encoded, `length ${length}`).toBe(Buffer.from(bytes).toString('base64url'));
      expect(base64urlToBytes(encoded), `length ${length}`).toEqual(bytes);
    }
  });

  it('round-trips the 1.5 MB of the longest link data (2,000,000 characters)', () => {
    const bytes = bytesOf(1_500_000);
    const encoded = bytesToBase64url(bytes);
    expect(encoded.length).toBe(2_000_000);
    expect(encoded === Buffer.from(bytes).toString('base64url')).toBe(true);
    const decoded = base64urlToBytes(encoded);
    expect(decoded !== undefined && Buffer.from(bytes).equals(decoded)).toBe(true);
  });

  it.each([
    ['one character', 'A'],
    ['4k + 1 characters', 'AAAAA'],
    ['padding', 'Zg=='],
    ['the base64 alphabet', 'ab+/'],
    ['a percent escape', 'Zm%38'],
    ['a space', 'Zm9 v'],
    ['a letter outside ASCII', 'Zm9é'],
    ['a lone surrogate', 'Zm9\ud800'],
    ['spare bits set in the last character', 'Zh'],
    ['spare bits set after two bytes', 'Zm9'],
  ])('refuses %s', (_, s) => {
    expect(base64urlToBytes(s)).toBeUndefined();
  });

  it.each([
    ['Zm9vYmFy', -1],
    ['', -1],
    ['-_', -1],
    ['%Zm9v', 0],
    ['Zm9v=', 4],
    ['Zm+9', 2],
    ['Zmé9', 2],
  ])('firstNonBase64url(%j) is %i', (s, index) => {
    expect(firstNonBase64url(s)).toBe(index);
  });
});
