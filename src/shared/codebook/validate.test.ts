import { describe, expect, it } from 'vitest';
import type { Codebook } from '../model';
import { fixtureCodebook } from './fixtures';
import { codebookProblems } from './validate';

function edited(change: (book: Codebook) => Codebook): string[] {
  return codebookProblems(change(fixtureCodebook()));
}

describe('codebookProblems', () => {
  it('accepts the default codebook and one with empty hotkeys on several labels', () => {
    expect(codebookProblems(fixtureCodebook())).toEqual([]);
    expect(edited((b) => ({ ...b, labels: b.labels.map((l) => ({ ...l, hotkey: '' })) }))).toEqual(
      [],
    );
  });

  it.each<[string, (book: Codebook) => Codebook, string]>([
    [
      'a repeated label name',
      (b) => ({ ...b, labels: [...b.labels, { ...b.labels[0]!, hotkey: '7' }] }),
      'There are two labels “Actor”; label names must be unique.',
    ],
    [
      'names that differ only in case',
      (b) => ({ ...b, labels: [...b.labels, { ...b.labels[0]!, name: 'actor', hotkey: '7' }] }),
      'Labels “Actor” and “actor” differ only in case; choose distinct names.',
    ],
    [
      'a shared hotkey',
      (b) => ({ ...b, labels: b.labels.map((l) => ({ ...l, hotkey: '1' })) }),
      '“Actor” and “Claim” both use the hotkey “1”; give each label its own key (or none).',
    ],
    [
      'a space as hotkey',
      (b) => ({ ...b, labels: b.labels.map((l, i) => (i === 0 ? { ...l, hotkey: ' ' } : l)) }),
      'The hotkey of “Actor” is a space; use a letter, digit or symbol.',
    ],
    [
      'a label name with an outer space',
      (b) => ({
        ...b,
        labels: b.labels.map((l, i) => (i === 2 ? { ...l, name: 'Policy topic ' } : l)),
        relationTypes: [],
      }),
      'The name “Policy topic ” (a label) starts or ends with a space; remove the space.',
    ],
    [
      'two attributes of one name',
      (b) => withActorAttributes(b, (list) => [...list, list[0]!]),
      '“Actor” has two attributes “kind”; attribute names must be unique per label.',
    ],
    [
      'an enum without values',
      (b) => withActorAttributes(b, (list) => [{ ...list[0]!, values: [] }, list[1]!]),
      'The enum attribute “kind” of “Actor” has no values; add at least one.',
    ],
    [
      'a repeated enum value',
      (b) =>
        withActorAttributes(b, (list) => [{ ...list[0]!, values: ['person', 'person'] }, list[1]!]),
      'The attribute “kind” of “Actor” lists the value “person” twice.',
    ],
    [
      'values on a text attribute',
      (b) => withActorAttributes(b, (list) => [list[0]!, { ...list[1]!, values: ['a'] }]),
      'The attribute “note” of “Actor” is of type text but lists values; only enum attributes have values.',
    ],
    [
      'a relation type naming a label that does not exist',
      (b) => ({ ...b, relationTypes: [{ ...b.relationTypes[0]!, to: ['Speaker'] }] }),
      'Relation type “made by” names “Speaker” as a target label, but the codebook has no such label.',
    ],
    [
      'a relation type without source labels',
      (b) => ({ ...b, relationTypes: [{ ...b.relationTypes[0]!, from: [] }] }),
      'Relation type “made by” allows no source label; choose at least one.',
    ],
    [
      'two relation types of one name',
      (b) => ({ ...b, relationTypes: [b.relationTypes[0]!, b.relationTypes[0]!] }),
      'There are two relation types “made by”; names must be unique.',
    ],
  ])('refuses %s', (_what, change, message) => {
    expect(edited(change)).toContain(message);
  });

  it('refuses reusing a former name, and accepts a rename that was undone', () => {
    const renamed: Codebook = {
      ...fixtureCodebook(),
      renames: [{ kind: 'label', from: 'Policy topic', to: 'Topic', revision: 2 }],
    };
    // "Policy topic" is still there although it was renamed: a late layer's "Policy topic"
    // would be moved to "Topic", so the name cannot stand for something current.
    expect(codebookProblems(renamed)).toEqual([
      'Label “Policy topic” is a former name: revision 2 renamed “Policy topic” to “Topic”, and ' +
        'layers that arrive later still using “Policy topic” are moved to “Topic”. Choose another name.',
    ]);
    const undone: Codebook = {
      ...renamed,
      renames: [
        ...renamed.renames!,
        { kind: 'label', from: 'Topic', to: 'Policy topic', revision: 3 },
      ],
    };
    expect(codebookProblems(undone)).toEqual([]);
  });

  it('checks former enum values and relation types the same way', () => {
    const book: Codebook = {
      ...fixtureCodebook(),
      renames: [
        {
          kind: 'value',
          label: 'Actor',
          attribute: 'kind',
          from: 'person',
          to: 'individual',
          revision: 2,
        },
        { kind: 'relationType', from: 'about', to: 'concerns', revision: 2 },
      ],
    };
    expect(codebookProblems(book)).toEqual([
      'Value “person” of “Actor” › “kind” is a former name: revision 2 renamed “person” to ' +
        '“individual”, and layers that arrive later still using “person” are moved to ' +
        '“individual”. Choose another name.',
      'Relation type “about” is a former name: revision 2 renamed “about” to “concerns”, and ' +
        'layers that arrive later still using “about” are moved to “concerns”. Choose another name.',
    ]);
  });
});

function withActorAttributes(
  book: Codebook,
  change: (
    list: Codebook['labels'][number]['attributes'],
  ) => Codebook['labels'][number]['attributes'],
): Codebook {
  return {
    ...book,
    labels: book.labels.map((l) =>
      l.name === 'Actor' ? { ...l, attributes: change(l.attributes) } : l,
    ),
  };
}
