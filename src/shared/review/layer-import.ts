/**
 * Colleagues' layers from a native JSON export (formats/json.ts): the reading behind
 * `importLayers`. Where formats/import-json.ts turns a file's spans into drafts for new spans,
 * this keeps each span as its annotator made it — id, times, origin, the document's status — so
 * that importing the same colleague again updates their layer instead of adding to it.
 *
 * Documents are matched as every importer matches them (DocumentMatcher: by id, else by
 * identical text; a text that differs is refused, never re-aligned), and offsets arrive in code
 * points and leave as UTF-16 code units, checked against each span's text.
 *
 * All or nothing: any problem refuses the whole file, naming every problem (up to a limit) with
 * its JSON path. A document the project does not have is left out only when it carries nothing
 * of the annotators imported; otherwise the file is refused, because leaving out spans would
 * misstate that colleague's work.
 */
import { z } from 'zod';
import { WorkbenchError, describeZodError } from '../api';
import type { Annotation, Relation } from '../model';
import { AnnotatorName, Attributes, DocStatus, Id, IsoTime, Origin } from '../model';
import { DocumentMatcher, parseJson, type ImportDocument } from '../formats/import-draft';
import { JSON_FORMAT_NAME, JSON_FORMAT_VERSION } from '../formats/json';
import { sameVersion } from './review-cases';
import type { SpanContext } from './span-context';

export interface LayerImportInput {
  /** Base name of the file, for messages. */
  readonly fileName: string;
  readonly content: string;
  /** The project's documents. */
  readonly documents: readonly ImportDocument[];
  /** The person importing: an import never writes their own layer. */
  readonly self: string;
  /** The annotators to import; default: every annotator in the file except `self`. */
  readonly annotators?: readonly string[];
  readonly spanContext: SpanContext;
}

/** One annotator's layer of one project document, as the file has it (UTF-16 offsets). */
export interface IncomingLayer {
  readonly annotator: string;
  readonly doc: string;
  readonly status: DocStatus;
  readonly annotations: readonly Annotation[];
  readonly relations: readonly Relation[];
}

export interface LayerImportPlan {
  /** Every imported annotator's layer of every project document the file holds. */
  readonly layers: readonly IncomingLayer[];
  /** The annotators imported, in file order. */
  readonly annotators: readonly string[];
  /** What was deliberately not imported, and why (e.g. the importer's own layer). */
  readonly notes: readonly string[];
}

/** Spans of a layer that an import adds, changes and removes (compared by id). */
export interface LayerChange {
  added: number;
  changed: number;
  removed: number;
}

/** Problems listed in the message before "and N more". */
const SHOWN_PROBLEMS = 8;

const FileSpan = z.object({
  id: Id,
  label: z.string().min(1),
  start: z.number(),
  end: z.number(),
  text: z.string(),
  annotator: AnnotatorName,
  attributes: Attributes,
  entity: Id.optional(),
  note: z.string().optional(),
  origin: Origin,
  created: IsoTime,
  modified: IsoTime,
});

const FileRelation = z.object({
  id: Id,
  type: z.string().min(1),
  from: Id,
  to: Id,
  attributes: Attributes,
  annotator: AnnotatorName,
  created: IsoTime,
  modified: IsoTime,
});

const FileDocument = z.object({
  id: z.string(),
  meta: z.record(z.string(), z.string()).optional(),
  text: z.string(),
  status: z.record(z.string(), DocStatus).default({}),
  annotations: z.array(FileSpan),
  relations: z.array(FileRelation),
});

const FileHead = z.object({
  format: z.object({ name: z.literal(JSON_FORMAT_NAME), version: z.number().int() }),
});

const ExportFile = FileHead.extend({
  offset_unit: z.literal('codepoint'),
  curated: z.boolean().default(false),
  annotators: z.array(AnnotatorName).default([]),
  documents: z.array(FileDocument),
});
type FileDocument = z.infer<typeof FileDocument>;

/**
 * Reads the colleagues' layers out of an export, or throws a WorkbenchError
 * ('invalid_argument') that names the file and every problem; nothing is returned in part.
 */
