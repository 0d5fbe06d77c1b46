/**
 * Comparing two codebooks, for the two ways a whole codebook arrives: a plain save of edits
 * (which must touch no annotation) and an import (which must orphan none).
 *
 * A name that disappears is never taken for a rename: only the person knows whether "Speaker"
 * replacing "Actor" is a rename or a new label, so a save that drops a name is refused with a
 * pointer to the explicit operations.
 */
import type { Annotation, AttributeDef, AttributeValue, Codebook, LabelDef } from '../model';
import type { LayerContent } from './layer-steps';
import { plural, type LayerKey } from './tally';

/** Labels, attributes, enum values and relation types of `before` that `after` lacks. */
export function removedParts(before: Codebook, after: Codebook): string[] {
  const problems: string[] = [];
  for (const label of before.labels) {
    const kept = after.labels.find((l) => l.name === label.name);
    if (!kept) {
      problems.push(
        `Label “${label.name}” is missing. Rename it (renameLabel) or delete it (deleteLabel, ` +
          'optionally moving its annotations to another label): both migrate its annotations.',
      );
      continue;
    }
    for (const attribute of label.attributes) {
      const keptAttribute = kept.attributes.find((a) => a.name === attribute.name);
      if (!keptAttribute) {
        problems.push(
          `Attribute “${attribute.name}” of “${label.name}” is missing. Rename it ` +
            '(renameAttribute) or delete it with its values (deleteAttribute).',
        );
        continue;
      }
      if (attribute.type !== 'enum' || keptAttribute.type !== 'enum') continue;
      for (const value of attribute.values ?? []) {
        if (!(keptAttribute.values ?? []).includes(value)) {
          problems.push(
            `Value “${value}” of “${label.name}” › “${attribute.name}” is missing. Rename it ` +
              '(renameValue) or delete it (deleteValue, optionally moving it to another value).',
          );
        }
      }
    }
  }
  for (const type of before.relationTypes) {
    if (!after.relationTypes.some((t) => t.name === type.name)) {
      problems.push(
        `Relation type “${type.name}” is missing. Rename it (renameRelationType) or delete it ` +
          '(deleteRelationType): both migrate its relations.',
      );
    }
  }
  return problems;
}

/** Whether an attribute of type `def` can hold `value` (null: no value, always fine). */
export function valueFits(value: AttributeValue, def: AttributeDef): boolean {
  if (value === null) return true;
  switch (def.type) {
    case 'enum':
      return typeof value === 'string' && (def.values ?? []).includes(value);
    case 'text':
    case 'entity':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
  }
}

/** Whether any attribute changed its type or its values (what a save must check in the layers). */
export function attributeDefinitionsChanged(before: Codebook, after: Codebook): boolean {
  return before.labels.some((label) => {
    const kept = after.labels.find((l) => l.name === label.name);
    return label.attributes.some((a) => {
      const next = kept?.attributes.find((k) => k.name === a.name);
      return next !== undefined && next.type !== a.type;
    });
  });
}

/**
 * What moving from `current` to `next` would orphan: annotations whose label `next` lacks,
 * attribute values `next` cannot hold, relations whose type `next` lacks. Only what `current`
 * accepts counts — data that is already orphaned is not this change's doing.
 */
export class OrphanTally {
  private readonly found = new Map<
    string,
    { noun: 'annotation' | 'relation'; records: number; documents: Set<string> }
  >();

  constructor(
    private readonly current: Codebook,
    private readonly next: Codebook,
  ) {}

  add(key: LayerKey, layer: LayerContent): void {
    for (const annotation of layer.annotations) this.addAnnotation(key, annotation);
    const currentTypes = new Set(this.current.relationTypes.map((t) => t.name));
    const nextTypes = new Set(this.next.relationTypes.map((t) => t.name));
    for (const relation of layer.relations ?? []) {
      if (currentTypes.has(relation.type) && !nextTypes.has(relation.type)) {
        this.count(`relation type “${relation.type}”`, key, 'relation');
      }
    }
  }

  /** "label “Actor” (12 annotations in 3 documents)", one per orphaned name. */
  problems(): string[] {
    return [...this.found].map(
      ([what, { noun, records, documents }]) =>
        `${what} (${plural(records, noun)} in ${plural(documents.size, 'document')})`,
    );
  }

  private addAnnotation(key: LayerKey, annotation: Annotation): void {
    const before = findLabel(this.current, annotation.label);
    if (!before) return;
    const after = findLabel(this.next, annotation.label);
    if (!after) {
      this.count(`label “${annotation.label}”`, key);
      return;
    }
    for (const [name, value] of Object.entries(annotation.attributes)) {
      if (value === null) continue;
      const oldDef = before.attributes.find((a) => a.name === name);
      if (!oldDef || !valueFits(value, oldDef)) continue;
      const newDef = after.attributes.find((a) => a.name === name);
      if (!newDef) {
        this.count(`attribute “${name}” of “${annotation.label}”`, key);
      } else if (!valueFits(value, newDef)) {
        this.count(
          `value ${JSON.stringify(value)} of “${annotation.label}” › “${name}” (${newDef.type}${
            newDef.type === 'enum' ? `: ${(newDef.values ?? []).join(', ')}` : ''
          })`,
          key,
        );
      }
    }
  }

  private count(what: string, key: LayerKey, noun: 'annotation' | 'relation' = 'annotation') {
    let entry = this.found.get(what);
    if (!entry) {
      entry = { noun, records: 0, documents: new Set() };
      this.found.set(what, entry);
    }
    entry.records++;
    entry.documents.add(key.doc);
  }
}

function findLabel(book: Codebook, name: string): LabelDef | undefined {
  return book.labels.find((l) => l.name === name);
}
