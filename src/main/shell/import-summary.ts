/**
 * What the "Import articles…" message box says: how many articles came in and, for every file
 * that did not, why — so the person can fix the file and import it again.
 */
import type { ImportReport } from '../../shared/api';

export interface ImportSummary {
  /** The message box's headline. */
  message: string;
  /** One line per rejected file, or an empty string. */
  detail: string;
  /** Drives the message box icon. */
  type: 'info' | 'warning';
}

/** More lines than this would push the dialog's buttons off screen. */
const MAX_LISTED_REJECTIONS = 20;

export function summarizeImport(report: ImportReport): ImportSummary {
  const imported = report.imported.length;
  const rejected = report.rejected.length;
  const articles = (n: number) => `${n} article${n === 1 ? '' : 's'}`;
  const files = (n: number) => `${n} file${n === 1 ? '' : 's'}`;

  const message =
    rejected === 0
      ? `Imported ${articles(imported)}.`
      : `Imported ${articles(imported)}; ${files(rejected)} could not be imported.`;

  const lines = report.rejected
    .slice(0, MAX_LISTED_REJECTIONS)
    .map(({ file, message: reason }) => `${file}: ${reason}`);
  if (rejected > MAX_LISTED_REJECTIONS) {
    lines.push(`… and ${files(rejected - MAX_LISTED_REJECTIONS)} more.`);
  }

  return { message, detail: lines.join('\n'), type: rejected === 0 ? 'info' : 'warning' };
}
