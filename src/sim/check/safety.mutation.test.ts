/**
 * The mutation harness: on many fault-heavy runs, one server's state is corrupted between two
 * events (its role, term, votedFor, log or commitIndex, as a bug would leave it), and the safety
 * checker must report the property that the corruption breaks, by name, at the event where it
 * becomes visible: Figure 3's five properties, and each blind spot the checker used to have.
 */
import { describe, expect, it } from 'vitest';
import { collidingEntries, corrupt, look } from '../../../test-support/mutation';
import { newEntry } from '../../raft/handlers';
import type { Entry } from '../../raft/types';
import { fuzzScenario } from '../headless/fuzz';
import { Prng } from '../core/prng';
import type { Property } from './safety';
import { World, type NodeHost } from '../core/world';

const RUN = 4000;
const WANTED = 20;
const MAX_SEED = 150;

/**
 * After the corruption: whether the world is now at the event where the violation must be
 * reported, or LOOK: at an event that changes nothing, right away (so that no message can
 * mend the corruption before the checker sees it).
 */
type Due = ((world: World) => boolean) | typeof LOOK;
const LOOK = 'look';

interface Corruption {
  readonly name: string;
  readonly property: Property;
  /** If the world is in a state to be corrupted this way, a function that does it. */
  find(world: World, rng: Prng): (() => Due) | null;
}

const up = (w: World) => w.hosts.filter((h) => h.up);
const leaders = (w: World) => up(w).filter((h) => h.role === 'leader');
const others = (w: World) => up(w).filter((h) => h.role !== 'leader');
const last = <T>(items: readonly T[]): T | undefined => items[items.length - 1];

/** An entry no client ever wrote, of term `term`. */
function bogus(term: number, rng: Prng): Entry {
  const n = String(rng.int(1e9));
  return newEntry(term, { op: 'set', id: `bogus-${n}`, key: 'bogus', value: n });
}

/** The highest term any server is in or any leader was elected in. */
function highestTerm(w: World): number {
  return Math.max(...w.hosts.map((h) => h.context.term), ...Object.keys(w.checker.leaders).map(Number));
}

/** Whether `h`'s log starts with the committed prefix, entry for entry. */
function holdsCommitted(w: World, h: NodeHost): boolean {
  const known = w.checker.committed;
  if (h.context.log.length < known) return false;
  for (let i = 1; i <= known; i++) if (h.context.log[i - 1] !== w.checker.committedEntry(i)) return false;
  return true;
}

const COLLISION_TERM = 1_000_000;
let collision: readonly [Entry, Entry] | undefined;

