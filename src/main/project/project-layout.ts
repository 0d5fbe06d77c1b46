/**
 * Where things live in a project folder (DESIGN.md, "Storage"):
 *
 *   <project>/workbench.json          project settings (ProjectSettings)
 *   <project>/codebook.json           the schema (Codebook)
 *   <project>/documents/<docId>.json  one DocumentRecord per document, written once
 */
import { WorkbenchError } from '../../shared/api';
import { SAFE_ID } from '../../shared/model';

export const PROJECT_FILE = 'workbench.json';
export const CODEBOOK_FILE = 'codebook.json';
export const DOCUMENTS_DIR = 'documents';

/** Throws WorkbenchError('invalid_argument') unless `id` is a SAFE_ID. */
export function checkDocumentId(id: string): void {
  if (!SAFE_ID.test(id)) {
    throw new WorkbenchError(
      'invalid_argument',
      `${JSON.stringify(id)} is not a document id (letters, digits, "_" and "-" only).`,
    );
  }
}

/** documents/<id>.json, relative to the project folder; the id must be a SAFE_ID. */
export function documentFile(id: string): string {
  checkDocumentId(id);
  return `${DOCUMENTS_DIR}/${id}.json`;
}

/** Pretty-printed, so that a project shared through git gets readable, line-based diffs. */
export function serialiseJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
