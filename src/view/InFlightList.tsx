import { useSim } from '../store/simStore';
import { ui, useUi } from '../store/uiStore';
import { messageName } from './LiveLayer';

/** Every message on its way, as buttons: the keyboard's and screen readers' way to the messages drawn on the canvas. */
export function InFlightList() {
  const messages = useSim((s) => s.messages);
  const selected = useUi((s) => s.selectedMessage?.msgId ?? null);
  return (
    <section className="panel in-flight" aria-labelledby="in-flight-title">
      <h2 id="in-flight-title">Messages in flight ({messages.length})</h2>
      <ul aria-label="Messages in flight">
        {messages.map((m) => (
          <li key={m.key}>
            <button
              type="button"
              className={`flight msg-${m.variant}${m.lost ? ' msg-lost' : ''}`}
              aria-pressed={selected === m.msgId}
              aria-label={messageName(m)}
              onClick={() => ui.selectMessage(m)}
            >
              <span className="flight-route">
                {m.from}→{m.to}
              </span>{' '}
              {m.summary}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
