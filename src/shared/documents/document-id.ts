/**
 * Document ids from file names. An id names the file documents/<id>.json and every annotation
 * file of the document, so it must match SAFE_ID (model.ts), be unique in its project, and come
 * out the same for the same file name and the same existing ids (deterministic, no randomness).
 */

/** Room for a "-<n>" suffix under SAFE_ID's 128 characters. */
const MAX_BASE_LENGTH = 100;

/** Names Windows reserves for devices whatever the extension: "con.json" cannot be created. */
const WINDOWS_DEVICE_NAME = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/**
 * The id a file name asks for: the base name without its extension, accents removed, every
 * run of other characters replaced by "-", trimmed to start with a letter or digit:
 * "Économie 2016 (draft).txt" → "Economie-2016-draft".
 */
export function documentIdBase(fileName: string): string {
  const baseName = fileName.split(/[\\/]/).pop() ?? '';
  const stem = baseName.replace(/\.[^.]*$/, '');
  let id = stem
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^[_-]+/, '')
    .slice(0, MAX_BASE_LENGTH)
    .replace(/-+$/, '');
  if (id === '') id = 'document';
  if (WINDOWS_DEVICE_NAME.test(id)) id = `${id}-doc`;
  return id;
}

/**
 * Hands out unique ids for one project: each new id is the file's `documentIdBase`, or, when
 * that is taken, the base with the smallest free suffix "-2", "-3", …. Ids are compared without
 * case because macOS and Windows file systems treat "Doc.json" and "doc.json" as one file.
 */
export class DocumentIdAllocator {
  private readonly taken = new Set<string>();

  constructor(existing: Iterable<string> = []) {
    for (const id of existing) this.taken.add(id.toLowerCase());
  }

  allocate(fileName: string): string {
    const base = documentIdBase(fileName);
    let id = base;
    for (let n = 2; this.taken.has(id.toLowerCase()); n++) id = `${base}-${n}`;
    this.taken.add(id.toLowerCase());
    return id;
  }
}
