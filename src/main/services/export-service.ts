/**
 * Gathers a project's documents, codebook and every annotator's layer into one export bundle and
 * hands it to the format writers in src/shared/formats (pure functions, tested on their own).
 */
import type { ExportFormat, ExportResult } from '../../shared/api';
import type { ExportBundle } from '../../shared/formats/bundle';
import { exportJson } from '../../shared/formats/json';
import { TOOL } from '../../shared/version';
import type { ProjectFolder } from '../project/project-folder';
import type { AnnotationStore } from '../store/annotation-store';
import type { CuratedStore } from '../store/curated-store';
import { collectCuratedLayers } from './curated-export';

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

export async function collectBundle(
  { project, store, curated, now }: ExportSources,
  options: ExportOptions = {},
): Promise<ExportBundle> {
  const documents = await project.listDocuments();
  const base = {
    tool: { ...TOOL },
    exportedAt: (now?.() ?? new Date()).toISOString(),
    codebook: await project.getCodebook(),
    documents,
    entities: [],
  };
  if (options.curated) {
    if (!curated) throw new Error('The curated export needs the curated store.');
    return { ...base, layers: await collectCuratedLayers(project, curated), curated: true };
  }
  const annotators = await store.listAnnotators();
  const layers = [];
  for (const annotator of annotators) {
    for (const doc of documents) {
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
  }
  return { ...base, layers };
}

export async function buildExport(
  format: ExportFormat,
  sources: ExportSources,
  options: ExportOptions = {},
): Promise<ExportResult> {
  const bundle = await collectBundle(sources, options);
  const name = `${sources.project.name || 'workbench'}${options.curated ? '-curated' : ''}`;
  switch (format) {
    case 'json':
      return {
        fileName: `${name}-export.json`,
        mediaType: 'application/json',
        content: exportJson(bundle),
      };
  }
}
