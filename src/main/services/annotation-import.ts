/**
 * Imports annotations from files into annotators' layers: JSONL (spaCy/Prodigy), W3C Web
 * Annotation and brat through the pure importers and merge rules (src/shared/formats/import-*.ts),
 * the workbench's own JSON export through review's `importLayers` (one reading of that format).
 *
 * Whose layer: the `annotator` asked for; else the annotator the file names for each span (a
 * workbench export names them); else the person importing. All or nothing per file: every
 * document layer of a file is merged and checked before the first write (one durable write per
 * document layer, AnnotationStore.updateLayer), and if a write fails, the spans and relations
 * the file had added to layers already written are taken out again.
 *
 * Offsets: the importers convert the files' code points to UTF-16 code units, checked against
 * each span's text; a record whose text differs from the project's document is refused.
 */
import { randomUUID } from 'node:crypto';
import type {
  AnnotationImportFormat,
  AnnotationImportReport,
  ImportedLayerCounts,
} from '../../shared/api';
import { WorkbenchError } from '../../shared/api';
import type { ImportOutcome, RelationDraft, SpanDraft } from '../../shared/formats/import-draft';
import { importBrat } from '../../shared/formats/import-brat';
import { planAnnotationImport, type NamedContent } from '../../shared/formats/import-detect';
import { importJsonl } from '../../shared/formats/import-jsonl';
import { mergeIntoLayer, type LayerMerge } from '../../shared/formats/import-merge';
import { importWebAnnotation } from '../../shared/formats/import-webanno';
import { SAFE_ID, type Codebook, type DocumentRecord } from '../../shared/model';
import type { ProjectFolder } from '../project/project-folder';
import type { AnnotationStore } from '../store/annotation-store';
import type { CuratedStore } from '../store/curated-store';
import { spanText } from '../store/span-text';
import { readEntityRegistry } from './entity-registry-reader';
import { importLayers } from './review-service';

export interface AnnotationImportSources {
  readonly project: ProjectFolder;
  readonly store: AnnotationStore;
  readonly curated: CuratedStore;
  /** The person importing: the layer of spans whose file names nobody; null if not chosen. */
  readonly self: string | null;
  /**
   * Whether layers other than `self`'s may be written. The app allows it once review is open
   * (blind coding); the command line always.
   */
  readonly othersAllowed: boolean;
  readonly now?: () => Date;
  readonly newId?: () => string;
}

export interface AnnotationImportRequest {
  files: readonly NamedContent[];
  /** Every file is this format; absent: each file's format from its name and content. */
  format?: AnnotationImportFormat;
  /** Every span goes into this annotator's layer. */
  annotator?: string;
}

type FileReport = AnnotationImportReport['files'][number];

export async function importAnnotationFiles(
  sources: AnnotationImportSources,
  request: AnnotationImportRequest,
): Promise<AnnotationImportReport> {
  const plan = planAnnotationImport(request.files, request.format);
  const files: FileReport[] = plan.refused.map((r) => ({
    ok: false,
    file: r.file,
    problems: [r.message],
  }));
  for (const unit of plan.units) {
    const name = unit.format === 'brat' ? unit.brat.path : unit.file.name;
    try {
      if (unit.format === 'json') {
        files.push(
          sources.othersAllowed
            ? await importNativeJson(sources, unit.file, request.annotator)
            : {
                ok: false,
                file: name,
                format: 'json',
                problems: [
                  `a workbench JSON export brings colleagues' layers, which are imported only once review is open (blind coding): open review on the Review screen first`,
                ],
              },
        );
        continue;
      }
      const documents = await sources.project.listDocuments();
      const codebook = await sources.project.getCodebook();
      const outcome: ImportOutcome =
        unit.format === 'brat'
          ? importBrat(unit.brat, documents, codebook)
          : unit.format === 'jsonl'
            ? importJsonl(name, unit.file.content, documents)
            : importWebAnnotation(name, unit.file.content, documents);
      if (!outcome.ok) {
        const problems = outcome.problems.map((p) =>
          p.where ? `${p.where}: ${p.message}` : p.message,
        );
        files.push({ ok: false, file: name, format: unit.format, problems });
        continue;
      }
      files.push(await mergeFile(sources, name, unit.format, outcome, request.annotator, codebook));
    } catch (error) {
      if (!(error instanceof WorkbenchError)) throw error;
      files.push({ ok: false, file: name, format: unit.format, problems: [error.message] });
    }
  }
  return { files };
}

