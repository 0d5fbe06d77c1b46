import { describe, expect, it } from 'vitest';
import { detectAnnotationFormat, planAnnotationImport } from './import-detect';

describe('detectAnnotationFormat', () => {
  it.each([
    ['export.jsonl', '{"text": "a", "spans": []}', 'jsonl'],
    ['export.ndjson', '', 'jsonl'],
    ['alice/doc-1.ann', 'T1\tActor 0 1\ta', 'brat'],
    ['annotations.jsonld', '{}', 'webanno'],
    [
      'team.json',
      '{\n  "format": {\n    "name": "annotation-workbench",\n    "version": 1',
      'json',
    ],
    [
      'hypothesis.json',
      '{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation"}',
      'webanno',
    ],
    ['page.json', '{"type": "AnnotationPage", "items": []}', 'webanno'],
    ['one-record.json', '{"text": "Comey said", "spans": [{"start": 0, "end": 5}]}', 'jsonl'],
    ['corpus.json', '[{"id": "a", "text": "an article"}]', null],
    ['notes.docx', 'PK', null],
  ])('%s is %s', (name, content, format) => {
    expect(detectAnnotationFormat(name, content)).toBe(format);
  });
});

describe('planAnnotationImport', () => {
  const file = (name: string, content = '') => ({ name, content });

  it('pairs every brat .ann with the .txt of the same name', () => {
    const plan = planAnnotationImport([
      file('alice/d1.ann', 'T1'),
      file('alice/d1.txt', 'text 1'),
      file('bob/d1.txt', 'text b'),
      file('bob/d1.ann', 'T2'),
    ]);
    expect(plan.refused).toEqual([]);
    expect(plan.units).toEqual([
      {
        format: 'brat',
        file: file('alice/d1.ann', 'T1'),
        brat: { path: 'alice/d1.ann', ann: 'T1', txt: 'text 1' },
      },
      {
        format: 'brat',
        file: file('bob/d1.ann', 'T2'),
        brat: { path: 'bob/d1.ann', ann: 'T2', txt: 'text b' },
      },
    ]);
  });

  it('refuses an .ann without its text, a lone .txt and an unknown file, saying what to do', () => {
    const plan = planAnnotationImport([file('d1.ann'), file('d2.txt'), file('corpus.csv')]);
    expect(plan.units).toEqual([]);
    expect(plan.refused).toEqual([
      { file: 'd1.ann', message: expect.stringMatching(/choose d1\.txt too/) },
      { file: 'corpus.csv', message: expect.stringMatching(/not an annotation file/) },
      { file: 'd2.txt', message: expect.stringMatching(/there is no d2\.ann/) },
    ]);
  });

  it('reads every file as the format given, whatever its name', () => {
    const plan = planAnnotationImport([file('prodigy-output.txt.json', '{}')], 'jsonl');
    expect(plan.units).toEqual([{ format: 'jsonl', file: file('prodigy-output.txt.json', '{}') }]);
  });
});
