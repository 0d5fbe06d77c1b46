/**
 * The codebook's rename history (`Codebook.renames`) and the hook that applies it to a layer.
 *
 * Why a history: each person writes only their own folder, and folders travel separately (git,
 * synced folders, imports). A colleague's layer can arrive after a rename, still using the former
 * name. Replaying the recorded renames, in order, moves its annotations to the current names
 * instead of orphaning them. The services run every layer they migrate or reconcile through
 * `applyCodebookRenames`; an importer of layers should do the same.
 *
 * Replaying the whole history on every layer is only safe if it leaves an up-to-date layer alone:
 * every current name must come back unchanged (`renameHistoryProblems` checks it, and codebook
 * validation refuses a codebook that breaks it). That rules out reusing a former name for
 * something new — a late layer's "Actor" could not be told apart from the new "Actor" — while a
 * rename and its undo (Actor → Speaker → Actor) stay fine.
 */
import type { Annotation, Codebook, CodebookRename, Relation } from '../model';
import { migrateLayer, type LayerContent, type LayerStep, type MigratedLayer } from './layer-steps';

/** The layer steps of recorded renames, in order. */
export function renameSteps(renames: readonly CodebookRename[]): LayerStep[] {
  return renames.map((rename): LayerStep => {
    switch (rename.kind) {
      case 'label':
      case 'relationType':
        return { kind: rename.kind, from: rename.from, to: rename.to };
      case 'attribute':
        return { kind: 'attribute', label: rename.label, from: rename.from, to: rename.to };
      case 'value':
        return {
          kind: 'value',
          label: rename.label,
          attribute: rename.attribute,
          from: rename.from,
          to: rename.to,
        };
    }
  });
}

/**
 * The late-arriving-layer hook: `layer` with every former name the codebook records replaced by
 * the current one. An up-to-date layer comes back as the same object (`changed: false`).
 */
export function applyCodebookRenames<L extends LayerContent>(
  layer: L,
  codebook: Pick<Codebook, 'renames'>,
): MigratedLayer<L> {
  return migrateLayer(layer, renameSteps(codebook.renames ?? []));
}

/**
 * Names a layer must contain (as JSON strings) for the history to change it: every renamed-from
 * name, except labels and relation types that are current (the history leaves those alone; see
 * renameHistoryProblems). Attribute and enum names are kept whatever they are now: they are
 * scoped to a label, and a current value of one label can be a former value of another.
 * A file without any of these strings needs no parsing to know it is up to date.
 */
export function staleNames(codebook: Codebook): string[] {
  const labels = new Set(codebook.labels.map((l) => l.name));
  const types = new Set(codebook.relationTypes.map((t) => t.name));
  const names = new Set<string>();
  for (const rename of codebook.renames ?? []) {
    if (rename.kind === 'label' && labels.has(rename.from)) continue;
    if (rename.kind === 'relationType' && types.has(rename.from)) continue;
    names.add(rename.from);
  }
  return [...names];
}

/**
 * Problems that would make replaying the history change an up-to-date layer: a current label,
 * attribute, enum value or relation type whose name the history would move elsewhere.
 */
export function renameHistoryProblems(codebook: Codebook): string[] {
  const renames = codebook.renames ?? [];
  if (renames.length === 0) return [];
  const problems: string[] = [];
  const probes: { annotation: Annotation; what: string; former: CodebookRename | undefined }[] = [];
  for (const label of codebook.labels) {
    probes.push({
      annotation: probe(label.name, {}),
      what: `Label “${label.name}”`,
      former: renames.find((r) => r.kind === 'label' && r.from === label.name),
    });
    for (const attribute of label.attributes) {
      const values = attribute.type === 'enum' ? (attribute.values ?? []) : [null];
      for (const value of values) {
        probes.push({
          annotation: probe(label.name, { [attribute.name]: value }),
          what:
            value === null
              ? `Attribute “${attribute.name}” of “${label.name}”`
              : `Value “${value}” of “${label.name}” › “${attribute.name}”`,
          former: renames.find((r) =>
            value === null
              ? r.kind === 'attribute' && r.from === attribute.name
              : (r.kind === 'value' && r.from === value) ||
                (r.kind === 'attribute' && r.from === attribute.name),
          ),
        });
      }
    }
  }
  const relationProbes = codebook.relationTypes.map((type) => relationProbe(type.name));
  const replayed = applyCodebookRenames(
    { annotations: probes.map((p) => p.annotation), relations: relationProbes },
    codebook,
  ).layer;
  const replayedRelations = replayed.relations;
  probes.forEach((p, index) => {
    if (replayed.annotations[index] !== p.annotation) {
      problems.push(`${p.what} is a former name: ${describeRename(p.former)}`);
    }
  });
  relationProbes.forEach((relation, index) => {
    if (replayedRelations[index] !== relation) {
      const former = renames.find((r) => r.kind === 'relationType' && r.from === relation.type);
      problems.push(`Relation type “${relation.type}” is a former name: ${describeRename(former)}`);
    }
  });
  return problems;
}

function describeRename(rename: CodebookRename | undefined): string {
  if (!rename) return 'the recorded renames would move it. Choose another name.';
  return (
    `revision ${rename.revision} renamed “${rename.from}” to “${rename.to}”, and layers that ` +
    `arrive later still using “${rename.from}” are moved to “${rename.to}”. Choose another name.`
  );
}

const PROBE_TIME = '2000-01-01T00:00:00.000Z';

/** A stand-in annotation: only its label and attributes matter to the steps. */
function probe(label: string, attributes: Annotation['attributes']): Annotation {
  return {
    id: 'probe',
    doc: 'probe',
    label,
    start: 0,
    end: 0,
    quote: '',
    prefix: '',
    suffix: '',
    attributes,
    annotator: 'probe',
    created: PROBE_TIME,
    modified: PROBE_TIME,
    origin: { kind: 'manual' },
  };
}

function relationProbe(type: string): Relation {
  return {
    id: 'probe',
    doc: 'probe',
    type,
    from: 'probe-from',
    to: 'probe-to',
    attributes: {},
    annotator: 'probe',
    created: PROBE_TIME,
    modified: PROBE_TIME,
  };
}
