/**
 * The session's history: the world, checkpoints of it every so many events, and the log
 * of a person's inputs, each stamped with the event number it became. Any moment can be
 * restored exactly: take the nearest checkpoint before it and replay. Acting in the past
 * starts a new branch; the old branch is kept and can be returned to.
 *
 * A moment is a position (seq, t): after event number `seq`, with the clock at `t` (at or
 * after that event's time, before the next). Replaying applies the branch's inputs at
 * exactly the positions they had, so a branch replays event for event.
 */
import { FactWatcher, markersOf, type Facts, type Marker } from './facts';
import type { Scenario, Step } from '../sim/scenario/scenario';
import { World, type Processed, type WorldSnapshot } from '../sim/core/world';
import { describeEvent } from '../sim/core/events';

/** A person's input, and where it happened: it became event number `seq`, at time `at`. */
export interface InputRecord {
  readonly seq: number;
  readonly at: number;
  readonly step: Step;
}

export interface Checkpoint {
  readonly seq: number;
  readonly t: number;
  readonly snap: WorldSnapshot;
}

export interface Branch {
  readonly id: number;
  readonly parent: Branch | null;
  /** Events 1..forkSeq are the parent's; this branch's own events start after them. */
  readonly forkSeq: number;
  readonly forkT: number;
  readonly inputs: InputRecord[];
  /** Checkpoints of this branch's own events (earlier ones are the parent's). */
  readonly checkpoints: Checkpoint[];
  readonly markers: Marker[];
  /** The latest checkpoint on this branch's line. */
  tip: Checkpoint;
  /** When the last commit mark was put down (they are thinned out). */
  lastCommitMark: number;
  /** The furthest moment this branch has reached. */
  headSeq: number;
  headT: number;
}

export interface Position {
  readonly seq: number;
  readonly t: number;
}

const COMMIT_MARK_GAP = 250;

/** Decides, after each event, whether to stop there. */
export type StopWhen = (p: Processed, facts: Facts) => boolean;
export type OnEvent = (p: Processed, facts: Facts) => void;

/** A checkpoint every this many events: a seek replays at most this many. */
export const CHECKPOINT_EVERY = 1500;

export class History {
  readonly world: World;
  readonly branches: Branch[] = [];
  branch: Branch;
  private readonly facts = new FactWatcher();
  private nextBranchId = 1;
  /** Index into branch.inputs of the next input not yet replayed. */
  private nextInput = 0;

  private readonly every: number;

  /**
   * `inputs`: a person's inputs to replay where they were (a shared session); they must be
   * in event order. Running then reproduces that session event for event.
   */
  constructor(
    scenario: Scenario,
    options: { seed?: number; checkpointEvery?: number; inputs?: readonly InputRecord[] } = {},
  ) {
    this.world = new World(scenario, options.seed === undefined ? {} : { seed: options.seed });
    this.every = options.checkpointEvery ?? CHECKPOINT_EVERY;
    const start: Checkpoint = { seq: 0, t: 0, snap: this.world.snapshot() };
    this.branch = this.newBranch(null, 0, 0, [...(options.inputs ?? [])], start);
    this.branch.checkpoints.push(start);
    this.facts.reset(this.world);
  }

  get position(): Position {
    return { seq: this.world.seq, t: this.world.now };
  }

  private newBranch(
    parent: Branch | null,
    forkSeq: number,
    forkT: number,
    inputs: InputRecord[],
    tip: Checkpoint,
  ): Branch {
    const markers = parent ? parent.markers.filter((m) => m.seq <= forkSeq) : [];
    const branch: Branch = {
      id: this.nextBranchId++,
      parent,
      forkSeq,
      forkT,
      inputs,
      checkpoints: [],
      markers,
      tip,
      lastCommitMark: markers.findLast((m) => m.kind === 'commit')?.t ?? -Infinity,
      headSeq: forkSeq,
      headT: forkT,
    };
    this.branches.push(branch);
    return branch;
  }

  /** Whether every input of this branch up to the present has been replayed where it belongs. */
  get inputsInPlace(): boolean {
    const next = this.branch.inputs[this.nextInput];
    return next === undefined || next.seq > this.world.seq;
  }

  /** The input due as the very next event, if any. */
  private dueInput(): InputRecord | undefined {
    const r = this.branch.inputs[this.nextInput];
    return r !== undefined && r.seq === this.world.seq + 1 ? r : undefined;
  }

  /**
   * Runs forward to time `until` (replaying this branch's inputs where they were), and
   * stops early after an event for which `stop` says so; returns that event, or null.
   */
  run(until: number, onEvent?: OnEvent, stop?: StopWhen): Processed | null {
    const w = this.world;
    for (;;) {
      const r = this.dueInput();
      let p: Processed | null;
      if (r !== undefined) {
        if (r.at > until) break;
        if (r.at > w.now) w.runUntil(r.at); // only silent bookkeeping lies between
        p = w.apply(r.step);
        this.nextInput++;
      } else {
        p = w.step(until);
        if (p === null) break;
      }
      const facts = this.note(p);
      if (onEvent) onEvent(p, facts);
      if (stop && stop(p, facts)) return p;
    }
    w.runUntil(until);
    this.extendHead();
    return null;
  }

