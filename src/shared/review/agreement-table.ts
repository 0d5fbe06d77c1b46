/**
 * The agreement report as a person reads it (the CLI's text output) and as a spreadsheet or R
 * reads it (CSV). Both are views of `AgreementReport` (agreement/report.ts); the JSON of the
 * report itself is the complete record, notes and all.
 */
import type { AgreementMeasures, AgreementReport } from '../agreement/report';

/** The measures in the order every table shows them, with their column titles. */
export const MEASURE_COLUMNS = [
  ['alpha_unitizing', 'alpha_U'],
  ['cohen_kappa', 'Cohen kappa'],
  ['fleiss_kappa', 'Fleiss kappa'],
  ['f1_exact', 'F1 exact'],
  ['f1_overlap', 'F1 overlap'],
] as const satisfies ReadonlyArray<readonly [keyof AgreementMeasures, string]>;

/** A measure with three decimals; "—" where it is undefined (the report's notes say why). */
export function formatMeasure(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : value.toFixed(3);
}

/** The report as aligned plain-text tables, one line per element. */
export function agreementText(report: AgreementReport): string[] {
  const lines = [
    `Agreement of ${report.annotators.join(', ')} on ${report.counts.documents} document(s), ` +
      `${report.counts.tokens} word tokens; spans: ${Object.entries(report.counts.spans)
        .map(([name, n]) => `${name} ${n}`)
        .join(', ')}.`,
    '',
  ];
  const measures = MEASURE_COLUMNS.filter(
    ([key]) => key !== 'cohen_kappa' || report.overall.cohen_kappa !== undefined,
  );
  const measureRow = (name: string, m: AgreementMeasures) => [
    name,
    ...measures.map(([key]) => formatMeasure(m[key])),
  ];
  const head = (title: string) => [title, ...measures.map(([, t]) => t)];

  lines.push(...table([head(''), measureRow('Overall', report.overall)]), '');
  lines.push(
    ...table([
      head('Label'),
      ...report.labels.map((label) => measureRow(label, report.by_label[label]!)),
    ]),
    '',
  );
  lines.push(
    ...table([
      ['Pair', 'F1 exact', 'F1 overlap', 'Cohen kappa', 'alpha_U'],
      ...report.pairs.map((p) => [
        `${p.a} – ${p.b}`,
        formatMeasure(p.f1_exact),
        formatMeasure(p.f1_overlap),
        formatMeasure(p.cohen_kappa),
        formatMeasure(p.alpha_unitizing),
      ]),
    ]),
    '',
  );
  lines.push(...table([head('Document'), ...report.by_document.map((d) => measureRow(d.doc, d))]));
  const notes = [
    ...report.notes,
    ...report.by_document.flatMap((d) => d.notes.map((note) => `${d.doc}: ${note}`)),
  ];
  if (notes.length > 0) lines.push('', 'Notes:', ...notes.map((note) => `- ${note}`));
  return lines;
}

/** Columns padded to their widest cell; numbers right-aligned, the first column left. */
function table(rows: readonly string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => (row[c] ?? '').length)));
  return rows.map((row) =>
    row
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
      .join('  ')
      .trimEnd(),
  );
}

const CSV_COLUMNS = [
  'scope',
  'label',
  'annotator_a',
  'annotator_b',
  'document',
  'attribute',
  'measure',
  'value',
] as const;
type CsvRow = Partial<Record<(typeof CSV_COLUMNS)[number], string | number | null>>;

/**
 * The report as "long" CSV (RFC 4180, CRLF line ends): one row per number, so R's
 * read.csv or pandas get every measure without reshaping. Undefined measures are empty cells.
 * scope is overall, label, pair, document or attribute.
 */
export function agreementCsv(report: AgreementReport): string {
  const rows: CsvRow[] = [];
  const measures = (scope: string, m: AgreementMeasures, where: CsvRow) => {
    for (const [key] of MEASURE_COLUMNS) {
      if (m[key] !== undefined) rows.push({ scope, ...where, measure: key, value: m[key] });
    }
  };
  measures('overall', report.overall, {});
  for (const label of report.labels) measures('label', report.by_label[label]!, { label });
  for (const p of report.pairs) {
    const { a, b, ...values } = p;
    for (const [measure, value] of Object.entries(values)) {
      rows.push({ scope: 'pair', annotator_a: a, annotator_b: b, measure, value });
    }
  }
  for (const d of report.by_document) measures('document', d, { document: d.doc });
  for (const at of report.attributes) {
    rows.push({
      scope: 'attribute',
      label: at.label,
      attribute: at.attribute,
      measure: `alpha_${at.level}`,
      value: at.alpha,
    });
  }
  const lines = [
    CSV_COLUMNS.join(','),
    ...rows.map((row) => CSV_COLUMNS.map((c) => csvCell(row[c])).join(',')),
  ];
  return `${lines.join('\r\n')}\r\n`;
}

function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
