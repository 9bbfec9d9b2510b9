/**
 * The world as a watch expression sees it (see watch.ts): one reused scope, refilled from
 * the world's servers on each call, so checking an expression after every event allocates
 * nothing.
 */
import type { World } from '../sim/core/world';
import { blankWatchNode, type WatchNode, type WatchScope } from '../sim/scenario/watch';

export class WorldWatchScope {
  private readonly nodes: { -readonly [K in keyof WatchNode]: WatchNode[K] }[] = [];
  private readonly scope: { nodes: WatchNode[]; t: number } = { nodes: this.nodes, t: 0 };

  fill(world: World): WatchScope {
    const hosts = world.hosts;
    for (let k = 0; k < hosts.length; k++) {
      const h = hosts[k]!;
      const c = h.context;
      const n = (this.nodes[k] ??= blankWatchNode(h.id));
      n.id = h.id;
      n.up = h.up;
      n.role = h.role;
      n.term = c.term;
      n.votedFor = c.votedFor;
      n.commitIndex = c.commitIndex;
      n.lastApplied = c.lastApplied;
      n.logLength = c.log.length;
      n.lastLogTerm = c.log.length === 0 ? 0 : c.log[c.log.length - 1]!.term;
    }
    this.nodes.length = hosts.length;
    this.scope.t = world.now;
    return this.scope;
  }
}
