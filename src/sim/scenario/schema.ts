/**
 * The pieces every validator of outside input is built from (scenario files, their
 * narration, sessions): valibot schemas whose messages are ours, with the words of
 * limits.ts, and one formatter that turns a valibot issue into a place and a message,
 * such as `steps[3].node: unknown node "S9"` or `initial.S1.term: must be at most ...`.
 * Cross-references (unknown nodes, Log Matching, duplicate ids) are the validators' own
 * checks on top of these.
 */
import * as v from 'valibot';
import { countProblem, lengthProblem, MAX_WORD_LENGTH, numberProblem, type NumberLimit } from './limits';
import type { NodeId } from '../../raft/types';
import { dict, type Dict } from '../../util/dict';
import { jsonSyntaxProblem } from '../../util/jsonSyntax';
import { compileWatch, WATCH_MAX_LENGTH } from './watch';

export type Validated<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: string[] };

/**
 * JSON text as a value, or the sentence for its syntax error. A byte order mark, as some
 * editors write at the start of a UTF-8 file, is not part of the JSON.
 */
export function readJson(
  text: string,
): { readonly ok: true; readonly json: unknown } | { readonly ok: false; readonly error: string } {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    return { ok: true, json: JSON.parse(body) as unknown };
  } catch {
    return { ok: false, error: jsonSyntaxProblem(body) };
  }
}

/** A schema from any value to a T (valibot's GenericSchema). */
export type Schema<T> = v.GenericSchema<unknown, T>;

/** A place inside a value: object keys and array indexes, from the outside in. */
export type Place = readonly [string | number, ...(string | number)[]];

type IssuePath = [v.IssuePathItem, ...v.IssuePathItem[]];

export function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** A value as a message shows it: `null`, `an array`, `the string "x"`, `number 1.5`, `an object`. */
export function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'an array';
  if (typeof x === 'string') return `the string ${quote(x)}`;
  if (typeof x === 'number' || typeof x === 'boolean') return `${typeof x} ${x}`;
  return typeof x === 'object' ? 'an object' : typeof x;
}

/** A string in double quotes, cut to 40 characters. */
export function quote(s: string): string {
  return JSON.stringify(s.length > 40 ? s.slice(0, 40) + '…' : s);
}

/** Where an issue is, in our syntax: `steps[3].node`, after `prefix` (a place already written out). */
function placeOf(prefix: string, path: readonly v.IssuePathItem[] | undefined): string {
  let place = prefix;
  for (const { key } of path ?? []) {
    if (typeof key === 'number') place += `[${key}]`;
    else place += place === '' ? String(key) : `.${String(key)}`;
  }
  return place;
}

/** An issue path for a place (for issues a check adds below the value it checks). */
export function pathOf(place: Place): IssuePath {
  const item = (key: string | number): v.IssuePathItem => ({
    type: 'unknown',
    origin: 'value',
    input: undefined,
    key,
    value: undefined,
  });
  return [item(place[0]), ...place.slice(1).map(item)];
}

/**
 * The problems found in one value from outside, each as `place: message`. Only the first
 * `keep` are kept as text (a hostile file can have millions); `count` counts them all.
 */
export class Problems {
  readonly errors: string[] = [];
  count = 0;
  constructor(private readonly keep = Infinity) {}

  add(place: string, message: string): void {
    this.count++;
    if (this.errors.length < this.keep) this.errors.push(place === '' ? message : `${place}: ${message}`);
  }

  /** Checks `value` against `schema`, adding each issue at `place` plus the issue's path; the output if none. */
  parse<T>(place: string, schema: Schema<T>, value: unknown): T | undefined {
    const result = v.safeParse(schema, value);
    if (result.success) return result.output;
    for (const issue of result.issues) this.add(placeOf(place, issue.path), issue.message);
    return undefined;
  }
}

/** The message `expected <what>, got <the value as `show` writes it>`. */
export function expected(what: string, show: (x: unknown) => string = describe) {
  return (issue: v.BaseIssue<unknown>): string => `expected ${what}, got ${show(issue.input)}`;
}

/**
 * A check on a value with no problem found so far, anywhere inside it (valibot's own checks
 * also run on a value a check found wrong, as it is still "typed"): `problemOf` gives the
 * first thing wrong with it in words (limits.ts), or undefined; it may also report problems
 * at places below the value.
 */
export function problem<T>(
  problemOf: (value: T, report: (place: Place, message: string) => void) => string | undefined,
) {
  return v.rawCheck<T>(({ dataset, addIssue }) => {
    if (!dataset.typed || dataset.issues !== undefined) return;
    const message = problemOf(dataset.value, (place, m) => addIssue({ message: m, path: pathOf(place) }));
    if (message !== undefined) addIssue({ message });
  });
}

/** The output of `schema` for `value`, or undefined if it does not pass. */
export function valid<T>(schema: Schema<T>, value: unknown): T | undefined {
  const result = v.safeParse(schema, value);
  return result.success ? result.output : undefined;
}

/**
 * A schema that accepts anything as a T, for a part that cannot be checked yet (what needs
 * the nodes, while the nodes are wrong): the whole is refused anyway.
 */
export function unchecked<T>(): Schema<T> {
  return v.custom<T>(() => true);
}

/** A number within one of the limits of limits.ts, in its words: `must be at most 3600000 (one hour of virtual time), got 1e+300`. */
export function limited(limit: NumberLimit): Schema<number> {
  const what = limit.integer === true ? 'an integer' : 'a number';
  return v.pipe(
    v.number(expected(what)),
    problem((n: number) =>
      !Number.isFinite(n) || (limit.integer === true && !Number.isSafeInteger(n))
        ? `expected ${what}, got ${describe(n)}`
        : numberProblem(n, limit),
    ),
  );
}

