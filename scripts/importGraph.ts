/**
 * The import graph by folder: which layer of eslint.layers.js imports which, read from the
 * source with TypeScript's own pre-processor (`ts.preProcessFile`, the imports a file names,
 * static and dynamic). Tests are left out (they may reach across layers on purpose).
 *
 * `npm run graph` prints it as a Mermaid flowchart, the block the README shows; a unit test
 * (src/architecture.test.ts) checks that the README's copy is current and that no edge runs up.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { LAYERS } from '../eslint.layers.js';

const ROOT = resolve(import.meta.dirname, '..');
const FOLDERS: readonly string[] = LAYERS.flat();
const RANK = new Map<string, number>(LAYERS.flatMap((layer, i) => layer.map((f) => [f, i] as const)));

/** One edge of the folder graph: `from` imports `to`, through these files. */
export interface FolderEdge {
  readonly from: string;
  readonly to: string;
  /** "file -> import" for each import behind the edge. */
  readonly via: readonly string[];
  /** True when `to` sits in a higher layer than `from`: an uphill import. */
  readonly up: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The folder of eslint.layers.js a repository path belongs to, or null (outside every layer). */
export function folderOf(repoPath: string): string | null {
  let best: string | null = null;
  for (const f of FOLDERS)
    if ((repoPath === f || repoPath.startsWith(`${f}/`)) && (best === null || f.length > best.length)) best = f;
  return best;
}

/** Every edge between two different folders of the layer table, sorted by folder. */
export function importGraph(): FolderEdge[] {
  const edges = new Map<string, { from: string; to: string; via: string[] }>();
  for (const file of sourceFiles(join(ROOT, 'src'))) {
    const here = relative(ROOT, file);
    const from = folderOf(here);
    if (from === null) continue;
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName } of importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const to = folderOf(relative(ROOT, resolve(dirname(file), fileName)));
      if (to === null || to === from) continue;
      const key = `${from} ${to}`;
      const edge = edges.get(key) ?? { from, to, via: [] };
      edge.via.push(`${here} -> ${fileName}`);
      edges.set(key, edge);
    }
  }
  return [...edges.values()]
    .map((e) => ({ ...e, up: RANK.get(e.to)! > RANK.get(e.from)! }))
    .sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
}

const id = (folder: string): string => folder.replace(/^src\//, '').replace(/[^A-Za-z0-9]/g, '_');
const label = (folder: string): string => folder.replace(/^src\/((sim|view)\/)?/, '');

/**
 * The graph as a Mermaid flowchart, drawn top down (imports run down the page): one box per folder (the folders of
 * src/sim and src/view grouped), an arrow for each folder that imports another (A --> B: A
 * imports B).
 */
export function mermaid(edges: readonly FolderEdge[]): string {
  const lines = ['flowchart TD'];
  const groups = new Map<string, string[]>();
  for (const f of FOLDERS) {
    const group = /^src\/(sim|view)\//.exec(f)?.[1] ?? '';
    groups.set(group, [...(groups.get(group) ?? []), f]);
  }
  for (const [group, folders] of groups) {
    const indent = group === '' ? '  ' : '    ';
    if (group !== '') lines.push(`  subgraph ${group}["src/${group}"]`);
    for (const f of folders) lines.push(`${indent}${id(f)}["${label(f)}"]`);
    if (group !== '') lines.push('  end');
  }
  for (const e of edges) lines.push(`  ${id(e.from)} --> ${id(e.to)}`);
  return lines.join('\n');
}

/** Source files under src/ that no folder of the layer table holds (each must be placed in a layer). */
export function unplaced(): string[] {
  return sourceFiles(join(ROOT, 'src'))
    .map((f) => relative(ROOT, f))
    .filter((f) => folderOf(f) === null);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const edges = importGraph();
  console.log(mermaid(edges));
  const up = edges.filter((e) => e.up);
  for (const e of up) console.error(`uphill: ${e.from} -> ${e.to} (${e.via.join(', ')})`);
  process.exitCode = up.length > 0 ? 1 : 0;
}
