/**
 * A leadership transfer in progress (dissertation §3.10), on the ring: a thick arrow from the
 * leader to the server it hands leadership to, beside their link, labelled "handing over to S3".
 * Screen readers hear it in both servers' names (NodeGlyph.tsx) and the Inspector.
 */
import type { NodeId } from '../../raft/types';
import { useSim } from '../../store/simStore';
import { transferArrow, type Point } from './palette';
import './transferArrows.css';

/** The transfers in progress as "S1>S3" pairs, one string so the layer redraws only when they change. */
function useTransfers(): [NodeId, NodeId][] {
  const key = useSim((s) => {
    const out: string[] = [];
    for (const id of s.ids) {
      const n = s.nodes[id];
      if (n?.up && n.role === 'leader' && n.transferTo !== null) out.push(`${id}>${n.transferTo}`);
    }
    return out.join(' ');
  });
  if (key === '') return [];
  return key.split(' ').map((pair) => pair.split('>') as [NodeId, NodeId]);
}

export function TransferArrows({ pos }: { pos: Readonly<Record<NodeId, Point>> }) {
  const transfers = useTransfers();
  if (transfers.length === 0) return null;
  return (
    <g className="transfers" aria-hidden="true">
      {transfers.map(([from, to]) => {
        const a = pos[from];
        const b = pos[to];
        if (!a || !b) return null;
        const { start, back, points, label: mid } = transferArrow(a, b);
        return (
          <g key={`${from}>${to}`} className="transfer">
            <line x1={start.x} y1={start.y} x2={back.x} y2={back.y} />
            <polygon points={points} />
            {/* Two short lines, so the label stays clear of both servers on a short link. */}
            {['halo', ''].map((cls) => (
              <text key={cls} className={cls || undefined} x={mid.x} y={mid.y}>
                <tspan x={mid.x} dy="-0.55em">
                  handing over
                </tspan>
                <tspan x={mid.x} dy="1.1em">
                  to {to}
                </tspan>
              </text>
            ))}
          </g>
        );
      })}
    </g>
  );
}
