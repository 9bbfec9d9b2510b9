import { memo, useEffect, useRef, type KeyboardEvent } from 'react';
import type { NodeId } from '../../raft/types';
import { useSim } from '../../store/simStore';
import { ui, useUi } from '../../store/uiStore';
import { termColour } from '../cluster/palette';
import { roleWord } from '../cluster/NodeGlyph';
import { useSpotlitEntries } from '../teaching/narrationControl';
import './logView.css';

/** A leader's view of one follower (§5.3): the next entry it will send, the last it knows is there. */
interface LeaderView {
  readonly leader: NodeId;
  readonly next: number;
  readonly match: number;
}

/**
 * Every leader's view of one server, "S1 3 2;S3 2 1", as a string so the row re-renders only
 * when those numbers change. Two leaders at once happen when an old one has not yet heard of
 * the newer term (a partition, say); each keeps its own nextIndex and matchIndex.
 */
function useLeaderViews(id: NodeId): LeaderView[] {
  const views = useSim((s) => {
    const out: string[] = [];
    for (const other of s.ids) {
      const n = s.nodes[other];
      if (!n?.up || n.role !== 'leader') continue;
      const next = n.nextIndex?.get(id);
      const match = n.matchIndex?.get(id);
      if (next !== undefined && match !== undefined) out.push(`${other} ${next} ${match}`);
    }
    return out.join(';');
  });
  if (views === '') return [];
  return views.split(';').map((v) => {
    const [leader, next, match] = v.split(' ');
    return { leader: leader!, next: Number(next), match: Number(match) };
  });
}

const LogRow = memo(function LogRow({ id }: { id: NodeId }) {
  const n = useSim((s) => s.nodes[id]);
  const views = useLeaderViews(id);
  // With one leader its view needs no name; with two, each pair says whose it is.
  const whose = (v: LeaderView) => (views.length > 1 ? `${v.leader}: ` : '');
  const selected = useUi((s) => s.selectedNode === id);
  const spotlit = useSpotlitEntries(id);
  const scroller = useRef<HTMLOListElement>(null);
  const length = n?.log.length ?? 0;
  // The newest entries stay in view: when the log grows, and when its cells change size
  // (presentation mode, a narrower window), the row scrolls to its end.
  useEffect(() => {
    const el = scroller.current;
    if (el) el.scrollLeft = el.scrollWidth;
  }, [length]);
  useEffect(() => {
    const el = scroller.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      el.scrollLeft = el.scrollWidth;
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  if (!n) return null;
  const kv = [...n.kv]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  return (
    <div className={`log-row${selected ? ' selected' : ''}${n.up ? '' : ' crashed'}`}>
      <button
        type="button"
        className="log-head"
        onClick={() => ui.selectNode(selected ? null : id)}
        aria-pressed={selected}
      >
        <span className="log-id">{id}</span>
        <span className={`log-role${n.up && n.role === 'precandidate' ? ' long' : ''}`}>{roleWord(n)}</span>
        <span className="log-meta">
          commit {n.commitIndex}
          {views.map((v) => (
            <span key={v.leader} className="log-leader-view">
              {whose(v)}next {v.next} · match {v.match}
            </span>
          ))}
        </span>
      </button>
      <ol className="log-cells" ref={scroller} aria-label={`${id} log`} onKeyDown={moveAlongLog}>
        {n.log.map((e, i) => {
          const index = i + 1;
          const committed = index <= n.commitIndex;
          const spot = spotlit.includes(` ${index} `) ? ', highlighted by the narration' : '';
          const c = termColour(e.term);
          const nextOf = views.filter((v) => v.next === index).map((v) => v.leader);
          const marks = [
            index === n.commitIndex ? 'commit' : '',
            nextOf.length > 0 ? 'next' : '',
            views.some((v) => v.match === index) ? 'match' : '',
          ]
            .filter(Boolean)
            .join(' ');
          return (
            <li
              key={index}
              className={`cell${committed ? ' committed' : ' uncommitted'}${index >= 100 ? ' long-index' : ''}${spot ? ' spotlit' : ''}${marks ? ` mark-${marks.split(' ').join(' mark-')}` : ''}`}
              style={{ ['--term-fill' as string]: c.fill, ['--term-text' as string]: c.text }}
              aria-label={`${id} index ${index}, term ${e.term}, ${committed ? 'committed' : 'uncommitted'}${spot}`}
              title={`${id} index ${index}, term ${e.term}, ${e.label}${e.id ? `, request ${e.id}` : ''}, ${committed ? 'committed' : 'uncommitted'}`}
            >
              <button
                type="button"
                className="cell-why"
                // One tab stop per log (its last entry); the arrow keys move along it.
                tabIndex={index === n.log.length ? 0 : -1}
                aria-label={`${id} index ${index}, term ${e.term}, ${committed ? 'committed' : 'uncommitted'}${spot}`}
                aria-description="Shows why this entry is here"
                onClick={() => ui.explain({ kind: 'entry', node: id, index })}
              >
                <span className="cell-index">{index}</span>
                <span className="cell-term">{e.term}</span>
                <span className="cell-label">{e.label}</span>
              </button>
              {nextOf.length > 0 && (
                <span className="cell-flag flag-next" aria-hidden="true">
                  {views.length > 1 ? `${nextOf.join(' ')} next` : 'next'}
                </span>
              )}
            </li>
          );
        })}
      </ol>
      <div className="log-kv" aria-label={`${id} state: ${kv || 'empty'}`}>
        {kv || '∅'}
      </div>
    </div>
  );
});

/** One row per server: its log, coloured by term, committed entries solid, the rest dashed. */
/** ArrowLeft/ArrowRight (and Home/End) move the focus along a log's entries. */
function moveAlongLog(e: KeyboardEvent<HTMLOListElement>): void {
  const buttons = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('button.cell-why')];
  const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (i < 0) return;
  const to =
    e.key === 'ArrowLeft'
      ? i - 1
      : e.key === 'ArrowRight'
        ? i + 1
        : e.key === 'Home'
          ? 0
          : e.key === 'End'
            ? buttons.length - 1
            : -2;
  if (to === -2) return;
  e.preventDefault();
  e.stopPropagation();
  buttons[Math.max(0, Math.min(buttons.length - 1, to))]?.focus();
}

export function LogView() {
  const ids = useSim((s) => s.ids);
  return (
    <section className="panel logs" aria-labelledby="logs-title">
      <h2 id="logs-title">Logs</h2>
      <div className="log-rows">
        {ids.map((id) => (
          <LogRow key={id} id={id} />
        ))}
      </div>
    </section>
  );
}
