/**
 * Watch expressions: the small, safe language a person types to pause the simulation when
 * something becomes true, e.g. `S1.term > 3`, `leaders > 1` or `S2.role == candidate`.
 *
 * `compileWatch` runs a hand-written tokenizer, a recursive-descent parser to an AST, and a
 * checker that type-checks the AST and turns it into closures in one pass; evaluating is then
 * a call of those closures (no eval, no Function, no regular expressions, no allocation).
 * Every problem becomes one plain sentence and the 0-based column it is about, so the box can
 * be validated as one types.
 *
 * Types are number, boolean, role and server-or-none. A down node's `.role` reads `crashed`;
 * the bare word `crashed` is the count of down nodes, except when compared with a role.
 */
import type { Role } from '../../raft/types';

export interface WatchNode {
  readonly id: string;
  readonly up: boolean;
  /** A crashed node keeps its last role word. */
  readonly role: Role;
  readonly term: number;
  readonly votedFor: string | null;
  readonly commitIndex: number;
  readonly lastApplied: number;
  readonly logLength: number;
  /** 0 for an empty log. */
  readonly lastLogTerm: number;
}

export interface WatchScope {
  readonly nodes: readonly WatchNode[];
  readonly t: number;
}

export type CompiledWatch =
  | { readonly ok: true; readonly source: string; evaluate(scope: WatchScope): boolean }
  | {
      readonly ok: false;
      readonly source: string;
      readonly error: string;
      /** 0-based column of the problem */
      readonly column: number;
    };

export const WATCH_MAX_LENGTH = 200;

/** Short help text listing what can be written, for the UI's description. */
export const WATCH_HELP = [
  'Pause when this becomes true, e.g. S1.term > 3, leaders > 1, S2.role == candidate.',
  'Server fields: S1.term, .role, .up, .crashed, .votedFor, .commitIndex, .lastApplied, .log (length), .lastLogTerm,',
  '.leader, .candidate, .precandidate, .follower (up and in that role).',
  'Cluster: leaders, candidates, precandidates, followers, up, crashed (counts), maxTerm, minTerm, committed (highest commitIndex), t (ms).',
  'Values: numbers, true, false, none, follower, precandidate, candidate, leader, crashed, server ids (S3.votedFor == S1).',
  'Operators: == != < <= > >= + - and (&&) or (||) not (!) and parentheses.',
].join('\n');

// ---------------------------------------------------------------------------------------
// Tokens

interface Token {
  readonly kind: 'num' | 'name' | 'op' | 'end';
  /** As typed, for messages. */
  readonly text: string;
  /** The canonical operator (`and` → `&&`, `=` → `==`), or the text. */
  readonly op: string;
  readonly col: number;
  readonly end: number;
}

/** A problem in the expression; its message is shown as is, never its stack. */
class WatchError extends Error {
  constructor(
    message: string,
    readonly column: number,
  ) {
    super(message);
  }
}

const OPERATORS: readonly (readonly [string, string])[] = [
  ['===', '=='],
  ['!==', '!='],
  ['==', '=='],
  ['!=', '!='],
  ['<=', '<='],
  ['>=', '>='],
  ['&&', '&&'],
  ['||', '||'],
  ['=', '=='],
  ['<', '<'],
  ['>', '>'],
  ['!', '!'],
  ['+', '+'],
  ['-', '-'],
  ['(', '('],
  [')', ')'],
  ['.', '.'],
];
const WORD_OPERATORS: ReadonlyMap<string, string> = new Map([
  ['and', '&&'],
  ['or', '||'],
  ['not', '!'],
]);

