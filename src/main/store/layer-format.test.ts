import { describe, expect, it } from 'vitest';
import { AnnotationFile, type Annotation, type Relation } from '../../shared/model';
import { serialiseLayer } from './layer-format';

const TIME = '2024-05-01T10:00:00.000Z';

function annotation(id: string, label = 'Actor'): Annotation {
  return {
    id,
    doc: 'doc1',
    label,
    start: 0,
    end: 4,
    quote: 'Text',
    prefix: '',
    suffix: ' with "quotes", commas,\nnewlines and 🙂',
    attributes: { kind: 'person', certain: true, weight: 0.5, none: null },
    annotator: 'alice',
    created: TIME,
    modified: TIME,
    origin: { kind: 'manual' },
  };
}

const relation: Relation = {
  id: 'r1',
  doc: 'doc1',
  type: 'made_by',
  from: 'a1',
  to: 'a2',
  attributes: {},
  annotator: 'alice',
  created: TIME,
  modified: TIME,
};

function layer(annotations: Annotation[], relations: Relation[] = []): AnnotationFile {
  return {
    format: 'workbench.annotations',
    version: 1,
    doc: 'doc1',
    annotator: 'alice',
    status: 'in_progress',
    memo: 'a memo\nover two lines',
    annotations,
    relations,
  };
}

describe('serialiseLayer', () => {
  it('writes JSON that reads back to the same layer', () => {
    for (const value of [layer([]), layer([annotation('a1'), annotation('a2')], [relation])]) {
      expect(AnnotationFile.parse(JSON.parse(serialiseLayer(value).toString('utf8')))).toEqual(
        value,
      );
    }
  });

  it('puts each record on a line of its own, so one new span is one new line', () => {
    const a1 = annotation('a1');
    const before = serialiseLayer(layer([a1]))
      .toString('utf8')
      .split('\n');
    const after = serialiseLayer(layer([a1, annotation('a2')], [relation]))
      .toString('utf8')
      .split('\n');
    expect(after.length - before.length).toBe(3); // a2, and relations opening their list
    expect(after.filter((l) => l.includes('"id":"a2"'))).toHaveLength(1);
    expect(serialiseLayer(layer([a1])).toString('utf8')).toBe(
      [
        '{',
        '  "format": "workbench.annotations",',
        '  "version": 1,',
        '  "doc": "doc1",',
        '  "annotator": "alice",',
        '  "status": "in_progress",',
        '  "memo": "a memo\\nover two lines",',
        '  "annotations": [',
        `    ${JSON.stringify(a1)}`,
        '  ],',
        '  "relations": []',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('writes a changed record (a new object) afresh', () => {
    const a1 = annotation('a1');
    serialiseLayer(layer([a1]));
    const relabelled = { ...a1, label: 'Claim' };
    expect(serialiseLayer(layer([relabelled])).toString('utf8')).toContain('"label":"Claim"');
  });
});
