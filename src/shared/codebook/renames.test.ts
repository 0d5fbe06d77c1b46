import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WorkbenchError } from '../api';
import type { Annotation, Codebook, Relation } from '../model';
import { fixtureCodebook, link, span } from './fixtures';
import type { CodebookOperation } from './operations';
import { planCodebookChange } from './plan';
import { applyCodebookRenames, staleNames } from './renames';

/** Applies operations the way the service does: the staged/final codebook becomes current. */
function change(book: Codebook, operations: CodebookOperation[]): Codebook {
  return planCodebookChange(book, operations).final;
}

describe('applyCodebookRenames (the late-arriving layer hook)', () => {
  it("brings a colleague's layer written before two renames up to date", () => {
    let book = fixtureCodebook();
    book = change(book, [{ kind: 'renameLabel', from: 'Actor', to: 'Speaker' }]);
    book = change(book, [
      {
        kind: 'renameValue',
        label: 'Speaker',
        attribute: 'kind',
        from: 'person',
        to: 'individual',
      },
      { kind: 'renameRelationType', from: 'made by', to: 'said by' },
    ]);
    book = change(book, [{ kind: 'renameLabel', from: 'Speaker', to: 'Source' }]);

    // Bob tagged on revision 1 and pushed after all of that.
    const late = {
      annotations: [span('a1', 'Actor', { kind: 'person' }, 'doc1', 'bob'), span('c1', 'Claim')],
      relations: [link('r1', 'made by', 'c1', 'a1', 'doc1', 'bob')],
    };
    const result = applyCodebookRenames(late, book);
    expect(result.changed).toBe(true);
    expect(result.layer.annotations[0]).toMatchObject({
      label: 'Source',
      attributes: { kind: 'individual' },
    });
    expect(result.layer.relations[0]!.type).toBe('said by');
    expect(result.net).toEqual({ annotations: 1, relations: 1 });
  });

  it('leaves an up-to-date layer alone, even after a rename and its undo', () => {
    let book = fixtureCodebook();
    book = change(book, [{ kind: 'renameLabel', from: 'Actor', to: 'Speaker' }]);
    book = change(book, [{ kind: 'renameLabel', from: 'Speaker', to: 'Actor' }]);
    const current = { annotations: [span('a1', 'Actor')], relations: [] };
    expect(applyCodebookRenames(current, book).layer).toBe(current);
    // A layer written between the rename and its undo comes back too.
    const between = { annotations: [span('a1', 'Speaker')], relations: [] };
    expect(applyCodebookRenames(between, book).layer.annotations[0]!.label).toBe('Actor');
  });

  it('names the strings a layer must contain to need the history', () => {
    let book = fixtureCodebook();
    expect(staleNames(book)).toEqual([]);
    book = change(book, [{ kind: 'renameLabel', from: 'Actor', to: 'Speaker' }]);
    book = change(book, [{ kind: 'renameLabel', from: 'Speaker', to: 'Actor' }]);
    book = change(book, [
      { kind: 'renameValue', label: 'Actor', attribute: 'kind', from: 'person', to: 'human' },
      { kind: 'renameRelationType', from: 'about', to: 'concerns' },
    ]);
    // "Actor" is current again (the undo): replaying leaves it alone. "Speaker" is stale.
    expect(staleNames(book)).toEqual(['Speaker', 'person', 'about']);
  });

  it('merges a late layer into the label a deleted label was migrated to', () => {
    const book = change(fixtureCodebook(), [
      { kind: 'deleteLabel', label: 'Policy topic', migrateTo: 'Claim' },
    ]);
    const late = { annotations: [span('t1', 'Policy topic')], relations: [] };
    expect(applyCodebookRenames(late, book).layer.annotations[0]!.label).toBe('Claim');
  });

  it('a layer written at any revision, replayed, equals the layer migrated along the way', () => {
    // Random renames over a small pool of names, so that clashes, former names, undos and
    // chains happen often. Logical records are identified by position: renames keep positions.
    const NAMES = ['Actor', 'Speaker', 'Source', 'person', 'individual', 'made by', 'said by'];
    const command = fc.record({
      kind: fc.constantFrom('label', 'value', 'relationType', 'attribute'),
      index: fc.nat(5),
      name: fc.constantFrom(...NAMES),
    });
    fc.assert(
      fc.property(fc.array(command, { maxLength: 12 }), (commands) => {
        let book = fixtureCodebook();
        const snapshots = [writtenWith(book)];
        for (const c of commands) {
          const op = operationFor(book, c.kind, c.index, c.name);
          try {
            book = change(book, [op]);
          } catch (error) {
            if (!(error instanceof WorkbenchError)) throw error;
            continue; // refused (a clash or a former name): the codebook stays as it was
          }
          snapshots.push(writtenWith(book));
        }
        const now = writtenWith(book);
        for (const snapshot of snapshots) {
          expect(applyCodebookRenames(snapshot, book).layer).toEqual(now);
        }
        expect(applyCodebookRenames(now, book).layer).toBe(now);
      }),
      { numRuns: 300 },
    );
  });
});

/** One annotation per label and per enum value, one relation per type, under `book`'s names. */
function writtenWith(book: Codebook): { annotations: Annotation[]; relations: Relation[] } {
  const annotations: Annotation[] = [];
  book.labels.forEach((label, l) => {
    annotations.push(span(`L${l}`, label.name));
    label.attributes.forEach((attribute, a) => {
      annotations.push(span(`L${l}A${a}`, label.name, { [attribute.name]: null }));
      (attribute.values ?? []).forEach((value, v) =>
        annotations.push(span(`L${l}A${a}V${v}`, label.name, { [attribute.name]: value })),
      );
    });
  });
  const relations = book.relationTypes.map((type, t) => link(`R${t}`, type.name, 'L0', 'L1'));
  return { annotations, relations };
}

function operationFor(
  book: Codebook,
  kind: string,
  index: number,
  name: string,
): CodebookOperation {
  const label = book.labels[index % book.labels.length]!;
  switch (kind) {
    case 'label':
      return { kind: 'renameLabel', from: label.name, to: name };
    case 'relationType': {
      const type = book.relationTypes[index % book.relationTypes.length]!;
      return { kind: 'renameRelationType', from: type.name, to: name };
    }
    case 'attribute': {
      const actor = book.labels[0]!;
      const attribute = actor.attributes[index % actor.attributes.length]!;
      return { kind: 'renameAttribute', label: actor.name, from: attribute.name, to: name };
    }
    default: {
      const actor = book.labels[0]!;
      const kindAttribute = actor.attributes.find((a) => a.type === 'enum')!;
      const values = kindAttribute.values!;
      return {
        kind: 'renameValue',
        label: actor.name,
        attribute: kindAttribute.name,
        from: values[index % values.length]!,
        to: name,
      };
    }
  }
}
