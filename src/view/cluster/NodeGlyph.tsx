import type { KeyboardEvent } from 'react';
import { majorityOf } from '../../raft/quorum';
import type { NodeId } from '../../raft/types';
import { useSim } from '../../store/simStore';
import { ui, useUi } from '../../store/uiStore';
import { focusedByClick } from '../../store/focusOrigin';
import { useNodeSpotlit } from '../teaching/narrationControl';
import type { NodeView } from '../../worker/protocol';
import { NODE_R, type Point } from './palette';

export function roleWord(n: NodeView): string {
  return n.up ? n.role : 'crashed';
}

/** The accessible name the contract fixes: "S1, leader, term 3", then more after a comma. */
export function nodeName(n: NodeView): string {
  const vote = n.votedFor === null ? 'no vote' : `voted for ${n.votedFor}`;
  return `${n.id}, ${roleWord(n)}, term ${n.term}, ${vote}, log ${n.log.length}, committed ${n.commitIndex}`;
}

/** The shape of each role, so role never rests on colour alone. */
function Shape({ n }: { n: NodeView }) {
  const r = NODE_R;
  if (!n.up) return <circle className="shape" r={r} />;
  switch (n.role) {
    case 'leader': {
      // An octagon with a crown above it.
      const pts = Array.from({ length: 8 }, (_, i) => {
        const a = Math.PI / 8 + (i * Math.PI) / 4;
        return `${(r * 1.04 * Math.cos(a)).toFixed(1)},${(r * 1.04 * Math.sin(a)).toFixed(1)}`;
      }).join(' ');
      return (
        <>
          <polygon className="shape" points={pts} />
          <path className="crown" d={`M -16 ${-r - 6} l 0 -14 l 8 7 l 8 -11 l 8 11 l 8 -7 l 0 14 z`} />
        </>
      );
    }
    case 'candidate':
      return (
        <rect
          className="shape"
          x={-r * 0.86}
          y={-r * 0.86}
          width={r * 1.72}
          height={r * 1.72}
          transform="rotate(45)"
          rx={6}
        />
      );
    default:
      return <circle className="shape" r={r} />;
  }
}

function VoteDots({ n, majority }: { n: NodeView; majority: number }) {
  if (!n.up || n.role !== 'candidate') return null;
  const total = Math.max(majority, n.votes.length);
  const width = (total - 1) * 12;
  return (
    <g className="votes" transform={`translate(0, ${NODE_R + 30})`}>
      {Array.from({ length: total }, (_, i) => (
        <circle key={i} cx={i * 12 - width / 2} r={4.5} className={i < n.votes.length ? 'vote got' : 'vote missing'} />
      ))}
    </g>
  );
}

export function NodeGlyph({ id, at }: { id: NodeId; at: Point }) {
  const n = useSim((s) => s.nodes[id]);
  const majority = useSim((s) => majorityOf(s.ids.length));
  const selected = useUi((s) => s.selectedNode === id);
  const spotlit = useNodeSpotlit(id);
  if (!n) return null;
  // Selecting a selected server keeps it selected (a second click must not empty the
  // Inspector); Escape or the Inspector's close button deselects.
  const select = () => ui.selectNode(id);
  const onKey = (e: KeyboardEvent) => {
    // Space after a click on the server is Play / Pause (commands.ts), not a second press.
    if (e.key === 'Enter' || (e.key === ' ' && !focusedByClick(e.currentTarget))) {
      e.preventDefault();
      select();
    }
  };
  const word = roleWord(n);
  return (
    <g
      className={`node role-${word}${selected ? ' selected' : ''}${spotlit ? ' spotlit' : ''}`}
      transform={`translate(${at.x.toFixed(1)}, ${at.y.toFixed(1)})`}
      role="button"
      tabIndex={0}
      aria-label={spotlit ? `${nodeName(n)}, highlighted by the narration` : nodeName(n)}
      aria-pressed={selected}
      onClick={select}
      onKeyDown={onKey}
    >
      <title>{nodeName(n)}</title>
      <circle className="focus-ring" r={NODE_R + 16} />
      {spotlit && <circle className="spot-ring" r={NODE_R + 9} />}
      <Shape n={n} />
      <text className="node-id" y={-8}>
        {n.id}
      </text>
      <text className="node-term" y={20}>
        term {n.term}
      </text>
      <text className="node-role" y={NODE_R + 20}>
        {word}
        {/* The vote on a line of its own, so the labels of nine servers side by side do not meet. */}
        {n.up && n.role !== 'leader' && n.votedFor !== null && (
          <tspan className="node-vote" x={0} dy="1.1em">
            voted {n.votedFor}
          </tspan>
        )}
      </text>
      {!n.up && <path className="crash-x" d="M -22 -22 L 22 22 M 22 -22 L -22 22" />}
      <VoteDots n={n} majority={majority} />
    </g>
  );
}
