/**
 * Sessions for the share tests: one on a built-in scenario with a person's typical inputs, one
 * carrying its own scenario with the extension step kinds.
 */
import { scenarioOf } from '../src/sim/scenario/scenario';
import type { Session } from '../src/share/session';

export const builtInSession: Session = {
  scenario: { kind: 'builtIn', name: 'basic-election' },
  seed: 7,
  settings: {
    speed: 0.02,
    breakpoints: { leader: true, term: false, commit: false, violation: true, watch: 'S1.term > 3' },
  },
  inputs: [
    { seq: 12, step: { at: 400, do: 'crash', node: 'S3' } },
    { seq: 30, step: { at: 900, do: 'restart', node: 'S3' } },
    { seq: 45, step: { at: 1200, do: 'write', id: 'c1', key: 'x', value: '9' } },
    {
      seq: 60,
      step: {
        at: 2000.25,
        do: 'partition',
        groups: [
          ['S1', 'S2'],
          ['S3', 'S4', 'S5'],
        ],
      },
    },
  ],
  head: { seq: 200, t: 5000 },
  moment: { seq: 150, t: 3000.5 },
};

export const inlineSession: Session = {
  scenario: {
    kind: 'inline',
    scenario: scenarioOf({
      name: 'three servers',
      description: 'A small cluster with a stale node.',
      seed: 3,
      nodes: ['A', 'B', 'C'],
      initial: {
        A: { term: 2, votedFor: 'A', log: [{ term: 1, command: { op: 'set', id: 'w0', key: 'x', value: '0' } }] },
      },
      steps: [
        { at: 0, do: 'timeout', node: 'A' },
        { at: 100, do: 'write', id: 'w1', key: 'k', value: 'v', to: 'B' },
      ],
      until: 8000,
      options: { leaderNoop: true },
    }),
  },
  seed: 11,
  settings: { speed: 0.5, breakpoints: { leader: false, term: true, commit: true, violation: false, watch: '' } },
  inputs: [
    { seq: 3, step: { at: 50, do: 'cut', from: 'A', to: 'C' } },
    { seq: 9, step: { at: 60, do: 'network', drop: 0.1, latency: [5, 50] } },
    { seq: 10, step: { at: 70, do: 'rules', rules: { skipUpToDateCheck: true } } },
    { seq: 11, step: { at: 80, do: 'hold', on: true } },
    { seq: 12, step: { at: 80, do: 'drop', msgId: 4 } },
    { seq: 13, step: { at: 90, do: 'write', id: 'c1', key: '<script>alert(1)</script>', value: 'any text' } },
  ],
  head: { seq: 40, t: 120 },
  moment: { seq: 40, t: 120 },
};