/** Half of a UTF-16 surrogate pair without its other half. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * A string of at most `maxLength` characters, empty only if `allowEmpty`, and valid Unicode:
 * a lone surrogate cannot survive UTF-8 (a file, a link), so it would come back as another name.
 */
export function text(maxLength = MAX_WORD_LENGTH, allowEmpty = true): Schema<string> {
  return v.pipe(
    v.string(expected('a string')),
    problem((s: string) => {
      if (!allowEmpty && s.length === 0) return 'must not be empty';
      const tooLong = lengthProblem(s, maxLength);
      if (tooLong !== undefined) return tooLong;
      const lone = LONE_SURROGATE.exec(s);
      if (lone === null) return undefined;
      const code = lone[0].charCodeAt(0).toString(16).toUpperCase();
      return `is not valid Unicode text: a lone surrogate \\u${code} at character ${lone.index + 1}`;
    }),
  );
}

export const flag: Schema<boolean> = v.boolean(expected('true or false'));

/**
 * An array of `item`s (`expected <what>`), of at most `max.count` (`at most 9 nodes, got 15`),
 * counted before any item is read.
 */
export function list<T>(
  item: Schema<T>,
  what: string,
  max?: { readonly count: number; readonly noun: string },
  show: (x: unknown) => string = describe,
): Schema<T[]> {
  return v.pipe(
    v.custom<unknown[]>((x) => Array.isArray(x), expected(what, show)),
    problem((a: unknown[]) => (max === undefined ? undefined : countProblem(a.length, max.count, max.noun))),
    v.array(item),
  );
}

/** Keys valibot's objects pass over in silence (its guard against prototype pollution). */
const SKIPPED_KEYS = ['__proto__', 'prototype', 'constructor'];

/**
 * An object (`expected <what>`) with these fields and no other (`unknown field (expected one
 * of ...)`, each reported); a missing field is `is required`, or `missing(key)`'s words.
 * A field named like one of SKIPPED_KEYS is refused before the rest is read.
 */
export function fields<const E extends v.ObjectEntries>(
  entries: E,
  what = 'an object',
  show: (x: unknown) => string = describe,
  missing: (key: string) => string = () => 'is required',
): Schema<v.InferOutput<v.ObjectSchema<E, undefined>>> {
  const allowed = Object.keys(entries);
  const unknown = `unknown field (expected one of ${allowed.join(', ')})`;
  return v.pipe(
    v.custom<unknown>(isObject, expected(what, show)),
    problem((obj: unknown, report) => {
      for (const key of SKIPPED_KEYS)
        if (isObject(obj) && Object.hasOwn(obj, key) && !allowed.includes(key)) report([key], unknown);
      return undefined;
    }),
    v.objectWithRest(entries, v.never(unknown), (issue) => missing(String(issue.path?.[0]?.key))),
  );
}

/**
 * An object keyed by names from outside, as a null-prototype dict (util/dict.ts): each key
 * is checked by `keyProblem`, each value by `value`. Not valibot's record, which passes over
 * `__proto__` and `constructor` in silence: here they are names like any other.
 */
export function dictOf<T>(
  keyProblem: (key: string) => string | undefined,
  value: Schema<T>,
  what: string,
): Schema<Dict<T>> {
  return v.pipe(
    v.custom<Record<string, unknown>>(isObject, expected(what)),
    v.rawTransform(({ dataset, addIssue }) => {
      const out = dict<T>();
      for (const [key, raw] of Object.entries(dataset.value)) {
        const keyPath = pathOf([key]);
        const wrong = keyProblem(key);
        if (wrong !== undefined) {
          addIssue({ message: wrong, path: keyPath });
          continue;
        }
        const result = v.safeParse(value, raw);
        if (result.success) out[key] = result.output;
        else
          for (const issue of result.issues)
            addIssue({ message: issue.message, path: [keyPath[0], ...(issue.path ?? [])] });
      }
      return out;
    }),
  );
}

/** The words for a server name that is not one of the scenario's: `unknown node "S9" (nodes are S1, S2, S3)`. */
export function unknownNode(id: string, nodes: readonly NodeId[]): string {
  return `unknown node ${quote(id)} (nodes are ${nodes.join(', ')})`;
}

/** A reference to one of `nodes` by its id (a string of the id's limits). */
export function nodeRef(nodes: readonly NodeId[]): Schema<NodeId> {
  return v.pipe(
    text(),
    problem((id: string) => (nodes.includes(id) ? undefined : unknownNode(id, nodes))),
  );
}

/**
 * A watch expression (sim/scenario/watch.ts) over `nodes`, as narration's `when`/`expect` and the
 * debugger's breakpoint use it: at most WATCH_MAX_LENGTH characters, compiled, its error said with
 * its column. Blank is allowed (meaning none) only where `blank` is 'none'.
 */
export function watchExpression(nodes: readonly NodeId[], blank: 'none' | 'refused'): Schema<string> {
  return v.pipe(
    text(WATCH_MAX_LENGTH),
    problem((source: string) => {
      if (source.trim() === '') return blank === 'none' ? undefined : 'expected a watch expression, got a blank string';
      const compiled = compileWatch(source, nodes);
      return compiled.ok ? undefined : `${compiled.error} (at column ${compiled.column + 1})`;
    }),
  );
}
