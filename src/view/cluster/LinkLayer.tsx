/**
 * The links between every pair of servers. Clicking a link with the mouse (or Enter or Space
 * on it) cuts it both ways, or restores it; a link's menu (LinkMenu) cuts one direction only.
 * The menu opens with a tap on a touch screen, a right-click, the ⋯ button that shows on a
 * hovered or focused link, or Shift+Enter (or the menu key) on a focused link. A link cut one
 * way is drawn as two lanes, one per direction, each on the right of its direction of travel
 * like the messages on it: the cut lane red and dashed with ✂, each with an arrowhead; its
 * accessible name says which direction is cut.
 */
import { useCallback, useRef, useState, type KeyboardEvent, type MouseEvent, type PointerEvent } from 'react';
import type { NodeId } from '../../raft/types';
import { focusedByClick } from '../../store/focusOrigin';
import { useSim } from '../../store/simStore';
import { alongLink, arrowAlong, CENTRE, type Point } from './palette';
import { LANE_OFFSET } from './livePaint';
import { cutsOf, linkState, type LinkCuts, type LinkState } from './linkState';
import { LinkMenu, setCuts, type LinkMenuAt } from './LinkMenu';
import './links.css';

const WORDS: Record<LinkState, string> = {
  up: 'connected',
  cut: 'cut',
  'one-way': 'cut in one direction',
  partitioned: 'partitioned',
};

/** The link's accessible name: "Link S1–S3, cut one way: S1 to S3. Press to restore". */
export function linkName(a: NodeId, b: NodeId, state: LinkState, cuts: LinkCuts): string {
  const words = state === 'one-way' ? `cut one way: ${cuts.ab ? `${a} to ${b}` : `${b} to ${a}`}` : WORDS[state];
  const press = state === 'cut' || state === 'one-way' ? 'Press to restore' : 'Press to cut';
  return `Link ${a}–${b}, ${words}. ${press}`;
}

/** One direction's lane, from the sender's edge to the receiver's, with an arrowhead at the receiver. */
function Lane({ from, to, cut }: { from: Point; to: Point; cut: boolean }) {
  const { start, back, points } = arrowAlong(
    from,
    to,
    { from: 0, to: 1, offset: LANE_OFFSET },
    { length: 11, width: 11 },
  );
  // ✂ beside the cut lane, outside it, where the messages on the lane do not cover it.
  const mid = alongLink(from, to, 0.5, LANE_OFFSET + 13);
  return (
    <g className={`link-lane${cut ? ' lane-cut' : ''}`}>
      <line x1={start.x} y1={start.y} x2={back.x} y2={back.y} />
      <polygon points={points} />
      {cut && (
        <text className="link-mark" x={mid.x} y={mid.y}>
          ✂
        </text>
      )}
    </g>
  );
}

interface LinkProps {
  a: NodeId;
  b: NodeId;
  p: Point;
  q: Point;
  open: boolean;
  onMenu: (at: LinkMenuAt) => void;
}