const CORRUPTIONS: readonly Corruption[] = [
  {
    name: 'a second server made leader of a leader’s term',
    property: 'Election Safety',
    find(w, rng) {
      const leader = leaders(w)[0];
      const other = others(w);
      if (leader === undefined || other.length === 0) return null;
      const f = rng.pick(other);
      return () => {
        corrupt(w, f.id, (s) => {
          s.role = 'leader';
          s.term = leader.context.term;
          s.votedFor = f.id;
        });
        return LOOK;
      };
    },
  },
  {
    name: 'a leader’s last entry changed or deleted',
    property: 'Leader Append-Only',
    find(w, rng) {
      const leader = leaders(w).find((h) => h.context.log.length > 0);
      if (leader === undefined) return null;
      return () => {
        corrupt(w, leader.id, (s) => {
          if (rng.chance(0.5)) s.log.pop();
          else s.log[s.log.length - 1] = bogus(last(s.log)!.term, rng);
        });
        return LOOK;
      };
    },
  },
  {
    name: 'an entry of a follower’s log changed, keeping its term',
    property: 'Log Matching',
    find(w, rng) {
      const f = others(w).filter((h) => h.context.log.length > 0);
      if (f.length === 0) return null;
      const h = rng.pick(f);
      const i = rng.int(h.context.log.length);
      return () => {
        corrupt(w, h.id, (s) => {
          s.log[i] = bogus(s.log[i]!.term, rng);
        });
        return LOOK;
      };
    },
  },
  {
    name: 'a server made leader of a new term with committed entries cut from its log',
    property: 'Leader Completeness',
    find(w, rng) {
      const known = w.checker.committed;
      const f = others(w);
      if (known === 0 || f.length === 0) return null;
      const h = rng.pick(f);
      const keep = rng.int(known);
      const term = highestTerm(w) + 1;
      return () => {
        corrupt(w, h.id, (s) => {
          s.role = 'leader';
          s.term = term;
          s.votedFor = h.id;
          s.log.length = Math.min(s.log.length, keep);
          s.commitIndex = Math.min(s.commitIndex, keep);
        });
        return LOOK;
      };
    },
  },
  {
    name: 'a follower commits a changed copy of an entry the cluster committed',
    property: 'State Machine Safety',
    find(w, rng) {
      const known = w.checker.committed;
      const f = others(w).filter((h) => h.context.commitIndex < Math.min(known, h.context.log.length));
      if (f.length === 0) return null;
      const h = rng.pick(f);
      const k = h.context.commitIndex + 1;
      return () => {
        corrupt(w, h.id, (s) => {
          s.log[k - 1] = bogus(s.log[k - 1]!.term, rng);
          s.commitIndex = k;
        });
        return LOOK;
      };
    },
  },
  {
    // Blind spot (a): only leaders still up used to be compared with a later commit.
    name: 'a leader of a later term, elected without an entry, steps down before that entry commits',
    property: 'Leader Completeness',
    find(w, rng) {
      const known = w.checker.committed;
      const top = highestTerm(w);
      const leader = leaders(w).find(
        (h) => h.context.term === top && h.context.log.length > known && last(h.context.log)!.term === top,
      );
      const f = others(w).filter((h) => holdsCommitted(w, h));
      if (leader === undefined || f.length === 0) return null;
      const ghost = rng.pick(f);
      return () => {
        corrupt(w, ghost.id, (s) => {
          s.role = 'leader';
          s.term = top + 1;
          s.votedFor = ghost.id;
          s.log.length = known;
        });
        expect(look(w), 'the new leader holds every committed entry').toEqual([]);
        corrupt(w, ghost.id, (s) => {
          s.role = 'follower';
          s.term = top;
        });
        // Due when the old leader, still in its term, commits past what was committed then.
        return () =>
          leader.up && leader.role === 'leader' && leader.context.term === top && leader.context.commitIndex > known;
      };
    },
  },
  {
    // Blind spot (b): only a leader's commit used to be checked.
    name: 'a follower’s commitIndex raised past every leader’s',
    property: 'Current-term commit rule',
    find(w, rng) {
      const f = others(w).filter((h) => h.context.log.length > w.checker.committed);
      if (f.length === 0) return null;
      const h = rng.pick(f);
      return () => {
        corrupt(w, h.id, (s) => {
          s.commitIndex = s.log.length;
        });
        return LOOK;
      };
    },
  },
  {
    // Blind spot (c): a lost committed entry used to go unnoticed until commitIndex rose again.
    name: 'a server’s log cut below its commitIndex',
    property: 'State Machine Safety',
    find(w, rng) {
      const f = up(w).filter((h) => h.context.commitIndex > 0);
      if (f.length === 0) return null;
      const h = rng.pick(f);
      const keep = rng.int(h.context.commitIndex);
      return () => {
        corrupt(w, h.id, (s) => {
          s.log.length = keep;
        });
        return LOOK;
      };
    },
  },
  {
    // Blind spot (d): entries used to be compared through a 32-bit hash only.
    name: 'a follower’s new last entry replaced by one whose hash collides with it',
    property: 'Log Matching',
    find(w, rng) {
      const f = others(w);
      if (f.length === 0) return null;
      const h = rng.pick(f);
      const [x, y] = (collision ??= collidingEntries(COLLISION_TERM));
      return () => {
        corrupt(w, h.id, (s) => {
          s.log.push(x);
        });
        expect(look(w), 'an entry of a term no one has is just appended').toEqual([]);
        corrupt(w, h.id, (s) => {
          s.log[s.log.length - 1] = y;
        });
        return LOOK;
      };
    },
  },
];

type Trial =
  | { readonly kind: 'skipped' }
  | { readonly kind: 'done'; readonly seq: number; readonly reported: Property[]; readonly before: string[] };

/**
 * Runs seed `seed`'s fault schedule to a time drawn from the seed, then on until `c` finds the
 * world in a state to corrupt, corrupts it, and runs on to the event where the violation is due.
 */
