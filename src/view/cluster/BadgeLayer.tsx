/**
 * Small marks on the servers' edges, above the moving layer (so a timer ring or a message
 * passing under them does not hide them): a clock that runs fast or slow, and with
 * CheckQuorum whether the leader heard from each follower within the window (§6.2). They
 * only show what each server's accessible name already says in words (NodeGlyph.tsx).
 */
import type { NodeId } from '../../raft/types';
import { useSim } from '../../store/simStore';
import { heardMarkPath, NODE_R, VIEW, type Point } from './palette';
import { heardByLeader, rateText } from './roleWords';
import './nodeGlyph.css';

/**
 * A clock face and the rate ("2×"), on the server's top-right edge, for a server whose clock
 * runs fast (a solid, heavier outline; the minute hand ahead) or slow (dashed; the hand
 * behind). Compact, so nine servers' badges do not reach their neighbours; the accessible
 * name says it in words.
 */
function ClockBadge({ rate }: { rate: number }) {
  if (rate === 1) return null;
  const fast = rate > 1;
  const text = rateText(rate);
  const width = 27 + text.length * 9.2;
  const at = { x: NODE_R * 0.55, y: -NODE_R * 0.8 };
  return (
    <g className={`clock-badge ${fast ? 'fast' : 'slow'}`} transform={`translate(${at.x}, ${at.y})`}>
      <g className="badge-body">
        <rect x={0} y={-12} width={width} height={24} rx={12} />
        <circle className="clock-face" cx={12} cy={0} r={7} />
        <path className="clock-hands" d={fast ? 'M 12 0 L 12 -5 M 12 0 L 16 2' : 'M 12 0 L 12 -5 M 12 0 L 8 2'} />
        <text x={22} y={0.5}>
          {text}
        </text>
      </g>
    </g>
  );
}

/** With CheckQuorum, on each follower's top-left edge: ✓ the leader heard from it within the window, ✕ it did not. */
function HeardMark({ heard }: { heard: boolean | null }) {
  if (heard === null) return null;
  return (
    <g
      className={`heard-mark ${heard ? 'heard' : 'silent'}`}
      transform={`translate(${-NODE_R * 0.78}, ${-NODE_R * 0.78})`}
    >
      <g className="badge-body">
        <circle r={10} />
        <path d={heardMarkPath(heard)} />
      </g>
    </g>
  );
}

/** One server's marks, at its place on the ring. */
function NodeBadges({ id, at }: { id: NodeId; at: Point }) {
  const rate = useSim((s) => s.nodes[id]?.clockRate ?? 1);
  const up = useSim((s) => s.nodes[id]?.up ?? false);
  const heard = useSim((s) => heardByLeader(id, s.ids, s.nodes));
  if (rate === 1 && heard === null) return null;
  return (
    <g transform={`translate(${at.x.toFixed(1)}, ${at.y.toFixed(1)})`} className={up ? undefined : 'badges-down'}>
      <ClockBadge rate={rate} />
      <HeardMark heard={heard} />
    </g>
  );
}

export function BadgeLayer({ ids, pos }: { ids: readonly NodeId[]; pos: Readonly<Record<NodeId, Point>> }) {
  return (
    <svg className="cluster-badges" viewBox={`0 0 ${VIEW} ${VIEW}`} aria-hidden="true">
      {ids.map((id) => (pos[id] ? <NodeBadges key={id} id={id} at={pos[id]} /> : null))}
    </svg>
  );
}
