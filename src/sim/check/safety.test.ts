/**
 * The safety checker finds each of Figure 3's properties broken, both in hand-made
 * cluster states and in runs with a teaching switch that reproduces a classic bug; with
 * every switch off, the same runs are clean.
 */
import { describe, expect, it } from 'vitest';
import { initialContext } from '../../raft/nodeMachine';
import { FIGURE_2, NO_EXTENSIONS, type Entry, type NodeContext, type Role, type RuleSwitches } from '../../raft/types';
import { fuzzScenario } from '../headless/fuzz';
import { runScenario } from '../headless/run';
import { collidingEntries } from '../../../test-support/mutation';
import { SafetyChecker, type Moment, type ObservedNode, type Property } from './safety';
import type { Scenario } from '../scenario/scenario';
import { builtInScenario } from '../scenario/builtIn';

const IDS = ['S1', 'S2', 'S3'];

const entry = (term: number, id: string): Entry => ({ term, command: { op: 'set', id, key: 'x', value: id } });

function node(id: string, role: Role, term: number, log: Entry[], commitIndex = 0, up = true): ObservedNode {
  const context: NodeContext = {
    ...initialContext({
      id,
      peers: IDS.filter((p) => p !== id),
      config: {
        electionTimeout: [150, 300],
        heartbeatInterval: 50,
        leaderNoop: false,
        maxBatch: 64,
        rules: FIGURE_2,
        extensions: NO_EXTENSIONS,
      },
      term,
      votedFor: null,
      log,
      deadline: 0,
    }),
    commitIndex,
  };
  return { id, up, role, context };
}

let seq = 0;
const moment = (): Moment => ({ t: seq, seq: ++seq, describe: () => 'test event' });

function properties(checker: SafetyChecker): Property[] {
  return checker.violations.map((v) => v.property);
}

describe('the safety checker on hand-made states', () => {
  it('Election Safety: two leaders of one term', () => {
    const c = new SafetyChecker(IDS);
    c.observe([node('S1', 'leader', 2, []), node('S2', 'follower', 2, []), node('S3', 'follower', 2, [])], moment());
    expect(c.violations).toEqual([]);
    c.observe([node('S1', 'leader', 2, []), node('S2', 'leader', 2, []), node('S3', 'follower', 2, [])], moment());
    expect(properties(c)).toEqual(['Election Safety']);
    expect(c.violations[0]!.message).toContain('S1 and S2 were both elected leader of term 2');
  });

  it('Leader Append-Only: a leader that deletes or changes its own entry', () => {
    const c = new SafetyChecker(IDS);
    const log = [entry(1, 'a'), entry(1, 'b')];
    c.observe([node('S1', 'leader', 1, log), node('S2', 'follower', 1, []), node('S3', 'follower', 1, [])], moment());
    c.observe(
      [node('S1', 'leader', 1, [log[0]!, entry(1, 'c')]), node('S2', 'follower', 1, []), node('S3', 'follower', 1, [])],
      moment(),
    );
    expect(properties(c)).toContain('Leader Append-Only');
    expect(c.violations[0]!.index).toBe(2);
  });

  it('Log Matching: the same index and term with different histories', () => {
    const c = new SafetyChecker(IDS);
    c.observe(
      [
        node('S1', 'follower', 2, [entry(1, 'a'), entry(2, 'b')]),
        node('S2', 'follower', 2, [entry(1, 'z'), entry(2, 'b')]),
        node('S3', 'follower', 2, []),
      ],
      moment(),
    );
    expect(properties(c)).toContain('Log Matching');
  });

  it('State Machine Safety: two servers commit different entries at one index', () => {
    const c = new SafetyChecker(IDS);
    c.observe(
      [
        node('S1', 'follower', 2, [entry(1, 'a')], 1),
        node('S2', 'follower', 2, [entry(2, 'b')], 1),
        node('S3', 'follower', 2, []),
      ],
      moment(),
    );
    expect(properties(c)).toContain('State Machine Safety');
  });

  it('Leader Completeness: a leader elected without a committed entry', () => {
    const c = new SafetyChecker(IDS);
    const a = entry(1, 'a');
    const term1 = (commit: number) => [
      node('S1', 'leader', 1, [a], commit),
      node('S2', 'follower', 1, [a]),
      node('S3', 'follower', 1, []),
    ];
    c.observe(term1(0), moment());
    c.observe(term1(1), moment());
    expect(c.violations).toEqual([]);
    c.observe(
      [node('S1', 'follower', 2, [a], 1), node('S2', 'follower', 2, [a]), node('S3', 'leader', 2, [])],
      moment(),
    );
    expect(properties(c)).toEqual(['Leader Completeness']);
  });

  it('current-term commit rule: a leader that commits an old-term entry by counting', () => {
    const c = new SafetyChecker(IDS);
    const old = entry(1, 'a');
    const nodes = (commit: number) => [
      node('S1', 'leader', 2, [old], commit),
      node('S2', 'follower', 2, [old]),
      node('S3', 'follower', 2, []),
    ];
    c.observe(nodes(0), moment());
    c.observe(nodes(1), moment());
    expect(properties(c)).toEqual(['Current-term commit rule']);
  });

  it('an acknowledged write must be committed where the client was told', () => {
    const c = new SafetyChecker(IDS);
    c.observe(
      [
        node('S1', 'leader', 1, [entry(1, 'w1')], 1),
        node('S2', 'follower', 1, [entry(1, 'w1')]),
        node('S3', 'follower', 1, []),
      ],
      moment(),
    );
    expect(c.checkAck('w1', 1, 1, moment())).toEqual([]);
    expect(c.checkAck('w2', 1, 1, moment()).map((v) => v.property)).toEqual(['Acknowledged write']);
  });
});

