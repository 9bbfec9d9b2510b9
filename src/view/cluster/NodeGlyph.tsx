import type { KeyboardEvent } from 'react';
import { majorityOf } from '../../raft/quorum';
import type { NodeId } from '../../raft/types';
import { useSim } from '../../store/simStore';
import { ui, useUi } from '../../store/uiStore';
import { focusedByClick } from '../../store/focusOrigin';
import { useNodeSpotlit } from '../teaching/narrationControl';
import type { NodeView } from '../../worker/protocol';
import { NODE_R, type Point } from './palette';
import { clockWords, contactCount, handingTo, heardByLeader, roleWord } from './roleWords';
import './nodeGlyph.css';

export { roleWord };

/** What the ring says of a server beyond its own state: a transfer to it, and the leader's contact with it. */
export interface NodeSurroundings {
  /** The leader handing leadership to this server (§3.10), or null. */
  readonly handingFrom: NodeId | null;
  /** With CheckQuorum: whether the leader heard from this server within the window; null when no leader checks. */
  readonly heard: boolean | null;
  /** The cluster's size, for "heard from 3 of 5". */
  readonly size: number;
}

const ALONE: NodeSurroundings = { handingFrom: null, heard: null, size: 0 };

/**
 * The accessible name the contract fixes: "S1, leader, term 3", then more after a comma: its
 * vote, log and commit index; a skewed clock ("clock runs 2× fast"); a leadership transfer
 * ("handing leadership to S3", "taking over leadership from S1"); with CheckQuorum, the
 * leader's contact ("heard from 3 of 5 within the window") and each follower's ("heard by the leader").
 */
export function nodeName(n: NodeView, around: NodeSurroundings = ALONE): string {
  const vote = n.votedFor === null ? 'no vote' : `voted for ${n.votedFor}`;
  const parts = [`${n.id}, ${roleWord(n)}, term ${n.term}, ${vote}, log ${n.log.length}, committed ${n.commitIndex}`];
  if (n.up && n.role === 'precandidate')
    parts.push(`${n.votes.length} ${n.votes.length === 1 ? 'pre-vote' : 'pre-votes'}`);
  const clock = clockWords(n.clockRate);
  if (clock !== null) parts.push(clock);
  if (n.up && n.transferTo !== null) parts.push(`handing leadership to ${n.transferTo}`);
  if (around.handingFrom !== null) parts.push(`taking over leadership from ${around.handingFrom}`);
  if (n.up && n.quorumContact !== null)
    parts.push(`heard from ${contactCount(n.quorumContact, around.size)} within the CheckQuorum window`);
  else if (around.heard !== null) parts.push(around.heard ? 'heard by the leader' : 'not heard by the leader');
  return parts.join(', ');
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
    case 'precandidate':
      // A square standing on its side (the candidate's diamond, not yet turned), dotted.
      return <rect className="shape" x={-r * 0.9} y={-r * 0.9} width={r * 1.8} height={r * 1.8} rx={12} />;
    default:
      return <circle className="shape" r={r} />;
  }
}

/** A candidate's votes, or a pre-candidate's pre-votes: dots won, hollow ones still needed for a majority. */
function VoteDots({ n, majority }: { n: NodeView; majority: number }) {
  if (!n.up || (n.role !== 'candidate' && n.role !== 'precandidate')) return null;
  const total = Math.max(majority, n.votes.length);
  const width = (total - 1) * 12;
  return (
    <g className={`votes${n.role === 'precandidate' ? ' pre-votes' : ''}`} transform={`translate(0, ${NODE_R + 30})`}>
      {Array.from({ length: total }, (_, i) =>
        n.role === 'precandidate' ? (
          <rect
            key={i}
            x={i * 12 - width / 2 - 4}
            y={-4}
            width={8}
            height={8}
            className={i < n.votes.length ? 'vote got' : 'vote missing'}
          />
        ) : (
          <circle
            key={i}
            cx={i * 12 - width / 2}
            r={4.5}
            className={i < n.votes.length ? 'vote got' : 'vote missing'}
          />
        ),
      )}
    </g>
  );
}

/** What the ring says of `id` that depends on other servers (a transfer to it, the leader's contact). */
export function useSurroundings(id: NodeId): NodeSurroundings {
  const handingFrom = useSim((s) => handingTo(id, s.ids, s.nodes));
  const heard = useSim((s) => heardByLeader(id, s.ids, s.nodes));
  const size = useSim((s) => s.ids.length);
  return { handingFrom, heard, size };
}

export function NodeGlyph({ id, at }: { id: NodeId; at: Point }) {
  const n = useSim((s) => s.nodes[id]);
  const majority = useSim((s) => majorityOf(s.ids.length));
  const selected = useUi((s) => s.selectedNode === id);
  const spotlit = useNodeSpotlit(id);
  const around = useSurroundings(id);
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
  const name = nodeName(n, around);
  const contact = n.up && n.quorumContact !== null ? n.quorumContact : null;
  return (
    <g
      className={`node role-${word}${selected ? ' selected' : ''}${spotlit ? ' spotlit' : ''}`}
      transform={`translate(${at.x.toFixed(1)}, ${at.y.toFixed(1)})`}
      role="button"
      tabIndex={0}
      aria-label={spotlit ? `${name}, highlighted by the narration` : name}
      aria-pressed={selected}
      onClick={select}
      onKeyDown={onKey}
    >
      <title>{name}</title>
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
        {contact !== null && (
          <tspan className="node-vote node-heard" x={0} dy="1.1em">
            heard {contactCount(contact, around.size)}
          </tspan>
        )}
      </text>
      {!n.up && <path className="crash-x" d="M -22 -22 L 22 22 M 22 -22 L -22 22" />}
      <VoteDots n={n} majority={majority} />
    </g>
  );
}
