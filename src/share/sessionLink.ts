/**
 * A session inside a link: `#session=` then the session's JSON, deflated (deflate-raw) and
 * written in base64url. The hash never reaches a server, and deflate keeps a long session's
 * link short enough to paste.
 *
 * Decoding treats the link as hostile: foreign characters, a cut-off copy, random data and a
 * small link that unpacks to gigabytes are all refused with a sentence meant for a person,
 * worded to stand alone in an alert ("This link is damaged: ...").
 */
import type { Validated } from '../sim/scenario/validateScenario';
import { base64urlToBytes, bytesToBase64url, firstNonBase64url } from './base64url';
import { deflateRaw, inflateRaw } from './deflate';
import { sessionToJson, type Session } from './session';
import { MAX_SESSION_TEXT, parseSessionText } from './validateSession';

/** The longest session data read from a link (characters of base64url). */
export const MAX_LINK_DATA = 2_000_000;
/** The most bytes a link's session may unpack to. */
export const MAX_UNPACKED_BYTES = MAX_SESSION_TEXT;

const HASH_KEY = 'session=';

const refuse = (message: string): Validated<Session> => ({ ok: false, errors: [message] });
const DOES_NOT_UNPACK = 'This link is damaged: its session data does not unpack (was it cut short when copied?)';

export async function encodeSession(session: Session): Promise<string> {
  const json = JSON.stringify(sessionToJson(session));
  return bytesToBase64url(await deflateRaw(new TextEncoder().encode(json)));
}

/** `base` is the page's address without its hash. */
export async function sessionLink(session: Session, base: string): Promise<string> {
  return `${base}#${HASH_KEY}${await encodeSession(session)}`;
}

async function decode(encoded: string): Promise<Validated<Session>> {
  if (encoded.length === 0) return refuse('This link is damaged: its session data is empty.');
  if (encoded.length > MAX_LINK_DATA) {
    return refuse(
      `This link is too long: its session data has ${encoded.length.toLocaleString('en-US')} characters (at most ${MAX_LINK_DATA.toLocaleString('en-US')}).`,
    );
  }
  const bad = firstNonBase64url(encoded);
  if (bad >= 0) {
    const found = JSON.stringify(String.fromCodePoint(encoded.codePointAt(bad)!));
    return refuse(
      `This link is damaged: its session data has ${found} at character ${bad + 1}, which a session link never contains.`,
    );
  }
  const packed = base64urlToBytes(encoded);
  if (packed === undefined) return refuse(DOES_NOT_UNPACK);
  const inflated = await inflateRaw(packed, MAX_UNPACKED_BYTES);
  if (!inflated.ok) {
    return refuse(
      inflated.reason === 'tooLarge'
        ? `This link's session is too large once unpacked (more than ${MAX_UNPACKED_BYTES.toLocaleString('en-US')} bytes).`
        : DOES_NOT_UNPACK,
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(inflated.bytes);
  } catch {
    return refuse('This link is damaged: its session data unpacks to something that is not text.');
  }
  const result = parseSessionText(text);
  if (result.ok) return result;
  // The first line says what the problems are about; the rest follow it in the alert.
  const [first, ...rest] = result.errors;
  return { ok: false, errors: [`This link's session is damaged: ${first ?? 'it could not be read'}`, ...rest] };
}

/** Decodes a link's session data. Never rejects. */
export async function decodeSession(encoded: string): Promise<Validated<Session>> {
  try {
    return await decode(encoded);
  } catch {
    return refuse("This link's session could not be read.");
  }
}

/** The session a page's hash carries (`#session=...`, maybe among other `&` parameters), or null. */
export function sessionFromHash(hash: string): Promise<Validated<Session>> | null {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  for (const part of body.split('&')) {
    if (part.startsWith(HASH_KEY)) return decodeSession(part.slice(HASH_KEY.length));
  }
  return null;
}
