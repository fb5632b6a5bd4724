import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

// Finds every content item exported from src/content, so tests about content (sources,
// plain language) cover what later issues add without being told about it.

export const CONTENT_DIR = path.resolve(import.meta.dirname, '../../src/content');

export interface FoundItem {
  /** "file.ts: EXPORT_NAME[3]" — where the item lives, for messages. */
  where: string;
  item: Record<string, unknown>;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Walks exported values: arrays and plain objects, to any depth. Any object with a string
 * `id` is a content item. (Objects without an id, like a source itself, are walked into
 * but are not items.) Functions and other values are skipped.
 */
export function collectItems(exports: Record<string, unknown>, file: string, seen = new Set<unknown>()): FoundItem[] {
  const found: FoundItem[] = [];
  const walk = (v: unknown, where: string, insideItem: boolean) => {
    if (typeof v !== 'object' || v === null || seen.has(v)) return;
    seen.add(v);
    if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, `${where}[${i}]`, insideItem));
      return;
    }
    if (!isPlainObject(v)) return;
    if (typeof v.id === 'string' && !insideItem) {
      found.push({ where, item: v });
      // An item's own parts (its source) are not items; items nested in it would be.
      for (const [k, x] of Object.entries(v)) if (k !== 'source') walk(x, `${where}.${k}`, false);
      return;
    }
    for (const [k, x] of Object.entries(v)) walk(x, `${where}.${k}`, insideItem);
  };
  for (const [name, value] of Object.entries(exports)) walk(value, `${file}: ${name}`, false);
  return found;
}

export async function loadContentItems(): Promise<{ files: string[]; items: FoundItem[] }> {
  const files = fs
    .readdirSync(CONTENT_DIR)
    .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts'))
    .sort();
  const items: FoundItem[] = [];
  // Shared across files: an item one file re-exports from another is counted once.
  const seen = new Set<unknown>();
  for (const f of files) {
    const mod = (await import(pathToFileURL(path.join(CONTENT_DIR, f)).href)) as Record<string, unknown>;
    items.push(...collectItems(mod, f, seen));
  }
  return { files, items };
}

/** What is wrong with one item's source and review date (empty when nothing is). */
export function sourceProblems(item: Record<string, unknown>, today: string): string[] {
  const problems: string[] = [];
  const source = item.source;
  if (!isPlainObject(source)) problems.push('has no source');
  else {
    if (typeof source.title !== 'string' || source.title.trim().length < 5) problems.push('source has no title');
    let url: URL | null = null;
    try {
      url = typeof source.url === 'string' ? new URL(source.url) : null;
    } catch {
      url = null;
    }
    if (!url || !/^https?:$/.test(url.protocol) || !url.hostname.includes('.'))
      problems.push(`source url is not a web address: ${String(source.url)}`);
  }
  const reviewed = item.reviewed;
  if (typeof reviewed !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(reviewed))
    problems.push('has no reviewed date (YYYY-MM-DD)');
  else if (
    Number.isNaN(Date.parse(`${reviewed}T00:00:00Z`)) ||
    new Date(`${reviewed}T00:00:00Z`).toISOString().slice(0, 10) !== reviewed
  ) {
    problems.push(`reviewed is not a real date: ${reviewed}`);
  } else if (reviewed > today) problems.push(`reviewed is in the future: ${reviewed}`);
  return problems;
}