export function readColleagueLayers(input: LayerImportInput): LayerImportPlan {
  const { fileName } = input;
  const refuse = (problems: readonly string[]) => refusal(fileName, problems);

  const parsed = parseJson(input.content);
  if ('error' in parsed) {
    throw refuse([
      parsed.line !== undefined ? `line ${parsed.line}: ${parsed.error}` : parsed.error,
    ]);
  }
  const head = FileHead.safeParse(parsed.value);
  if (!head.success) {
    throw refuse([
      `it is not an Annotation Workbench JSON export (Export JSON in the workbench, or \`npm run cli -- export <dir> --format json\`): ${describeZodError(head.error)}`,
    ]);
  }
  if (head.data.format.version > JSON_FORMAT_VERSION) {
    throw refuse([
      `it was written by a newer workbench (export format ${head.data.format.version}; this one reads ${JSON_FORMAT_VERSION}). Update the workbench to import it`,
    ]);
  }
  const checked = ExportFile.safeParse(parsed.value);
  if (!checked.success) throw refuse([describeZodError(checked.error)]);
  const file = checked.data;
  if (file.curated) {
    throw refuse([
      'it is a curated (gold) export, not annotators’ layers; import each coder’s own export',
    ]);
  }

  const notes: string[] = [];
  const annotators = chooseAnnotators(file, input, notes);
  const chosen = new Set(annotators);
  const problems: string[] = [];
  const matcher = new DocumentMatcher(input.documents);
  const projectIds = new Set(input.documents.map((d) => d.id));
  const claimed = new Map<string, string>();
  const layers: IncomingLayer[] = [];
  let leftOut = 0;

  file.documents.forEach((record, d) => {
    const where = `documents[${d}]`;
    const carries =
      record.annotations.some((a) => chosen.has(a.annotator)) ||
      record.relations.some((r) => chosen.has(r.annotator));
    const doc = matcher.match([record.id, record.meta?.['id']], record.text);
    if (typeof doc === 'string') {
      if (carries || projectIds.has(record.id)) {
        problems.push(`${where}: document "${record.id}" cannot be matched: ${doc}`);
      } else {
        leftOut++;
      }
      return;
    }
    const earlier = claimed.get(doc.id);
    if (earlier !== undefined) {
      problems.push(
        `${where}: document "${record.id}" is the project's document "${doc.id}", which ${earlier} already is`,
      );
      return;
    }
    claimed.set(doc.id, `documents[${d}]`);
    const read = readDocument(record, where, doc, matcher, chosen, input.spanContext, problems);
    for (const annotator of annotators) {
      layers.push({
        annotator,
        doc: doc.id,
        status: record.status[annotator] ?? 'todo',
        annotations: read.annotations.get(annotator) ?? [],
        relations: read.relations.get(annotator) ?? [],
      });
    }
  });

  if (problems.length > 0) throw refuse(problems);
  if (leftOut > 0) {
    notes.push(
      `${leftOut} document(s) in ${fileName} are not in this project and hold nothing of ${annotators.join(', ')}; they were left out.`,
    );
  }
  return { layers, annotators, notes };
}

/** What an import changes in a layer: spans compared by id (offsets, label, attributes, all). */
export function layerChange(
  current: readonly Annotation[],
  incoming: readonly Annotation[],
): LayerChange {
  const before = new Map(current.map((a) => [a.id, a]));
  const change: LayerChange = { added: 0, changed: 0, removed: 0 };
  for (const a of incoming) {
    const old = before.get(a.id);
    if (!old) change.added++;
    else if (!sameRecord(old, a)) change.changed++;
    before.delete(a.id);
  }
  change.removed = before.size;
  return change;
}

/** Whether two span records say the same, field by field (key order aside). */
export function sameRecord(a: Annotation, b: Annotation): boolean {
  return (
    sameVersion(a, b) &&
    a.entity === b.entity &&
    a.note === b.note &&
    a.quote === b.quote &&
    a.prefix === b.prefix &&
    a.suffix === b.suffix &&
    a.created === b.created &&
    a.modified === b.modified &&
    JSON.stringify(a.origin) === JSON.stringify(b.origin)
  );
}

