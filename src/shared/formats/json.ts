/**
 * The native export: one JSON file holding everything a researcher needs to reproduce a dataset —
 * the codebook (with its revision), the entity registry, every document's text and every
 * annotator's spans and relations. Described by resources/export.schema.json.
 *
 * Offsets are Unicode code points (`offset_unit: "codepoint"`) and every span carries its text,
 * so `doc["text"][a["start"]:a["end"]] == a["text"]` holds in Python (test/python/check_json_export.py).
 * Output is deterministic: documents by id; spans by start, end, label, annotator, id; relations
 * by annotator, id; object keys of attributes and meta sorted.
 */
import type { Attributes, Codebook, DocStatus, Entity, Origin } from '../model';
import type { ExportBundle } from './bundle';
import { annotatorsOf, compareSpans, compareStrings, indexBundle, sortedRecord } from './bundle';

export const JSON_FORMAT_NAME = 'annotation-workbench';
export const JSON_FORMAT_VERSION = 1;

export interface JsonAnnotation {
  id: string;
  label: string;
  /** Code points, half-open. */
  start: number;
  end: number;
  text: string;
  annotator: string;
  attributes: Attributes;
  entity?: string;
  note?: string;
  origin: Origin;
  created: string;
  modified: string;
  /** Curated exports only: the annotators whose version this gold span came from. */
  sources?: string[];
}

export interface JsonRelation {
  id: string;
  type: string;
  /** Annotation ids in the same document and the same annotator's layer. */
  from: string;
  to: string;
  attributes: Attributes;
  annotator: string;
  created: string;
  modified: string;
}

export interface JsonDocument {
  id: string;
  title: string;
  meta: Record<string, string>;
  text: string;
  sha256: string;
  /** Each annotator's progress on this document. */
  status: Record<string, DocStatus>;
  annotations: JsonAnnotation[];
  relations: JsonRelation[];
}

export interface JsonExport {
  format: { name: typeof JSON_FORMAT_NAME; version: typeof JSON_FORMAT_VERSION };
  offset_unit: 'codepoint';
  exported_at: string;
  tool: { name: string; version: string };
  curated: boolean;
  codebook: Codebook;
  annotators: string[];
  entities: Entity[];
  documents: JsonDocument[];
}

/** The export as a plain object (what `exportJson` serialises). */
export function buildJsonExport(bundle: ExportBundle): JsonExport {
  const documents = indexBundle(bundle).map(({ doc, text, layers }): JsonDocument => {
    const annotations: JsonAnnotation[] = [];
    const relations: JsonRelation[] = [];
    const status: Record<string, DocStatus> = {};
    for (const layer of layers) {
      status[layer.annotator] = layer.status;
      for (const a of layer.annotations) {
        const span = text.span(a.start, a.end, `span "${a.id}" of ${layer.annotator}`);
        annotations.push({
          id: a.id,
          label: a.label,
          start: span.start,
          end: span.end,
          text: span.text,
          annotator: layer.annotator,
          attributes: sortedRecord(a.attributes),
          ...(a.entity !== undefined && { entity: a.entity }),
          ...(a.note !== undefined && { note: a.note }),
          origin: a.origin,
          created: a.created,
          modified: a.modified,
          ...(a.sources !== undefined && { sources: [...a.sources] }),
        });
      }
      for (const r of layer.relations) {
        relations.push({
          id: r.id,
          type: r.type,
          from: r.from,
          to: r.to,
          attributes: sortedRecord(r.attributes),
          annotator: layer.annotator,
          created: r.created,
          modified: r.modified,
        });
      }
    }
    annotations.sort(compareSpans);
    relations.sort(
      (a, b) => compareStrings(a.annotator, b.annotator) || compareStrings(a.id, b.id),
    );
    return {
      id: doc.id,
      title: doc.title,
      meta: sortedRecord(doc.meta),
      text: doc.text,
      sha256: doc.sha256,
      status,
      annotations,
      relations,
    };
  });
  return {
    format: { name: JSON_FORMAT_NAME, version: JSON_FORMAT_VERSION },
    offset_unit: 'codepoint',
    exported_at: bundle.exportedAt,
    tool: { name: bundle.tool.name, version: bundle.tool.version },
    curated: bundle.curated ?? false,
    codebook: bundle.codebook,
    annotators: annotatorsOf(bundle),
    entities: [...bundle.entities].sort((a, b) => compareStrings(a.id, b.id)),
    documents,
  };
}

/** The native export as JSON text: two-space indented (diffable), ending in a newline. */
export function exportJson(bundle: ExportBundle): string {
  return `${JSON.stringify(buildJsonExport(bundle), null, 2)}\n`;
}
