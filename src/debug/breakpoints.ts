/**
 * Breakpoints: after each event while running, whether to pause there, and why in words.
 * Pause on a new leader, a term change, a commit, a safety violation (on by default), or
 * when a person's watch expression becomes true (it fires on the change from false to true,
 * not on every event while it stays true).
 */
import type { Facts } from './facts';
import type { Processed, World } from '../sim/core/world';
import { compileWatch, type WatchScope } from '../sim/scenario/watch';
import { WorldWatchScope } from './watchScope';
import { DEFAULT_BREAKPOINTS, type Breakpoints } from './breakpointSettings';

type Evaluate = (scope: WatchScope) => boolean;

export class BreakpointWatch {
  /** Why the last hit paused, in words. */
  last: string | null = null;
  private config: Breakpoints = DEFAULT_BREAKPOINTS;
  private watch: Evaluate | null = null;
  private watchText = '';
  private was = false;
  private readonly scope = new WorldWatchScope();

  configure(config: Breakpoints, ids: readonly string[], world?: World): void {
    this.config = config;
    const compiled = config.watch.trim() === '' ? null : compileWatch(config.watch, ids);
    this.watch = compiled?.ok ? (scope) => compiled.evaluate(scope) : null;
    this.watchText = compiled?.source.trim() ?? '';
    if (world) this.reset(world);
  }

  /** The same breakpoints over a new run's servers. */
  rebind(ids: readonly string[], world: World): void {
    this.configure(this.config, ids, world);
  }

  /** The present is the baseline for the watch expression (after a seek, a step, an action). */
  reset(world: World): void {
    this.was = this.watch !== null && this.watch(this.fill(world));
  }

  private fill(world: World): WatchScope {
    return this.scope.fill(world);
  }

  /** Whether to pause after this event; the reason is also kept in `last`. */
  hit(p: Processed, facts: Facts, world: World): string | null {
    const c = this.config;
    let reason: string | null = null;
    if (c.violation && p.violations.length > 0) reason = `safety violation: ${p.violations[0]!.property}`;
    else if (c.leader && facts.elected) reason = `${facts.elected.node} is leader in term ${facts.elected.term}`;
    else if (c.term && facts.termChanged) reason = 'a server moved to a new term';
    else if (c.commit && facts.committed !== null) reason = `entry ${facts.committed} committed`;
    if (this.watch !== null) {
      const now = this.watch(this.fill(world));
      if (now && !this.was && reason === null) reason = `watch: ${this.watchText} became true`;
      this.was = now;
    }
    if (reason !== null) this.last = `Paused: ${reason} (t=${p.t.toFixed(1)} ms)`;
    return reason;
  }
}
