/**
 * The narration: a scenario's guided walk, one step at a time. Each step moves the run to
 * its moment and says what is happening and why, with what it is about highlighted in the
 * cluster, the logs and the messages. A step may first put a question to the audience; Next
 * reveals the answer. Page Down / Page Up (a presenter remote) go Next / Back while it runs.
 */
import { useState } from 'react';
import type { Extensions } from '../../raft/types';
import { OPTION_WORDS } from '../../sim/scenario/scenario';
import { useSim } from '../../store/simStore';
import { nextMove } from './narrationFlow';
import { narrationBack, narrationNext } from './narrationControl';

export function Narration() {
  const { steps, index, revealed } = useSim((s) => s.narration);
  const [guess, setGuess] = useState<{ step: number; choice: string } | null>(null);
  if (steps.length === 0) return null;
  const step = steps[index];
  const asking = step?.ask !== undefined && !revealed;
  const chosen = guess !== null && guess.step === index ? guess.choice : null;
  return (
    <section className="panel narration" aria-label="Narration">
      <div className="narration-head">
        <h2>Narration</h2>
        <span className="narration-count" aria-live="off">
          {index < 0 ? `${steps.length} steps` : `Step ${index + 1} of ${steps.length}`}
        </span>
      </div>
      <div className="narration-body" aria-live="polite">
        <ChangedOptions />
        {step === undefined ? (
          <p>
            A guided walk through this run in {steps.length} steps. Press <strong>Next</strong> (or Page Down) to begin.
          </p>
        ) : (
          <>
            <h3>{step.title}</h3>
            {asking ? (
              <>
                <p className="narration-question">
                  <span aria-hidden="true">? </span>
                  {step.ask.question}
                </p>
                <div className="narration-choices" role="group" aria-label="Your prediction">
                  {step.ask.choices.map((c) => (
                    <button
                      type="button"
                      key={c}
                      aria-pressed={chosen === c}
                      onClick={() => setGuess({ step: index, choice: c })}
                    >
                      {c}
                    </button>
                  ))}
                </div>
                <p className="narration-hint">Predict, then press Next to see what happens.</p>
              </>
            ) : (
              <>
                {step.ask !== undefined && (
                  <p className="narration-answer">
                    Answer: <strong>{step.ask.answer}</strong>
                    {chosen !== null &&
                      (chosen === step.ask.answer ? ' (your prediction: right)' : ` (you said ${chosen})`)}
                  </p>
                )}
                <p>{step.text}</p>
              </>
            )}
          </>
        )}
      </div>
      <div className="narration-nav">
        <NarrationButtons />
      </div>
    </section>
  );
}

const OPTION_KEYS = Object.keys(OPTION_WORDS) as (keyof Extensions)[];

/**
 * A note while PreVote or CheckQuorum is not as the scenario has it now (a person flipped a
 * switch, or the address set one): the narration describes the scenario's run, and this one
 * may not do what it says.
 */
function ChangedOptions() {
  const now = useSim((s) => s.extensions);
  const scenario = useSim((s) => s.scenarioExtensions);
  const changed = OPTION_KEYS.filter((k) => now[k] !== scenario[k]);
  if (changed.length === 0) return null;
  const onOff = (on: boolean) => (on ? 'on' : 'off');
  return (
    <p className="narration-changed" role="note">
      Changed from the scenario:{' '}
      {changed.map((k) => `${OPTION_WORDS[k]} ${onOff(now[k])} (the scenario has it ${onOff(scenario[k])})`).join(', ')}
      . The run may not do what this narration says.
    </p>
  );
}

/**
 * Back and Next through the narration: under its text, and (placed by the page) in the
 * presentation strip and the phone's bottom bar. Nothing without a narration.
 */
export function NarrationButtons() {
  const { steps, index, revealed } = useSim((s) => s.narration);
  if (steps.length === 0) return null;
  return (
    <>
      <button type="button" onClick={narrationBack} disabled={index < 0} aria-keyshortcuts="PageUp">
        <span aria-hidden="true">◀ </span>Back
      </button>
      <button
        type="button"
        className="primary"
        onClick={narrationNext}
        disabled={nextMove(steps, { index, revealed }) === null}
        aria-keyshortcuts="PageDown"
      >
        Next
        <span aria-hidden="true"> ▶</span>
      </button>
    </>
  );
}
