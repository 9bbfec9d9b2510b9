import { useEffect, useRef, useState } from 'react';
import { useSim } from '../../store/simStore';
import { ui, useUi } from '../../store/uiStore';
import { sim } from '../../store/simClient';

/** Splits the cluster into two groups a person chooses. */
export function PartitionDialog() {
  const open = useUi((s) => s.partitionOpen);
  const ids = useSim((s) => s.ids);
  const [groupA, setGroupA] = useState<readonly string[]>([]);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      setGroupA(ids.slice(0, Math.floor(ids.length / 2)));
      d.showModal();
    }
    if (!open && d.open) d.close();
  }, [open, ids]);
  const groupB = ids.filter((id) => !groupA.includes(id));
  const apply = () => {
    sim.act({ do: 'partition', groups: [groupA, groupB] });
    ui.setPartition(false);
  };
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="partition-title" onClose={() => ui.setPartition(false)}>
      <h2 id="partition-title">Partition the network</h2>
      <p>Servers can only talk within their group. Tick the servers of group A; the rest form group B.</p>
      <fieldset>
        <legend>Group A</legend>
        {ids.map((id) => (
          <label key={id} className="check">
            <input
              type="checkbox"
              checked={groupA.includes(id)}
              onChange={(e) => setGroupA(e.target.checked ? [...groupA, id] : groupA.filter((x) => x !== id))}
            />
            {id}
          </label>
        ))}
      </fieldset>
      <p>
        Group A: {groupA.join(', ') || 'nobody'} · Group B: {groupB.join(', ') || 'nobody'}
      </p>
      <div className="dialog-actions">
        <button type="button" onClick={apply} disabled={groupA.length === 0 || groupB.length === 0}>
          Apply partition
        </button>
        <button type="button" className="quiet" onClick={() => ui.setPartition(false)}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
