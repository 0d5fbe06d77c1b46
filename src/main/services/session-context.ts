/**
 * What every group of handlers shares in one open session: the project folder, the annotation
 * store (the one writer), the person annotating, and the warnings the person must see.
 */
import { WorkbenchError, type ProjectInfo } from '../../shared/api';
import type { Codebook } from '../../shared/model';
import type { ProjectFolder } from '../project/project-folder';
import type { AnnotationStore } from '../store/annotation-store';
import type { CuratedStore } from '../store/curated-store';

export interface SessionContext {
  readonly project: ProjectFolder;
  readonly store: AnnotationStore;
  /** The one writer of curated/<docId>.json, the adjudicated (gold) layers. */
  readonly curated: CuratedStore;
  readonly shell: ProjectInfo['shell'];
  readonly settingsDir: string;
  /** Notices for the UI (recovered files, skipped documents), oldest first. */
  readonly warnings: string[];
  annotator: string | null;
}

/** The annotator, or an error telling the person to choose a name first. */
export function requireAnnotator(ctx: SessionContext): string {
  if (ctx.annotator === null) {
    throw new WorkbenchError(
      'invalid_argument',
      'Choose your annotator name first: every annotation records who made it.',
    );
  }
  return ctx.annotator;
}

export function requireLabel(codebook: Codebook, label: string): void {
  if (!codebook.labels.some((l) => l.name === label)) {
    const known = codebook.labels.map((l) => `"${l.name}"`).join(', ');
    throw new WorkbenchError(
      'invalid_argument',
      `There is no label "${label}" in the codebook (labels: ${known}).`,
    );
  }
}
