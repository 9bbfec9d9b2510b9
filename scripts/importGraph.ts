/**
 * The import graph by folder: which folder of eslint.layers.js imports which, read from the
 * source. Imports are found by TypeScript's own pre-processor (`ts.preProcessFile`: static and
 * dynamic imports, re-exports, `import type`), plus `new URL('…', import.meta.url)` (how a
 * worker is started) and `import.meta.glob('…')`. Tests are left out (they may reach across
 * layers on purpose).
 *
 * `npm run graph` prints it as a Mermaid flowchart, the block the README shows, and exits 1 on
 * an edge that runs up or crosses a FORBIDDEN boundary, or an import it cannot place.
 * src/architecture.test.ts checks the same, and that the README's copy is current.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { FORBIDDEN, LAYERS, OUTSIDE } from '../eslint.layers.js';

const ROOT = resolve(import.meta.dirname, '..');
const FOLDERS: readonly string[] = [...LAYERS.flat(), ...OUTSIDE];
const RANK = new Map<string, number>(LAYERS.flatMap((layer, i) => layer.map((f) => [f, i] as const)));
const SOURCE = /\.(?:[cm]?[jt]sx?)$/;
const TEST = /\.test\.[cm]?[jt]sx?$/;

/** One edge of the folder graph: `from` imports `to`, through these files. */
export interface FolderEdge {
  readonly from: string;
  readonly to: string;
  /** "file -> import" for each import behind the edge. */
  readonly via: readonly string[];
  /** True when `to` sits in a higher layer than `from` (or outside src): an uphill import. */
  readonly up: boolean;
  /** The FORBIDDEN rule's message for each import behind the edge that crosses one. */
  readonly forbidden: readonly string[];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return SOURCE.test(name) && !TEST.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The folder of eslint.layers.js (or OUTSIDE) a repository path belongs to, or null. */
export function folderOf(repoPath: string): string | null {
  let best: string | null = null;
  for (const f of FOLDERS)
    if ((repoPath === f || repoPath.startsWith(`${f}/`)) && (best === null || f.length > best.length)) best = f;
  return best;
}

const within = (path: string, folder: string): boolean => path === folder || path.startsWith(`${folder}/`);

/** The FORBIDDEN rule an import from `here` of `target` (repository paths) breaks, if any. */
function forbiddenBy(here: string, target: string): string | null {
  for (const rule of FORBIDDEN) {
    if (!rule.targets.some((t) => within(here, t))) continue;
    const from = rule.from.find((f) => within(target, f));
    if (from === undefined) continue;
    const inside = relative(from, target);
    if (rule.allow?.some((a) => inside === a || inside === a.replace(/\.tsx?$/, ''))) continue;
    return rule.message;
  }
  return null;
}

/** Whether a bare specifier names an installed package (else it is an alias the checks cannot follow). */
function isPackage(spec: string): boolean {
  if (spec.startsWith('node:') || spec.startsWith('virtual:')) return true;
  const parts = spec.split('/');
  const name = spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
  return existsSync(join(ROOT, 'node_modules', name));
}

/** Every module specifier a source text names: imports, re-exports, import(), new URL(…, import.meta.url), import.meta.glob. */
function specifiers(text: string): string[] {
  const { importedFiles } = ts.preProcessFile(text, true, true);
  const found = importedFiles.map((f) => f.fileName);
  for (const m of text.matchAll(/new\s+URL\(\s*(['"`])([^'"`]+)\1\s*,\s*import\.meta\.url/g)) found.push(m[2]!);
  for (const m of text.matchAll(/import\.meta\.glob(?:Eager)?\(\s*(['"`])([^'"`]+)\1/g)) found.push(m[2]!);
  for (const m of text.matchAll(/\brequire\(\s*(['"`])([^'"`]+)\1\s*\)/g)) found.push(m[2]!);
  return found;
}

/** Imports that no check can place: aliases, or a path outside every known folder. */
export function unresolved(): string[] {
  return analyse().unresolved;
}

function analyse(): { edges: FolderEdge[]; unresolved: string[] } {
  const edges = new Map<string, { from: string; to: string; via: string[]; forbidden: string[] }>();
  const unplacedImports: string[] = [];
  for (const file of sourceFiles(join(ROOT, 'src'))) {
    const here = relative(ROOT, file);
    const from = folderOf(here);
    if (from === null) continue;
    for (const spec of specifiers(readFileSync(file, 'utf8'))) {
      if (!spec.startsWith('.') && !spec.startsWith('/')) {
        if (!isPackage(spec)) unplacedImports.push(`${here} -> ${spec} (not a package: an alias?)`);
        continue;
      }
      const target = relative(ROOT, resolve(dirname(file), spec.replace(/\*.*$/, '')));
      const to = folderOf(target);
      if (to === null) {
        unplacedImports.push(`${here} -> ${spec} (outside every folder of eslint.layers.js)`);
        continue;
      }
      const forbidden = forbiddenBy(here, target);
      if (to === from && forbidden === null) continue;
      const key = `${from} ${to}`;
      const edge = edges.get(key) ?? { from, to, via: [], forbidden: [] };
      edge.via.push(`${here} -> ${spec}`);
      // A worker started by URL runs on its own thread: it puts nothing into the importer's bundle.
      const startsWorker = /Worker\.tsx?$/.test(spec) && !/^import/.test(spec);
      if (forbidden !== null && !startsWorker) edge.forbidden.push(`${here} -> ${spec}: ${forbidden}`);
      edges.set(key, edge);
    }
  }
  const list = [...edges.values()]
    .filter((e) => e.from !== e.to || e.forbidden.length > 0)
    .map((e) => ({ ...e, up: (RANK.get(e.to) ?? Infinity) > RANK.get(e.from)! }))
    .sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
  return { edges: list, unresolved: unplacedImports };
}

/** Every edge between two different folders of the layer table, sorted by folder. */
export function importGraph(): FolderEdge[] {
  return analyse().edges;
}

/** What breaks the architecture: uphill edges, forbidden crossings, imports that cannot be placed. */
export function problems(edges: readonly FolderEdge[] = importGraph()): string[] {
  return [
    ...edges.filter((e) => e.up).map((e) => `uphill: ${e.from} -> ${e.to} (${e.via.join(', ')})`),
    ...edges.flatMap((e) => e.forbidden.map((f) => `forbidden: ${f}`)),
    ...unresolved().map((u) => `unplaced import: ${u}`),
  ];
}

const id = (folder: string): string => folder.replace(/^src\//, '').replace(/[^A-Za-z0-9]/g, '_');
const label = (folder: string): string => folder.replace(/^src\/((sim|view)\/)?/, '');

/**
 * The graph as a Mermaid flowchart, drawn top down (imports run down the page): one box per
 * folder (the folders of src/sim and src/view grouped), an arrow for each folder that imports
 * another (A --> B: A imports B).
 */
export function mermaid(edges: readonly FolderEdge[]): string {
  const lines = ['flowchart TD'];
  const groups = new Map<string, string[]>();
  for (const f of LAYERS.flat()) {
    const group = /^src\/(sim|view)\//.exec(f)?.[1] ?? '';
    groups.set(group, [...(groups.get(group) ?? []), f]);
  }
  for (const [group, folders] of groups) {
    const indent = group === '' ? '  ' : '    ';
    if (group !== '') lines.push(`  subgraph ${group}["src/${group}"]`);
    for (const f of folders) lines.push(`${indent}${id(f)}["${label(f)}"]`);
    if (group !== '') lines.push('  end');
  }
  for (const e of edges) if (e.from !== e.to) lines.push(`  ${id(e.from)} --> ${id(e.to)}`);
  return lines.join('\n');
}

/** Source files under src/ that no folder of the layer table holds (each must be placed in a layer). */
export function unplaced(): string[] {
  return sourceFiles(join(ROOT, 'src'))
    .map((f) => relative(ROOT, f))
    .filter((f) => folderOf(f) === null || OUTSIDE.some((o) => within(f, o)));
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const edges = importGraph();
  console.log(mermaid(edges));
  const found = problems(edges);
  for (const p of found) console.error(p);
  process.exitCode = found.length > 0 ? 1 : 0;
}
