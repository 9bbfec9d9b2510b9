import { termColour } from './palette';
import './legend.css';
import './nodeGlyph.css';
import './transferArrows.css';

const MESSAGES: [string, string, string][] = [
  ['vote-request', 'vote? t4', 'RequestVote: a candidate asks for a vote in term 4'],
  ['vote-granted', 'vote ✓', 'vote granted'],
  ['vote-denied', 'vote ✕', 'vote denied'],
  [
    'prevote-request',
    'pre? t4',
    'PreVote (§9.6): a pre-candidate asks whether it would get a vote in term 4, keeping its own term',
  ],
  ['prevote-granted', 'pre ✓', 'pre-vote granted'],
  ['prevote-denied', 'pre ✕', 'pre-vote denied'],
  ['timeout-now', 'TimeoutNow', 'leadership transfer (§3.10): the leader tells its successor to start an election now'],
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
            <rect className="legend-shape role-pre-candidate" x={-10} y={-10} width={20} height={20} rx={4} />
          </svg>
          pre-candidate, with PreVote on (dotted square; small squares are pre-votes won, hollow ones still needed). It
          keeps its term until a majority would vote for it
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
          <svg viewBox="0 -12 64 24" aria-hidden="true" className="legend-wide">
            <g className="clock-badge fast" transform="translate(1, 0)">
              <rect x={0} y={-10} width={38} height={20} rx={10} />
              <circle className="clock-face" cx={10} cy={0} r={6} />
              <path className="clock-hands" d="M 10 0 L 10 -4 M 10 0 L 13.5 2" />
              <text x={19} y={0.5} className="legend-badge-text">
                2×
              </text>
            </g>
          </svg>
          on a server&apos;s edge: its clock runs fast, here twice as fast as true time (a slow one is dashed, such as
          0.5×), so its timers fire sooner (or later)
        </li>
        <li>
          <svg viewBox="-24 -12 48 24" aria-hidden="true" className="legend-wide">
            <g className="heard-mark heard" transform="translate(-11, 0)">
              <circle r={9} />
              <path d="M -4.5 0 L -1.3 3.6 L 4.5 -3.6" />
            </g>
            <g className="heard-mark silent" transform="translate(12, 0)">
              <circle r={9} />
              <path d="M -3.6 -3.6 L 3.6 3.6 M 3.6 -3.6 L -3.6 3.6" />
            </g>
          </svg>
          with CheckQuorum on: the leader heard from this server within the last election timeout (✓), or not (✕); the
          leader says how many (&ldquo;heard 3 of 5&rdquo;) and steps down when that is no majority
        </li>
        <li>
          <svg viewBox="0 -8 48 16" aria-hidden="true" className="legend-wide">
            <g className="transfer">
              <line x1={3} y1={0} x2={34} y2={0} />
              <polygon points="46,0 34,-6 34,6" />
            </g>
          </svg>
          leadership transfer in progress: the leader is handing over to the server the arrow points at
        </li>
        <li>
          <span className="legend-arc" aria-hidden="true" />
          ring around a server: its election timer (or a leader's next heartbeat), draining (with reduced motion it
          empties in quarters, and messages jump along their links in three steps)
        </li>
        <li>
          <span className="legend-link cut" aria-hidden="true">
            ✂
          </span>
          red dashed link: cut (click a link to cut or restore it); grey dotted: partitioned
        </li>
        <li>
          <svg viewBox="0 -14 40 28" aria-hidden="true" className="legend-one-way">
            <line className="lane-ok" x1={2} y1={-5} x2={30} y2={-5} />
            <polygon className="lane-ok" points="38,-5 30,-9 30,-1" />
            <line className="lane-cut" x1={38} y1={5} x2={10} y2={5} />
            <polygon className="lane-cut" points="2,5 10,1 10,9" />
          </svg>
          a link in two lanes: cut one way. Messages keep to the right of their direction; the red dashed lane with ✂ is
          cut, the arrows show which way each lane goes. A link&apos;s menu (tap it, right-click it, its ⋯, or
          Shift+Enter on it) cuts one direction
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
          faded, dashed message: lost (it met a partition or cut on its way, or the network lost it); it will be dropped
          even if the network heals first
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
        <li>
          <span className="legend-next" aria-hidden="true">
            next 4 · match 3
          </span>
          beside a server&apos;s log: what the leader knows of it (§5.3). next: nextIndex, the entry the leader sends it
          next (flagged &ldquo;next&rdquo; on the log); match: matchIndex, the last entry the leader knows it holds.
          With two leaders (an old one not yet told of the new term), each leader&apos;s pair is named by its id.
        </li>
      </ul>
    </details>
  );
}
