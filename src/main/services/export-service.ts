/**
 * Exports: the documents, codebook, actor registries and layers an export asks for, gathered
 * into one bundle and handed to the format writers in src/shared/formats (pure functions,
 * tested on their own). Offsets leave in Unicode code points; the writers convert.
 *
 * An export asks for a format, whose layers (one annotator's, every annotator's, or the curated
 * gold layer: collectCuratedLayers), which documents, and for CoNLL which labels. Everything it
 * names is checked first — an unknown document, annotator or label is refused with a message
 * that lists what exists — so a wrong request writes nothing. Reading and writing report their
 * progress step by step (a document read, a JSONL record written) and stop when cancelled.
 */
import type {
  ExportFormat,
  ExportPayload,
  ExportRequest,
  ExportResult,
  ExportSummary,
} from '../../shared/api';
import { WorkbenchError } from '../../shared/api';
import { exportBrat } from '../../shared/formats/brat';
import type { ExportBundle, ExportFile, ExportLayer } from '../../shared/formats/bundle';
import { exportConll } from '../../shared/formats/conll';
import { exportCsv } from '../../shared/formats/csv-export';
import { exportFormatInfo } from '../../shared/formats/export-formats';
import { exportGraphml } from '../../shared/formats/graphml';
import { exportJson } from '../../shared/formats/json';
import { jsonlRecords } from '../../shared/formats/jsonl';
import { exportWebAnnotation } from '../../shared/formats/webanno';
import type { DocumentRecord, Entity } from '../../shared/model';
import { TOOL } from '../../shared/version';
import type { ProjectFolder } from '../project/project-folder';
import type { AnnotationStore } from '../store/annotation-store';
import type { CuratedStore } from '../store/curated-store';
import { collectCuratedLayers } from './curated-export';
import { readEntityRegistry } from './entity-registry-reader';
import { JobCancelled, type JobControl } from './export-jobs';

export interface ExportSources {
  project: ProjectFolder;
  store: AnnotationStore;
  /** The gold layers; needed only for the curated export. */
  curated?: CuratedStore;
  now?: () => Date;
}

export interface ExportOptions {
  /** Export the curated (gold) layer (collectCuratedLayers) instead of the annotators' layers. */
  curated?: boolean;
}

/** What a finished export holds: the content to save, and what a person is told about it. */
export interface ExportOutput {
  payload: ExportPayload;
  summary: ExportSummary;
}

/** JSONL records written between two progress reports (and checks for cancelling). */
const RECORDS_PER_STEP = 25;

const NO_CONTROL: JobControl = { report: () => {}, cancelled: () => false };

/** Runs the export `request` asks for; see the module comment. */
export async function runExport(
  sources: ExportSources,
  request: ExportRequest,
  control: JobControl = NO_CONTROL,
): Promise<ExportOutput> {
  const codebook = await sources.project.getCodebook();
  const labels = checkLabels(
    request,
    codebook.labels.map((l) => l.name),
  );
  const documents = await chooseDocuments(sources.project, request.docs);
  const notes: string[] = [];
  const layers = await readLayers(sources, request, documents, control, notes);
  const bundle: ExportBundle = {
    tool: { ...TOOL },
    exportedAt: (sources.now?.() ?? new Date()).toISOString(),
    codebook,
    documents,
    layers,
    entities: await readEntities(sources, request, notes),
    ...(request.layers.kind === 'curated' && { curated: true }),
  };
  const files = await writeFormat(bundle, request.format, labels, control);
  const info = exportFormatInfo(request.format);
  const base = exportBaseName(sources.project.name, request);
  const payload: ExportPayload =
    info.output === 'file'
      ? {
          kind: 'file',
          fileName: `${base}.${info.extension}`,
          mediaType: info.mediaType,
          content: files[0]!.content,
        }
      : { kind: 'folder', folderName: `${base}-${request.format}`, files };
  notes.push(...formatNotes(request.format, files));
  return {
    payload,
    summary: {
      format: request.format,
      exportedAt: bundle.exportedAt,
      documents: documents.length,
      layers: layers.length,
      spans: layers.reduce((n, l) => n + l.annotations.length, 0),
      relations: layers.reduce((n, l) => n + l.relations.length, 0),
      files: files.length,
      bytes: files.reduce((n, f) => n + Buffer.byteLength(f.content, 'utf8'), 0),
      notes,
    },
  };
}

