import { describe, expect, it } from 'vitest';
import { fixtureCodebook } from './fixtures';
import { planCodebookChange } from './plan';

describe('planCodebookChange', () => {
  it('renames a label everywhere in the codebook and records it, in one revision', () => {
    const plan = planCodebookChange(fixtureCodebook(), [
      { kind: 'renameLabel', from: 'Actor', to: 'Speaker' },
    ]);
    expect(plan.staged).toBe(plan.final);
    expect(plan.final.revision).toBe(2);
    expect(plan.final.labels.map((l) => l.name)).toEqual(['Speaker', 'Claim', 'Policy topic']);
    expect(plan.final.relationTypes[0]).toMatchObject({ name: 'made by', to: ['Speaker'] });
    expect(plan.final.renames).toEqual([
      { kind: 'label', from: 'Actor', to: 'Speaker', revision: 2 },
    ]);
    expect(plan.steps).toEqual([[{ kind: 'label', from: 'Actor', to: 'Speaker' }]]);
    expect(plan.alreadyApplied).toEqual([false]);
  });

  it('deletes with a label the relation types it leaves without an allowed end', () => {
    const plan = planCodebookChange(fixtureCodebook(), [
      { kind: 'deleteLabel', label: 'Policy topic' },
    ]);
    // Staged: nothing deleted yet. Final: the label and "about", whose only target it was.
    expect(plan.staged.relationTypes.map((t) => t.name)).toEqual(['made by', 'about']);
    expect(plan.final.relationTypes.map((t) => t.name)).toEqual(['made by']);
    expect(plan.steps[0]).toEqual([
      { kind: 'deleteRelationType', type: 'about' },
      { kind: 'deleteLabel', label: 'Policy topic' },
    ]);
    expect(plan.notes[0]).toEqual([
      'Relation type “about” allows no label but “Policy topic” at one end, so it is deleted ' +
        'too, with its relations.',
    ]);
    // A label that is one of several allowed at an end only leaves that list.
    const wider = fixtureCodebook();
    wider.relationTypes[1]!.to = ['Policy topic', 'Actor'];
    const kept = planCodebookChange(wider, [{ kind: 'deleteLabel', label: 'Policy topic' }]);
    expect(kept.final.relationTypes[1]).toMatchObject({ name: 'about', to: ['Actor'] });
  });

  it('stages renames first and deletions last, two revisions apart', () => {
    const start = fixtureCodebook();
    const book = {
      ...start,
      relationTypes: [start.relationTypes[0]!], // "about" gone, so Policy topic can go
    };
    const plan = planCodebookChange(book, [
      { kind: 'renameValue', label: 'Claim', attribute: 'stance', from: 'oppose', to: 'against' },
      { kind: 'deleteLabel', label: 'Policy topic' },
    ]);
    expect(plan.staged.revision).toBe(2);
    expect(plan.staged.labels.map((l) => l.name)).toContain('Policy topic');
    expect(plan.staged.labels[1]!.attributes[0]!.values).toEqual(['support', 'against', 'neutral']);
    expect(plan.final.revision).toBe(3);
    expect(plan.final.labels.map((l) => l.name)).toEqual(['Actor', 'Claim']);
    expect(plan.final.renames).toEqual(plan.staged.renames);
    expect(plan.steps[1]).toEqual([{ kind: 'deleteLabel', label: 'Policy topic' }]);
  });

  it('merges a label: relation types point at the target, the merge is recorded', () => {
    const plan = planCodebookChange(fixtureCodebook(), [
      { kind: 'deleteLabel', label: 'Claim', migrateTo: 'Actor' },
    ]);
    expect(plan.final.labels.map((l) => l.name)).toEqual(['Actor', 'Policy topic']);
    expect(plan.final.relationTypes.map((t) => [t.name, t.from, t.to])).toEqual([
      ['made by', ['Actor'], ['Actor']],
      ['about', ['Actor'], ['Policy topic']],
    ]);
    expect(plan.final.renames).toEqual([
      { kind: 'label', from: 'Claim', to: 'Actor', revision: 2 },
    ]);
    expect(plan.notes[0]).toEqual([
      'Values of “stance” stay on the merged annotations (kept, not lost), but “Actor” does not define it.',
    ]);
  });

  it('treats an operation the codebook already shows as a re-run', () => {
    const once = planCodebookChange(fixtureCodebook(), [
      { kind: 'renameLabel', from: 'Actor', to: 'Speaker' },
      { kind: 'deleteValue', label: 'Claim', attribute: 'stance', value: 'neutral' },
    ]);
    // The first run saved the staged codebook, then stopped halfway through the layers.
    const again = planCodebookChange(once.staged, [
      { kind: 'renameLabel', from: 'Actor', to: 'Speaker' },
      { kind: 'deleteValue', label: 'Claim', attribute: 'stance', value: 'neutral' },
    ]);
    expect(again.alreadyApplied).toEqual([true, false]);
    expect(again.steps[0]).toEqual([]);
    expect(again.staged).toBe(once.staged);
    expect(again.final.labels[1]!.attributes[0]!.values).toEqual(['support', 'oppose']);
    // And once everything is done, a third run changes nothing at all.
    const third = planCodebookChange(again.final, [
      { kind: 'renameLabel', from: 'Actor', to: 'Speaker' },
      { kind: 'deleteValue', label: 'Claim', attribute: 'stance', value: 'neutral' },
    ]);
    expect(third.final).toBe(again.final);
    expect(third.alreadyApplied).toEqual([true, true]);
  });

  it.each([
    [
      { kind: 'renameLabel', from: 'Actor', to: 'Claim' },
      'Rename label “Actor” to “Claim”: there is already a label “Claim”. To merge “Actor” into it, delete “Actor” and move its annotations to “Claim”.',
    ],
    [
      { kind: 'renameLabel', from: 'Person', to: 'Speaker' },
      'Rename label “Person” to “Speaker”: there is no label “Person” in the codebook (labels: “Actor”, “Claim”, “Policy topic”).',
    ],
    [
      { kind: 'renameValue', label: 'Actor', attribute: 'note', from: 'a', to: 'b' },
      'Rename value “a” of “Actor” › “note” to “b”: “note” of “Actor” is a text attribute; only enum attributes have values to rename or delete.',
    ],
    [
      {
        kind: 'deleteValue',
        label: 'Actor',
        attribute: 'kind',
        value: 'person',
        migrateTo: 'robot',
      },
      'Merge value “person” of “Actor” › “kind” into “robot”: “Actor” › “kind” has no value “robot” (values: “person”, “organisation”, “other”).',
    ],
    [
      { kind: 'renameLabel', from: 'Actor', to: ' Speaker' },
      'The change would make the codebook invalid during the migration: The name “ Speaker” (a label) starts or ends with a space; remove the space.',
    ],
  ] as const)('refuses %j with a message naming the problem', (op, message) => {
    expect(() => planCodebookChange(fixtureCodebook(), [op])).toThrow(message);
  });

  it('refuses a rename into a name deleted in the same change, asking for two steps', () => {
    expect(() =>
      planCodebookChange({ ...fixtureCodebook(), relationTypes: [] }, [
        { kind: 'deleteLabel', label: 'Policy topic' },
        { kind: 'renameLabel', from: 'Claim', to: 'Policy topic' },
      ]),
    ).toThrow(
      'Rename label “Claim” to “Policy topic” (operation 2 of 2): there is already a label ' +
        '“Policy topic”. To merge “Claim” into it, delete “Claim” and move its annotations to ' +
        '“Policy topic”. Apply the deletion on its own first, then this change.',
    );
  });

  it('refuses giving a new label a former name', () => {
    const renamed = planCodebookChange(fixtureCodebook(), [
      { kind: 'renameLabel', from: 'Actor', to: 'Speaker' },
    ]).final;
    expect(() =>
      planCodebookChange(renamed, [{ kind: 'renameLabel', from: 'Claim', to: 'Actor' }]),
    ).toThrow(/Label “Actor” is a former name: revision 2 renamed “Actor” to “Speaker”/);
  });
});
