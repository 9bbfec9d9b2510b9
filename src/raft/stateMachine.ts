/**
 * The replicated key-value state machine: applying committed entries in log order.
 * A write committed twice under one request id is applied once.
 */
import { layeredAdd, layeredGet, type LayeredRecord } from '../util/layeredRecord';
import type { AppliedWrite, Entry } from './types';

export interface Application {
  readonly index: number;
  readonly id: string;
  /** Where this id was first applied (an earlier index when this entry is a duplicate). */
  readonly first: AppliedWrite;
}

/**
 * Applies entries lastApplied+1..commitIndex to `kv`, recording request ids in `applied`.
 * Both records are the node's own and are updated in place. Returns what was applied,
 * one item per client write (duplicates included, pointing at their first application).
 */
export function applyEntries(
  log: readonly Entry[],
  lastApplied: number,
  commitIndex: number,
  kv: Map<string, string>,
  applied: LayeredRecord<AppliedWrite>,
): Application[] {
  const done: Application[] = [];
  for (let index = lastApplied + 1; index <= commitIndex; index++) {
    const entry = log[index - 1]!;
    const command = entry.command;
    if (command.op !== 'set') continue;
    let first = layeredGet(applied, command.id);
    if (first === undefined) {
      first = { index, term: entry.term };
      layeredAdd(applied, command.id, first);
      kv.set(command.key, command.value);
    }
    done.push({ index, id: command.id, first });
  }
  return done;
}
