import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importGraph, mermaid, problems, unplaced } from '../scripts/importGraph';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const tsconfig = JSON.parse(readFileSync(new URL('../tsconfig.json', import.meta.url), 'utf8')) as {
  compilerOptions: Record<string, unknown>;
};

describe('the architecture (eslint.layers.js)', () => {
  const edges = importGraph();

  it('every source file sits in a folder of the layer table', () => {
    expect(unplaced()).toEqual([]);
  });

  it('no import runs up the layers, crosses a forbidden boundary, or goes where the checks cannot follow', () => {
    expect(problems(edges)).toEqual([]);
  });

  it('imports are relative paths or packages: no path aliases for the checks to miss', () => {
    expect(tsconfig.compilerOptions.paths).toBeUndefined();
    expect(tsconfig.compilerOptions.baseUrl).toBeUndefined();
  });

  it("the README's import graph is the current one (npm run graph)", () => {
    expect(readme).toContain('```mermaid\n' + mermaid(edges) + '\n```');
  });
});