/** The workbench's JSON export: colleagues' layers as review reads them (ids and times kept). */
async function importNativeJson(
  sources: AnnotationImportSources,
  file: NamedContent,
  annotator: string | undefined,
): Promise<FileReport> {
  const summary = await importLayers(
    // Without a chosen name nobody's layer is "your own", so every layer in the file is read.
    { ...sources, self: sources.self ?? '' },
    { content: file.content, fileName: file.name, annotators: annotator ? [annotator] : undefined },
  );
  return {
    ok: true,
    file: file.name,
    format: 'json',
    annotators: summary.annotators.map((a) => ({
      annotator: a.annotator,
      documents: a.documents,
      added: a.added,
      changed: a.changed,
      removed: a.removed,
      relationsAdded: 0,
    })),
    notes: summary.notes,
  };
}

interface LayerPlan {
  annotator: string;
  doc: DocumentRecord;
  spans: SpanDraft[];
  relations: RelationDraft[];
}

/** Whose layer each span goes into, or the reason the file cannot say. */
function targetOf(
  draft: SpanDraft,
  annotator: string | undefined,
  self: string | null,
): string | { problem: string } {
  const target = annotator ?? draft.annotator ?? self;
  if (target === null) {
    return {
      problem:
        'the file does not say who made its spans, and no annotator name is chosen: give one (--annotator NAME)',
    };
  }
  if (!SAFE_ID.test(target)) {
    return {
      problem: `the file names the annotator "${target}", which cannot name a layer (letters, digits, "_" and "-" only): import into a layer you name (--annotator NAME)`,
    };
  }
  return target;
}

async function mergeFile(
  sources: AnnotationImportSources,
  file: string,
  format: AnnotationImportFormat,
  outcome: Extract<ImportOutcome, { ok: true }>,
  annotator: string | undefined,
  codebook: Codebook,
): Promise<FileReport> {
  const refuse = (problems: string[]): FileReport => ({ ok: false, file, format, problems });
  if (annotator !== undefined && !SAFE_ID.test(annotator)) {
    return refuse([
      `"${annotator}" cannot name a layer: an annotator name is a folder name (letters, digits, "_" and "-", starting with a letter or digit)`,
    ]);
  }
  const named = [...new Set(outcome.spans.flatMap((s) => (s.annotator ? [s.annotator] : [])))];
  if (annotator !== undefined && named.length > 1) {
    return refuse([
      `the file holds the spans of ${named.join(', ')}; importing them all into ${annotator}'s layer would merge several people's work. Import it without choosing an annotator (each into their own layer), or one file per annotator`,
    ]);
  }

  // Group the spans and relations by the layer they go into.
  const layers = new Map<string, LayerPlan>();
  const layerOfKey = new Map<string, LayerPlan>();
  const problems: string[] = [];
  for (const draft of outcome.spans) {
    const target = targetOf(draft, annotator, sources.self);
    if (typeof target !== 'string') return refuse([target.problem]);
    if (target !== sources.self && !sources.othersAllowed) {
      return refuse([
        `the file's spans are ${target}'s; their layer is written only once review is open (blind coding). Import them into your own layer, or open review on the Review screen first`,
      ]);
    }
    const id = `${target}/${draft.doc}`;
    let layer = layers.get(id);
    if (!layer) {
      const doc = await sources.project.getDocument(draft.doc);
      layers.set(id, (layer = { annotator: target, doc, spans: [], relations: [] }));
    }
    layer.spans.push(draft);
    layerOfKey.set(draft.key, layer);
  }
  for (const relation of outcome.relations) {
    const layer = layerOfKey.get(relation.from);
    if (!layer || layerOfKey.get(relation.to) !== layer) {
      problems.push(`a "${relation.type}" relation joins spans that go into two different layers`);
      continue;
    }
    layer.relations.push(relation);
  }
  if (problems.length > 0) return refuse(problems);

  // Merge every layer before writing any.
  const now = (sources.now?.() ?? new Date()).toISOString();
  const newId = sources.newId ?? randomUUID;
  const notes: string[] = [];
  const registries = new Map<string, Awaited<ReturnType<typeof readEntityRegistry>>>();
  const merges: Array<{
    plan: LayerPlan;
    env: Parameters<typeof mergeIntoLayer>[4];
    merge: LayerMerge;
  }> = [];
  for (const plan of layers.values()) {
    if (plan.annotator !== sources.self && !registries.has(plan.annotator)) {
      // A colleague's folder may have changed on disk (shared or synced project).
      await sources.store.reloadLayers(plan.annotator);
    }
    let registry = registries.get(plan.annotator);
    if (!registry) {
      registry = await readEntityRegistry(sources.project.dir, plan.annotator);
      registries.set(plan.annotator, registry);
      if (!registry.ok) notes.push(`${registry.problem}; entity links were not checked against it`);
    }
    const env = {
      codebook,
      source: file,
      now,
      newId,
      spanContext: spanText,
      entities: registry.ok ? registry.entities : [],
    };
    const current = await sources.store.getLayer(plan.annotator, plan.doc.id);
    const merged = mergeIntoLayer(current, plan.doc.text, plan.spans, plan.relations, env);
    if (!merged.ok) problems.push(...merged.problems);
    else merges.push({ plan, env, merge: merged.merge });
  }
  if (problems.length > 0) return refuse(problems);

  // Write: each layer merged again inside its write, so an edit made meanwhile is respected.
  const written: Array<{ plan: LayerPlan; spans: Set<string>; relations: Set<string> }> = [];
  try {
    for (const { plan, env, merge } of merges) {
      notes.push(...merge.notes);
      if (merge.added === 0 && merge.relationsAdded === 0) continue;
      const done = await sources.store.updateLayer(plan.annotator, plan.doc.id, (layer) => {
        const again = mergeIntoLayer(layer, plan.doc.text, plan.spans, plan.relations, env);
        if (!again.ok) {
          throw new WorkbenchError('conflict', `${again.problems[0]} (changed while importing)`);
        }
        return { layer: again.merge.layer, result: { before: layer, after: again.merge.layer } };
      });
      written.push({
        plan,
        spans: addedIds(done.before.annotations, done.after.annotations),
        relations: addedIds(done.before.relations, done.after.relations),
      });
    }
  } catch (error) {
    const undo = await takeOut(sources.store, written);
    const reason = error instanceof Error ? error.message : String(error);
    return refuse([`${reason}. ${undo}`]);
  }
  return { ok: true, file, format, annotators: countByAnnotator(merges), notes };
}