/** The annotators to import: chosen by name, or every one in the file but the importer. */
function chooseAnnotators(
  file: z.infer<typeof ExportFile>,
  input: LayerImportInput,
  notes: string[],
): string[] {
  const inFile: string[] = [];
  const add = (name: string) => {
    if (!inFile.includes(name)) inFile.push(name);
  };
  file.annotators.forEach(add);
  for (const doc of file.documents) {
    Object.keys(doc.status).forEach(add);
    doc.annotations.forEach((a) => add(a.annotator));
    doc.relations.forEach((r) => add(r.annotator));
  }
  const refuse = (problem: string) => refusal(input.fileName, [problem]);
  if (input.annotators) {
    if (input.annotators.includes(input.self)) {
      throw refuse(
        `you asked to import "${input.self}", which is your own annotator name: your layer is only ever changed by your own work here, never by an import`,
      );
    }
    const absent = input.annotators.filter((name) => !inFile.includes(name));
    if (absent.length > 0) {
      throw refuse(
        `it has no layer of ${absent.map((n) => `"${n}"`).join(', ')} (it has: ${inFile.join(', ') || 'none'})`,
      );
    }
    return [...input.annotators];
  }
  const others = inFile.filter((name) => name !== input.self);
  if (inFile.includes(input.self)) {
    if (others.length === 0) {
      throw refuse(
        `it holds only your own layer ("${input.self}"), which an import never changes; import a colleague's export`,
      );
    }
    notes.push(
      `Skipped the layer of "${input.self}" in ${input.fileName}: that is your own annotator name, and your layer is only ever changed by your own work here.`,
    );
  }
  if (others.length === 0) throw refuse('it holds no annotator’s layer');
  return others;
}

interface ReadDocument {
  annotations: Map<string, Annotation[]>;
  relations: Map<string, Relation[]>;
}

/** The chosen annotators' spans and relations of one matched document, problems collected. */
function readDocument(
  record: FileDocument,
  where: string,
  doc: ImportDocument,
  matcher: DocumentMatcher,
  chosen: ReadonlySet<string>,
  spanContext: SpanContext,
  problems: string[],
): ReadDocument {
  const annotations = new Map<string, Annotation[]>();
  const relations = new Map<string, Relation[]>();
  const ids = new Map<string, Set<string>>();
  const idsOf = (annotator: string) => {
    let set = ids.get(annotator);
    if (!set) ids.set(annotator, (set = new Set()));
    return set;
  };

  record.annotations.forEach((a, i) => {
    if (!chosen.has(a.annotator)) return;
    const at = `${where}.annotations[${i}]`;
    const range = matcher.span(doc, a.start, a.end, a.text);
    if (typeof range === 'string') {
      problems.push(`${at}: span "${a.id}" of ${a.annotator}: ${range}`);
      return;
    }
    if (range.start >= range.end) {
      problems.push(`${at}: span "${a.id}" of ${a.annotator} is empty`);
      return;
    }
    const seen = idsOf(a.annotator);
    if (seen.has(a.id)) {
      problems.push(`${at}: span id "${a.id}" of ${a.annotator} appears twice in this document`);
      return;
    }
    seen.add(a.id);
    const list = annotations.get(a.annotator) ?? [];
    list.push({
      id: a.id,
      doc: doc.id,
      label: a.label,
      start: range.start,
      end: range.end,
      ...spanContext(doc.text, range.start, range.end),
      attributes: a.attributes,
      ...(a.entity !== undefined && { entity: a.entity }),
      ...(a.note !== undefined && { note: a.note }),
      annotator: a.annotator,
      created: a.created,
      modified: a.modified,
      origin: a.origin,
    });
    annotations.set(a.annotator, list);
  });

  record.relations.forEach((r, i) => {
    if (!chosen.has(r.annotator)) return;
    const at = `${where}.relations[${i}]`;
    const missing = [r.from, r.to].find((id) => !idsOf(r.annotator).has(id));
    if (missing !== undefined) {
      problems.push(
        `${at}: relation "${r.id}" joins span "${missing}", which ${r.annotator} does not have in this document`,
      );
      return;
    }
    const list = relations.get(r.annotator) ?? [];
    if (list.some((other) => other.id === r.id)) {
      problems.push(`${at}: relation id "${r.id}" of ${r.annotator} appears twice`);
      return;
    }
    list.push({ ...r, doc: doc.id });
    relations.set(r.annotator, list);
  });
  return { annotations, relations };
}

function refusal(fileName: string, problems: readonly string[]): WorkbenchError {
  const shown = problems.slice(0, SHOWN_PROBLEMS).join('; ');
  const more =
    problems.length > SHOWN_PROBLEMS ? `; and ${problems.length - SHOWN_PROBLEMS} more` : '';
  return new WorkbenchError(
    'invalid_argument',
    `${fileName} was not imported, nothing changed: ${shown}${more}.`,
  );
}
