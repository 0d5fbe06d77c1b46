/**
 * Turns codebook operations into a plan: the codebook to save before any layer is touched
 * (`staged`), the codebook to save once every layer is migrated (`final`), and the layer steps
 * of each operation.
 *
 * Why two codebooks — the order that never orphans an annotation:
 * 1. `staged` has every rename and merge applied *and recorded* in `renames`, but still has every
 *    label, attribute, value and relation type that is to be deleted. Saved first.
 * 2. Layers are migrated one at a time. If that stops halfway, nothing is orphaned: annotations
 *    still under a former name follow the recorded renames (on the next run, on the next open,
 *    or when a late layer is read), and annotations of a label being deleted still have their
 *    label in the codebook.
 * 3. `final` drops what was deleted. Saved last.
 * Running the same operations again is a re-run: renames the codebook already records are
 * "already applied" (the layers still follow them), deletions delete what is left.
 */
import { WorkbenchError } from '../api';
import type { AttributeDef, Codebook, CodebookRename, LabelDef, RelationTypeDef } from '../model';
import type { LayerStep } from './layer-steps';
import { renameSteps } from './renames';
import { describeOperation, isLossy, type CodebookOperation } from './operations';
import { codebookProblems } from './validate';

export interface CodebookPlan {
  readonly staged: Codebook;
  readonly final: Codebook;
  /** Per operation: its layer steps, in order (none when it is already applied). */
  readonly steps: readonly (readonly LayerStep[])[];
  readonly alreadyApplied: readonly boolean[];
  readonly notes: readonly string[][];
}

type Mode = 'staged' | 'final';

interface Planned {
  book: Codebook;
  steps: LayerStep[];
  alreadyApplied: boolean;
  notes: string[];
}

/**
 * Plans `operations`, applied in order to `codebook`. Throws WorkbenchError('invalid_argument')
 * naming the operation and the problem when one cannot be applied or the result is not valid.
 */
export function planCodebookChange(
  codebook: Codebook,
  operations: readonly CodebookOperation[],
): CodebookPlan {
  const revision = codebook.revision + 1;
  const staged = applyAll(codebook, operations, 'staged', revision);
  const final = applyAll(codebook, operations, 'final', revision);

  const stagedBook = sameContent(staged.book, codebook)
    ? codebook
    : { ...staged.book, revision: codebook.revision + 1 };
  const finalBook = sameContent(final.book, stagedBook)
    ? stagedBook
    : { ...final.book, revision: stagedBook.revision + 1 };
  for (const [which, book] of [
    ['during', stagedBook],
    ['after', finalBook],
  ] as const) {
    const problems = codebookProblems(book);
    if (problems.length > 0) {
      throw new WorkbenchError(
        'invalid_argument',
        `The change would make the codebook invalid ${which} the migration: ` +
          `${problems.slice(0, 3).join(' ')}`,
      );
    }
  }
  return {
    staged: stagedBook,
    final: finalBook,
    steps: final.planned.map((p) => p.steps),
    alreadyApplied: final.planned.map((p) => p.alreadyApplied),
    notes: final.planned.map((p) => p.notes),
  };
}

function applyAll(
  codebook: Codebook,
  operations: readonly CodebookOperation[],
  mode: Mode,
  revision: number,
): { book: Codebook; planned: Planned[] } {
  let book = codebook;
  const planned: Planned[] = [];
  operations.forEach((op, index) => {
    try {
      const result = applyOperation(book, op, mode, revision);
      planned.push(result);
      book = result.book;
    } catch (error) {
      if (!(error instanceof WorkbenchError)) throw error;
      const which =
        operations.length > 1 ? ` (operation ${index + 1} of ${operations.length})` : '';
      const twoSteps =
        mode === 'staged' && operations.slice(0, index).some(isLossy)
          ? ' Apply the deletion on its own first, then this change.'
          : '';
      throw new WorkbenchError(
        'invalid_argument',
        `${describeOperation(op)}${which}: ${error.message}${twoSteps}`,
      );
    }
  });
  return { book, planned };
}

