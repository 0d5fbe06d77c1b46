/**
 * The one input every exporter reads: a project's documents, codebook, entities and annotator
 * layers, gathered by the main side (services/export-service.ts). Exporters are pure functions of
 * a bundle; they never read files, so each format is tested on its own.
 *
 * Offsets in a bundle are the app's: UTF-16 code units. Every exporter converts them to Unicode
 * code points through `ExportText` (export-text.ts) and nothing else.
 */
import { WorkbenchError } from '../api';
import type { Annotation, Codebook, DocStatus, DocumentRecord, Entity, Relation } from '../model';
import { ExportText } from './export-text';

/** A span to export; a gold span (curated export) also names the annotators it came from. */
export type ExportAnnotation = Annotation & { readonly sources?: readonly string[] };

/** One annotator's spans and relations in one document. */
export interface ExportLayer {
  annotator: string;
  doc: string;
  annotations: readonly ExportAnnotation[];
  relations: readonly Relation[];
  status: DocStatus;
}

export interface ExportBundle {
  tool: { name: string; version: string };
  /** ISO 8601 time of the export. */
  exportedAt: string;
  codebook: Codebook;
  documents: readonly DocumentRecord[];
  layers: readonly ExportLayer[];
  entities: readonly Entity[];
  /** True when the layers are the adjudicated (gold) layer rather than annotators' own. */
  curated?: boolean;
}

/** What a multi-file exporter returns: paths are relative, `/`-separated. */
export interface ExportFile {
  path: string;
  content: string;
}

/** A document with its text prepared for offset conversion and its layers, sorted by annotator. */
export interface DocumentView {
  doc: DocumentRecord;
  text: ExportText;
  layers: ExportLayer[];
}

/**
 * Documents sorted by id, each with its layers. Throws when a layer names a document the bundle
 * does not hold, when one annotator has two layers for one document, or when a relation joins a
 * span its layer does not hold: exporting any of these would lose, duplicate or dangle data.
 */
export function indexBundle(bundle: ExportBundle): DocumentView[] {
  const views = new Map<string, DocumentView>();
  for (const doc of [...bundle.documents].sort((a, b) => compareStrings(a.id, b.id))) {
    if (views.has(doc.id)) {
      throw new WorkbenchError('conflict', `The export holds document "${doc.id}" twice.`);
    }
    views.set(doc.id, { doc, text: new ExportText(doc), layers: [] });
  }
  for (const layer of bundle.layers) {
    const view = views.get(layer.doc);
    if (!view) {
      throw new WorkbenchError(
        'conflict',
        `Annotator "${layer.annotator}" has annotations for document "${layer.doc}", which is not in the export.`,
      );
    }
    if (view.layers.some((other) => other.annotator === layer.annotator)) {
      throw new WorkbenchError(
        'conflict',
        `Annotator "${layer.annotator}" has two layers for document "${layer.doc}" in the export.`,
      );
    }
    checkRelations(layer);
    view.layers.push(layer);
  }
  for (const view of views.values()) {
    view.layers.sort((a, b) => compareStrings(a.annotator, b.annotator));
  }
  return [...views.values()];
}

function checkRelations(layer: ExportLayer): void {
  const spanIds = new Set(layer.annotations.map((a) => a.id));
  for (const r of layer.relations) {
    for (const end of [r.from, r.to]) {
      if (!spanIds.has(end)) {
        throw new WorkbenchError(
          'conflict',
          `Cannot export relation "${r.id}" of ${layer.annotator} in document "${layer.doc}": span "${end}" is not in that layer.`,
        );
      }
    }
  }
}

/** Every annotator name in the bundle, sorted. */
export function annotatorsOf(bundle: ExportBundle): string[] {
  return [...new Set(bundle.layers.map((layer) => layer.annotator))].sort(compareStrings);
}

/**
 * Code unit order, the same on every machine (`localeCompare` depends on the locale, which would
 * make two exports of the same data differ).
 */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The order of spans in every export: start, end, label, then annotator and id to break ties.
 * UTF-16 and code point offsets order spans the same way, so this works on either.
 */
export function compareSpans(
  a: Pick<Annotation, 'start' | 'end' | 'label' | 'annotator' | 'id'>,
  b: Pick<Annotation, 'start' | 'end' | 'label' | 'annotator' | 'id'>,
): number {
  return (
    a.start - b.start ||
    a.end - b.end ||
    compareStrings(a.label, b.label) ||
    compareStrings(a.annotator, b.annotator) ||
    compareStrings(a.id, b.id)
  );
}

/** A record with its keys in code unit order, so that exports do not depend on insertion order. */
export function sortedRecord<V>(record: Readonly<Record<string, V>>): Record<string, V> {
  const sorted: Record<string, V> = {};
  for (const key of Object.keys(record).sort(compareStrings)) sorted[key] = record[key]!;
  return sorted;
}
