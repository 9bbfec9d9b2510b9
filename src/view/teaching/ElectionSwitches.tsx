/**
 * The election switches beyond Figure 2 (CONTRACTS.md section 5): PreVote (dissertation §9.6)
 * and CheckQuorum (§6.2, with the lease of §4.2.3). Flipping one is an action at the current
 * moment, the `options` step, so it replays, shares and is undone by going back like any
 * other. Their state is the world's, from the frames.
 */
import { useId, useState } from 'react';
import type { Extensions } from '../../raft/types';
import { OPTION_WORDS } from '../../sim/scenario/scenario';
import { useSim } from '../../store/simStore';
import { sim } from '../../store/simClient';

const WHAT: Readonly<Record<keyof Extensions, string>> = {
  preVote:
    'PreVote (§9.6): a server whose election timer fires first asks for pre-votes, keeping its term, and stands for election only with a majority of them.',
  checkQuorum:
    'CheckQuorum (§6.2): a leader that has not heard from a majority within an election timeout steps down; a server that heard from a leader recently ignores vote requests (§4.2.3).',
};

const KEYS = Object.keys(OPTION_WORDS) as (keyof Extensions)[];

/** The `options` step that turns one switch on or off. */
function switched(k: keyof Extensions, on: boolean): Parameters<typeof sim.act>[0] {
  return k === 'preVote' ? { do: 'options', preVote: on } : { do: 'options', checkQuorum: on };
}

export function ElectionSwitches() {
  const extensions = useSim((s) => s.extensions);
  const ready = useSim((s) => s.ready);
  const id = useId();
  // A flip shows at once, before the world's next frame confirms it (a checkbox that waits a
  // frame to change looks, to a person and to assistive technology, as if the click failed).
  // It holds until the world's switches change (the world's state then says what is on).
  const [flipped, setFlipped] = useState<{ k: keyof Extensions; on: boolean; over: Extensions } | null>(null);
  const shown = (k: keyof Extensions) =>
    flipped !== null && flipped.k === k && flipped.over === extensions ? flipped.on : extensions[k];
  return (
    <fieldset className="election-switches">
      <legend className="visually-hidden">Elections beyond Figure 2</legend>
      {KEYS.map((k) => (
        <span key={k} className={`election-switch${shown(k) ? ' on' : ''}`} title={WHAT[k]}>
          <label>
            <input
              type="checkbox"
              checked={shown(k)}
              disabled={!ready}
              aria-describedby={`${id}-${k}`}
              onChange={(e) => {
                setFlipped({ k, on: e.target.checked, over: extensions });
                sim.act(switched(k, e.target.checked));
              }}
            />
            {OPTION_WORDS[k]}
          </label>
          <span id={`${id}-${k}`} className="visually-hidden">
            {WHAT[k]}
          </span>
        </span>
      ))}
    </fieldset>
  );
}
