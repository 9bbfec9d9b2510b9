/**
 * "Why did this happen": the chain of messages and events behind a selected log entry or
 * vote, in plain words; the same chain is highlighted in the space-time diagram.
 */
import { ui } from '../../store/uiStore';
import { useExplanation } from './useExplanation';

export function WhyPanel() {
  const asked = useExplanation();
  if (asked === null) return null;
  return (
    <section className="panel why" aria-label="Why did this happen">
      <div className="panel-head">
        <h2>{asked.title}</h2>
        <button type="button" className="quiet" aria-label="Close explanation" onClick={() => ui.explain(null)}>
          ✕
        </button>
      </div>
      <ol className="why-steps">
        {asked.explanation.steps.map((s, i) => (
          <li key={i}>{s}</li>
        ))}
      </ol>
      <p className="muted">The messages of this chain are highlighted in the space-time diagram.</p>
    </section>
  );
}