/**
 * The checker's former blind spots (issue 10): each test builds the state the checker used to
 * miss, and fails if the check that closes it is taken out.
 */
describe('the safety checker on states it used to miss', () => {
  it('Leader Completeness: a later-term leader that stepped down before an earlier commit was seen', () => {
    const a = entry(1, 'a');
    for (const s3HadIt of [false, true]) {
      const c = new SafetyChecker(IDS);
      const s3 = s3HadIt ? [a] : [];
      const cluster = (s3Role: Role, commit: number) => [
        node('S1', 'leader', 1, [a], commit),
        node('S2', 'follower', 1, [a]),
        node('S3', s3Role, 2, s3),
      ];
      c.observe(cluster('follower', 0), moment());
      c.observe(cluster('leader', 0), moment()); // S3 elected in term 2: nothing is committed yet
      c.observe(cluster('follower', 0), moment()); // and steps down
      expect(c.violations).toEqual([]);
      c.observe(cluster('follower', 1), moment()); // S1, still leading term 1, commits a
      if (s3HadIt) expect(c.violations).toEqual([]);
      else {
        expect(properties(c)).toEqual(['Leader Completeness']);
        expect(c.violations[0]!.message).toContain('S3 did not hold when it was elected leader of the later term 2');
      }
    }
  });

  it('Current-term commit rule: a follower whose commitIndex runs past every leader’s', () => {
    const c = new SafetyChecker(IDS);
    const log = [entry(1, 'a'), entry(1, 'b')];
    const cluster = (leaderCommit: number, followerCommit: number) => [
      node('S1', 'leader', 1, log, leaderCommit),
      node('S2', 'follower', 1, log, followerCommit),
      node('S3', 'follower', 1, []),
    ];
    c.observe(cluster(0, 0), moment());
    c.observe(cluster(1, 0), moment());
    c.observe(cluster(1, 1), moment()); // as far as its leader: fine
    expect(c.violations).toEqual([]);
    c.observe(cluster(1, 2), moment()); // past it
    expect(properties(c)).toEqual(['Current-term commit rule']);
    expect(c.violations[0]!.message).toContain('S2, a follower of term 1, advanced commitIndex to 2, past index 1');
  });

  it('State Machine Safety: a truncation below commitIndex, with no commit after it', () => {
    const c = new SafetyChecker(IDS);
    const [a, b] = [entry(1, 'a'), entry(1, 'b')];
    const cluster = (s2: Entry[], s3: Entry[]) => [
      node('S1', 'leader', 1, [a, b], 2),
      node('S2', 'follower', 1, s2, 2),
      node('S3', 'follower', 1, s3, 1),
    ];
    c.observe(
      [node('S1', 'leader', 1, [a, b]), node('S2', 'follower', 1, [a, b]), node('S3', 'follower', 1, [a, b])],
      moment(),
    );
    c.observe(cluster([a, b], [a, b]), moment());
    c.observe(cluster([a, b], [a]), moment()); // S3 loses b, above its commitIndex 1: fine
    expect(c.violations).toEqual([]);
    c.observe(cluster([a], [a]), moment()); // S2 loses b, which it has committed
    expect(properties(c)).toEqual(['State Machine Safety']);
    expect(c.violations[0]!.message).toContain('S2 changed its entry at index 2');
  });

  it('entries are compared by content: a hash collision hides no difference, an equal copy is no difference', () => {
    const [x, y] = collidingEntries(1);
    expect(x).not.toEqual(y);
    const c = new SafetyChecker(IDS);
    const cluster = (commit: number, s3: Entry[], s3Commit = 0) => [
      node('S1', 'leader', 1, [x], commit),
      node('S2', 'follower', 1, [{ ...x }]), // an equal copy of x
      node('S3', 'follower', 1, s3, s3Commit),
    ];
    c.observe(cluster(0, []), moment());
    c.observe(cluster(1, []), moment());
    c.observe([node('S1', 'leader', 1, [{ ...x }], 1), ...cluster(1, []).slice(1)], moment()); // so is this
    expect(c.violations).toEqual([]);
    c.observe(cluster(1, [y], 1), moment());
    expect(properties(c)).toEqual(['Log Matching', 'State Machine Safety']);
  });
});

