// Reports the initial JavaScript of the built page (the scripts index.html loads and
// what they import statically), gzipped, and fails above the budget.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 200;
const dist = new URL('../dist/', import.meta.url).pathname;
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const entries = [
  ...html.matchAll(/<script[^>]+src="\.?\/?([^"]+\.js)"/g),
  ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\.?\/?([^"]+\.js)"/g),
].map((m) => m[1]);
const seen = new Set();
let bytes = 0;
let gz = 0;
const visit = (file) => {
  if (seen.has(file)) return;
  seen.add(file);
  const code = readFileSync(join(dist, file));
  bytes += code.length;
  gz += gzipSync(code, { level: 9 }).length;
  // Static imports of other chunks (not the worker, which loads on its own).
  for (const m of code.toString('utf8').matchAll(/(?:^|[;\s])import\s*(?:[^'"]*from\s*)?["']\.\/([^"']+\.js)["']/g))
    visit(join(file, '..', m[1]));
};
entries.forEach(visit);
const kb = (n) => (n / 1024).toFixed(1);
console.log(
  `initial JavaScript: ${kb(gz)} KB gzipped (${kb(bytes)} KB raw) in ${seen.size} file(s); budget ${BUDGET_KB} KB`,
);
if (gz / 1024 > BUDGET_KB) {
  console.error(`over budget by ${kb(gz - BUDGET_KB * 1024)} KB`);
  process.exit(1);
}
