import { memo, useEffect, useRef, type KeyboardEvent } from 'react';
import type { NodeId } from '../../raft/types';
import { useSim } from '../../store/simStore';
import { ui, useUi } from '../../store/uiStore';
import { termColour } from '../cluster/palette';
import { roleWord } from '../cluster/NodeGlyph';
import { useSpotlitEntries } from '../teaching/narrationControl';

/**
 * The leader's view of one follower, if there is a leader: "next/match". A string, so
 * the row re-renders only when those numbers change.
 */
function useLeaderView(id: NodeId): [number, number] | [null, null] {
  const view = useSim((s) => {
    for (const other of s.ids) {
      const n = s.nodes[other];
      const next = n?.up && n.role === 'leader' ? n.nextIndex?.get(id) : undefined;
      const match = n?.up && n.role === 'leader' ? n.matchIndex?.get(id) : undefined;
      if (next !== undefined && match !== undefined) return `${next}/${match}`;
    }
    return null;
  });
  if (view === null) return [null, null];
  const [next, match] = view.split('/').map(Number);
  return [next!, match!];
}

const LogRow = memo(function LogRow({ id }: { id: NodeId }) {
  const n = useSim((s) => s.nodes[id]);
  const [next, match] = useLeaderView(id);
  const selected = useUi((s) => s.selectedNode === id);
  const spotlit = useSpotlitEntries(id);
  const scroller = useRef<HTMLOListElement>(null);
  const length = n?.log.length ?? 0;
  useEffect(() => {
    const el = scroller.current;
    if (el) el.scrollLeft = el.scrollWidth;
  }, [length]);
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
        <span className="log-role">{roleWord(n)}</span>
        <span className="log-meta">
          commit {n.commitIndex}
          {next !== null && match !== null ? (
            <>
              <br />
              next {next} · match {match}
            </>
          ) : null}
        </span>
      </button>
      <ol className="log-cells" ref={scroller} aria-label={`${id} log`} onKeyDown={moveAlongLog}>
        {n.log.map((e, i) => {
          const index = i + 1;
          const committed = index <= n.commitIndex;
          const spot = spotlit.includes(` ${index} `) ? ', highlighted by the narration' : '';
          const c = termColour(e.term);
          const marks = [
            index === n.commitIndex ? 'commit' : '',
            index === next ? 'next' : '',
            index === match ? 'match' : '',
          ]
            .filter(Boolean)
            .join(' ');
          return (
            <li
              key={index}
              className={`cell${committed ? ' committed' : ' uncommitted'}${spot ? ' spotlit' : ''}${marks ? ` mark-${marks.split(' ').join(' mark-')}` : ''}`}
              style={{ ['--term-fill' as string]: c.fill, ['--term-text' as string]: c.text }}
              aria-label={`${id} index ${index}, term ${e.term}, ${committed ? 'committed' : 'uncommitted'}${spot}`}
              title={`${id} index ${index}, term ${e.term}, ${e.label}${e.id ? ` (${e.id})` : ''}, ${committed ? 'committed' : 'uncommitted'}`}
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
              {index === next && (
                <span className="cell-flag flag-next" aria-hidden="true">
                  next
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
