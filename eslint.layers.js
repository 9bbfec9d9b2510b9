// The layers of the code, bottom to top. A module may import from its own layer and the
// layers below it, never from a layer above (README "Architecture"). eslint.config.js turns
// this table into import-x/no-restricted-paths zones; scripts/import-graph.ts draws it.
export const LAYERS = [
  ['src/util'],
  ['src/raft'],
  ['src/sim/scenario'],
  ['src/sim/check'],
  ['src/sim/core'],
  ['src/sim/headless'],
  ['src/debug'],
  ['src/teach'],
  ['src/share'],
  ['src/worker'],
  ['src/store'],
  ['src/view/teaching'],
  ['src/view/cluster'],
  ['src/view/logs', 'src/view/debugger', 'src/view/picture'],
  ['src/view/session'],
  ['src/view/app'],
  ['src/main.tsx', 'src/cli'],
];

// Edges that the order above would allow but that cross a boundary the architecture keeps.
export const FORBIDDEN = [
  {
    target: 'src/view',
    from: ['src/sim/core', 'src/sim/check', 'src/sim/headless', 'src/teach'],
    message: "The page knows the simulation only through the worker's protocol (src/worker/protocol.ts).",
  },
  {
    target: 'src/cli',
    from: ['src/worker', 'src/store', 'src/view', 'src/main.tsx'],
    message: 'The command line runs the simulation without the page.',
  },
  {
    target: 'src',
    from: ['test-support'],
    message: 'test-support/ is for tests only.',
  },
];

/** The zones for import-x/no-restricted-paths: each layer against every layer above it. */
export function layerZones() {
  const zones = [];
  LAYERS.forEach((layer, i) => {
    const above = LAYERS.slice(i + 1).flat();
    if (above.length === 0) return;
    for (const target of layer)
      zones.push({
        target: `./${target}`,
        from: above.map((f) => `./${f}`),
        message: `${target} is below these in the layers of eslint.layers.js: import downward only.`,
      });
  });
  for (const f of FORBIDDEN)
    zones.push({ target: `./${f.target}`, from: f.from.map((x) => `./${x}`), message: f.message });
  return zones;
}
