import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importGraph, mermaid, unplaced } from '../scripts/importGraph';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('the architecture (eslint.layers.js)', () => {
  const edges = importGraph();

  it('every source file sits in a folder of the layer table', () => {
    expect(unplaced()).toEqual([]);
  });

  it('no import runs up the layers', () => {
    expect(edges.filter((e) => e.up).map((e) => e.via)).toEqual([]);
  });

  it("the README's import graph is the current one (npm run graph)", () => {
    expect(readme).toContain('```mermaid\n' + mermaid(edges) + '\n```');
  });
});
