import { useEffect, useMemo, useRef, useState } from 'react';
import { useSim } from '../../store/simStore';
import { LinkLayer } from './LinkLayer';
import { LiveLayer } from './LiveLayer';
import { NodeGlyph } from './NodeGlyph';
import { TransferArrows } from './TransferArrows';
import { BadgeLayer } from './BadgeLayer';
import { CENTRE, ringPositions, VIEW } from './palette';

/**
 * The cluster as a ring of servers with the client at its centre, and messages on top. The
 * drawing is a VIEW × VIEW square fitted into its box; the box carries `--unit`, drawing units
 * per CSS pixel, so the stylesheet can give its text a size in screen pixels (presentation mode).
 */
export function ClusterView() {
  const ids = useSim((s) => s.ids);
  const pos = useMemo(() => ringPositions(ids), [ids]);
  const wrap = useRef<HTMLDivElement>(null);
  const [box, setBox] = useState({ width: VIEW, height: VIEW, view: VIEW });
  useEffect(() => {
    const el = wrap.current!;
    const measure = () => setBox({ width: el.clientWidth, height: el.clientHeight, view: VIEW });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const side = Math.min(box.width, box.height);
  const unit = side > 0 ? VIEW / side : 1;
  return (
    <div
      className="cluster-wrap"
      ref={wrap}
      style={{ ['--unit' as string]: unit.toFixed(4) }}
      data-servers={ids.length}
    >
      <svg className="cluster" viewBox={`0 0 ${VIEW} ${VIEW}`} role="group" aria-label="Cluster">
        <LinkLayer pos={pos} />
        <TransferArrows pos={pos} />
        <g className="client" transform={`translate(${CENTRE.x}, ${CENTRE.y})`} aria-hidden="true">
          <rect x={-30} y={-14} width={60} height={28} rx={6} />
          <text y={5}>client</text>
        </g>
        {ids.map((id) => (
          <NodeGlyph key={id} id={id} at={pos[id]!} />
        ))}
      </svg>
      <LiveLayer pos={pos} box={box} />
      <BadgeLayer ids={ids} pos={pos} />
    </div>
  );
}