function addedIds(before: readonly { id: string }[], after: readonly { id: string }[]) {
  const old = new Set(before.map((x) => x.id));
  return new Set(after.filter((x) => !old.has(x.id)).map((x) => x.id));
}

/** Removes what a failed import had added to the layers it had written; says how it went. */
async function takeOut(
  store: AnnotationStore,
  written: ReadonlyArray<{ plan: LayerPlan; spans: Set<string>; relations: Set<string> }>,
): Promise<string> {
  if (written.length === 0) return 'Nothing was imported.';
  const failed: string[] = [];
  for (const { plan, spans, relations } of [...written].reverse()) {
    await store
      .updateLayer(plan.annotator, plan.doc.id, (layer) => ({
        layer: {
          ...layer,
          annotations: layer.annotations.filter((a) => !spans.has(a.id)),
          relations: layer.relations.filter(
            (r) => !relations.has(r.id) && !spans.has(r.from) && !spans.has(r.to),
          ),
        },
        result: undefined,
      }))
      .catch(() => failed.push(`annotations/${plan.annotator}/${plan.doc.id}.json`));
  }
  return failed.length === 0
    ? `What the file had added to ${written.length} layer file(s) was taken out again; nothing was imported.`
    : `Could not take the imported spans out of ${failed.join(', ')} again; its backup (.bak) holds the version before the import.`;
}

function countByAnnotator(
  merges: ReadonlyArray<{ plan: LayerPlan; merge: LayerMerge }>,
): ImportedLayerCounts[] {
  const counts = new Map<string, ImportedLayerCounts>();
  for (const { plan, merge } of merges) {
    const c = counts.get(plan.annotator) ?? {
      annotator: plan.annotator,
      documents: 0,
      added: 0,
      unchanged: 0,
      changed: 0,
      removed: 0,
      relationsAdded: 0,
    };
    if (merge.added > 0 || merge.relationsAdded > 0) c.documents++;
    c.added += merge.added;
    c.unchanged = (c.unchanged ?? 0) + merge.unchanged;
    c.relationsAdded += merge.relationsAdded;
    counts.set(plan.annotator, c);
  }
  return [...counts.values()].sort((a, b) => (a.annotator < b.annotator ? -1 : 1));
}