/** A one-file export of the whole project in one call (exportDataset). */
export async function buildExport(
  format: ExportFormat,
  sources: ExportSources,
  options: ExportOptions = {},
): Promise<ExportResult> {
  const info = exportFormatInfo(format);
  if (info.output !== 'file') {
    throw new WorkbenchError(
      'invalid_argument',
      `${info.title} is a folder of files: export it with Export… (startExport) or the command line.`,
    );
  }
  const { payload } = await runExport(sources, {
    format,
    layers: options.curated ? { kind: 'curated' } : { kind: 'all' },
  });
  if (payload.kind !== 'file') throw new Error(`${format} gave a folder`);
  return { fileName: payload.fileName, mediaType: payload.mediaType, content: payload.content };
}

/** The labels CoNLL tags (every codebook label unless chosen); refused for other formats. */
function checkLabels(request: ExportRequest, known: readonly string[]): string[] {
  if (request.format !== 'conll') {
    if (request.labels !== undefined) {
      throw new WorkbenchError(
        'invalid_argument',
        `Labels are chosen only for CoNLL, which tags tokens with one label each; ${exportFormatInfo(request.format).title} exports every label.`,
      );
    }
    return [];
  }
  const labels = [...new Set(request.labels ?? known)];
  const unknown = labels.filter((l) => !known.includes(l));
  if (unknown.length > 0) {
    throw new WorkbenchError(
      'invalid_argument',
      `The codebook has no label ${unknown.map((l) => `"${l}"`).join(', ')} (labels: ${known.map((l) => `"${l}"`).join(', ')}).`,
    );
  }
  return labels;
}

/** The documents asked for, in the project's order; all of them when none are named. */
async function chooseDocuments(
  project: ProjectFolder,
  ids: readonly string[] | undefined,
): Promise<DocumentRecord[]> {
  const all = await project.listDocuments();
  if (ids === undefined) return all;
  const wanted = new Set(ids);
  const known = new Set(all.map((d) => d.id));
  const unknown = [...wanted].filter((id) => !known.has(id));
  if (unknown.length > 0) {
    const some = all.slice(0, 5).map((d) => d.id);
    throw new WorkbenchError(
      'not_found',
      `The project has no document ${unknown.map((id) => `"${id}"`).join(', ')} (it has ${all.length}: ${some.join(', ')}${all.length > some.length ? ', …' : ''}; list them with the docs command).`,
    );
  }
  return all.filter((d) => wanted.has(d.id));
}

/** The layers of the documents, one document per progress step; empty layers are left out. */
async function readLayers(
  sources: ExportSources,
  request: ExportRequest,
  documents: readonly DocumentRecord[],
  control: JobControl,
  notes: string[],
): Promise<ExportLayer[]> {
  const { store } = sources;
  const total = documents.length;
  control.report({ phase: 'reading', done: 0, total });
  if (request.layers.kind === 'curated') {
    if (!sources.curated) throw new Error('The curated export needs the curated store.');
    const wanted = new Set(documents.map((d) => d.id));
    const layers = (await collectCuratedLayers(sources.project, sources.curated)).filter((l) =>
      wanted.has(l.doc),
    );
    control.report({ phase: 'reading', done: total, total });
    if (layers.length === 0) {
      throw new WorkbenchError(
        'not_found',
        `There is no curated (gold) layer ${request.docs ? 'for these documents ' : ''}yet: adjudicate on the Review screen first.`,
      );
    }
    const inReview = layers.filter((l) => l.status !== 'done').length;
    if (inReview > 0) {
      notes.push(
        `${inReview} of the ${layers.length} documents with a gold layer are still in review (status "in_progress" in the export); their gold layer may change.`,
      );
    }
    return layers;
  }
  const annotators = await store.listAnnotators();
  if (request.layers.kind === 'annotator' && !annotators.includes(request.layers.annotator)) {
    throw new WorkbenchError(
      'not_found',
      `No annotator "${request.layers.annotator}" has a layer in this project (annotators: ${annotators.join(', ') || 'none yet'}).`,
    );
  }
  const chosen = request.layers.kind === 'annotator' ? [request.layers.annotator] : annotators;
  // Colleagues' folders may have changed on disk (git pull, a synced folder) since they were read.
  for (const annotator of chosen) await store.reloadLayers(annotator);
  const layers: ExportLayer[] = [];
  for (const [i, doc] of documents.entries()) {
    if (control.cancelled()) throw new JobCancelled();
    for (const annotator of chosen) {
      const layer = await store.getLayer(annotator, doc.id);
      if (layer.annotations.length === 0 && layer.relations.length === 0) continue;
      layers.push({
        annotator,
        doc: doc.id,
        annotations: layer.annotations,
        relations: layer.relations,
        status: layer.status,
      });
    }
    control.report({ phase: 'reading', done: i + 1, total });
  }
  return layers;
}