function applyOperation(
  book: Codebook,
  op: CodebookOperation,
  mode: Mode,
  revision: number,
): Planned {
  const deleting = mode === 'final';
  switch (op.kind) {
    case 'renameLabel': {
      if (op.from === op.to) throw refused(`the new name is the same as the old one.`);
      if (!findLabel(book, op.from)) {
        return alreadyOrMissing(
          book,
          hasLabel(book, op.to),
          { kind: 'label', from: op.from, to: op.to },
          () => noLabel(book, op.from),
        );
      }
      if (findLabel(book, op.to)) {
        throw refused(
          `there is already a label “${op.to}”. To merge “${op.from}” into it, delete ` +
            `“${op.from}” and move its annotations to “${op.to}”.`,
        );
      }
      const next = renameLabelIn(book, op.from, op.to);
      return renamed(next, { kind: 'label', from: op.from, to: op.to, revision });
    }

    case 'deleteLabel': {
      const label = findLabel(book, op.label);
      if (op.migrateTo !== undefined) {
        const target = op.migrateTo;
        if (target === op.label) throw refused(`a label cannot be merged into itself.`);
        if (!label) {
          const rename = { kind: 'label', from: op.label, to: target } as const;
          return alreadyOrMissing(book, hasLabel(book, target), rename, () =>
            noLabel(book, op.label),
          );
        }
        const into = findLabel(book, target);
        if (!into) throw noLabel(book, target);
        const next: Codebook = {
          ...book,
          labels: book.labels.filter((l) => l.name !== op.label),
          relationTypes: book.relationTypes.map((type) => ({
            ...type,
            from: replaceInList(type.from, op.label, target),
            to: replaceInList(type.to, op.label, target),
          })),
        };
        const notes = extraAttributeNote(label, into);
        const planned = renamed(next, { kind: 'label', from: op.label, to: target, revision });
        return { ...planned, notes };
      }
      const step: LayerStep = { kind: 'deleteLabel', label: op.label };
      if (!label) {
        return {
          book,
          steps: [step],
          alreadyApplied: true,
          notes: [
            `“${op.label}” is not in the codebook; annotations that still use it are deleted.`,
          ],
        };
      }
      if (!deleting) return { book, steps: [step], alreadyApplied: false, notes: [] };
      // A relation type left without an allowed label at one end is of no use: it goes too,
      // with its relations — counted in this operation and named in its note.
      const narrowed = book.relationTypes.map((type) => ({
        ...type,
        from: type.from.filter((name) => name !== op.label),
        to: type.to.filter((name) => name !== op.label),
      }));
      const stranded = narrowed
        .filter((type, i) => {
          const before = book.relationTypes[i]!;
          return (
            (type.from.length === 0 && before.from.length > 0) ||
            (type.to.length === 0 && before.to.length > 0)
          );
        })
        .map((type) => type.name);
      return {
        book: {
          ...book,
          labels: book.labels.filter((l) => l.name !== op.label),
          relationTypes: narrowed.filter((type) => !stranded.includes(type.name)),
        },
        steps: [...stranded.map((type): LayerStep => ({ kind: 'deleteRelationType', type })), step],
        alreadyApplied: false,
        notes: stranded.length === 0 ? [] : [strandedNote(op.label, stranded)],
      };
    }

    case 'renameAttribute': {
      const label = requireLabel(book, op.label);
      if (op.from === op.to) throw refused(`the new name is the same as the old one.`);
      const attribute = findAttribute(label, op.from);
      const rename = { kind: 'attribute', label: op.label, from: op.from, to: op.to } as const;
      if (!attribute) {
        return alreadyOrMissing(book, findAttribute(label, op.to) !== undefined, rename, () =>
          refused(`“${op.label}” has no attribute “${op.from}”${listAttributes(label)}.`),
        );
      }
      if (findAttribute(label, op.to)) {
        throw refused(`“${op.label}” already has an attribute “${op.to}”.`);
      }
      const next = withLabel(book, op.label, (l) => ({
        ...l,
        attributes: l.attributes.map((a) => (a.name === op.from ? { ...a, name: op.to } : a)),
      }));
      return renamed(next, { ...rename, revision });
    }

    case 'deleteAttribute': {
      const label = requireLabel(book, op.label);
      const step: LayerStep = { kind: 'deleteAttribute', label: op.label, attribute: op.attribute };
      if (!findAttribute(label, op.attribute)) {
        return {
          book,
          steps: [step],
          alreadyApplied: true,
          notes: [
            `“${op.label}” has no attribute “${op.attribute}”; values still stored under it are removed.`,
          ],
        };
      }
      if (!deleting) return { book, steps: [step], alreadyApplied: false, notes: [] };
      const next = withLabel(book, op.label, (l) => ({
        ...l,
        attributes: l.attributes.filter((a) => a.name !== op.attribute),
      }));
      return { book: next, steps: [step], alreadyApplied: false, notes: [] };
    }

    case 'renameValue': {
      const values = requireEnum(book, op.label, op.attribute);
      if (op.from === op.to) throw refused(`the new value is the same as the old one.`);
      const rename = { kind: 'value', label: op.label, attribute: op.attribute } as const;
      if (!values.includes(op.from)) {
        return alreadyOrMissing(
          book,
          values.includes(op.to),
          { ...rename, from: op.from, to: op.to },
          () => noValue(op.label, op.attribute, op.from, values),
        );
      }
      if (values.includes(op.to)) {
        throw refused(
          `“${op.attribute}” already has the value “${op.to}”. To merge “${op.from}” into it, ` +
            `delete “${op.from}” and move its annotations to “${op.to}”.`,
        );
      }
      const next = withValues(book, op.label, op.attribute, (list) =>
        list.map((v) => (v === op.from ? op.to : v)),
      );
      return renamed(next, { ...rename, from: op.from, to: op.to, revision });
    }

    case 'deleteValue': {
      const values = requireEnum(book, op.label, op.attribute);
      const rename = { kind: 'value', label: op.label, attribute: op.attribute } as const;
      if (op.migrateTo !== undefined) {
        const target = op.migrateTo;
        if (target === op.value) throw refused(`a value cannot be merged into itself.`);
        if (!values.includes(op.value)) {
          return alreadyOrMissing(
            book,
            values.includes(target),
            { ...rename, from: op.value, to: target },
            () => noValue(op.label, op.attribute, op.value, values),
          );
        }
        if (!values.includes(target)) throw noValue(op.label, op.attribute, target, values);
        const next = withValues(book, op.label, op.attribute, (list) =>
          list.filter((v) => v !== op.value),
        );
        return renamed(next, { ...rename, from: op.value, to: target, revision });
      }
      const step: LayerStep = {
        kind: 'deleteValue',
        label: op.label,
        attribute: op.attribute,
        value: op.value,
      };
      if (!values.includes(op.value)) {
        return {
          book,
          steps: [step],
          alreadyApplied: true,
          notes: [
            `“${op.value}” is not a value of “${op.attribute}”; annotations that still hold it lose it.`,
          ],
        };
      }
      if (!deleting) return { book, steps: [step], alreadyApplied: false, notes: [] };
      if (values.length === 1) {
        throw refused(
          `“${op.value}” is the only value of “${op.attribute}”; delete the attribute instead.`,
        );
      }
      const next = withValues(book, op.label, op.attribute, (list) =>
        list.filter((v) => v !== op.value),
      );
      return { book: next, steps: [step], alreadyApplied: false, notes: [] };
    }

    case 'renameRelationType': {
      if (op.from === op.to) throw refused(`the new name is the same as the old one.`);
      const rename = { kind: 'relationType', from: op.from, to: op.to } as const;
      if (!findType(book, op.from)) {
        return alreadyOrMissing(book, findType(book, op.to) !== undefined, rename, () =>
          noType(book, op.from),
        );
      }
      if (findType(book, op.to)) throw refused(`there is already a relation type “${op.to}”.`);
      const next: Codebook = {
        ...book,
        relationTypes: book.relationTypes.map((t) =>
          t.name === op.from ? { ...t, name: op.to } : t,
        ),
      };
      return renamed(next, { ...rename, revision });
    }

    case 'deleteRelationType': {
      const type = findType(book, op.name);
      if (op.migrateTo !== undefined) {
        const target = op.migrateTo;
        if (target === op.name) throw refused(`a relation type cannot be merged into itself.`);
        const rename = { kind: 'relationType', from: op.name, to: target } as const;
        if (!type) {
          return alreadyOrMissing(book, findType(book, target) !== undefined, rename, () =>
            noType(book, op.name),
          );
        }
        if (!findType(book, target)) throw noType(book, target);
        const next: Codebook = {
          ...book,
          relationTypes: book.relationTypes.filter((t) => t.name !== op.name),
        };
        return renamed(next, { ...rename, revision });
      }
      const step: LayerStep = { kind: 'deleteRelationType', type: op.name };
      if (!type) {
        return {
          book,
          steps: [step],
          alreadyApplied: true,
          notes: [`“${op.name}” is not in the codebook; relations that still use it are deleted.`],
        };
      }
      if (!deleting) return { book, steps: [step], alreadyApplied: false, notes: [] };
      return {
        book: { ...book, relationTypes: book.relationTypes.filter((t) => t.name !== op.name) },
        steps: [step],
        alreadyApplied: false,
        notes: [],
      };
    }
  }
}