const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isNameStart = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
const isNameChar = (c: string): boolean => isNameStart(c) || isDigit(c);

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: Token['kind'], start: number, op?: string): void => {
    const text = src.slice(start, i);
    tokens.push({ kind, text, op: op ?? text, col: start, end: i });
  };
  while (i < src.length) {
    const c = src.charAt(i);
    const start = i;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (isDigit(c)) {
      while (isDigit(src.charAt(i))) i++;
      if (src.charAt(i) === '.' && isDigit(src.charAt(i + 1))) {
        i++;
        while (isDigit(src.charAt(i))) i++;
      }
      push('num', start);
    } else if (isNameStart(c)) {
      while (isNameChar(src.charAt(i))) i++;
      const word = WORD_OPERATORS.get(src.slice(start, i).toLowerCase());
      push(word === undefined ? 'name' : 'op', start, word);
    } else {
      const match = OPERATORS.find(([text]) => src.startsWith(text, i));
      if (match !== undefined) {
        i += match[0].length;
        push('op', start, match[1]);
      } else if (c === '&' || c === '|') {
        throw new WatchError(`unexpected "${c}"; write "${c}${c}" or "${c === '&' ? 'and' : 'or'}"`, i);
      } else if (c === '"' || c === "'" || c === '`') {
        throw new WatchError('quotes are not needed; write words as they are, e.g. S2.role == candidate', i);
      } else {
        throw new WatchError(`unexpected character "${String.fromCodePoint(src.codePointAt(i) ?? 0)}"`, i);
      }
    }
  }
  tokens.push({ kind: 'end', text: '', op: '', col: src.length, end: src.length });
  return tokens;
}

// ---------------------------------------------------------------------------------------
// AST and parser

type RoleWord = Role | 'crashed';
type Aggregate =
  | 'leaders'
  | 'candidates'
  | 'precandidates'
  | 'followers'
  | 'up'
  | 'crashed'
  | 'maxTerm'
  | 'minTerm'
  | 'committed'
  | 't';
type BinaryOp = '+' | '-' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '&&' | '||';

/** What a word that is not a server id stands for. */
type WordMeaning =
  | { readonly k: 'literal'; readonly value: number | boolean | null }
  | { readonly k: 'role'; readonly role: RoleWord }
  | { readonly k: 'aggregate'; readonly name: Aggregate };

type Expr = { readonly col: number; readonly end: number } & (
  | WordMeaning
  | { readonly k: 'server'; readonly id: string }
  | { readonly k: 'field'; readonly id: string; readonly field: FieldName }
  | { readonly k: 'not' | 'neg'; readonly op: Token; readonly arg: Expr }
  | { readonly k: 'binary'; readonly op: Token; readonly left: Expr; readonly right: Expr }
);

type FieldName = keyof typeof FIELDS;
const FIELDS = {
  term: { type: 'number', read: (n: WatchNode) => n.term },
  role: { type: 'role', read: (n: WatchNode) => (n.up ? n.role : 'crashed') },
  up: { type: 'boolean', read: (n: WatchNode) => n.up },
  crashed: { type: 'boolean', read: (n: WatchNode) => !n.up },
  votedFor: { type: 'node', read: (n: WatchNode) => n.votedFor },
  commitIndex: { type: 'number', read: (n: WatchNode) => n.commitIndex },
  lastApplied: { type: 'number', read: (n: WatchNode) => n.lastApplied },
  log: { type: 'number', read: (n: WatchNode) => n.logLength },
  lastLogTerm: { type: 'number', read: (n: WatchNode) => n.lastLogTerm },
  leader: { type: 'boolean', read: (n: WatchNode) => n.up && n.role === 'leader' },
  candidate: { type: 'boolean', read: (n: WatchNode) => n.up && n.role === 'candidate' },
  precandidate: { type: 'boolean', read: (n: WatchNode) => n.up && n.role === 'precandidate' },
  follower: { type: 'boolean', read: (n: WatchNode) => n.up && n.role === 'follower' },
} as const satisfies Record<string, { type: Type; read: (n: WatchNode) => Value }>;
const FIELD_NAMES = Object.keys(FIELDS) as FieldName[];

/** Lower-case spellings of the fields (plus `logLength`). */
const FIELD_BY_LOWER = new Map<string, FieldName>([
  ...FIELD_NAMES.map((f) => [f.toLowerCase(), f] as const),
  ['loglength', 'log'],
]);

