/**
 * Document metadata from front matter or a `<name>.meta.json` sidecar: a flat map of strings
 * (source, url, author, published, …), because that is what a table of documents and every
 * export can show without guessing.
 */
import { WorkbenchError } from '../api';
import type { DocumentMeta } from '../model';

/**
 * Turns a parsed YAML/JSON value into metadata. `where` names the source in messages, e.g.
 * `"a.md" front matter`. Numbers and booleans become their text (`3`, `true`); a key without a
 * value (`null`) is left out; lists and nested maps are refused, since a flat table cannot
 * hold them and flattening would be a guess.
 */
export function metaFromValue(value: unknown, where: string): DocumentMeta {
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new WorkbenchError(
      'invalid_argument',
      `${where} must be a set of "key: value" pairs, not ${describe(value)}.`,
    );
  }
  const meta: DocumentMeta = {};
  for (const [key, entry] of Object.entries(value)) {
    if (entry === null || entry === undefined) continue;
    if (typeof entry === 'string') {
      meta[key] = entry;
    } else if (typeof entry === 'number' || typeof entry === 'boolean') {
      meta[key] = String(entry);
    } else {
      throw new WorkbenchError(
        'invalid_argument',
        `${where}: "${key}" is ${describe(entry)}; only plain values (text, numbers, ` +
          'true/false) are supported. Write it as one line of text.',
      );
    }
  }
  return meta;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a nested map';
  return `a ${typeof value}`;
}
