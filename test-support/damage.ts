/**
 * Deterministic damage for tests: from a valid session, session files and `#session=` links
 * that are broken in the ways files and links get broken (cut short, edited by hand, mangled
 * in transit, made hostile on purpose). Every item returned is checked to be refused, retrying
 * with the next sub-seed when a random change happens to leave the session valid.
 *
 * Seeded through sim/prng, so a failing seed can be replayed.
 */
import { Prng } from '../src/sim/core/prng';
import { bytesToBase64url } from '../src/share/base64url';
import { deflateRaw } from '../src/share/deflate';
import { sessionToJson, type Session } from '../src/share/session';
import { decodeSession, encodeSession } from '../src/share/sessionLink';
import { parseSessionText } from '../src/share/validateSession';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Key = string | number;

interface Place {
  readonly path: readonly Key[];
  readonly value: Json;
}

export const FILE_DAMAGE_KINDS = [
  'truncated',
  'wrongType',
  'hugeNumber',
  'unknownNode',
  'script',
  'unknownField',
  'missingField',
  'badJson',
] as const;
export type FileDamageKind = (typeof FILE_DAMAGE_KINDS)[number];

export const LINK_DAMAGE_KINDS = ['truncatedLink', 'badCharacter', 'garbage', 'bomb', ...FILE_DAMAGE_KINDS] as const;
export type LinkDamageKind = (typeof LINK_DAMAGE_KINDS)[number];

/** Tries per kind before moving on to the next kind. */
const ATTEMPTS = 16;

const SCRIPTS = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', 'javascript:alert(1)'];
const OUT_OF_RANGE: readonly Json[] = [1e300, -1e300, 2 ** 60, -1, 0.5, 'NaN', 'Infinity'];
const STRANGE_NODES = ['S9', 'S0', 'S10', 's1', 'node-9'];
const EXTRA_KEYS = ['extra', '__proto__', 'constructor', 'toString', 'S9'];
const ONE_OF_EACH_TYPE: Readonly<Record<string, Json>> = {
  null: null,
  boolean: true,
  number: 42,
  string: 'oops',
  array: [],
  object: {},
};
const SYNTAX_BREAKERS = ['{', '}', '[', ']', ':', ',', '"', '\\', 'x', '#', '\u0000'];
const LINK_BREAKERS = ['%', '!', '<', ' '];
const BOMB_PADDING = 6_000_000;

// ---------------------------------------------------------------------------------------
// JSON trees

function toJson(v: unknown): Json {
  const text = JSON.stringify(v) as string | undefined;
  return text === undefined ? null : (JSON.parse(text) as Json);
}