/** Words that are not server ids, by lower-case spelling. */
const WORDS = new Map<string, WordMeaning>([
  ['true', { k: 'literal', value: true }],
  ['false', { k: 'literal', value: false }],
  ['null', { k: 'literal', value: null }],
  ['none', { k: 'literal', value: null }],
  ['follower', { k: 'role', role: 'follower' }],
  ['candidate', { k: 'role', role: 'candidate' }],
  ['precandidate', { k: 'role', role: 'precandidate' }],
  ['leader', { k: 'role', role: 'leader' }],
  ['leaders', { k: 'aggregate', name: 'leaders' }],
  ['candidates', { k: 'aggregate', name: 'candidates' }],
  ['precandidates', { k: 'aggregate', name: 'precandidates' }],
  ['followers', { k: 'aggregate', name: 'followers' }],
  ['up', { k: 'aggregate', name: 'up' }],
  ['crashed', { k: 'aggregate', name: 'crashed' }],
  ['maxterm', { k: 'aggregate', name: 'maxTerm' }],
  ['minterm', { k: 'aggregate', name: 'minTerm' }],
  ['committed', { k: 'aggregate', name: 'committed' }],
  ['t', { k: 'aggregate', name: 't' }],
  ['time', { k: 'aggregate', name: 't' }],
]);

const COMPARISONS = new Set(['==', '!=', '<', '<=', '>', '>=']);

class Parser {
  private i = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly ids: readonly string[],
  ) {}

  parse(): Expr {
    const expr = this.or();
    const t = this.peek();
    if (t.kind === 'end') return expr;
    if (t.op === ')') throw new WatchError('unexpected ")"', t.col);
    throw new WatchError(`unexpected "${t.text}"; expected an operator such as ==, > or and`, t.col);
  }

  private peek(): Token {
    return this.tokens[this.i] ?? this.tokens[this.tokens.length - 1]!;
  }

  private binary(next: () => Expr, ops: (op: string) => boolean): Expr {
    let left = next();
    while (this.peek().kind === 'op' && ops(this.peek().op)) {
      const op = this.tokens[this.i++]!;
      const right = next();
      left = { k: 'binary', op, left, right, col: left.col, end: right.end };
    }
    return left;
  }

  private or = (): Expr => this.binary(this.and, (op) => op === '||');
  private and = (): Expr => this.binary(this.compare, (op) => op === '&&');
  private add = (): Expr => this.binary(this.unary, (op) => op === '+' || op === '-');

  private compare = (): Expr => {
    const left = this.add();
    const op = this.peek();
    if (op.kind !== 'op' || !COMPARISONS.has(op.op)) return left;
    this.i++;
    const right = this.add();
    const again = this.peek();
    if (again.kind === 'op' && COMPARISONS.has(again.op)) {
      throw new WatchError(`comparisons cannot be chained; join them with "and"`, again.col);
    }
    return { k: 'binary', op, left, right, col: left.col, end: right.end };
  };

  private unary = (): Expr => {
    const op = this.peek();
    if (op.kind !== 'op' || (op.op !== '!' && op.op !== '-')) return this.primary();
    this.i++;
    const arg = this.unary();
    return { k: op.op === '!' ? 'not' : 'neg', op, arg, col: op.col, end: arg.end };
  };

  private primary(): Expr {
    const t = this.peek();
    if (t.kind === 'num') {
      this.i++;
      return { k: 'literal', value: Number(t.text), col: t.col, end: t.end };
    }
    if (t.kind === 'name') {
      this.i++;
      return this.name(t);
    }
    if (t.op === '(') {
      this.i++;
      const inner = this.or();
      const close = this.peek();
      if (close.op === ')') {
        this.i++;
        return { ...inner, col: t.col, end: close.end };
      }
      if (close.kind === 'end') throw new WatchError('unclosed "("', t.col);
      throw new WatchError(`unexpected "${close.text}"; expected ")" or an operator`, close.col);
    }
    const prev = this.tokens[this.i - 1];
    if (prev === undefined) {
      throw new WatchError(t.op === ')' ? 'unexpected ")"' : `expected a value before "${t.text}"`, t.col);
    }
    throw new WatchError(`expected a value after "${prev.text}"`, t.kind === 'end' ? prev.end : t.col);
  }

  private name(t: Token): Expr {
    const dot = this.peek();
    const lower = t.text.toLowerCase();
    const id = this.ids.includes(t.text) ? t.text : WORDS.has(lower) ? undefined : this.alias(lower);
    if (dot.op !== '.') {
      if (id !== undefined) return { k: 'server', id, col: t.col, end: t.end };
      const word = WORDS.get(lower);
      if (word !== undefined) return { ...word, col: t.col, end: t.end };
      throw new WatchError(this.unknownName(t.text, false), t.col);
    }
    if (id === undefined) throw new WatchError(this.unknownName(t.text, true), t.col);
    this.i++;
    const f = this.peek();
    if (f.kind !== 'name') throw new WatchError(`expected a field name after "${t.text}."`, f.col);
    this.i++;
    const field = FIELD_BY_LOWER.get(f.text.toLowerCase());
    if (field === undefined) {
      throw new WatchError(`unknown field "${f.text}" on ${id} (fields: ${FIELD_NAMES.join(', ')})`, f.col);
    }
    return { k: 'field', id, field, col: t.col, end: f.end };
  }

  /** `s1` for `S1`, when exactly one id matches ignoring case. */
  private alias(lower: string): string | undefined {
    const matches = this.ids.filter((id) => id.toLowerCase() === lower);
    return matches.length === 1 ? matches[0] : undefined;
  }

  private unknownName(name: string, beforeDot: boolean): string {
    const servers = this.ids.length === 0 ? 'there are no servers' : `servers are ${this.ids.join(', ')}`;
    if (beforeDot && WORDS.has(name.toLowerCase())) {
      return `"${name}" is not a server, so it has no fields (${servers})`;
    }
    if (beforeDot || looksLikeId(name, this.ids)) return `unknown name "${name}" (${servers})`;
    const field = FIELD_BY_LOWER.get(name.toLowerCase());
    if (field !== undefined) return `"${name}" is a field of a server; write e.g. ${this.ids[0] ?? 'S1'}.${field}`;
    return `unknown name "${name}" (try leaders, candidates, precandidates, followers, up, crashed, maxTerm, minTerm, committed, t, or ${servers})`;
  }
}