/** A rename or merge: the codebook with it recorded, and the matching layer step. */
function renamed(book: Codebook, rename: CodebookRename): Planned {
  return {
    book: { ...book, renames: [...(book.renames ?? []), rename] },
    steps: renameSteps([rename]),
    alreadyApplied: false,
    notes: [],
  };
}

/**
 * The source name is gone. If the target is there and the history records exactly this rename,
 * the codebook already shows it (a re-run): no new step — the layers still follow the history.
 * Otherwise the operation names something that does not exist.
 */
function alreadyOrMissing(
  book: Codebook,
  targetExists: boolean,
  rename: LayerStep & { from: string; to: string },
  missing: () => WorkbenchError,
): Planned {
  const recorded = (book.renames ?? []).findLast((r) => sameStep(renameSteps([r])[0]!, rename));
  if (!targetExists || !recorded) throw missing();
  return {
    book,
    steps: [],
    alreadyApplied: true,
    notes: [
      `Already applied (revision ${recorded.revision}); layers that still use “${rename.from}” ` +
        'follow the recorded rename.',
    ],
  };
}

/** Same fields and values, whatever their order. */
function sameStep(a: LayerStep, b: LayerStep): boolean {
  return JSON.stringify(a, Object.keys(a).sort()) === JSON.stringify(b, Object.keys(b).sort());
}