function withRules(s: Scenario, rules: Partial<RuleSwitches>): Scenario {
  return { ...s, options: { ...s.options, rules } };
}

function violated(s: Scenario): Property[] {
  return [...new Set(runScenario(s).violations.map((v) => v.property))];
}

/** S3 votes for S1, crashes, restarts, and (forgetting its vote) can vote for S2 in the same term. */
const doubleVote = builtInScenario('restart-forgets-vote')!;

describe('teaching switches reproduce the bug each is named for', () => {
  it('"commit old-term entries by counting replicas" breaks Figure 8', () => {
    const s = builtInScenario('figure-8-overwritten')!;
    expect(violated(s)).toEqual([]);
    const found = violated(withRules(s, { commitOldTermByCount: true }));
    expect(found).toContain('Current-term commit rule');
    expect(found).toContain('State Machine Safety');
  });

  it('"grant votes without the up-to-date check" lets a stale log win and erase committed entries', () => {
    const s = builtInScenario('figure-8-committed')!;
    expect(violated(s)).toEqual([]);
    expect(violated(withRules(s, { skipUpToDateCheck: true }))).toContain('Leader Completeness');
  });

  it('"forget votedFor on restart" lets one server vote twice and elect two leaders in a term', () => {
    expect(violated(doubleVote)).toEqual([]);
    expect(violated(withRules(doubleVote, { forgetVotedForOnRestart: true }))).toContain('Election Safety');
  });

  it('the fuzzer finds the Figure 8 bug when the switch is on', () => {
    const failing = Array.from({ length: 60 }, (_, i) => fuzzScenario(i + 1, 8000)).filter(
      (s) => violated(withRules(s, { commitOldTermByCount: true, skipUpToDateCheck: true })).length > 0,
    );
    expect(failing.length).toBeGreaterThan(0);
  });
});

describe('the checker’s incremental shadow of every log', () => {
  it('matches the logs recomputed from scratch throughout fault-heavy runs', () => {
    let checks = 0;
    for (let seed = 300; seed < 310; seed++) {
      runScenario(fuzzScenario(seed, 6000), {
        onEvent: (p, world) => {
          if (p.seq % 25 !== 0) return;
          checks++;
          expect(world.checker.verifyShadows(world.hosts), `seed ${seed}, event ${p.seq}`).toEqual([]);
        },
      });
    }
    expect(checks).toBeGreaterThan(100);
  });
});