/** `S9` looks like an id when some id is the same letters followed by digits. */
function looksLikeId(name: string, ids: readonly string[]): boolean {
  const letters = (s: string): string => {
    let n = s.length;
    while (n > 0 && isDigit(s.charAt(n - 1))) n--;
    return s.slice(0, n).toLowerCase();
  };
  const prefix = letters(name);
  return prefix.length < name.length && ids.some((id) => letters(id) === prefix);
}

// ---------------------------------------------------------------------------------------
// Checker: types, then closures

type Type = 'number' | 'boolean' | 'role' | 'node';
type Value = number | boolean | string | null;
type Fn = (scope: WatchScope) => Value;

interface Typed {
  readonly type: Type;
  readonly fn: Fn;
  readonly expr: Expr;
  /** The bare word `crashed` is a count, or a role word when compared with a role. */
  readonly asRole?: Typed;
}

const TYPE_NAMES: Readonly<Record<Type, string>> = {
  number: 'a number',
  boolean: 'true or false',
  role: 'a role',
  node: 'a server or none',
};

/** A server as the watch sees it before anything is known of it (down, term 0, empty log). */
export function blankWatchNode(id: string): WatchNode {
  return { ...MISSING, id };
}

const MISSING: WatchNode = {
  id: '',
  up: false,
  role: 'follower',
  term: 0,
  votedFor: null,
  commitIndex: 0,
  lastApplied: 0,
  logLength: 0,
  lastLogTerm: 0,
};

