// The layers of the code, bottom to top. A module may import from its own layer and the
// layers below it, never from a layer above (docs/architecture.md). eslint.config.js turns
// this table into import-x/no-restricted-paths zones; scripts/importGraph.ts draws it and,
// with src/architecture.test.ts, checks the same rules on every kind of import it can see.
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

/** Folders outside src/ that the checks know of (so that an import of them is seen). */
export const OUTSIDE = ['test-support'];

// Edges that the order above would allow but that cross a boundary the architecture keeps.
// `allow` names files of a `from` folder that may still be imported (paths inside it).
export const FORBIDDEN = [
  {
    targets: ['src/view', 'src/store'],
    from: ['src/sim/core', 'src/sim/check', 'src/sim/headless', 'src/teach'],
    message: "The page knows the simulation only through the worker's protocol (src/worker/protocol.ts).",
  },
  {
    targets: ['src/view', 'src/store'],
    from: ['src/debug'],
    allow: ['causality.ts', 'trackTypes.ts', 'breakpointSettings.ts'],
    message:
      "The page runs no world: of src/debug it may use only what works on the worker's frames (causality, track types, breakpoint settings).",
  },
  {
    targets: ['src/view', 'src/store'],
    from: ['src/worker'],
    allow: ['protocol.ts'],
    message: 'The page talks to the worker through its protocol only (the worker itself is started by URL).',
  },
  {
    targets: ['src/cli'],
    from: ['src/worker', 'src/store', 'src/view', 'src/main.tsx'],
    message: 'The command line runs the simulation without the page.',
  },
  {
    targets: ['src'],
    from: ['test-support'],
    message: 'test-support/ is for tests only.',
  },
];

/** The zones for import-x/no-restricted-paths: each layer against every layer above it, then FORBIDDEN. */
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
    for (const target of f.targets)
      for (const from of f.from)
        zones.push({
          target: `./${target}`,
          from: `./${from}`,
          ...(f.allow ? { except: f.allow.map((a) => `./${a}`) } : {}),
          message: f.message,
        });
  return zones;
}
