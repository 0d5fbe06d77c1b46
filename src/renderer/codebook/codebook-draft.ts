/**
 * The codebook editor's working copy. Edits that touch no annotation happen here and are saved
 * together (saveCodebook); renames and deletions of what is already saved are operations with
 * their own dialogs, because they migrate annotations.
 *
 * Every item carries a `key` that survives edits of its name, and `saved`: the name it has in
 * the saved codebook (null for an item added in this draft, whose name can still be typed
 * freely and which can be removed without a migration). Relation types refer to labels by key,
 * so renaming a new label inline keeps its relation ends.
 */
import type { AttributeType, Codebook, LabelDef, RelationTypeDef } from '../../shared/model';

export interface DraftValue {
  readonly key: string;
  readonly saved: boolean;
  readonly value: string;
}

export interface DraftAttribute {
  readonly key: string;
  readonly saved: string | null;
  readonly name: string;
  readonly type: AttributeType;
  readonly values: readonly DraftValue[];
  readonly required: boolean;
  readonly description: string;
}

export interface DraftLabel {
  readonly key: string;
  readonly saved: string | null;
  readonly name: string;
  readonly color: string;
  readonly hotkey: string;
  readonly description: string;
  /** One example per line, as typed. */
  readonly examples: string;
  readonly allowOverlap: boolean;
  readonly attributes: readonly DraftAttribute[];
}

export interface DraftRelationType {
  readonly key: string;
  readonly saved: string | null;
  readonly name: string;
  readonly description: string;
  /** Label keys allowed at the source / target end. */
  readonly from: readonly string[];
  readonly to: readonly string[];
}

export interface CodebookDraft {
  readonly name: string;
  readonly labels: readonly DraftLabel[];
  readonly relationTypes: readonly DraftRelationType[];
}

/** Distinct, legible on white; a new label takes the first one no label uses yet. */
export const LABEL_COLOURS = [
  '#2563eb',
  '#dc2626',
  '#16a34a',
  '#9333ea',
  '#ea580c',
  '#0891b2',
  '#ca8a04',
  '#db2777',
  '#4b5563',
  '#65a30d',
];

let counter = 0;
function newKey(): string {
  counter += 1;
  return `new-${counter}`;
}

export function toDraft(codebook: Codebook): CodebookDraft {
  const labelKey = (name: string) => `label:${name}`;
  return {
    name: codebook.name,
    labels: codebook.labels.map((label) => ({
      key: labelKey(label.name),
      saved: label.name,
      name: label.name,
      color: label.color,
      hotkey: label.hotkey,
      description: label.description,
      examples: label.examples.join('\n'),
      allowOverlap: label.allowOverlap,
      attributes: label.attributes.map((a) => ({
        key: `attribute:${label.name}:${a.name}`,
        saved: a.name,
        name: a.name,
        type: a.type,
        values: (a.values ?? []).map((value) => ({
          key: `value:${label.name}:${a.name}:${value}`,
          saved: true,
          value,
        })),
        required: a.required,
        description: a.description,
      })),
    })),
    relationTypes: codebook.relationTypes.map((type) => ({
      key: `relation:${type.name}`,
      saved: type.name,
      name: type.name,
      description: type.description,
      from: type.from.map(labelKey),
      to: type.to.map(labelKey),
    })),
  };
}

/** The codebook to save: the draft's content on `base`'s revision (the service checks it). */
export function fromDraft(draft: CodebookDraft, base: Codebook): Codebook {
  const names = new Map(draft.labels.map((l) => [l.key, l.name]));
  const labelNames = (keys: readonly string[]) =>
    keys.map((key) => names.get(key)).filter((name) => name !== undefined);
  return {
    format: base.format,
    version: base.version,
    name: draft.name,
    revision: base.revision,
    labels: draft.labels.map((label): LabelDef => ({
      name: label.name,
      color: label.color,
      hotkey: label.hotkey,
      description: label.description,
      examples: label.examples
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== ''),
      attributes: label.attributes.map((a) => ({
        name: a.name,
        type: a.type,
        ...(a.type === 'enum' && { values: a.values.map((v) => v.value) }),
        required: a.required,
        description: a.description,
      })),
      allowOverlap: label.allowOverlap,
    })),
    relationTypes: draft.relationTypes.map((type): RelationTypeDef => ({
      name: type.name,
      description: type.description,
      from: labelNames(type.from),
      to: labelNames(type.to),
    })),
    ...(base.renames && { renames: base.renames }),
  };
}

/** Whether the draft differs from `base` in anything that would be saved. */
export function isDirty(draft: CodebookDraft, base: Codebook): boolean {
  return JSON.stringify(fromDraft(draft, base)) !== JSON.stringify(fromDraft(toDraft(base), base));
}

export function addLabel(draft: CodebookDraft): { draft: CodebookDraft; key: string } {
  const used = new Set(draft.labels.map((l) => l.color.toLowerCase()));
  const hotkeys = new Set(draft.labels.map((l) => l.hotkey));
  const label: DraftLabel = {
    key: newKey(),
    saved: null,
    name: uniqueName(
      'New label',
      draft.labels.map((l) => l.name),
    ),
    color: LABEL_COLOURS.find((c) => !used.has(c)) ?? LABEL_COLOURS[0]!,
    hotkey: ['1', '2', '3', '4', '5', '6', '7', '8', '9'].find((k) => !hotkeys.has(k)) ?? '',
    description: '',
    examples: '',
    allowOverlap: true,
    attributes: [],
  };
  return { draft: { ...draft, labels: [...draft.labels, label] }, key: label.key };
}

