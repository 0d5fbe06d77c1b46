/**
 * The layers a codebook change must keep in step with the codebook, each family behind one
 * `LayerSet`: every annotator's files under annotations/ (through the AnnotationStore) and the
 * adjudicated files under curated/ (through the CuratedStore) — the stores stay the one writer
 * of their files.
 *
 * Files are found on disk, not from the document list, so the layer of a document whose own file
 * is damaged (and so left out of the list) is migrated too.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { LayerContent } from '../../shared/codebook/layer-steps';
import type { LayerKey } from '../../shared/codebook/tally';
import { SAFE_ID } from '../../shared/model';
import type { AnnotationStore } from '../store/annotation-store';
import { CURATED_DIR, type CuratedStore } from '../store/curated-store';

/** One layer file: which document, and its path as a person sees it. */
export interface LayerRef extends LayerKey {
  /** The annotator folder, or null for a curated layer. */
  readonly annotator: string | null;
}

/** A migration of a layer, whatever its file format: returns the same kind of layer it gets. */
export type LayerMigration<R> = <L extends LayerContent>(layer: L) => { layer: L; result: R };

export interface LayerSet {
  /** Every layer file of the set, in a stable order. */
  list(): Promise<LayerRef[]>;
  /** Forgets cached copies, so that files changed on disk (git pull, sync) are read afresh. */
  refresh(): Promise<void>;
  read(ref: LayerRef): Promise<LayerContent>;
  /**
   * Whether the file's text contains any of `names` as a JSON string: a cheap test, without
   * parsing, that rules out files a rename cannot touch. True when the file cannot be read.
   */
  mentions(ref: LayerRef, names: readonly string[]): Promise<boolean>;
  /** A durable, validated edit of the whole layer; `apply` must not mutate its argument. */
  update<R>(ref: LayerRef, apply: LayerMigration<R>): Promise<R>;
}

/** annotations/<annotator>/<docId>.json */
export function annotatorLayers(store: AnnotationStore, projectDir: string): LayerSet {
  const annotatorOf = (ref: LayerRef): string => {
    if (ref.annotator === null) throw new Error(`${ref.file} is not an annotator's layer.`);
    return ref.annotator;
  };
  return {
    async list() {
      const refs: LayerRef[] = [];
      for (const annotator of await store.listAnnotators()) {
        for (const doc of await jsonFileIds(join(projectDir, 'annotations', annotator))) {
          // entities.json is the annotator's actor registry, not a layer.
          if (doc === 'entities') continue;
          refs.push({ annotator, doc, file: `annotations/${annotator}/${doc}.json` });
        }
      }
      return refs;
    },
    async refresh() {
      for (const annotator of await store.listAnnotators()) await store.reloadLayers(annotator);
    },
    read: (ref) => store.getLayer(annotatorOf(ref), ref.doc),
    mentions: (ref, names) => fileMentions(join(projectDir, ref.file), names),
    update: (ref, apply) => store.updateLayer(annotatorOf(ref), ref.doc, (file) => apply(file)),
  };
}

/**
 * curated/<docId>.json. A decision that produced a gold span the change deletes goes with it:
 * the case shows as undecided again, which is the truth once its gold span is gone (and the
 * curated file refuses decisions naming a span that is not there).
 */
export function curatedLayers(curated: CuratedStore, projectDir: string): LayerSet {
  return {
    async list() {
      return (await jsonFileIds(join(projectDir, CURATED_DIR))).map((doc) => ({
        annotator: null,
        doc,
        file: `${CURATED_DIR}/${doc}.json`,
      }));
    },
    // The curated store re-reads nothing on its own; its files change only through it.
    async refresh() {},
    read: (ref) => curated.get(ref.doc),
    mentions: (ref, names) => fileMentions(join(projectDir, ref.file), names),
    update: (ref, apply) =>
      curated.update(ref.doc, (file) => {
        const next = apply(file);
        const kept = new Set(next.layer.annotations.map((a) => a.id));
        const decisions = next.layer.decisions.filter(
          (d) => d.span === undefined || kept.has(d.span),
        );
        return { file: { ...next.layer, decisions }, result: next.result };
      }),
  };
}

/**
 * Layer files are written with JSON.stringify, so a name in them reads as JSON.stringify(name)
 * would write it. To be safe, a file with \u escapes (written by another tool) and a file that
 * looks cut short (the store then reads its backup, and moves the damaged file aside, so the next
 * open checks the backup's content) count as mentioning them. Measured: reading 6,000 layer
 * files (40 MB) takes 0.6–2 s here; searching them ~50 ms; JSON.parse would add ~0.4 s.
 */
async function fileMentions(path: string, names: readonly string[]): Promise<boolean> {
  if (names.length === 0) return false;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return true;
  }
  const whole = text.trimStart().startsWith('{') && text.trimEnd().endsWith('}');
  return (
    !whole || text.includes('\\u') || names.some((name) => text.includes(JSON.stringify(name)))
  );
}

/** Ids of `<id>.json` files in `dir` (temp files, backups and damaged copies are not layers). */
async function jsonFileIds(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.slice(0, -'.json'.length))
    .filter((id) => SAFE_ID.test(id))
    .sort();
}
