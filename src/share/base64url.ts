/**
 * base64url without padding (RFC 4648 §5): the alphabet that survives a URL's hash unescaped.
 * The codec is @scure/base's `base64urlnopad` (audited, and strict when decoding: it refuses a
 * foreign character, an impossible length and a last character with spare bits set, so one
 * text has one meaning); this module only turns its exceptions into `undefined` and finds the
 * first foreign character for the refusal message.
 */
import { base64urlnopad } from '@scure/base';

/** The base64url text of `bytes` (any length), without `=` padding. */
export function bytesToBase64url(bytes: Uint8Array): string {
  return base64urlnopad.encode(bytes);
}

const FOREIGN = /[^A-Za-z0-9_-]/;

/** The index (UTF-16 units) of the first character outside the base64url alphabet, or -1. */
export function firstNonBase64url(s: string): number {
  return s.search(FOREIGN);
}

/**
 * The bytes of a base64url text without padding, or undefined when it has a foreign character
 * (padding `=` included), an impossible length (4k + 1 characters) or a last character whose
 * spare bits are not zero (RFC 4648 §3.5: no encoder writes one). Never throws.
 */
export function base64urlToBytes(s: string): Uint8Array<ArrayBuffer> | undefined {
  try {
    // The codec allocates a fresh Uint8Array, so its buffer is an ArrayBuffer, never shared.
    return base64urlnopad.decode(s) as Uint8Array<ArrayBuffer>;
  } catch {
    return undefined;
  }
}
