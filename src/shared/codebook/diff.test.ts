import { describe, expect, it } from 'vitest';
import type { Codebook } from '../model';
import { attributeDefinitionsChanged, OrphanTally, removedParts, valueFits } from './diff';
import { fixtureCodebook, link, span } from './fixtures';

const before = fixtureCodebook();

function without(change: (book: Codebook) => Codebook): Codebook {
  return change(fixtureCodebook());
}

describe('removedParts', () => {
  it('finds nothing in a non-destructive edit (colour, hotkey, description, new label/value)', () => {
    const after = without((b) => ({
      ...b,
      labels: [
        ...b.labels.map((l) => ({ ...l, color: '#000000', hotkey: '', description: 'new' })),
        { ...b.labels[2]!, name: 'Frame' },
      ],
    }));
    expect(removedParts(before, after)).toEqual([]);
  });

  it('points a dropped label, attribute, value and relation type to its operations', () => {
    const after = without((b) => ({
      ...b,
      labels: [
        {
          ...b.labels[0]!,
          attributes: [{ ...b.labels[0]!.attributes[0]!, values: ['person', 'organisation'] }],
        },
        b.labels[1]!,
      ],
      relationTypes: [b.relationTypes[0]!],
    }));
    expect(removedParts(before, after)).toEqual([
      'Value “other” of “Actor” › “kind” is missing. Rename it (renameValue) or delete it (deleteValue, optionally moving it to another value).',
      'Attribute “note” of “Actor” is missing. Rename it (renameAttribute) or delete it with its values (deleteAttribute).',
      'Label “Policy topic” is missing. Rename it (renameLabel) or delete it (deleteLabel, optionally moving its annotations to another label): both migrate its annotations.',
      'Relation type “about” is missing. Rename it (renameRelationType) or delete it (deleteRelationType): both migrate its relations.',
    ]);
  });
});

describe('valueFits and attribute type changes', () => {
  it.each([
    [null, 'number', true],
    ['person', 'enum', true],
    ['robot', 'enum', false],
    ['12', 'number', false],
    [12, 'number', true],
    [true, 'text', false],
    [false, 'boolean', true],
  ] as const)('%j fits %s: %s', (value, type, fits) => {
    const def = { name: 'a', type, values: ['person'], required: false, description: '' };
    expect(valueFits(value, def)).toBe(fits);
  });

  it('notices a type change', () => {
    expect(attributeDefinitionsChanged(before, before)).toBe(false);
    const after = without((b) => ({
      ...b,
      labels: b.labels.map((l) => ({
        ...l,
        attributes: l.attributes.map((a) =>
          a.name === 'note' ? { ...a, type: 'number' as const } : a,
        ),
      })),
    }));
    expect(attributeDefinitionsChanged(before, after)).toBe(true);
  });
});

describe('OrphanTally', () => {
  it('counts what a replacement codebook would orphan, by name, with documents', () => {
    const next = without((b) => ({
      ...b,
      labels: [
        {
          ...b.labels[0]!,
          attributes: [{ ...b.labels[0]!.attributes[0]!, values: ['organisation', 'other'] }],
        },
        b.labels[1]!,
      ],
      relationTypes: [b.relationTypes[0]!],
    }));
    const tally = new OrphanTally(before, next);
    tally.add(
      { doc: 'd1', file: 'annotations/alice/d1.json' },
      {
        annotations: [
          span('a1', 'Actor', { kind: 'person', note: 'kept? no: note is gone' }),
          span('a2', 'Actor', { kind: 'organisation' }),
          span('t1', 'Policy topic'),
          // Already orphaned before: not this change's doing.
          span('x1', 'Unknown'),
        ],
        relations: [link('r1', 'about', 'a1', 't1')],
      },
    );
    tally.add(
      { doc: 'd2', file: 'annotations/bob/d2.json' },
      {
        annotations: [span('t2', 'Policy topic', {}, 'd2', 'bob')],
        relations: [],
      },
    );
    expect(tally.problems()).toEqual([
      'value "person" of “Actor” › “kind” (enum: organisation, other) (1 annotation in 1 document)',
      'attribute “note” of “Actor” (1 annotation in 1 document)',
      'label “Policy topic” (2 annotations in 2 documents)',
      'relation type “about” (1 relation in 1 document)',
    ]);
  });
});