export function updateLabel(
  draft: CodebookDraft,
  key: string,
  patch: Partial<Omit<DraftLabel, 'key' | 'saved' | 'attributes'>>,
): CodebookDraft {
  return mapLabel(draft, key, (label) => ({
    ...label,
    ...(label.saved === null ? patch : withoutName(patch)),
  }));
}

/** Removes a label added in this draft (a saved one needs the delete operation). */
export function removeNewLabel(draft: CodebookDraft, key: string): CodebookDraft {
  return {
    ...draft,
    labels: draft.labels.filter((l) => !(l.key === key && l.saved === null)),
    relationTypes: draft.relationTypes.map((t) => ({
      ...t,
      from: t.from.filter((k) => k !== key),
      to: t.to.filter((k) => k !== key),
    })),
  };
}

export function addAttribute(draft: CodebookDraft, labelKey: string): CodebookDraft {
  return mapLabel(draft, labelKey, (label) => ({
    ...label,
    attributes: [
      ...label.attributes,
      {
        key: newKey(),
        saved: null,
        name: uniqueName(
          'attribute',
          label.attributes.map((a) => a.name),
        ),
        type: 'text',
        values: [],
        required: false,
        description: '',
      },
    ],
  }));
}

export function updateAttribute(
  draft: CodebookDraft,
  labelKey: string,
  key: string,
  patch: Partial<Pick<DraftAttribute, 'name' | 'type' | 'required' | 'description'>>,
): CodebookDraft {
  return mapAttribute(draft, labelKey, key, (a) => ({
    ...a,
    ...(a.saved === null ? patch : withoutName(patch)),
  }));
}

export function removeNewAttribute(draft: CodebookDraft, labelKey: string, key: string) {
  return mapLabel(draft, labelKey, (label) => ({
    ...label,
    attributes: label.attributes.filter((a) => !(a.key === key && a.saved === null)),
  }));
}

/** Adds an enum value (trimmed); a blank or repeated one is ignored. */
export function addValue(
  draft: CodebookDraft,
  labelKey: string,
  key: string,
  value: string,
): CodebookDraft {
  const clean = value.trim();
  return mapAttribute(draft, labelKey, key, (a) =>
    clean === '' || a.values.some((v) => v.value === clean)
      ? a
      : { ...a, values: [...a.values, { key: newKey(), saved: false, value: clean }] },
  );
}

export function removeNewValue(
  draft: CodebookDraft,
  labelKey: string,
  key: string,
  valueKey: string,
): CodebookDraft {
  return mapAttribute(draft, labelKey, key, (a) => ({
    ...a,
    values: a.values.filter((v) => !(v.key === valueKey && !v.saved)),
  }));
}

export function addRelationType(draft: CodebookDraft): { draft: CodebookDraft; key: string } {
  const type: DraftRelationType = {
    key: newKey(),
    saved: null,
    name: uniqueName(
      'new relation',
      draft.relationTypes.map((t) => t.name),
    ),
    description: '',
    from: draft.labels.slice(0, 1).map((l) => l.key),
    to: draft.labels.slice(0, 1).map((l) => l.key),
  };
  return { draft: { ...draft, relationTypes: [...draft.relationTypes, type] }, key: type.key };
}

export function updateRelationType(
  draft: CodebookDraft,
  key: string,
  patch: Partial<Pick<DraftRelationType, 'name' | 'description' | 'from' | 'to'>>,
): CodebookDraft {
  return {
    ...draft,
    relationTypes: draft.relationTypes.map((t) =>
      t.key === key ? { ...t, ...(t.saved === null ? patch : withoutName(patch)) } : t,
    ),
  };
}

export function removeNewRelationType(draft: CodebookDraft, key: string): CodebookDraft {
  return {
    ...draft,
    relationTypes: draft.relationTypes.filter((t) => !(t.key === key && t.saved === null)),
  };
}

function mapLabel(
  draft: CodebookDraft,
  key: string,
  change: (label: DraftLabel) => DraftLabel,
): CodebookDraft {
  return { ...draft, labels: draft.labels.map((l) => (l.key === key ? change(l) : l)) };
}

function mapAttribute(
  draft: CodebookDraft,
  labelKey: string,
  key: string,
  change: (attribute: DraftAttribute) => DraftAttribute,
): CodebookDraft {
  return mapLabel(draft, labelKey, (label) => ({
    ...label,
    attributes: label.attributes.map((a) => (a.key === key ? change(a) : a)),
  }));
}

/** A saved item's name changes only through a rename operation. */
function withoutName<T extends { name?: string }>(patch: T): Omit<T, 'name'> {
  return Object.fromEntries(Object.entries(patch).filter(([k]) => k !== 'name')) as Omit<T, 'name'>;
}

function uniqueName(base: string, taken: readonly string[]): string {
  if (!taken.includes(base)) return base;
  for (let n = 2; ; n++) if (!taken.includes(`${base} ${n}`)) return `${base} ${n}`;
}
