/**
 * The small menu of one link between two servers: cut it in one direction, in the other,
 * both ways, or restore it. Opened from the link (a tap, a right-click, its ⋯ button, or
 * Shift+Enter / the menu key while it has the focus); drawn over the page, beside the link.
 * A menu of radio items, as in the WAI-ARIA menu pattern: the arrows, Home and End move,
 * Enter or Space chooses, Escape or Tab closes and gives the focus back to the link.
 */
import { useEffect, useLayoutEffect, useRef, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import type { NodeId } from '../../raft/types';
import { useSim } from '../../store/simStore';
import { sim } from '../../store/simClient';
import { cutsOf, linkState, type LinkCuts } from './linkState';
import './links.css';

/** Where a link's menu is open: the link, and the point on the page (CSS pixels) it hangs from. */
export interface LinkMenuAt {
  readonly a: NodeId;
  readonly b: NodeId;
  readonly x: number;
  readonly y: number;
  /** Opened from the keyboard: closing it gives the focus back to the link. */
  readonly keyboard: boolean;
}

interface Choice {
  readonly label: string;
  readonly hint: string;
  readonly cuts: LinkCuts;
}

function choicesOf(a: NodeId, b: NodeId, partitioned: boolean): Choice[] {
  return [
    {
      label: `Cut ${a} → ${b}`,
      hint: `${a}'s messages to ${b} are lost; ${b} still reaches ${a}`,
      cuts: { ab: true, ba: false },
    },
    {
      label: `Cut ${b} → ${a}`,
      hint: `${b}'s messages to ${a} are lost; ${a} still reaches ${b}`,
      cuts: { ab: false, ba: true },
    },
    { label: 'Cut both ways', hint: `nothing passes between ${a} and ${b}`, cuts: { ab: true, ba: true } },
    {
      label: 'Restore',
      hint: partitioned ? 'no cut; the partition stays until Heal network' : 'messages pass both ways',
      cuts: { ab: false, ba: false },
    },
  ];
}

/** Sets the link's cuts to `want`, one `cut` or `restore` input per direction that changes. */
export function setCuts(a: NodeId, b: NodeId, have: LinkCuts, want: LinkCuts): void {
  if (have.ab !== want.ab) sim.act({ do: want.ab ? 'cut' : 'restore', from: a, to: b });
  if (have.ba !== want.ba) sim.act({ do: want.ba ? 'cut' : 'restore', from: b, to: a });
}

const MARGIN = 8;

export function LinkMenu({ at, onClose }: { at: LinkMenuAt; onClose: (refocus: boolean) => void }) {
  const { a, b } = at;
  const net = useSim((s) => s.network);
  const cuts = cutsOf(net, a, b);
  const choices = choicesOf(a, b, linkState(net, a, b) === 'partitioned');
  const ref = useRef<HTMLDivElement>(null);

  // Beside the link, inside the window: below the point if it fits, else above it.
  useLayoutEffect(() => {
    const el = ref.current!;
    const w = el.offsetWidth;
    const h = el.offsetHeight;
    const below = at.y + MARGIN;
    el.style.left = `${Math.max(MARGIN, Math.min(at.x - w / 2, window.innerWidth - w - MARGIN))}px`;
    el.style.top = `${below + h <= window.innerHeight - MARGIN ? below : Math.max(MARGIN, at.y - h - MARGIN)}px`;
  }, [at.x, at.y]);

  // The focus goes to the item that says how the link is now.
  useEffect(() => {
    const items = [...ref.current!.querySelectorAll<HTMLElement>('[role="menuitemradio"]')];
    (items.find((i) => i.getAttribute('aria-checked') === 'true') ?? items[0])?.focus();
    // Only when the menu opens: later changes of the link do not move the focus.
  }, [a, b]);

  // A press outside, a resize, or a scroll that moves the cluster closes it (it would no longer
  // sit by its link). Panels that scroll themselves while the run plays (the event log, the
  // messages in flight) do not move the link and leave the menu open.
  useEffect(() => {
    const outside = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node)) onClose(false);
    };
    const away = (e: Event) => {
      const scrolled = e.target;
      const cluster = document.querySelector('svg.cluster');
      if (!(scrolled instanceof Element) || cluster === null || scrolled.contains(cluster)) onClose(false);
    };
    document.addEventListener('pointerdown', outside, true);
    window.addEventListener('resize', away);
    window.addEventListener('scroll', away, true);
    return () => {
      document.removeEventListener('pointerdown', outside, true);
      window.removeEventListener('resize', away);
      window.removeEventListener('scroll', away, true);
    };
  }, [onClose]);

  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    // The page's shortcuts do not act while the menu has the keyboard.
    e.stopPropagation();
    const items = [...e.currentTarget.querySelectorAll<HTMLElement>('[role="menuitemradio"]')];
    const i = items.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => {
      e.preventDefault();
      items[(to + items.length) % items.length]?.focus();
    };
    if (e.key === 'ArrowDown') move(i + 1);
    else if (e.key === 'ArrowUp') move(i - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(items.length - 1);
    else if (e.key === 'Escape' || e.key === 'Tab') {
      e.preventDefault();
      onClose(true);
    }
  };

  return createPortal(
    <div ref={ref} className="link-menu" role="menu" aria-label={`Link ${a}–${b}`} onKeyDown={onKey}>
      <div className="link-menu-title" aria-hidden="true">
        Link {a}–{b}
      </div>
      {choices.map((c) => {
        const checked = c.cuts.ab === cuts.ab && c.cuts.ba === cuts.ba;
        return (
          <button
            key={c.label}
            type="button"
            role="menuitemradio"
            aria-checked={checked}
            aria-description={c.hint}
            tabIndex={-1}
            onClick={() => {
              setCuts(a, b, cuts, c.cuts);
              onClose(at.keyboard);
            }}
          >
            <span className="link-menu-check" aria-hidden="true">
              {checked ? '●' : ''}
            </span>
            <span className="link-menu-label">{c.label}</span>
            <span className="link-menu-hint" aria-hidden="true">
              {c.hint}
            </span>
          </button>
        );
      })}
    </div>,
    document.body,
  );
}