function countNodes(test: (n: WatchNode) => boolean): Fn {
  return (s) => {
    let count = 0;
    for (let i = 0; i < s.nodes.length; i++) if (test(s.nodes[i]!)) count++;
    return count;
  };
}

function foldNodes(read: (n: WatchNode) => number, pick: (a: number, b: number) => number): Fn {
  return (s) => {
    if (s.nodes.length === 0) return 0;
    let acc = read(s.nodes[0]!);
    for (let i = 1; i < s.nodes.length; i++) acc = pick(acc, read(s.nodes[i]!));
    return acc;
  };
}

const AGGREGATES: Readonly<Record<Aggregate, Fn>> = {
  leaders: countNodes((n) => n.up && n.role === 'leader'),
  candidates: countNodes((n) => n.up && n.role === 'candidate'),
  precandidates: countNodes((n) => n.up && n.role === 'precandidate'),
  followers: countNodes((n) => n.up && n.role === 'follower'),
  up: countNodes((n) => n.up),
  crashed: countNodes((n) => !n.up),
  maxTerm: foldNodes((n) => n.term, Math.max),
  minTerm: foldNodes((n) => n.term, Math.min),
  committed: foldNodes((n) => n.commitIndex, Math.max),
  t: (s) => s.t,
};

/** Finds a node by id, trying its position in `ids` first. */
function nodeGetter(id: string, position: number): (s: WatchScope) => WatchNode {
  return (s) => {
    const guess = s.nodes[position];
    if (guess !== undefined && guess.id === id) return guess;
    for (let i = 0; i < s.nodes.length; i++) if (s.nodes[i]!.id === id) return s.nodes[i]!;
    return MISSING;
  };
}

class Checker {
  constructor(
    private readonly source: string,
    private readonly ids: readonly string[],
  ) {}

  private text(t: Typed): string {
    const text = this.source.slice(t.expr.col, t.expr.end).trim();
    return text.length > 40 ? `${text.slice(0, 39)}…` : text;
  }

  check(e: Expr): Typed {
    switch (e.k) {
      case 'literal': {
        const value = e.value;
        return {
          type: value === null ? 'node' : typeof value === 'number' ? 'number' : 'boolean',
          fn: () => value,
          expr: e,
        };
      }
      case 'role':
        return { type: 'role', fn: () => e.role, expr: e };
      case 'server':
        return { type: 'node', fn: () => e.id, expr: e };
      case 'aggregate': {
        const typed: Typed = { type: 'number', fn: AGGREGATES[e.name], expr: e };
        return e.name === 'crashed' ? { ...typed, asRole: { type: 'role', fn: () => 'crashed', expr: e } } : typed;
      }
      case 'field': {
        const get = nodeGetter(e.id, this.ids.indexOf(e.id));
        const { type, read } = FIELDS[e.field];
        return { type, fn: (s) => read(get(s)), expr: e };
      }
      case 'not': {
        const arg = this.want(this.check(e.arg), 'boolean', e.op, '; add parentheses, e.g. not (S1.term > 3)');
        return { type: 'boolean', fn: (s) => !arg(s), expr: e };
      }
      case 'neg': {
        const arg = this.want(this.check(e.arg), 'number', e.op);
        return { type: 'number', fn: (s) => -(arg(s) as number), expr: e };
      }
      case 'binary':
        return this.binary(e, e.op, this.check(e.left), this.check(e.right));
    }
  }

  /** The operand's closure, if it has the type `op` needs. */
  private want(t: Typed, type: Type, op: Token, hint = ''): Fn {
    if (t.type === type) return t.fn;
    const needs = type === 'number' ? 'numbers' : 'true or false';
    throw new WatchError(
      `"${op.text}" needs ${needs}, but ${this.text(t)} is ${TYPE_NAMES[t.type]}${hint}`,
      t.expr.col,
    );
  }

