/**
 * Watch expressions: the documented examples, every field, aggregate, operator and alias,
 * one test per kind of error with its column, and a deterministic fuzz that the compiler
 * never throws on anything built from its own token alphabet.
 */
import { describe, expect, it } from 'vitest';
import { compileWatch, WATCH_HELP, type WatchNode, type WatchScope } from './watch';

const IDS = ['S1', 'S2', 'S3', 'S4', 'S5'];

function node(id: string, fields: Partial<WatchNode> = {}): WatchNode {
  return {
    id,
    up: true,
    role: 'follower',
    term: 1,
    votedFor: null,
    commitIndex: 0,
    lastApplied: 0,
    logLength: 0,
    lastLogTerm: 0,
    ...fields,
  };
}

/** Five followers in term 1 at t = 0, with some nodes changed. */
function scope(changes: Record<string, Partial<WatchNode>> = {}, t = 0): WatchScope {
  return { nodes: IDS.map((id) => node(id, changes[id])), t };
}

function run(source: string, s: WatchScope): boolean {
  const compiled = compileWatch(source, IDS);
  if (!compiled.ok) throw new Error(`${source}: ${compiled.error}`);
  return compiled.evaluate(s);
}

function problem(source: string): { error: string; column: number } {
  const compiled = compileWatch(source, IDS);
  if (compiled.ok) throw new Error(`${source} compiled`);
  return { error: compiled.error, column: compiled.column };
}

const BUSY = scope(
  {
    S1: { role: 'leader', term: 4, commitIndex: 7, lastApplied: 6, logLength: 9, lastLogTerm: 4, votedFor: 'S1' },
    S2: { role: 'candidate', term: 5, votedFor: 'S2' },
    S3: { term: 4, votedFor: 'S1', commitIndex: 5 },
    S4: { up: false, role: 'leader', term: 2 },
  },
  1234.5,
);

describe('the documented examples', () => {
  it.each([
    ['S1.term > 3', scope({ S1: { term: 4 } }), scope({ S1: { term: 3 } })],
    ['leaders > 1', scope({ S1: { role: 'leader' }, S2: { role: 'leader' } }), scope({ S1: { role: 'leader' } })],
    ['S2.role == candidate', scope({ S2: { role: 'candidate' } }), scope({ S2: { role: 'leader' } })],
  ])('%s is true or false depending on the cluster', (source, yes, no) => {
    expect(run(source, yes)).toBe(true);
    expect(run(source, no)).toBe(false);
  });
});

describe('server fields', () => {
  it.each([
    ['S1.term == 4', true],
    ['S1.role == leader', true],
    ['S4.role == leader', false],
    ['S1.up', true],
    ['S4.up', false],
    ['S4.crashed', true],
    ['S1.crashed', false],
    ['S3.votedFor == S1', true],
    ['S5.votedFor == none', true],
    ['S5.votedFor == S1', false],
    ['S1.votedFor == S3.votedFor', true],
    ['S1.commitIndex == 7', true],
    ['S1.lastApplied == 6', true],
    ['S1.log == 9', true],
    ['S1.logLength == 9', true],
    ['S1.lastLogTerm == 4', true],
    ['S2.lastLogTerm == 0', true],
    ['S1.leader', true],
    ['S4.leader', false],
    ['S2.candidate', true],
    ['S3.follower', true],
    ['S1.follower', false],
  ])('%s is %s', (source, expected) => {
    expect(run(source, BUSY)).toBe(expected);
  });

  it('finds nodes by id whatever their order in the scope', () => {
    const reversed = { ...BUSY, nodes: [...BUSY.nodes].reverse() };
    expect(run('S1.term == 4 and S5.term == 1', reversed)).toBe(true);
  });

  it('reads a server missing from the scope as down, with zeros', () => {
    const partial = { nodes: BUSY.nodes.slice(0, 2), t: 0 };
    expect(run('S5.crashed and S5.role == crashed and S5.term == 0 and S5.votedFor == none', partial)).toBe(true);
  });
});

describe('a precandidate (PreVote, dissertation §9.6) is a role of its own', () => {
  const PRE = scope({ S1: { role: 'leader' }, S2: { role: 'precandidate' }, S3: { role: 'candidate' } });
  it.each([
    ['S2.role == precandidate', true],
    ['S2.precandidate', true],
    ['S2.candidate', false],
    ['S3.precandidate', false],
    ['precandidates == 1', true],
    ['candidates == 1', true],
    ['followers == 2', true],
    ['S2.role == candidate', false],
  ])('%s is %s', (source, expected) => {
    expect(run(source, PRE)).toBe(expected);
  });

  it('is refused as a count where a role is meant, with a hint', () => {
    expect(problem('S2.role == precandidates').error).toContain('did you mean precandidate?');
  });
});