function Link({ a, b, p, q, open, onMenu }: LinkProps) {
  const net = useSim((s) => s.network);
  const state = linkState(net, a, b);
  const cuts = cutsOf(net, a, b);
  const self = useRef<SVGGElement>(null);
  const pointer = useRef<string>('mouse');
  const toggle = () => {
    const cut = state === 'cut' || state === 'one-way';
    setCuts(a, b, cuts, { ab: !cut, ba: !cut });
  };
  /** Opens the menu at a point on the page, or (from the keyboard) under the link's middle. */
  const menu = (keyboard: boolean, x?: number, y?: number) => {
    const r = self.current!.querySelector('.link-hit')!.getBoundingClientRect();
    onMenu({ a, b, x: x ?? r.left + r.width / 2, y: y ?? r.top + r.height / 2, keyboard });
  };
  const onKey = (e: KeyboardEvent) => {
    if ((e.key === 'Enter' && e.shiftKey) || e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) {
      e.preventDefault();
      menu(true);
    } else if (e.key === 'Enter' || (e.key === ' ' && !focusedByClick(e.currentTarget))) {
      // After a click on the link, Space is Play / Pause again, not a second cut.
      e.preventDefault();
      toggle();
    }
  };
  const onClick = (e: MouseEvent) => {
    // A finger cannot aim at one end of a line: a tap opens the menu, whose items are large.
    if (pointer.current === 'touch') menu(false, e.clientX, e.clientY);
    else toggle();
  };
  // A right-click, a long press, or the menu key (which reports no point on the page).
  const onContextMenu = (e: MouseEvent) => {
    e.preventDefault();
    if (open) return;
    if (e.clientX === 0 && e.clientY === 0) menu(true);
    else menu(false, e.clientX, e.clientY);
  };
  const name = linkName(a, b, state, cuts);
  const mid = { x: (p.x + q.x) / 2, y: (p.y + q.y) / 2 };
  // The ⋯ button sits beside the middle of the link, on the side away from the ring's centre.
  const len = Math.hypot(q.x - p.x, q.y - p.y) || 1;
  let n = { x: -(q.y - p.y) / len, y: (q.x - p.x) / len };
  if (n.x * (mid.x - CENTRE.x) + n.y * (mid.y - CENTRE.y) < 0) n = { x: -n.x, y: -n.y };
  const chip = { x: mid.x + n.x * 18, y: mid.y + n.y * 18 };
  return (
    <g className={`link-pair${open ? ' menu-open' : ''}`}>
      <g
        ref={self}
        className={`link link-${state}`}
        role="button"
        tabIndex={0}
        aria-label={name}
        aria-description="Shift+Enter opens a menu to cut one direction only"
        aria-keyshortcuts="Enter Shift+Enter"
        onPointerDown={(e: PointerEvent) => {
          pointer.current = e.pointerType;
        }}
        onClick={onClick}
        onContextMenu={onContextMenu}
        onKeyDown={onKey}
      >
        <title>{`${name}. Right-click, ⋯ or Shift+Enter: cut one direction.`}</title>
        <line className="link-hit" x1={p.x} y1={p.y} x2={q.x} y2={q.y} />
        {state === 'one-way' ? (
          <>
            <Lane from={p} to={q} cut={cuts.ab} />
            <Lane from={q} to={p} cut={cuts.ba} />
          </>
        ) : (
          <line className="link-line" x1={p.x} y1={p.y} x2={q.x} y2={q.y} />
        )}
        {state === 'cut' && (
          <text className="link-mark" x={mid.x} y={mid.y} aria-hidden="true">
            ✂
          </text>
        )}
      </g>
      <g
        className="link-chip"
        role="button"
        tabIndex={-1}
        aria-label={`Cut one direction: menu of link ${a}–${b}`}
        aria-haspopup="menu"
        aria-expanded={open}
        transform={`translate(${chip.x.toFixed(1)}, ${chip.y.toFixed(1)})`}
        onClick={(e) => {
          const r = e.currentTarget.getBoundingClientRect();
          menu(false, r.left + r.width / 2, r.bottom);
        }}
      >
        <circle r={10} />
        <text y={0.5}>⋯</text>
      </g>
    </g>
  );
}

export function LinkLayer({ pos }: { pos: Record<NodeId, Point> }) {
  const ids = useSim((s) => s.ids);
  const [menu, setMenu] = useState<LinkMenuAt | null>(null);
  const layer = useRef<SVGGElement>(null);
  const close = useCallback(
    (refocus: boolean) => {
      if (refocus && menu) {
        const name = `Link ${menu.a}–${menu.b},`;
        const links = layer.current?.querySelectorAll<SVGGElement>('.link') ?? [];
        [...links].find((l) => l.getAttribute('aria-label')?.startsWith(name))?.focus();
      }
      setMenu(null);
    },
    [menu],
  );
  const pairs: [NodeId, NodeId][] = [];
  ids.forEach((a, i) => ids.slice(i + 1).forEach((b) => pairs.push([a, b])));
  const shown = menu !== null && ids.includes(menu.a) && ids.includes(menu.b) ? menu : null;
  return (
    <g className="links" ref={layer}>
      {pairs.map(([a, b]) => (
        <Link
          key={`${a}-${b}`}
          a={a}
          b={b}
          p={pos[a]!}
          q={pos[b]!}
          open={shown !== null && shown.a === a && shown.b === b}
          onMenu={setMenu}
        />
      ))}
      {shown && <LinkMenu at={shown} onClose={close} />}
    </g>
  );
}