function isRecord(v: Json): v is { [key: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function typeOf(v: Json): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

/** Every value of the tree with its path, the root included. */
function placesOf(root: Json): Place[] {
  const places: Place[] = [];
  const stack: Place[] = [{ path: [], value: root }];
  for (let place = stack.pop(); place !== undefined; place = stack.pop()) {
    places.push(place);
    const { path, value } = place;
    if (Array.isArray(value)) value.forEach((item, i) => stack.push({ path: [...path, i], value: item }));
    else if (isRecord(value))
      for (const [k, item] of Object.entries(value)) stack.push({ path: [...path, k], value: item });
  }
  return places;
}

/** A copy of `root` with the value at `path` replaced (or removed, for `undefined`). */
function edited(root: Json, path: readonly Key[], value: Json | undefined): Json {
  if (path.length === 0) return value ?? null;
  const copy = toJson(root);
  let parent: Json = copy;
  for (const key of path.slice(0, -1)) {
    const next: Json | undefined = Array.isArray(parent)
      ? parent[key as number]
      : isRecord(parent)
        ? parent[key]
        : undefined;
    if (next === undefined) return copy;
    parent = next;
  }
  const last = path[path.length - 1]!;
  if (Array.isArray(parent) && typeof last === 'number') {
    if (value === undefined) parent.splice(last, 1);
    else parent[last] = value;
  } else if (isRecord(parent)) {
    if (value === undefined) delete parent[last];
    // defineProperty makes "__proto__" an own key, as JSON.parse would, instead of the prototype.
    else Object.defineProperty(parent, last, { value, enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

function fileText(json: Json): string {
  return JSON.stringify(json, null, 2);
}

/** Where a step names a node: `node`, `from`, `to` and partition groups, in inputs and inline scenario steps. */
function isNodeReference({ path, value }: Place): boolean {
  if (typeof value !== 'string') return false;
  const inStep = (path[0] === 'inputs' && path[2] === 'step') || (path[0] === 'scenario' && path[1] === 'steps');
  const last = path[path.length - 1];
  return inStep && (last === 'node' || last === 'from' || last === 'to' || path.includes('groups'));
}

// ---------------------------------------------------------------------------------------
// File damage: each returns the damaged text, or undefined when the session has no such place.

type FileDamage = (valid: Json, rng: Prng) => string | undefined;

function replaceSomewhere(valid: Json, rng: Prng, where: (p: Place) => boolean, values: readonly Json[]) {
  const places = placesOf(valid).filter(where);
  if (places.length === 0 || values.length === 0) return undefined;
  return fileText(edited(valid, rng.pick(places).path, rng.pick(values)));
}

const FILE_DAMAGE: Record<FileDamageKind, FileDamage> = {
  truncated: (valid, rng) => {
    const text = fileText(valid);
    return text.slice(0, rng.int(text.length));
  },
  wrongType: (valid, rng) => {
    const place = rng.pick(placesOf(valid));
    const others = Object.entries(ONE_OF_EACH_TYPE).filter(([type]) => type !== typeOf(place.value));
    return fileText(edited(valid, place.path, rng.pick(others)[1]));
  },
  hugeNumber: (valid, rng) => replaceSomewhere(valid, rng, (p) => typeof p.value === 'number', OUT_OF_RANGE),
  unknownNode: (valid, rng) => replaceSomewhere(valid, rng, isNodeReference, STRANGE_NODES),
  // Only where a string is checked against a list: free text (a write's key or value, a
  // description) may legitimately hold anything.
  script: (valid, rng) =>
    replaceSomewhere(
      valid,
      rng,
      (p) =>
        (p.path.length === 1 &&
          (p.path[0] === 'format' || (p.path[0] === 'scenario' && typeof p.value === 'string'))) ||
        isNodeReference(p) ||
        p.path[p.path.length - 1] === 'do',
      SCRIPTS,
    ),
  unknownField: (valid, rng) => {
    const objects = placesOf(valid).filter((p) => isRecord(p.value));
    if (objects.length === 0) return undefined;
    const path = [...rng.pick(objects).path, rng.pick(EXTRA_KEYS)];
    return fileText(edited(valid, path, rng.pick([1, 'x', null, {}])));
  },
  missingField: (valid, rng) => {
    const objects = placesOf(valid).filter((p) => isRecord(p.value) && Object.keys(p.value).length > 0);
    if (objects.length === 0) return undefined;
    const { path, value } = rng.pick(objects);
    return fileText(edited(valid, [...path, rng.pick(Object.keys(value as object))], undefined));
  },
  badJson: (valid, rng) => {
    let text = fileText(valid);
    for (let flips = 1 + rng.int(3); flips > 0; flips--) {
      const at = rng.int(text.length);
      text = text.slice(0, at) + rng.pick(SYNTAX_BREAKERS) + text.slice(at + 1);
    }
    return text;
  },
};

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function refused(kind: FileDamageKind, text: string): boolean {
  if (kind === 'badJson' && parses(text)) return false;
  return !parseSessionText(text).ok;
}

function damageAs(kind: FileDamageKind, valid: Json, seed: number, stream: string): string | undefined {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const text = FILE_DAMAGE[kind](valid, Prng.of(seed, `${stream}:${kind}:${attempt}`));
    if (text === undefined) return undefined;
    if (refused(kind, text)) return text;
  }
  return undefined;
}

/** Kinds in the order to try them: one chosen by the seed, then the others in turn when it does not apply. */
function kindsFrom<K>(kinds: readonly K[], seed: number, stream: string): K[] {
  const first = Prng.of(seed, stream).int(kinds.length);
  return kinds.map((_, i) => kinds[(first + i) % kinds.length]!);
}

/** A damaged session file (text) that parseSessionText refuses. */
export function damageSessionJson(valid: unknown, seed: number): { text: string; kind: string } {
  const json = toJson(valid);
  for (const kind of kindsFrom(FILE_DAMAGE_KINDS, seed, 'damage:file')) {
    const text = damageAs(kind, json, seed, 'damage:file');
    if (text !== undefined) return { text, kind };
  }
  return { text: '', kind: 'truncated' };
}

// ---------------------------------------------------------------------------------------
// Link damage

async function pack(text: string): Promise<string> {
  return bytesToBase64url(await deflateRaw(new TextEncoder().encode(text)));
}

/** Bombs made, by session JSON: each deflates 6 MB. A few sessions at most are damaged in a test run. */
const bombs = new Map<string, Promise<string>>();

/** The valid session's JSON padded with 6 MB of spaces: valid JSON, so only the size cap refuses it. */
function bomb(valid: Session): Promise<string> {
  const json = JSON.stringify(sessionToJson(valid));
  let packed = bombs.get(json);
  if (packed === undefined) {
    if (bombs.size >= 4) bombs.clear();
    packed = pack(json + ' '.repeat(BOMB_PADDING));
    bombs.set(json, packed);
  }
  return packed;
}

async function linkDataAs(
  kind: LinkDamageKind,
  valid: Session,
  encoded: string,
  rng: Prng,
): Promise<string | undefined> {
  switch (kind) {
    case 'truncatedLink':
      return encoded.slice(0, rng.int(encoded.length));
    case 'badCharacter': {
      const at = rng.int(encoded.length + 1);
      return encoded.slice(0, at) + rng.pick(LINK_BREAKERS) + encoded.slice(at);
    }
    case 'garbage':
      return bytesToBase64url(Uint8Array.from({ length: 1 + rng.int(256) }, () => rng.int(256)));
    case 'bomb':
      return bomb(valid);
    default: {
      const text = damageAs(kind, toJson(sessionToJson(valid)), rng.int(2 ** 31), 'damage:link');
      return text === undefined ? undefined : pack(text);
    }
  }
}

/** A damaged `#session=...` hash that decodeSession refuses. */
export async function damageLink(valid: Session, seed: number): Promise<{ hash: string; kind: string }> {
  const encoded = await encodeSession(valid);
  for (const kind of kindsFrom(LINK_DAMAGE_KINDS, seed, 'damage:link')) {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const data = await linkDataAs(kind, valid, encoded, Prng.of(seed, `damage:link:${kind}:${attempt}`));
      if (data === undefined) break;
      // A bomb is refused by construction (past the unpacking limit, and past the text limit
      // even without it); checking would unpack 5 MB a second time.
      if (kind === 'bomb' || !(await decodeSession(data)).ok) return { hash: `#session=${data}`, kind };
    }
  }
  return { hash: '#session=', kind: 'truncatedLink' };
}