describe('cluster values', () => {
  it.each([
    ['leaders == 1', true],
    ['candidates == 1', true],
    ['followers == 2', true],
    ['up == 4', true],
    ['crashed == 1', true],
    ['maxTerm == 5', true],
    ['minTerm == 1', true],
    ['committed == 7', true],
    ['t == 1234.5', true],
    ['time > 1000', true],
  ])('%s is %s', (source, expected) => {
    expect(run(source, BUSY)).toBe(expected);
  });

  it('gives 0 for terms and commits of an empty cluster', () => {
    expect(run('maxTerm == 0 and minTerm == 0 and committed == 0 and up == 0', { nodes: [], t: 0 })).toBe(true);
  });
});

describe('operators, precedence and parentheses', () => {
  it.each([
    ['S1.term + 1 == S2.term', true],
    ['S1.term - 1 - 1 == 2', true],
    ['-S1.term < 0', true],
    ['1.5 + 1.5 == 3', true],
    ['S1.term != 4', false],
    ['S1.term <= 4 && S1.term >= 4', true],
    ['S1.term < 4 || S1.term > 4', false],
    ['true or false and false', true],
    ['(true or false) and false', false],
    ['!true == false', true],
    ['not (S1.term > 3)', false],
    ['!S4.up && !!S1.up', true],
    ['S1.term > 3 and leaders == 1 or false', true],
    ['(1 + 2 > 2) == true', true],
  ])('%s is %s', (source, expected) => {
    expect(run(source, BUSY)).toBe(expected);
  });
});

describe('friendly aliases', () => {
  it.each([
    ['S1.term = 4', true],
    ['S1.term === 4', true],
    ['S1.term !== 4', false],
    ['S1.term > 3 and S2.term > 4', true],
    ['S1.term > 9 or S2.term > 4', true],
    ['not S4.up', true],
    ['s1.term == 4', true],
    ['s3.votedFor == s1', true],
    ['S3.votedFor == null', false],
    ['LEADERS == 1 AND MaxTerm == 5', true],
    ['S1.TERM == 4', true],
  ])('%s is %s', (source, expected) => {
    expect(run(source, BUSY)).toBe(expected);
  });

  it('treats a lowercase id as an alias only when one id matches', () => {
    const ids = ['S1', 's1'];
    const compiled = compileWatch('s1.up', ids);
    expect(compiled.ok && compiled.evaluate({ nodes: [node('S1', { up: false }), node('s1')], t: 0 })).toBe(true);
  });
});

describe('crashed', () => {
  it('matches the .role of a node that is down, and no longer its last role', () => {
    expect(run('S4.role == crashed', BUSY)).toBe(true);
    expect(run('crashed == S4.role', BUSY)).toBe(true);
    expect(run('S1.role == crashed', BUSY)).toBe(false);
    expect(run('S4.role != leader', BUSY)).toBe(true);
  });

  it('is the number of down nodes anywhere else', () => {
    expect(run('crashed + up == 5', BUSY)).toBe(true);
  });
});

describe('errors', () => {
  it.each([
    ['', 'type an expression, e.g. S1.term > 3', 0],
    ['   ', 'type an expression, e.g. S1.term > 3', 0],
    ['S1.trm > 3', 'unknown field "trm" on S1 (fields: term, role, up, crashed, votedFor,', 3],
    ['S9.term > 3', 'unknown name "S9" (servers are S1, S2, S3, S4, S5)', 0],
    ['leaders > S9', 'unknown name "S9" (servers are S1, S2, S3, S4, S5)', 10],
    ['lleaders > 1', 'unknown name "lleaders" (try leaders,', 0],
    ['role == leader', '"role" is a field of a server; write e.g. S1.role', 0],
    ['leaders.term > 1', '"leaders" is not a server', 0],
    ['S1. > 3', 'expected a field name after "S1."', 4],
    ['S1.term >', 'expected a value after ">"', 9],
    ['S1.term > )', 'expected a value after ">"', 10],
    ['> 3', 'expected a value before ">"', 0],
    ['S1.term > 3)', 'unexpected ")"', 11],
    [')', 'unexpected ")"', 0],
    ['(S1.term > 3', 'unclosed "("', 0],
    ['(S1.term > 3 S2', 'unexpected "S2"', 13],
    ['S1.term 3', 'unexpected "3"; expected an operator', 8],
    ['S1.term > 3 # x', 'unexpected character "#"', 12],
    ['S1.up & S2.up', 'unexpected "&"; write "&&" or "and"', 6],
    ['S2.role == "leader"', 'quotes are not needed', 11],
    ['1 < 2 < 3', 'comparisons cannot be chained', 6],
    ['S1.term > candidate', 'cannot compare S1.term (a number) with candidate (a role)', 8],
    ['S1.votedFor == 1', 'cannot compare S1.votedFor (a server or none) with 1 (a number)', 12],
    ['leader > 1', 'cannot compare leader (a role) with 1 (a number); did you mean leaders?', 7],
    ['S1 > 3', 'did you mean S1.term?', 3],
    ['S2.role == candidates', 'did you mean candidate?', 8],
    ['S1.up < S2.up', '"<" needs numbers, but S1.up is true or false; use == or !=', 6],
    ['S1.term', 'the expression must be true or false, e.g. S1.term > 3', 0],
    ['not S1.term > 3', '"not" needs true or false, but S1.term is a number; add parentheses', 4],
    ['S1.term and true', '"and" needs true or false, but S1.term is a number', 0],
    ['S1.role + 1 > 2', '"+" needs numbers, but S1.role is a role', 0],
    ['-S1.up', '"-" needs numbers, but S1.up is true or false', 1],
    [`${'S1.term > 3 and '.repeat(13)}true`, 'the expression is too long (at most 200 characters)', 200],
  ])('%j → %s at column %d', (source, message, column) => {
    const { error, column: at } = problem(source);
    expect(error).toContain(message);
    expect(at).toBe(column);
  });
});

