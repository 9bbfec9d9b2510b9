/**
 * Rule switches for teaching: each breaks Figure 2 in one classic way, so a class can see
 * the bug the rule prevents. Off by default and clearly marked; switching one is an action
 * at the current moment (so it can be undone by going back, and replays exactly).
 */
import { RULE_WORDS } from '../../sim/scenario/scenario';
import type { RuleSwitches as Rules } from '../../raft/types';
import { useSim } from '../../store/simStore';
import { sim } from '../../store/simClient';

const SHOWN_IN: Readonly<Record<keyof Rules, string>> = {
  commitOldTermByCount: 'Figure 8 scenarios',
  skipUpToDateCheck: 'the up-to-date-check scenario',
  forgetVotedForOnRestart: 'the restart-forgets-vote scenario',
};

export function RuleSwitches() {
  const rules = useSim((s) => s.rules);
  const ready = useSim((s) => s.ready);
  const anyOn = Object.values(rules).some(Boolean);
  return (
    <fieldset className={`panel rules${anyOn ? ' rules-on' : ''}`}>
      <legend>
        <span aria-hidden="true">⚠ </span>Rule switches (bugs, for teaching)
      </legend>
      <p className="muted">Off means Figure 2 exactly. Each switch breaks one rule on purpose.</p>
      {(Object.keys(RULE_WORDS) as (keyof Rules)[]).map((k) => (
        <label key={k}>
          <input
            type="checkbox"
            checked={rules[k]}
            disabled={!ready}
            onChange={(e) => sim.act({ do: 'rules', rules: { [k]: e.target.checked } })}
          />{' '}
          {RULE_WORDS[k][0]!.toUpperCase() + RULE_WORDS[k].slice(1)}
          <span className="muted"> — shown in {SHOWN_IN[k]}</span>
        </label>
      ))}
      {anyOn && (
        <p className="rules-warning">
          <strong>Not Raft:</strong> a switch is on, so the safety checker may report violations.
        </p>
      )}
    </fieldset>
  );
}
