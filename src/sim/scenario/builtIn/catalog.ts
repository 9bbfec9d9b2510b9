/**
 * The built-in scenarios' names, titles and one-line descriptions, for the page's Scenario
 * list, read straight from the files (the worker validates and runs them).
 */
import { SCENARIO_FILES } from './files';

export interface CatalogEntry {
  readonly name: string;
  readonly title: string;
  readonly description: string;
}

export const SCENARIO_CATALOG: readonly CatalogEntry[] = SCENARIO_FILES.map((file) => {
  const f = file as { name: string; title?: string; description?: string };
  return { name: f.name, title: f.title ?? f.name, description: f.description ?? '' };
});