describe('robustness', () => {
  const NUMBERS = ['S1.term', 's2.log', 'S3.commitIndex', 'leaders', 'crashed', 'maxTerm', 't', '3', '1.5', '-2'];
  const CONDITIONS = ['S4.up', 's5.leader', 'true', 'S2.role == candidate', 'S3.votedFor == S1', 'S1.role != crashed'];
  const ODD = ['S9.term', 'S1.trm', 'S1', 'none', 'leader', 'role', 'S2.', '.5', 'S1.term', 'S4.role', 'S3.votedFor'];
  const COMPARE = ['==', '=', '!=', '<', '<=', '>', '>=', '+', ''];
  const JOIN = ['&&', '||', 'and', 'or', '&&', '||', '==', '<', '+', ''];
  const WRAP = ['x', 'x', '(x)', '!(x)', 'not x', '-x', '(x', 'x)', '((x)'];
  const NOISE = ['(', ')', '.', '&', '|', '#', '"', '=', 'é', '😀', ' '];
  const TOKENS = [
    'S1',
    's2',
    'S9',
    'term',
    'role',
    'up',
    'trm',
    'leader',
    '!',
    'not',
    '-',
    ...NUMBERS,
    ...JOIN,
    ...NOISE,
  ];

  /** A tiny LCG, so the strings are the same on every run. */
  function lcg(seed: number): <T>(items: readonly T[]) => T {
    let state = seed;
    return (items) => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return items[(state >>> 8) % items.length]!; // the low bits of an LCG cycle quickly
    };
  }

  /** Either a soup of tokens, or comparisons joined by operators with stray parentheses and noise. */
  function randomSource(pick: <T>(items: readonly T[]) => T): string {
    if (pick([true, false])) return Array.from({ length: pick([1, 3, 6, 12]) }, () => pick(TOKENS)).join('');
    const parts: string[] = [];
    for (let i = 0, n = pick([1, 2, 2, 3, 5]); i < n; i++) {
      if (i > 0) parts.push(pick(JOIN));
      const atom = pick([
        () => `${pick(NUMBERS)} ${pick(COMPARE)} ${pick(NUMBERS)}`,
        () => pick(CONDITIONS),
        () => `${pick(ODD)} ${pick(COMPARE)} ${pick([...NUMBERS, ...ODD])}`,
      ])();
      parts.push(pick(WRAP).replace('x', atom));
    }
    const source = parts.join(pick([' ', '']));
    if (pick([true, true, false])) return source;
    const at = pick([0, source.length >> 1, source.length - 1, source.length]);
    return source.slice(0, at) + pick(NOISE) + source.slice(at);
  }

  it('never throws on 2000 pseudo-random strings and reports columns within the text', () => {
    const pick = lcg(12345);
    let compiled = 0;
    for (let i = 0; i < 2000; i++) {
      const source = randomSource(pick);
      const result = compileWatch(source, IDS);
      if (result.ok) {
        compiled++;
        expect(typeof result.evaluate(BUSY), source).toBe('boolean');
      } else {
        expect(result.column, source).toBeGreaterThanOrEqual(0);
        expect(result.column, source).toBeLessThanOrEqual(source.length);
        expect(result.error, source).not.toMatch(/could not be read|undefined|NaN|Error|\.ts\b/);
      }
    }
    expect(compiled).toBeGreaterThan(30); // a fair share, so the checker and evaluator are exercised too
  });

  it('survives deep nesting up to the length limit', () => {
    expect(compileWatch(`${'('.repeat(95)}true${')'.repeat(95)}`, IDS).ok).toBe(true);
    expect(compileWatch('!'.repeat(196) + 'true', IDS).ok).toBe(true);
  });
});

describe('WATCH_HELP', () => {
  it('shows the examples and the names one can use', () => {
    for (const word of ['S1.term > 3', 'leaders > 1', 'S2.role == candidate', 'votedFor', 'maxTerm', 'not']) {
      expect(WATCH_HELP).toContain(word);
    }
  });
});