function renameLabelIn(book: Codebook, from: string, to: string): Codebook {
  return {
    ...book,
    labels: book.labels.map((l) => (l.name === from ? { ...l, name: to } : l)),
    relationTypes: book.relationTypes.map((type) => ({
      ...type,
      from: type.from.map((name) => (name === from ? to : name)),
      to: type.to.map((name) => (name === from ? to : name)),
    })),
  };
}

/** `list` with `from` replaced by `to`, without listing `to` twice. */
function replaceInList(list: readonly string[], from: string, to: string): string[] {
  if (!list.includes(from)) return [...list];
  return [...new Set(list.map((name) => (name === from ? to : name)))];
}

function strandedNote(label: string, types: readonly string[]): string {
  const names = types.map((t) => `“${t}”`).join(' and ');
  return types.length === 1
    ? `Relation type ${names} allows no label but “${label}” at one end, so it is deleted too, with its relations.`
    : `Relation types ${names} allow no label but “${label}” at one end, so they are deleted too, with their relations.`;
}

function extraAttributeNote(from: LabelDef, into: LabelDef): string[] {
  const extra = from.attributes.filter((a) => !findAttribute(into, a.name)).map((a) => a.name);
  if (extra.length === 0) return [];
  return [
    `Values of ${extra.map((n) => `“${n}”`).join(', ')} stay on the merged annotations ` +
      `(kept, not lost), but “${into.name}” does not define ${extra.length === 1 ? 'it' : 'them'}.`,
  ];
}