function trial(c: Corruption, seed: number): Trial {
  const scenario = fuzzScenario(seed, RUN);
  const world = new World(scenario);
  const rng = Prng.of(seed, 'corruption');
  world.runUntil(Math.round(rng.between(200, RUN * 0.6)));
  let apply = c.find(world, rng);
  while (apply === null) {
    if (world.step(RUN) === null) return { kind: 'skipped' };
    apply = c.find(world, rng);
  }
  expect(
    world.violations.map((v) => v.message),
    `seed ${seed} before the corruption`,
  ).toEqual([]);
  const due = apply();
  if (due === LOOK) {
    const reported = look(world).map((v) => v.property);
    const seq = world.seq;
    world.runUntil(RUN); // and the run goes on from the corrupted state
    return { kind: 'done', seq, reported, before: [] };
  }
  const before: string[] = [];
  for (let p = world.step(RUN); p !== null; p = world.step(RUN)) {
    if (due(world)) return { kind: 'done', seq: p.seq, reported: p.violations.map((v) => v.property), before };
    for (const v of p.violations) if (v.property === c.property) before.push(v.message);
  }
  return { kind: 'skipped' };
}

describe('the mutation harness: one corrupted server, reported by the property it breaks', () => {
  it.each(CORRUPTIONS.map((c) => [c.name, c.property, c] as const))('%s: %s', (_name, property, c) => {
    const failures: string[] = [];
    let tried = 0;
    for (let seed = 1; tried < WANTED && seed <= MAX_SEED; seed++) {
      const t = trial(c, seed);
      if (t.kind === 'skipped') continue;
      tried++;
      if (t.before.length > 0) failures.push(`seed ${seed}: reported early: ${t.before[0]!}`);
      else if (!t.reported.includes(property))
        failures.push(`seed ${seed}: event ${t.seq} reported [${t.reported.join(', ')}]`);
    }
    expect(failures).toEqual([]);
    expect(tried).toBe(WANTED);
  });

  it('a corruption that changes nothing leaves every run clean (the harness breaks nothing itself)', () => {
    for (let seed = 1; seed <= WANTED; seed++) {
      const world = new World(fuzzScenario(seed, RUN));
      const rng = Prng.of(seed, 'corruption');
      for (let t = 0; t < RUN; t += Math.round(rng.between(100, 600))) {
        world.runUntil(t);
        corrupt(world, rng.pick(world.ids), () => {});
        look(world);
        expect(world.checker.verifyShadows(world.hosts), `seed ${seed} at ${t}`).toEqual([]);
      }
      world.runUntil(RUN);
      expect(
        world.violations.map((v) => v.message),
        `seed ${seed}`,
      ).toEqual([]);
    }
  });
});

describe('entries cannot be corrupted in place', () => {
  it('every entry in every log is frozen, command and all, so the shadows can trust them', () => {
    let entries = 0;
    for (let seed = 1; seed <= WANTED; seed++) {
      const world = new World({ ...fuzzScenario(seed, RUN), options: { leaderNoop: seed % 2 === 0 } });
      world.runUntil(RUN);
      for (const h of world.hosts) {
        for (const e of h.context.log) {
          entries++;
          expect(Object.isFrozen(e) && Object.isFrozen(e.command), `seed ${seed}, ${h.id}`).toBe(true);
        }
      }
      const h = world.hosts.find((x) => x.context.log.length > 0)!;
      const e = h.context.log[0]! as { term: number; command: { op: string } };
      expect(() => (e.term += 1), `seed ${seed}`).toThrow(TypeError);
      expect(() => (e.command.op = 'noop'), `seed ${seed}`).toThrow(TypeError);
    }
    expect(entries).toBeGreaterThan(200);
  });

  it('a scenario’s initial entries are frozen copies, not the scenario’s own objects', () => {
    const given: Entry = { term: 1, command: { op: 'set', id: 'w0', key: 'x', value: '0' } };
    const world = new World({ ...fuzzScenario(1, RUN), initial: { S1: { term: 1, votedFor: null, log: [given] } } });
    const held = world.hosts[0]!.context.log[0]!;
    expect(held).toEqual(given);
    expect(Object.isFrozen(held)).toBe(true);
    expect(Object.isFrozen(given)).toBe(false);
  });
});
