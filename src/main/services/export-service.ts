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

export interface ExportSources {
  project: ProjectFolder;
  store: AnnotationStore;
  now?: () => Date;
}

export async function collectBundle({ project, store, now }: ExportSources): Promise<ExportBundle> {
  const documents = await project.listDocuments();
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
  return {
    tool: { ...TOOL },
    exportedAt: (now?.() ?? new Date()).toISOString(),
    codebook: await project.getCodebook(),
    documents,
    layers,
    entities: [],
  };
}

export async function buildExport(
  format: ExportFormat,
  sources: ExportSources,
): Promise<ExportResult> {
  const bundle = await collectBundle(sources);
  switch (format) {
    case 'json':
      return {
        fileName: `${sources.project.name || 'workbench'}-export.json`,
        mediaType: 'application/json',
        content: exportJson(bundle),
      };
  }
}
