import { describe, expect, it } from 'vitest';
import { computeAgreement } from '../agreement/report';
import { agreementCsv, agreementText, formatMeasure } from './agreement-table';

const DOC = { id: 'd1', text: 'FBI director James Comey met Apple and Google on encryption.' };
const span = (quote: string, label: string) => {
  const start = DOC.text.indexOf(quote);
  return { doc: 'd1', label, start, end: start + quote.length, attributes: {} };
};
const EMPTY = { id: 'd2', text: 'Nobody tagged this.' };
const REPORT = computeAgreement({
  documents: [DOC, EMPTY],
  annotators: ['alice', 'bob'],
  layers: {
    alice: [
      span('James Comey', 'Actor'),
      span('Apple', 'Actor'),
      span('encryption', 'Topic, policy'),
    ],
    bob: [span('James Comey', 'Actor'), span('Google', 'Actor')],
  },
});

/** A minimal RFC 4180 reader for the test: quoted cells, doubled quotes, CRLF rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      row.push(cell);
      cell = '';
    } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += c;
    }
  }
  return rows;
}

describe('agreementText', () => {
  const lines = agreementText(REPORT);

  it('opens with who was compared on what, then aligned tables', () => {
    expect(lines[0]).toBe(
      'Agreement of alice, bob on 2 document(s), 13 word tokens; spans: alice 3, bob 2.',
    );
    const overall = lines.find((l) => l.startsWith('Overall'))!;
    expect(overall.split(/\s{2,}/).slice(1)).toEqual(
      [
        REPORT.overall.alpha_unitizing,
        REPORT.overall.cohen_kappa,
        REPORT.overall.fleiss_kappa,
        REPORT.overall.f1_exact,
        REPORT.overall.f1_overlap,
      ].map(formatMeasure),
    );
    expect(lines.some((l) => /^alice – bob\s+0\.400\s+0\.400/.test(l))).toBe(true);
    expect(lines.some((l) => l.startsWith('Topic, policy'))).toBe(true);
    // Nobody marked a span in d2: its F1 is undefined, shown as a dash and explained in a note.
    expect(lines.find((l) => l.startsWith('d2'))).toMatch(/—\s+—$/);
    expect(lines.slice(lines.indexOf('Notes:') + 1).join(' ')).toMatch(/is null/);
  });

  it('shows an undefined measure as a dash', () => {
    expect(formatMeasure(null)).toBe('—');
    expect(formatMeasure(undefined)).toBe('—');
    expect(formatMeasure(0.5)).toBe('0.500');
  });
});

describe('agreementCsv', () => {
  const rows = parseCsv(agreementCsv(REPORT));
  const [head, ...body] = rows;

  it('is long CSV with a header, one number per row, nulls as empty cells', () => {
    expect(head).toEqual([
      'scope',
      'label',
      'annotator_a',
      'annotator_b',
      'document',
      'attribute',
      'measure',
      'value',
    ]);
    const find = (scope: string, measure: string, where: (r: string[]) => boolean = () => true) =>
      body.find((r) => r[0] === scope && r[6] === measure && where(r))!;
    expect(Number(find('overall', 'f1_exact')[7])).toBeCloseTo(REPORT.overall.f1_exact!, 12);
    expect(find('label', 'f1_exact', (r) => r[1] === 'Topic, policy')[7]).toBe(
      String(REPORT.by_label['Topic, policy']!.f1_exact),
    );
    expect(find('pair', 'recall_exact', (r) => r[2] === 'alice' && r[3] === 'bob')[7]).toBe(
      String(REPORT.pairs[0]!.recall_exact),
    );
    expect(find('document', 'alpha_unitizing', (r) => r[4] === 'd1')).toBeDefined();
    expect(find('document', 'f1_exact', (r) => r[4] === 'd2')[7]).toBe('');
    for (const row of body) expect(row).toHaveLength(8);
  });
});
