/**
 * base64url without padding (RFC 4648 §5): the alphabet that survives a URL's hash unescaped.
 * Hand-written rather than btoa/atob, which work on "binary strings" and would need a copy of
 * the data as one; this also makes the decoder's checks explicit.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

function valueOf(s: string, i: number): number {
  const code = s.charCodeAt(i);
  return code < 128 ? VALUE[code]! : -1;
}

export function bytesToBase64url(bytes: Uint8Array): string {
  const parts: string[] = [];
  let chunk = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const left = bytes.length - i;
    chunk += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]!;
    if (left > 1) chunk += ALPHABET[(n >> 6) & 63]!;
    if (left > 2) chunk += ALPHABET[n & 63]!;
    if (chunk.length >= 8192) {
      parts.push(chunk);
      chunk = '';
    }
  }
  parts.push(chunk);
  return parts.join('');
}

/** The index of the first character outside the base64url alphabet, or -1. */
export function firstNonBase64url(s: string): number {
  for (let i = 0; i < s.length; i++) if (valueOf(s, i) < 0) return i;
  return -1;
}

/** The bytes of a base64url text, or undefined when it has a foreign character or an impossible length. */
export function base64urlToBytes(s: string): Uint8Array<ArrayBuffer> | undefined {
  // Four characters carry three bytes; one character left over carries less than a byte.
  if (s.length % 4 === 1) return undefined;
  const bytes = new Uint8Array(Math.floor((s.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < s.length; i += 4) {
    const a = valueOf(s, i);
    const b = valueOf(s, i + 1);
    const c = i + 2 < s.length ? valueOf(s, i + 2) : 0;
    const d = i + 3 < s.length ? valueOf(s, i + 3) : 0;
    if ((a | b | c | d) < 0) return undefined;
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    bytes[o++] = (n >> 16) & 255;
    if (i + 2 < s.length) bytes[o++] = (n >> 8) & 255;
    if (i + 3 < s.length) bytes[o++] = n & 255;
  }
  return bytes;
}
