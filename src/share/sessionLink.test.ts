/**
 * A session survives a link exactly; a damaged link, whatever the damage, is refused with a
 * sentence for a person, never with a rejection or a stack trace; a link that unpacks to
 * megabytes is refused quickly.
 */
import { describe, expect, it } from 'vitest';
import { bytesToBase64url } from './base64url';
import { damageLink, LINK_DAMAGE_KINDS } from '../../test-support/damage';
import { deflateRaw } from './deflate';
import { builtInSession, inlineSession } from '../../test-support/sessionFixtures';
import { decodeSession, encodeSession, sessionFromHash, sessionLink } from './sessionLink';

async function packed(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  return bytesToBase64url(await deflateRaw(bytes));
}
const packedText = (text: string) => packed(new TextEncoder().encode(text));

const DOES_NOT_UNPACK = 'This link is damaged: its session data does not unpack (was it cut short when copied?)';

describe('session links', () => {
  it.each([
    ['a built-in scenario', builtInSession],
    ['an inline scenario', inlineSession],
    [
      'a narration at its fourth step, question not yet answered',
      { ...builtInSession, narration: { index: 3, revealed: false } },
    ],
  ])('round-trip %s', async (_, session) => {
    const encoded = await encodeSession(session);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    const r = await decodeSession(encoded);
    expect(r.ok ? r.value : r.errors).toEqual(session);
  });

  it('make a link from the page address, and read it back from its hash', async () => {
    const base = 'https://example.org/raft/?seed=3';
    const link = await sessionLink(builtInSession, base);
    expect(link.startsWith(`${base}#session=`)).toBe(true);
    expect(link.length).toBeLessThan(600);
    const r = await sessionFromHash(new URL(link).hash);
    expect(r?.ok ? r.value : r).toEqual(builtInSession);
  });

  it('find the session among other hash parameters, and ignore a hash without one', async () => {
    const encoded = await encodeSession(inlineSession);
    const r = await sessionFromHash(`#paused=1&session=${encoded}&x=y`);
    expect(r?.ok ? r.value : r).toEqual(inlineSession);
    expect(sessionFromHash('')).toBeNull();
    expect(sessionFromHash('#')).toBeNull();
    expect(sessionFromHash('#seed=3&paused=1')).toBeNull();
    expect(sessionFromHash('#sessions=abc')).toBeNull();
  });
});

describe('damaged links are refused with a sentence', () => {
  it.each<[string, () => Promise<string>, string]>([
    ['empty', () => Promise.resolve(''), 'This link is damaged: its session data is empty.'],
    [
      'a foreign character',
      async () => {
        const encoded = await encodeSession(builtInSession);
        return `${encoded.slice(0, 10)}%${encoded.slice(10)}`;
      },
      'This link is damaged: its session data has "%" at character 11, which a session link never contains.',
    ],
    [
      'too long',
      () => Promise.resolve('A'.repeat(2_000_001)),
      'This link is too long: its session data has 2,000,001 characters (at most 2,000,000).',
    ],
    ['cut short', async () => (await encodeSession(builtInSession)).slice(0, -5), DOES_NOT_UNPACK],
    ['an impossible length', () => Promise.resolve('AAAAA'), DOES_NOT_UNPACK],
    ['not deflate', () => Promise.resolve('SGVsbG8gd29ybGQ'), DOES_NOT_UNPACK],
    [
      'not text',
      () => packed(new Uint8Array([0xff, 0xfe, 0xfd])),
      'This link is damaged: its session data unpacks to something that is not text.',
    ],
    [
      'not JSON',
      () => packedText('{"format": '),
      "This link's session is damaged: not valid JSON: the text ends too early (was it cut short?)",
    ],
    [
      'a session with a problem',
      () => packedText('{"format": "raft-visualizer-session", "version": 1}'),
      "This link's session is damaged: scenario: is required",
    ],
    [
      'a session from a newer page',
      () => packedText('{"format": "raft-visualizer-session", "version": 2}'),
      "This link's session is damaged: version: this session was made by a newer version of this page (version 2; this page reads version 1)",
    ],
  ])('%s', async (_, link, expected) => {
    const r = await decodeSession(await link());
    expect(r.ok ? r.value : r.errors[0]).toBe(expected);
  });

  it('refuses a link that unpacks past 5 MB in under a second', async () => {
    const bomb = await packedText(' '.repeat(6_000_000));
    expect(bomb.length).toBeLessThan(10_000);
    const started = performance.now();
    const r = await decodeSession(bomb);
    const elapsed = performance.now() - started;
    expect(r).toEqual({
      ok: false,
      errors: ["This link's session is too large once unpacked (more than 5,000,000 bytes)."],
    });
    expect(elapsed).toBeLessThan(1000);
  });

  it('refuses 500 damaged links, none rejecting, each with a readable message', async () => {
    const kinds = new Map<string, number>();
    const started = performance.now();
    for (let seed = 1; seed <= 500; seed++) {
      const { hash, kind } = await damageLink(seed % 2 === 0 ? inlineSession : builtInSession, seed);
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      const pending = sessionFromHash(hash);
      expect(pending).not.toBeNull();
      const r = await pending!;
      expect(r.ok, `seed ${seed} (${kind})`).toBe(false);
      if (r.ok) continue;
      expect(r.errors.length).toBeGreaterThan(0);
      for (const e of r.errors) {
        expect(typeof e).toBe('string');
        expect(e.length).toBeGreaterThan(0);
        expect(e).not.toContain('    at ');
      }
      expect(r.errors[0]).toMatch(/^This link/);
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(`500 damaged links made and refused in ${seconds.toFixed(2)} s`, Object.fromEntries(kinds));
    expect([...kinds.keys()].sort()).toEqual([...LINK_DAMAGE_KINDS].sort());
  });

  it('damages deterministically', async () => {
    expect(await damageLink(builtInSession, 9)).toEqual(await damageLink(builtInSession, 9));
  });
});
