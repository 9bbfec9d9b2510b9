import type { KeyboardEvent } from 'react';
import type { NodeId } from '../../raft/types';
import { useSim } from '../../store/simStore';
import { sim } from '../../store/simClient';
import type { Point } from './palette';
import { linkState, type LinkState } from './linkState';

const WORDS: Record<LinkState, string> = {
  up: 'connected',
  cut: 'cut',
  'one-way': 'cut in one direction',
  partitioned: 'partitioned',
};

/** The links between every pair of servers; clicking one cuts it both ways, or restores it. */
export function LinkLayer({ pos }: { pos: Record<NodeId, Point> }) {
  const ids = useSim((s) => s.ids);
  const net = useSim((s) => s.network);
  const pairs: [NodeId, NodeId][] = [];
  ids.forEach((a, i) => ids.slice(i + 1).forEach((b) => pairs.push([a, b])));
  return (
    <g className="links">
      {pairs.map(([a, b]) => {
        const p = pos[a]!;
        const q = pos[b]!;
        const state = linkState(net, a, b);
        const toggle = () => {
          if (state === 'cut' || state === 'one-way') {
            sim.act({ do: 'restore', from: a, to: b });
            sim.act({ do: 'restore', from: b, to: a });
          } else {
            sim.act({ do: 'cut', from: a, to: b });
            sim.act({ do: 'cut', from: b, to: a });
          }
        };
        const onKey = (e: KeyboardEvent) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            toggle();
          }
        };
        const mid = { x: (p.x + q.x) / 2, y: (p.y + q.y) / 2 };
        const name = `Link ${a}–${b}, ${WORDS[state]}. ${state === 'cut' || state === 'one-way' ? 'Press to restore' : 'Press to cut'}`;
        return (
          <g
            key={`${a}-${b}`}
            className={`link link-${state}`}
            role="button"
            tabIndex={0}
            aria-label={name}
            onClick={toggle}
            onKeyDown={onKey}
          >
            <title>{name}</title>
            <line className="link-hit" x1={p.x} y1={p.y} x2={q.x} y2={q.y} />
            <line className="link-line" x1={p.x} y1={p.y} x2={q.x} y2={q.y} />
            {(state === 'cut' || state === 'one-way') && (
              <text className="link-mark" x={mid.x} y={mid.y} aria-hidden="true">
                ✂
              </text>
            )}
          </g>
        );
      })}
    </g>
  );
}
