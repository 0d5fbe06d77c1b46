import { describe, expect, it } from 'vitest';
import type { DocumentSummary, ImportReport } from '../../shared/api';
import { summarizeImport } from './import-summary';

const summary = (id: string): DocumentSummary => ({
  id,
  title: id,
  meta: {},
  length: 10,
  annotationCount: 0,
  status: 'todo',
});

describe('summarizeImport', () => {
  it('reports a clean import', () => {
    const report: ImportReport = { imported: [summary('a'), summary('b')], rejected: [] };
    expect(summarizeImport(report)).toEqual({
      message: 'Imported 2 articles.',
      detail: '',
      type: 'info',
    });
  });

  it('names every rejected file with its reason', () => {
    const report: ImportReport = {
      imported: [summary('a')],
      rejected: [{ file: 'b.md', message: 'line 3: the front matter is not valid YAML' }],
    };
    expect(summarizeImport(report)).toEqual({
      message: 'Imported 1 article; 1 file could not be imported.',
      detail: 'b.md: line 3: the front matter is not valid YAML',
      type: 'warning',
    });
  });

  it('caps the list of rejections and says how many more there are', () => {
    const rejected = Array.from({ length: 23 }, (_, i) => ({
      file: `f${i}.txt`,
      message: 'empty',
    }));
    const { message, detail } = summarizeImport({ imported: [], rejected });
    expect(message).toBe('Imported 0 articles; 23 files could not be imported.');
    const lines = detail.split('\n');
    expect(lines).toHaveLength(21);
    expect(lines[0]).toBe('f0.txt: empty');
    expect(lines[20]).toBe('… and 3 files more.');
  });
});
