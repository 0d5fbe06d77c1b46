/**
 * The curated (gold) layer as export layers: what the export service writes instead of the
 * annotators' layers when asked for the curated export (bundle.curated = true). Every exporter
 * then writes the gold spans as one layer named CURATED_LAYER, each span keeping `sources`, the
 * annotators whose version it came from.
 */
import type { ExportLayer } from '../../shared/formats/bundle';
import type { ProjectFolder } from '../project/project-folder';
import type { CuratedStore } from '../store/curated-store';

/** The annotator name the gold layer carries in exports: one layer per document. */
export const CURATED_LAYER = 'curated';

/**
 * One layer per document with at least one gold span, in document order. Its status says how
 * far review got: "done" for an adjudicated document, "in_progress" otherwise.
 */
export async function collectCuratedLayers(
  project: ProjectFolder,
  curated: CuratedStore,
): Promise<ExportLayer[]> {
  const layers: ExportLayer[] = [];
  for (const doc of await project.listDocuments()) {
    const file = await curated.get(doc.id);
    if (file.annotations.length === 0) continue;
    layers.push({
      annotator: CURATED_LAYER,
      doc: doc.id,
      annotations: file.annotations,
      relations: [],
      status: file.status === 'adjudicated' ? 'done' : 'in_progress',
    });
  }
  return layers;
}
