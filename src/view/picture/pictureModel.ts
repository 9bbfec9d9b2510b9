/**
 * What a picture of the cluster view shows, as plain data taken from the simulation store at
 * one moment of the page's clock. `pictureSvg` draws it; nothing here touches the DOM.
 */
import type { NodeId, Role } from '../../raft/types';
import { dict, has } from '../../util/dict';
import type { SimView } from '../../store/simStore';
import type { EntryView, NetworkView } from '../../worker/protocol';
import { movingMessageOf } from '../cluster/livePaint';
import { heardByLeader } from '../cluster/roleWords';
import type { MovingMessage } from '../cluster/livePaint';

export interface PictureNode {
  readonly id: NodeId;
  readonly up: boolean;
  readonly role: Role;
  readonly term: number;
  readonly votedFor: NodeId | null;
  /** Votes a candidate has won, or pre-votes a pre-candidate has. */
  readonly votes: readonly NodeId[];
  /** How fast its clock runs (1: true time). */
  readonly clockRate: number;
  readonly commitIndex: number;
  /** Virtual time of the node's next timer, for its timer ring; null when it is down. */
  readonly deadline: number | null;
  readonly log: readonly EntryView[];
  readonly kv: ReadonlyMap<string, string>;
  /** The leader's nextIndex and matchIndex for this server, as the Logs panel shows them. */
  readonly next: number | null;
  readonly match: number | null;
  /** A leader's transfer target (§3.10), or null. */
  readonly transferTo: NodeId | null;
  /** With CheckQuorum, a leader's servers heard from within the window (§6.2); else null. */
  readonly quorumContact: readonly NodeId[] | null;
  /** With CheckQuorum, whether the leader heard from this follower within the window; null when no leader checks. */
  readonly heard: boolean | null;
}

export interface PictureMessage extends MovingMessage {
  readonly key: string;
  readonly held: boolean;
}

export interface PictureModel {
  readonly scenario: string;
  readonly seed: number;
  /** The page's virtual time, in milliseconds. */
  readonly t: number;
  readonly ids: readonly NodeId[];
  readonly nodes: Readonly<Record<NodeId, PictureNode>>;
  readonly network: NetworkView;
  readonly messages: readonly PictureMessage[];
  readonly electionTimeout: readonly [number, number];
  readonly heartbeatInterval: number;
}

/** The picture of the store's view at the page's virtual time `t` (`useClock.getState().t`). */
export function pictureModelFrom(sim: SimView, t: number): PictureModel {
  let leader: SimView['nodes'][string] | null = null;
  for (const id of sim.ids) {
    const n = sim.nodes[id];
    if (n?.up && n.role === 'leader' && n.nextIndex && n.matchIndex) {
      leader = n;
      break;
    }
  }
  const nodes: Record<NodeId, PictureNode> = dict();
  for (const id of sim.ids) {
    const n = sim.nodes[id];
    if (!n) continue;
    nodes[id] = {
      id,
      up: n.up,
      role: n.role,
      term: n.term,
      votedFor: n.votedFor,
      votes: n.votes,
      clockRate: n.clockRate,
      commitIndex: n.commitIndex,
      deadline: n.up ? n.deadline : null,
      log: n.log,
      kv: n.kv,
      next: leader?.nextIndex?.get(id) ?? null,
      match: leader?.matchIndex?.get(id) ?? null,
      transferTo: n.up ? n.transferTo : null,
      quorumContact: n.up ? n.quorumContact : null,
      heard: heardByLeader(id, sim.ids, sim.nodes),
    };
  }
  return {
    scenario: sim.scenario,
    seed: sim.seed,
    t,
    ids: sim.ids.filter((id) => has(nodes, id)),
    nodes,
    network: sim.network,
    messages: sim.messages.map((m) => ({ ...movingMessageOf(m), key: m.key, held: m.held })),
    electionTimeout: sim.electionTimeout,
    heartbeatInterval: sim.heartbeatInterval,
  };
}

/** `raft-<scenario>-seed<seed>-t<ms>.<ext>`, with only file-name-safe characters. */
export function pictureFileName(view: PictureModel, ext: 'svg' | 'png'): string {
  const scenario = view.scenario.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '') || 'run';
  return `raft-${scenario}-seed${view.seed}-t${Math.round(view.t)}.${ext}`;
}
