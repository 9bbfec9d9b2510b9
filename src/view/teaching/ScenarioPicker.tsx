/**
 * The scenario library: a list of the built-in scenarios by title, with the chosen one's
 * description. Choosing one starts it from the beginning with its own seed, and puts its
 * name in the address (?scenario=...) so the link opens it again. Beside it, the cluster's
 * size for free play (Servers, 1 to 9) and the election switches PreVote and CheckQuorum
 * (ElectionSwitches.tsx).
 */
import { useId } from 'react';
import { SCENARIO_CATALOG } from '../../sim/scenario/builtIn/catalog';
import {
  FREE_PLAY_NODES,
  MAX_FREE_PLAY_NODES,
  MIN_FREE_PLAY_NODES,
  welcomeDescription,
} from '../../sim/scenario/builtIn/welcome';
import type { Extensions } from '../../raft/types';
import { useSim } from '../../store/simStore';
import { sim } from '../../store/simClient';
import { ElectionSwitches } from './ElectionSwitches';
import './scenarioPicker.css';

const FREE_PLAY = 'welcome';
const OPENED = '(opened)';
const SIZES = Array.from({ length: MAX_FREE_PLAY_NODES - MIN_FREE_PLAY_NODES + 1 }, (_, i) => MIN_FREE_PLAY_NODES + i);

/**
 * Rewrites the address for a run about to start, so the link opens it again: the scenario
 * (none for free play), free play's number of servers (none for five) and PreVote and
 * CheckQuorum when on; the seed is the scenario's own again.
 */
function setAddress(scenario: string | null, nodes: number | null, options: Partial<Extensions>): void {
  const q = new URLSearchParams(location.search);
  const put = (name: string, value: string | null) => (value === null ? q.delete(name) : q.set(name, value));
  put('scenario', scenario);
  put('nodes', nodes === null || nodes === FREE_PLAY_NODES ? null : String(nodes));
  put('preVote', options.preVote ? '1' : null);
  put('checkQuorum', options.checkQuorum ? '1' : null);
  q.delete('seed');
  const query = q.toString();
  history.replaceState(null, '', `${location.pathname}${query ? `?${query}` : ''}`);
}

/** A scenario from the library, or free play with five servers, each as it is defined. */
function choose(name: string): void {
  const scenario = name === FREE_PLAY ? null : name;
  setAddress(scenario, null, {});
  sim.load(scenario);
}

/** Free play afresh with `nodes` servers, PreVote and CheckQuorum as they are now. */
function resize(nodes: number): void {
  const { preVote, checkQuorum } = useSim.getState().extensions;
  const options = { preVote, checkQuorum };
  setAddress(null, nodes, options);
  sim.load(null, nodes, options);
}

const NUMBER_WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

export function ScenarioPicker() {
  const current = useSim((s) => s.scenario);
  const size = useSim((s) => s.ids.length);
  const ready = useSim((s) => s.ready);
  const descriptionId = useId();
  const entry = SCENARIO_CATALOG.find((s) => s.name === current);
  const free = current === FREE_PLAY;
  // A scenario opened from a file or a link, not one of the library's.
  const opened = entry === undefined && !free && current !== '' ? current : null;
  const freeSize = free ? size : FREE_PLAY_NODES;
  const servers = `${NUMBER_WORDS[freeSize] ?? freeSize} ${freeSize === 1 ? 'server' : 'servers'}`;
  return (
    <div className="scenario-bar">
      <label>
        <span>Scenario</span>
        <select
          value={entry ? current : opened !== null ? OPENED : FREE_PLAY}
          onChange={(e) => e.target.value !== OPENED && choose(e.target.value)}
          aria-describedby={descriptionId}
        >
          {opened !== null && <option value={OPENED}>Opened: {opened}</option>}
          <option value={FREE_PLAY}>Free play: {servers}, a few writes</option>
          {SCENARIO_CATALOG.map((s) => (
            <option key={s.name} value={s.name}>
              {s.title}
            </option>
          ))}
        </select>
      </label>
      <label className="servers-choice" title="Restarts free play with this many servers, S1 to Sn">
        <span>Servers</span>
        <select
          value={size === 0 ? FREE_PLAY_NODES : size}
          disabled={!ready}
          onChange={(e) => resize(Number(e.target.value))}
        >
          {SIZES.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <ElectionSwitches />
      <p id={descriptionId} className="scenario-description">
        {entry?.description ??
          (opened !== null ? 'A scenario opened from a file or a link.' : welcomeDescription(freeSize))}
      </p>
    </div>
  );
}
