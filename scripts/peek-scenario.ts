/** Prints a built-in scenario's events with every server's state (role+term/votedFor/log length, commitIndex): npx tsx scripts/peek-scenario.ts NAME [UNTIL_MS] [all] */
import { builtInScenario } from '../src/sim/scenario/builtIn/index';
import { History } from '../src/debug/history';
import { describeEvent } from '../src/sim/core/events';
const name = process.argv[2]!;
const until = Number(process.argv[3] ?? 3000);
const s = builtInScenario(name)!;
const h = new History(s, { seed: s.seed });
h.run(until, (p, f) => {
  const nodes = h.world.hosts
    .map(
      (x) =>
        `${x.id}:${x.up ? x.role[0] : 'X'}${x.context.term}/${x.context.votedFor ?? '-'}/L${x.context.log.length}c${x.context.commitIndex}`,
    )
    .join(' ');
  if (p.event.kind !== 'deliver' || process.argv[4])
    console.log(
      p.seq,
      p.t.toFixed(1),
      describeEvent(p.event),
      f.elected ? `ELECTED ${f.elected.node}` : '',
      '|',
      nodes,
    );
});