  private binary(e: Expr, op: Token, l: Typed, r: Typed): Typed {
    switch (op.op as BinaryOp) {
      case '&&': {
        const [a, b] = [this.want(l, 'boolean', op), this.want(r, 'boolean', op)];
        return { type: 'boolean', fn: (s) => a(s) === true && b(s) === true, expr: e };
      }
      case '||': {
        const [a, b] = [this.want(l, 'boolean', op), this.want(r, 'boolean', op)];
        return { type: 'boolean', fn: (s) => a(s) === true || b(s) === true, expr: e };
      }
      case '+': {
        const [a, b] = [this.want(l, 'number', op), this.want(r, 'number', op)];
        return { type: 'number', fn: (s) => (a(s) as number) + (b(s) as number), expr: e };
      }
      case '-': {
        const [a, b] = [this.want(l, 'number', op), this.want(r, 'number', op)];
        return { type: 'number', fn: (s) => (a(s) as number) - (b(s) as number), expr: e };
      }
      default:
        return { type: 'boolean', fn: this.compare(op, l, r), expr: e };
    }
  }

  private compare(op: Token, l: Typed, r: Typed): Fn {
    if (l.type !== r.type && r.type === 'role' && l.asRole) l = l.asRole;
    if (l.type !== r.type && l.type === 'role' && r.asRole) r = r.asRole;
    if (l.type !== r.type) {
      throw new WatchError(
        `cannot compare ${this.text(l)} (${TYPE_NAMES[l.type]}) with ${this.text(r)} (${TYPE_NAMES[r.type]})${hint(l, r)}`,
        op.col,
      );
    }
    const [a, b] = [l.fn, r.fn];
    if (op.op === '==') return (s) => a(s) === b(s);
    if (op.op === '!=') return (s) => a(s) !== b(s);
    if (l.type !== 'number') {
      throw new WatchError(
        `"${op.text}" needs numbers, but ${this.text(l)} is ${TYPE_NAMES[l.type]}; use == or !=`,
        op.col,
      );
    }
    if (op.op === '<') return (s) => (a(s) as number) < (b(s) as number);
    if (op.op === '<=') return (s) => (a(s) as number) <= (b(s) as number);
    if (op.op === '>') return (s) => (a(s) as number) > (b(s) as number);
    return (s) => (a(s) as number) >= (b(s) as number);
  }
}

/** A nudge for the likely slips: `leader > 1`, `S1 > 3`, `S2.role == candidates`. */
function hint(l: Typed, r: Typed): string {
  for (const [x, y] of [
    [l, r],
    [r, l],
  ] as const) {
    const e = x.expr;
    if (e.k === 'role' && y.type === 'number') return `; did you mean ${e.role}s?`;
    if (e.k === 'server' && y.type === 'number') return `; did you mean ${e.id}.term?`;
    if (e.k === 'aggregate' && y.type === 'role' && e.name.endsWith('s')) {
      return `; did you mean ${e.name.slice(0, -1)}?`;
    }
  }
  return '';
}

// ---------------------------------------------------------------------------------------

/** Compiles a watch expression over servers `ids`, or explains the first problem. */
export function compileWatch(source: string, ids: readonly string[]): CompiledWatch {
  const fail = (error: string, column: number): CompiledWatch => ({ ok: false, source, error, column });
  if (source.trim() === '') return fail('type an expression, e.g. S1.term > 3', 0);
  if (source.length > WATCH_MAX_LENGTH) {
    return fail(`the expression is too long (at most ${WATCH_MAX_LENGTH} characters)`, WATCH_MAX_LENGTH);
  }
  try {
    const typed = new Checker(source, ids).check(new Parser(tokenize(source), ids).parse());
    if (typed.type !== 'boolean') return fail('the expression must be true or false, e.g. S1.term > 3', 0);
    const fn = typed.fn;
    return { ok: true, source, evaluate: (scope) => fn(scope) === true };
  } catch (e) {
    if (e instanceof WatchError) return fail(e.message, Math.min(Math.max(e.column, 0), source.length));
    // A bug here must not reach the person typing as a stack trace.
    return fail('this expression could not be read', 0);
  }
}
