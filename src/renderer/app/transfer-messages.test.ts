import { describe, expect, it } from 'vitest';
import type { AnnotationImportReport, ExportSummary } from '../../shared/api';
import {
  importHeadline,
  importLines,
  progressText,
  sizeText,
  summaryText,
} from './transfer-messages';

describe('progressText', () => {
  it.each([
    [{ phase: 'reading', done: 0, total: 0 }, 'jsonl', 'Starting…'],
    [{ phase: 'reading', done: 12, total: 40 }, 'jsonl', 'Reading documents: 12 of 40'],
    [{ phase: 'writing', done: 30, total: 40 }, 'jsonl', 'Writing spaCy / Prodigy JSONL: 30 of 40'],
    [{ phase: 'writing', done: 0, total: 1 }, 'csv', 'Writing CSV tables…'],
  ] as const)('%j of %s reads "%s"', (job, format, text) => {
    expect(progressText(job, format)).toBe(text);
  });
});

describe('summaryText', () => {
  it('says what the export holds and how big it is', () => {
    const summary: ExportSummary = {
      format: 'csv',
      exportedAt: '2024-05-01T12:00:00.000Z',
      documents: 1,
      layers: 2,
      spans: 4800,
      relations: 0,
      files: 5,
      bytes: 6_123_456,
      notes: [],
    };
    expect(summaryText(summary)).toBe('1 document, 4,800 spans, 0 relations in 5 files (6.1 MB)');
    expect(sizeText(999)).toBe('999 bytes');
    expect(sizeText(12_345)).toBe('12.3 KB');
  });
});

describe('importLines and importHeadline', () => {
  const report: AnnotationImportReport = {
    files: [
      {
        ok: true,
        file: 'prodigy.jsonl',
        format: 'jsonl',
        annotators: [
          {
            annotator: 'bob',
            documents: 1,
            added: 1,
            unchanged: 2,
            changed: 0,
            removed: 0,
            relationsAdded: 1,
          },
        ],
        notes: ['a note'],
      },
      { ok: false, file: 'edited.jsonl', format: 'jsonl', problems: ['line 2: its text differs'] },
      { ok: true, file: 'empty.jsonl', format: 'jsonl', annotators: [], notes: [] },
    ],
  };

  it('gives one entry per file: counts and notes, or the problems', () => {
    expect(importLines(report)).toEqual([
      {
        ok: true,
        file: 'prodigy.jsonl',
        lines: [
          'bob: 1 span added, 2 spans already there, 1 relation added (1 document changed)',
          'a note',
        ],
      },
      { ok: false, file: 'edited.jsonl', lines: ['line 2: its text differs'] },
      {
        ok: true,
        file: 'empty.jsonl',
        lines: ['nothing to import: the file holds no annotations'],
      },
    ]);
  });

  it('heads the summary with how many files came in and how many were refused', () => {
    expect(importHeadline(report)).toBe(
      'Imported annotations from 2 files; 1 file refused, nothing taken from it.',
    );
    expect(importHeadline({ files: [report.files[0]!] })).toBe('Imported annotations from 1 file.');
  });
});