/**
 * The actor registries of the annotators exported (for the gold layer: everyone's, since its
 * spans come from theirs). An entity id in two registries is exported once, from the first
 * annotator by name. A registry that cannot be read is left out and named in the notes.
 */
async function readEntities(
  sources: ExportSources,
  request: ExportRequest,
  notes: string[],
): Promise<Entity[]> {
  const annotators =
    request.layers.kind === 'annotator'
      ? [request.layers.annotator]
      : await sources.store.listAnnotators();
  const entities = new Map<string, Entity>();
  for (const annotator of annotators) {
    const registry = await readEntityRegistry(sources.project.dir, annotator);
    if (!registry.ok) {
      notes.push(`${registry.problem}: its entity names and Wikidata ids are not in the export.`);
      continue;
    }
    for (const entity of registry.entities)
      if (!entities.has(entity.id)) entities.set(entity.id, entity);
  }
  return [...entities.values()];
}

/** The format's files (one for a one-file format); JSONL is written record by record. */
async function writeFormat(
  bundle: ExportBundle,
  format: ExportFormat,
  labels: readonly string[],
  control: JobControl,
): Promise<ExportFile[]> {
  if (control.cancelled()) throw new JobCancelled();
  const one = (content: string) => [
    { path: `export.${exportFormatInfo(format).extension}`, content },
  ];
  const step = (done: number, total: number) => {
    if (control.cancelled()) throw new JobCancelled();
    control.report({ phase: 'writing', done, total });
  };
  switch (format) {
    case 'jsonl': {
      const total = bundle.layers.length;
      step(0, total);
      const lines: string[] = [];
      for (const record of jsonlRecords(bundle)) {
        lines.push(`${JSON.stringify(record)}\n`);
        if (lines.length % RECORDS_PER_STEP === 0) {
          step(lines.length, total);
          // Let the progress poll (HTTP, IPC) be answered between steps.
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
      step(total, total);
      return one(lines.join(''));
    }
    case 'json':
      step(0, 1);
      return one(exportJson(bundle));
    case 'webanno':
      step(0, 1);
      return one(exportWebAnnotation(bundle));
    case 'csv':
      step(0, 1);
      return exportCsv(bundle);
    case 'brat':
      step(0, 1);
      return exportBrat(bundle);
    case 'conll':
      step(0, 1);
      return exportConll(bundle, { labels });
    case 'graphml': {
      step(0, 1);
      const files = exportGraphml(bundle);
      if (files.length === 0) {
        throw new WorkbenchError(
          'not_found',
          'There are no statements to build networks from: link claims to the actors who made them (and to policy topics) first.',
        );
      }
      return files;
    }
  }
}

/** What a person should know about the files: spans a format could not hold exactly. */
function formatNotes(format: ExportFormat, files: readonly ExportFile[]): string[] {
  const report = files.find((f) => f.path === 'loss-report.tsv');
  if (!report) return [];
  const rows = report.content.split('\n').filter((line) => line !== '').length - 1;
  if (rows === 0) return [];
  const what = format === 'conll' ? 'IOB2' : 'brat';
  return [
    `${rows} item(s) could not be written exactly in ${what}; loss-report.tsv lists each and why.`,
  ];
}

/** "<project>[-<annotator>|-curated]", made safe as a file name. */
function exportBaseName(project: string, request: ExportRequest): string {
  const scope =
    request.layers.kind === 'annotator'
      ? `-${request.layers.annotator}`
      : request.layers.kind === 'curated'
        ? '-curated'
        : '';
  const safe = (project || 'workbench').replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, '');
  return `${safe || 'workbench'}${scope}`;
}