  /** Processes exactly one event (an input of this branch if one is due next). */
  step(onEvent?: OnEvent): Processed | null {
    return this.run(Infinity, onEvent, () => true);
  }

  /** A person's action now. In the past of this branch it starts a new branch. */
  act(step: Step, onEvent?: OnEvent): Processed {
    const w = this.world;
    if (this.branch.headSeq > w.seq) {
      const old = this.branch;
      const inputs = old.inputs.filter((r) => r.seq <= w.seq);
      const tip = this.findCheckpoint(old, (c) => c.seq <= w.seq);
      this.branch = this.newBranch(old, w.seq, w.now, inputs, tip);
      this.nextInput = inputs.length;
    }
    // The clock may have moved on from the head with no event: that moment is the head now.
    this.branch.headT = w.now;
    const p = w.apply(step);
    this.branch.inputs.push({ seq: p.seq, at: p.t, step: { ...step, at: p.t } });
    this.nextInput = this.branch.inputs.length;
    const facts = this.note(p);
    if (!this.branch.markers.some((m) => m.seq === p.seq)) {
      this.branch.markers.push({ t: p.t, seq: p.seq, kind: 'action', label: describeEvent(p.event) });
    }
    if (onEvent) onEvent(p, facts);
    return p;
  }

  /** After each event: facts, and on new ground markers, the head and a checkpoint now and then. */
  private note(p: Processed): Facts {
    const facts = this.facts.observe(this.world);
    const b = this.branch;
    if (p.seq > b.headSeq) {
      b.headSeq = p.seq;
      b.headT = p.t;
      for (const m of markersOf(p, facts)) {
        // Commits come many a second: one mark per quarter second is enough for a timeline.
        if (m.kind === 'commit' && b.lastCommitMark > m.t - COMMIT_MARK_GAP) continue;
        if (m.kind === 'commit') b.lastCommitMark = m.t;
        b.markers.push(m);
      }
      if (p.seq - b.tip.seq >= this.every) {
        b.tip = { seq: p.seq, t: p.t, snap: this.world.snapshot(b.tip.snap) };
        b.checkpoints.push(b.tip);
      }
    }
    return facts;
  }

  private extendHead(): void {
    const b = this.branch;
    if (this.world.seq === b.headSeq && this.world.now > b.headT) b.headT = this.world.now;
  }

  /** The latest checkpoint on this branch's line for which `ok` holds (ok must be monotone: true up to a point). */
  private findCheckpoint(b: Branch, ok: (c: Checkpoint) => boolean): Checkpoint {
    let limit = Infinity;
    for (let branch: Branch | null = b; branch !== null; branch = branch.parent) {
      const list = branch.checkpoints;
      let lo = 0;
      let hi = list.length; // first index where the checkpoint is not usable
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        const c = list[mid]!;
        if (c.seq <= limit && ok(c)) lo = mid + 1;
        else hi = mid;
      }
      if (lo > 0) return list[lo - 1]!;
      limit = branch.forkSeq;
    }
    throw new Error('no checkpoint: the root branch always has one at the start');
  }

  private restore(c: Checkpoint): void {
    this.world.restore(c.snap);
    this.facts.reset(this.world);
    const inputs = this.branch.inputs;
    let i = 0;
    while (i < inputs.length && inputs[i]!.seq <= c.seq) i++;
    this.nextInput = i;
  }

  /** Goes to time `t`: every event at or before it has happened (clamped to the start). */
  seekTime(t: number, onEvent?: OnEvent): void {
    const target = Math.max(0, t);
    const w = this.world;
    const c = this.findCheckpoint(this.branch, (ck) => ck.t <= target);
    // Replaying forward from where we are is cheaper than restoring, when we are closer.
    if (!(w.now <= target && c.seq <= w.seq)) this.restore(c);
    this.run(target, onEvent);
  }

  /** Goes to just after event number `seq` (clock at that event's time, or `t` if given and later). */
  seekSeq(seq: number, t?: number, onEvent?: OnEvent): void {
    const target = Math.max(0, seq);
    const w = this.world;
    const c = this.findCheckpoint(this.branch, (ck) => ck.seq <= target);
    if (!(w.seq <= target && c.seq <= w.seq)) this.restore(c);
    while (w.seq < target) {
      if (this.step(onEvent) === null) break;
    }
    if (t !== undefined && t > w.now) this.run(t, onEvent, () => true);
  }

  /** Makes another branch current, at the same time if it reaches that far, else at its head. */
  switchTo(id: number, onEvent?: OnEvent): boolean {
    const b = this.branches.find((x) => x.id === id);
    if (b === undefined) return false;
    const t = this.world.now;
    this.branch = b;
    this.restore(this.findCheckpoint(b, (ck) => ck.t <= Math.min(t, b.headT)));
    if (t >= b.headT) this.seekSeq(b.headSeq, b.headT, onEvent);
    else this.run(t, onEvent);
    return true;
  }
}
