import { describe, expect, it } from 'vitest';
import { link, span } from './fixtures';
import { migrateLayer, type LayerStep } from './layer-steps';

const layer = {
  doc: 'doc1',
  annotations: [
    span('a1', 'Actor', { kind: 'person' }),
    span('a2', 'Actor', { kind: 'organisation', note: null }),
    span('c1', 'Claim', { stance: 'oppose' }),
    span('t1', 'Policy topic'),
  ],
  relations: [link('r1', 'made by', 'c1', 'a1'), link('r2', 'about', 'c1', 't1')],
};

describe('migrateLayer', () => {
  it('renames a label, counts it, and keeps every untouched record (and all times) as it was', () => {
    const result = migrateLayer(layer, [{ kind: 'label', from: 'Actor', to: 'Speaker' }]);
    expect(result.layer.annotations.map((a) => a.label)).toEqual([
      'Speaker',
      'Speaker',
      'Claim',
      'Policy topic',
    ]);
    expect(result.counts[0]).toMatchObject({ annotations: 2, relations: 0, deletedAnnotations: 0 });
    expect(result.net).toEqual({ annotations: 2, relations: 0 });
    expect(result.layer.annotations[2]).toBe(layer.annotations[2]);
    expect(result.layer.relations[0]).toBe(layer.relations[0]);
    expect(result.layer.annotations[0]!.modified).toBe(layer.annotations[0]!.modified);
    expect(result.layer).toMatchObject({ doc: 'doc1' });
    // The input is not touched.
    expect(layer.annotations[0]!.label).toBe('Actor');
  });

  it('returns the very same layer when no step applies', () => {
    const result = migrateLayer(layer, [{ kind: 'label', from: 'Nobody', to: 'Somebody' }]);
    expect(result.changed).toBe(false);
    expect(result.layer).toBe(layer);
  });

  it('deletes a label with every relation touching its spans, counted at that step', () => {
    const result = migrateLayer(layer, [
      { kind: 'relationType', from: 'made by', to: 'said by' },
      { kind: 'deleteLabel', label: 'Claim' },
    ]);
    expect(result.layer.annotations.map((a) => a.id)).toEqual(['a1', 'a2', 't1']);
    expect(result.layer.relations).toEqual([]);
    expect(result.counts[0]).toMatchObject({ relations: 1 });
    expect(result.counts[1]).toMatchObject({
      annotations: 1,
      deletedAnnotations: 1,
      relations: 2,
      deletedRelations: 2,
    });
    expect(result.net).toEqual({ annotations: 1, relations: 2 });
  });

  it('renames and deletes enum values; deleting an attribute counts only real values', () => {
    const result = migrateLayer(layer, [
      { kind: 'value', label: 'Actor', attribute: 'kind', from: 'person', to: 'individual' },
      { kind: 'deleteValue', label: 'Actor', attribute: 'kind', value: 'organisation' },
      { kind: 'deleteAttribute', label: 'Actor', attribute: 'note' },
    ]);
    expect(result.layer.annotations[0]!.attributes).toEqual({ kind: 'individual' });
    expect(result.layer.annotations[1]!.attributes).toEqual({});
    expect(result.counts.map((c) => [c.annotations, c.removedValues])).toEqual([
      [1, 0],
      [1, 1],
      // a2 held note: null — the key goes, but no value is lost.
      [1, 0],
    ]);
  });

  it('follows a label through a rename before matching later steps on it', () => {
    const steps: LayerStep[] = [
      { kind: 'label', from: 'Actor', to: 'Speaker' },
      { kind: 'value', label: 'Speaker', attribute: 'kind', from: 'person', to: 'individual' },
      { kind: 'value', label: 'Actor', attribute: 'kind', from: 'organisation', to: 'org' },
    ];
    const result = migrateLayer(layer, steps);
    expect(result.layer.annotations.slice(0, 2).map((a) => a.attributes.kind)).toEqual([
      'individual',
      'organisation',
    ]);
  });

  it('leaves an annotation alone when an attribute rename would overwrite a value', () => {
    const clash = {
      annotations: [
        span('x', 'Actor', { note: 'old', kind: 'person' }),
        span('y', 'Actor', { note: 'n' }),
      ],
      relations: [],
    };
    const result = migrateLayer(clash, [
      { kind: 'attribute', label: 'Actor', from: 'note', to: 'kind' },
    ]);
    expect(result.counts[0]).toMatchObject({ annotations: 1, conflicts: 1 });
    expect(result.layer.annotations[0]).toBe(clash.annotations[0]);
    // Key order is kept, so files stay stable.
    expect(Object.keys(result.layer.annotations[1]!.attributes)).toEqual(['kind']);
  });

  it('counts a rename and its undo at both steps but nets them out', () => {
    const result = migrateLayer(layer, [
      { kind: 'label', from: 'Actor', to: 'Speaker' },
      { kind: 'label', from: 'Speaker', to: 'Actor' },
    ]);
    expect(result.counts.map((c) => c.annotations)).toEqual([2, 2]);
    expect(result.net).toEqual({ annotations: 0, relations: 0 });
    expect(result.layer).toBe(layer);
  });

  it('deletes relations of a deleted type', () => {
    const result = migrateLayer(layer, [{ kind: 'deleteRelationType', type: 'about' }]);
    expect(result.layer.relations.map((r) => r.id)).toEqual(['r1']);
    expect(result.counts[0]).toMatchObject({ relations: 1, deletedRelations: 1 });
  });
});
