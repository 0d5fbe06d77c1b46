import { describe, expect, it } from 'vitest';
import type { CodebookRename } from '../model';
import { fixtureCodebook, link, span } from './fixtures';
import type { CodebookOperation } from './operations';
import { planCodebookChange } from './plan';
import { ChangeTally, deleteCountOf, describeCounts, migrateForPlan } from './tally';

function layers() {
  return [
    {
      key: { doc: 'doc1', file: 'annotations/alice/doc1.json' },
      layer: {
        annotations: [span('a1', 'Actor'), span('a2', 'Actor'), span('c1', 'Claim')],
        relations: [link('r1', 'made by', 'c1', 'a1')],
      },
    },
    {
      key: { doc: 'doc1', file: 'annotations/bob/doc1.json' },
      layer: {
        annotations: [
          span('b1', 'Actor', {}, 'doc1', 'bob'),
          span('b2', 'Claim', {}, 'doc1', 'bob'),
        ],
        relations: [link('s1', 'made by', 'b2', 'b1', 'doc1', 'bob')],
      },
    },
    {
      key: { doc: 'doc2', file: 'annotations/alice/doc2.json' },
      layer: { annotations: [span('t1', 'Policy topic', {}, 'doc2')], relations: [] },
    },
  ];
}

function tally(operations: CodebookOperation[], book = fixtureCodebook()) {
  const history = book.renames ?? [];
  const plan = planCodebookChange(book, operations);
  const counts = new ChangeTally(operations.length);
  for (const { key, layer } of layers()) counts.add(key, migrateForPlan(layer, history, plan));
  return { effects: counts.effects(operations, plan), totals: counts.totals(), counts };
}

describe('ChangeTally', () => {
  it('counts a rename per operation across annotators: annotations, documents, files', () => {
    const { effects, totals } = tally([{ kind: 'renameLabel', from: 'Actor', to: 'Speaker' }]);
    expect(effects[0]!.counts).toEqual({
      annotations: 3,
      relations: 0,
      deletedAnnotations: 0,
      deletedRelations: 0,
      removedValues: 0,
      conflicts: 0,
      documents: 1,
      layers: 2,
    });
    expect(totals).toMatchObject({ annotations: 3, documents: 1, layers: 2 });
    expect(describeCounts(totals)).toBe('3 annotations in 1 document will change.');
  });

  it('counts a deletion with the relations that touch the deleted spans', () => {
    // Actors may be linked too, so the relation types keep a source label without Claim.
    const book = fixtureCodebook();
    const relationTypes = book.relationTypes.map((t) => ({ ...t, from: ['Claim', 'Actor'] }));
    const { effects, totals } = tally([{ kind: 'deleteLabel', label: 'Claim' }], {
      ...book,
      relationTypes,
    });
    expect(effects[0]!.counts).toMatchObject({
      annotations: 2,
      deletedAnnotations: 2,
      relations: 2,
      deletedRelations: 2,
      documents: 1,
      layers: 2,
    });
    expect(deleteCountOf(totals)).toBe(4);
    expect(describeCounts(totals)).toBe(
      '2 annotations and 2 relations in 1 document will be deleted.',
    );
  });

  it('reports per operation and a total that counts each record once', () => {
    const { effects, totals } = tally([
      { kind: 'renameLabel', from: 'Actor', to: 'Speaker' },
      { kind: 'renameLabel', from: 'Speaker', to: 'Source' },
      { kind: 'renameLabel', from: 'Policy topic', to: 'Topic' },
    ]);
    expect(effects.map((e) => e.counts.annotations)).toEqual([3, 3, 1]);
    expect(totals).toMatchObject({ annotations: 4, documents: 2, layers: 3 });
    expect(describeCounts(totals)).toBe('4 annotations in 2 documents will change.');
  });

  it('counts the layers that lagged behind earlier renames on their own', () => {
    // Bob's layer still says "Actor" although revision 2 renamed it to "Speaker".
    const history: CodebookRename[] = [
      { kind: 'label', from: 'Actor', to: 'Speaker', revision: 2 },
    ];
    const book = {
      ...fixtureCodebook(),
      revision: 2,
      renames: history,
      labels: fixtureCodebook().labels.map((l) =>
        l.name === 'Actor' ? { ...l, name: 'Speaker' } : l,
      ),
      relationTypes: fixtureCodebook().relationTypes.map((t) => ({
        ...t,
        to: t.to.map((n) => (n === 'Actor' ? 'Speaker' : n)),
      })),
    };
    const operations: CodebookOperation[] = [
      { kind: 'renameLabel', from: 'Claim', to: 'Statement' },
    ];
    const plan = planCodebookChange(book, operations);
    const counts = new ChangeTally(1);
    for (const { key, layer } of layers()) counts.add(key, migrateForPlan(layer, history, plan));
    expect(counts.earlier()).toMatchObject({ annotations: 3, documents: 1, layers: 2 });
    expect(counts.effects(operations, plan)[0]!.counts).toMatchObject({ annotations: 2 });
    expect(counts.totals()).toMatchObject({ annotations: 5 });
  });

  it('says so when nothing changes', () => {
    const { totals } = tally([{ kind: 'renameRelationType', from: 'about', to: 'concerns' }]);
    expect(describeCounts(totals)).toBe('No annotation or relation will change.');
  });
});
