/**
 * The typed protocol between the page and the simulation worker.
 */
import type { NodeId, Role } from '../raft/types';

export interface NodeFrame {
  readonly id: NodeId;
  readonly up: boolean;
  readonly role: Role;
  readonly term: number;
  readonly votedFor: NodeId | null;
  readonly commitIndex: number;
  readonly logLength: number;
}

export interface Frame {
  readonly t: number;
  readonly seq: number;
  readonly nodes: readonly NodeFrame[];
  readonly violations: number;
}

export type ToWorker =
  | { readonly type: 'start'; readonly seed: number; readonly speed: number; readonly paused: boolean }
  | { readonly type: 'pause' }
  | { readonly type: 'play' };

export type FromWorker =
  { readonly type: 'frame'; readonly frame: Frame } | { readonly type: 'error'; readonly message: string };
