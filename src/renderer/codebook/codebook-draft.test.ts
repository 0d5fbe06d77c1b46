import { describe, expect, it } from 'vitest';
import { fixtureCodebook } from '../../shared/codebook/fixtures';
import { codebookProblems } from '../../shared/codebook/validate';
import { Codebook } from '../../shared/model';
import {
  addAttribute,
  addLabel,
  addRelationType,
  addValue,
  fromDraft,
  isDirty,
  removeNewLabel,
  toDraft,
  updateAttribute,
  updateLabel,
  updateRelationType,
} from './codebook-draft';

describe('codebook draft', () => {
  it('round-trips a codebook unchanged and is clean', () => {
    const base = fixtureCodebook();
    const draft = toDraft(base);
    expect(fromDraft(draft, base)).toEqual(Codebook.parse(base));
    expect(isDirty(draft, base)).toBe(false);
  });

  it('edits colour, hotkey, description and examples of a saved label but never its name', () => {
    const base = fixtureCodebook();
    let draft = toDraft(base);
    const key = draft.labels[0]!.key;
    draft = updateLabel(draft, key, {
      name: 'Renamed in passing',
      color: '#000000',
      hotkey: 'a',
      examples: ' the White House \n\n Facebook',
    });
    const saved = fromDraft(draft, base);
    expect(saved.labels[0]).toMatchObject({
      name: 'Actor',
      color: '#000000',
      hotkey: 'a',
      examples: ['the White House', 'Facebook'],
    });
    expect(isDirty(draft, base)).toBe(true);
  });

  it('adds a label with a free colour and hotkey, names it, links it, removes it cleanly', () => {
    const base = fixtureCodebook();
    const added = addLabel(toDraft(base));
    let draft = updateLabel(added.draft, added.key, { name: 'Frame' });
    expect(draft.labels[3]).toMatchObject({ name: 'Frame', color: '#9333ea', hotkey: '4' });
    const rel = addRelationType(draft);
    draft = updateRelationType(rel.draft, rel.key, { name: 'frames', to: [added.key] });
    draft = updateLabel(draft, added.key, { name: 'Frame of reference' });
    const saved = fromDraft(draft, base);
    expect(saved.relationTypes[2]).toMatchObject({ name: 'frames', to: ['Frame of reference'] });
    expect(codebookProblems(saved)).toEqual([]);

    draft = removeNewLabel(draft, added.key);
    expect(fromDraft(draft, base).relationTypes[2]!.to).toEqual([]);
    // A saved label is not removed this way (it needs the delete operation).
    expect(removeNewLabel(draft, draft.labels[0]!.key).labels).toHaveLength(3);
  });

  it('adds an enum attribute with values; blanks and repeats are ignored', () => {
    const base = fixtureCodebook();
    let draft = addAttribute(toDraft(base), 'label:Claim');
    const key = draft.labels[1]!.attributes[1]!.key;
    draft = updateAttribute(draft, 'label:Claim', key, { name: 'certainty', type: 'enum' });
    for (const value of ['high', ' low ', '', 'high']) {
      draft = addValue(draft, 'label:Claim', key, value);
    }
    expect(fromDraft(draft, base).labels[1]!.attributes[1]).toEqual({
      name: 'certainty',
      type: 'enum',
      values: ['high', 'low'],
      required: false,
      description: '',
    });
  });
});