function withLabel(book: Codebook, name: string, change: (label: LabelDef) => LabelDef): Codebook {
  return { ...book, labels: book.labels.map((l) => (l.name === name ? change(l) : l)) };
}

function withValues(
  book: Codebook,
  label: string,
  attribute: string,
  change: (values: string[]) => string[],
): Codebook {
  return withLabel(book, label, (l) => ({
    ...l,
    attributes: l.attributes.map((a): AttributeDef =>
      a.name === attribute ? { ...a, values: change(a.values ?? []) } : a,
    ),
  }));
}

function findLabel(book: Codebook, name: string): LabelDef | undefined {
  return book.labels.find((l) => l.name === name);
}

function hasLabel(book: Codebook, name: string): boolean {
  return findLabel(book, name) !== undefined;
}

function findAttribute(label: LabelDef, name: string): AttributeDef | undefined {
  return label.attributes.find((a) => a.name === name);
}

function findType(book: Codebook, name: string): RelationTypeDef | undefined {
  return book.relationTypes.find((t) => t.name === name);
}

function requireLabel(book: Codebook, name: string): LabelDef {
  const label = findLabel(book, name);
  if (!label) throw noLabel(book, name);
  return label;
}

function requireEnum(book: Codebook, labelName: string, attributeName: string): string[] {
  const label = requireLabel(book, labelName);
  const attribute = findAttribute(label, attributeName);
  if (!attribute) {
    throw refused(`“${labelName}” has no attribute “${attributeName}”${listAttributes(label)}.`);
  }
  if (attribute.type !== 'enum') {
    throw refused(
      `“${attributeName}” of “${labelName}” is a ${attribute.type} attribute; only enum ` +
        'attributes have values to rename or delete.',
    );
  }
  return attribute.values ?? [];
}

function refused(message: string): WorkbenchError {
  return new WorkbenchError('invalid_argument', message);
}

function noLabel(book: Codebook, name: string): WorkbenchError {
  const known = book.labels.map((l) => `“${l.name}”`).join(', ') || 'none';
  return refused(`there is no label “${name}” in the codebook (labels: ${known}).`);
}

function noType(book: Codebook, name: string): WorkbenchError {
  const known = book.relationTypes.map((t) => `“${t.name}”`).join(', ') || 'none';
  return refused(`there is no relation type “${name}” in the codebook (relation types: ${known}).`);
}

function noValue(
  label: string,
  attribute: string,
  value: string,
  values: string[],
): WorkbenchError {
  return refused(
    `“${label}” › “${attribute}” has no value “${value}” (values: ${values.map((v) => `“${v}”`).join(', ')}).`,
  );
}

function listAttributes(label: LabelDef): string {
  return label.attributes.length === 0
    ? ' (it has none)'
    : ` (attributes: ${label.attributes.map((a) => `“${a.name}”`).join(', ')})`;
}

/** Equal apart from `revision`. */
function sameContent(a: Codebook, b: Codebook): boolean {
  return JSON.stringify({ ...a, revision: 0 }) === JSON.stringify({ ...b, revision: 0 });
}
