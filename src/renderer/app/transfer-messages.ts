/**
 * What the Export and Import annotations dialogs say: progress, what an export holds, what an
 * import did. Pure, so the words are tested without a browser.
 */
import type {
  AnnotationImportReport,
  ExportFormat,
  ExportJob,
  ExportSummary,
} from '../../shared/api';
import { exportFormatInfo } from '../../shared/formats/export-formats';

const plural = (n: number, noun: string, nouns = `${noun}s`) =>
  `${n.toLocaleString('en')} ${n === 1 ? noun : nouns}`;

/** "Reading documents: 12 of 40", "Writing spaCy / Prodigy JSONL: 30 of 40". */
export function progressText(
  job: Pick<ExportJob, 'phase' | 'done' | 'total'>,
  format: ExportFormat,
): string {
  if (job.phase === 'reading') {
    return job.total === 0 ? 'Starting…' : `Reading documents: ${job.done} of ${job.total}`;
  }
  const { title } = exportFormatInfo(format);
  return job.total > 1 ? `Writing ${title}: ${job.done} of ${job.total}` : `Writing ${title}…`;
}

/** A size in bytes as people read it: 980 bytes, 12.3 KB, 4.5 MB. */
export function sizeText(bytes: number): string {
  if (bytes < 1000) return plural(bytes, 'byte');
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(1)} KB`;
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** "3 documents, 12 spans, 2 relations in 5 files (4.1 KB)". */
export function summaryText(summary: ExportSummary): string {
  const files = summary.files === 1 ? '1 file' : plural(summary.files, 'file');
  return `${plural(summary.documents, 'document')}, ${plural(summary.spans, 'span')}, ${plural(summary.relations, 'relation')} in ${files} (${sizeText(summary.bytes)})`;
}

/** One line per imported file: who got how many spans, or why nothing was imported. */
export function importLines(report: AnnotationImportReport): Array<{
  ok: boolean;
  file: string;
  lines: string[];
}> {
  return report.files.map((f) => {
    if (!f.ok) return { ok: false, file: f.file, lines: f.problems };
    const lines = f.annotators.map((a) => {
      const parts = [`${plural(a.added, 'span')} added`];
      if (a.unchanged) parts.push(`${plural(a.unchanged, 'span')} already there`);
      if (a.changed) parts.push(`${plural(a.changed, 'span')} changed`);
      if (a.removed) parts.push(`${plural(a.removed, 'span')} removed`);
      if (a.relationsAdded) parts.push(`${plural(a.relationsAdded, 'relation')} added`);
      return `${a.annotator}: ${parts.join(', ')} (${plural(a.documents, 'document')} changed)`;
    });
    if (lines.length === 0) lines.push('nothing to import: the file holds no annotations');
    return { ok: true, file: f.file, lines: [...lines, ...f.notes] };
  });
}

/** The status line after an import: how many files came in, how many were refused. */
export function importHeadline(report: AnnotationImportReport): string {
  const ok = report.files.filter((f) => f.ok).length;
  const refused = report.files.length - ok;
  return refused === 0
    ? `Imported annotations from ${plural(ok, 'file')}.`
    : `Imported annotations from ${plural(ok, 'file')}; ${plural(refused, 'file')} refused, nothing taken from ${refused === 1 ? 'it' : 'them'}.`;
}
