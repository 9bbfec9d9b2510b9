import { termColour } from './palette';

const MESSAGES: [string, string, string][] = [
  ['vote-request', 'vote? t4', 'RequestVote: a candidate asks for a vote in term 4'],
  ['vote-granted', 'vote ✓', 'vote granted'],
  ['vote-denied', 'vote ✕', 'vote denied'],
  ['heartbeat', '♥', 'AppendEntries with no entries (heartbeat)'],
  ['append', '+2', 'AppendEntries carrying 2 entries'],
  ['append-ok', 'ok 5', 'AppendEntries accepted: the follower matches up to index 5'],
  ['append-fail', '✕ 4', 'AppendEntries refused: no match at index 4'],
  ['client', 'write', 'a client request, redirect or acknowledgement'],
];

/** What every symbol means. */
export function Legend() {
  return (
    <details className="panel legend">
      <summary>
        <h2>Legend</h2>
      </summary>
      <ul className="legend-list">
        <li>
          <svg viewBox="-14 -14 28 28" aria-hidden="true">
            <circle className="legend-shape role-follower" r={11} />
          </svg>
          follower (circle)
        </li>
        <li>
          <svg viewBox="-14 -14 28 28" aria-hidden="true">
            <rect className="legend-shape role-candidate" x={-8} y={-8} width={16} height={16} transform="rotate(45)" />
          </svg>
          candidate (diamond; dots are votes won, hollow ones still needed)
        </li>
        <li>
          <svg viewBox="-14 -14 28 28" aria-hidden="true">
            <polygon className="legend-shape role-leader" points="12,5 5,12 -5,12 -12,5 -12,-5 -5,-12 5,-12 12,-5" />
          </svg>
          leader (octagon with a crown)
        </li>
        <li>
          <svg viewBox="-14 -14 28 28" aria-hidden="true">
            <circle className="legend-shape role-crashed" r={11} />
            <path className="crash-x" d="M -6 -6 L 6 6 M 6 -6 L -6 6" />
          </svg>
          crashed
        </li>
        <li>
          <span className="legend-arc" aria-hidden="true" />
          ring around a server: its election timer (or a leader's next heartbeat), draining
        </li>
        <li>
          <span className="legend-link cut" aria-hidden="true">
            ✂
          </span>
          red dashed link: cut (click a link to cut or restore it); grey dotted: partitioned
        </li>
        {MESSAGES.map(([variant, glyph, text]) => (
          <li key={variant}>
            <span className={`legend-msg msg-${variant}`} aria-hidden="true">
              {glyph}
            </span>
            {text}
          </li>
        ))}
        <li>
          <span className="legend-msg msg-lost" aria-hidden="true">
            ♥
          </span>
          faded, dashed message: it will be dropped
        </li>
        <li>
          <span className="legend-cells" aria-hidden="true">
            {[1, 2, 3, 4].map((t) => (
              <span key={t} style={{ background: termColour(t).fill, color: termColour(t).text }}>
                {t}
              </span>
            ))}
          </span>
          log entries, coloured by term with the term printed; solid when committed, dashed when not
        </li>
      </ul>
    </details>
  );
}
