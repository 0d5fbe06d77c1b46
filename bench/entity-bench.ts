/**
 * Merging two actors in a corpus of 10,000 spans: the time of `mergeEntities` through the real
 * session (project folder, annotation store, actor registry), from the call to the answer, which
 * comes only after every changed layer file and the registry were written durably.
 *
 * The corpus: 100 documents × 100 spans. Two actors stand for one person entered twice
 * ("James Comey" and "Comey"): the kept one is linked from 5 spans in each of 30 documents, the
 * merged one from 3 spans in each of 30 documents (20 of them shared), so a merge moves 90 spans
 * and rewrites 30 layer files; 40 other actors hold another 1,000 links. Layers are read before
 * timing starts (as after the Actors screen listed the registry); the first, cold merge is
 * reported on its own. Each timed merge is undone (untimed) before the next.
 *
 * Budget: 50 ms p95.
 *
 *   node --import tsx bench/entity-bench.ts [runs]
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ANNOTATION_FILE_FORMAT,
  ANNOTATION_FILE_VERSION,
  type Annotation,
  type Entity,
} from '../src/shared/model';
import { ProjectFolder, initProject } from '../src/main/project/project-folder';
import { openWorkbench } from '../src/main/services/workbench';
import { writeFileAtomic } from '../src/main/store/atomic-write';
import {
  ENTITY_FILE_FORMAT,
  ENTITY_FILE_VERSION,
  serialiseRegistry,
} from '../src/main/store/entity-store';
import { serialiseLayer } from '../src/main/store/layer-format';
import { spanText } from '../src/main/store/span-text';

export const ENTITY_MERGE_BUDGET_P95_MS = 50;

const DOCUMENTS = 100;
const SPANS_PER_DOCUMENT = 100;
const ANNOTATOR = 'bench';
const TIME = '2024-05-01T10:00:00.000Z';
const SENTENCE =
  'FBI director James Comey told the committee on Tuesday that Comey had not been briefed. ';

export interface EntityMergeBenchResult {
  p50: number;
  p95: number;
  runs: number;
  /** The first merge, before the session had read any layer, in ms. */
  coldMs: number;
  /** Spans moved and layer files rewritten by one merge. */
  spansMoved: number;
  filesRewritten: number;
  /** Undoing the merge (restore the actor, move its spans back), p50 in ms. */
  unmergeP50: number;
}

export async function benchEntityMerge(runs = 30): Promise<EntityMergeBenchResult> {
  const base = await mkdtemp(join(tmpdir(), 'entity-bench-'));
  try {
    const project = join(base, 'project');
    await seedProject(base, project);
    const session = await openWorkbench({
      projectDir: project,
      settingsDir: join(base, 'settings'),
      shell: 'browser',
    });
    const h = session.handlers;
    await h.setAnnotator({ name: ANNOTATOR });
    const args = { keep: 'actor-keep', merge: ['actor-merge'] };

    let t0 = performance.now();
    let merge = await h.mergeEntities(args);
    const coldMs = performance.now() - t0;
    const spansMoved = merge.relinked.reduce((n, r) => n + r.spans.length, 0);
    const filesRewritten = merge.relinked.length;
    await h.unmergeEntities(merge);

    const times: number[] = [];
    const undoTimes: number[] = [];
    for (let i = 0; i < runs; i++) {
      t0 = performance.now();
      merge = await h.mergeEntities(args);
      times.push(performance.now() - t0);
      t0 = performance.now();
      await h.unmergeEntities(merge);
      undoTimes.push(performance.now() - t0);
    }
    await session.close();
    times.sort((a, b) => a - b);
    undoTimes.sort((a, b) => a - b);
    return {
      p50: percentile(times, 0.5),
      p95: percentile(times, 0.95),
      runs,
      coldMs,
      spansMoved,
      filesRewritten,
      unmergeP50: percentile(undoTimes, 0.5),
    };
  } finally {
    await rm(base, { recursive: true, force: true });
  }
}

/**
 * A project of 100 plain-text articles (through `initProject`, as a real corpus comes in) whose
 * layers and registry are written directly: 10,000 durable creates one by one would take minutes.
 */
async function seedProject(base: string, project: string): Promise<void> {
  const corpus = join(base, 'corpus');
  await mkdir(corpus);
  const text = (d: number) => `Article ${d}\n\n${SENTENCE.repeat(SPANS_PER_DOCUMENT).trim()}\n`;
  for (let d = 0; d < DOCUMENTS; d++) {
    await writeFile(join(corpus, `article-${String(d).padStart(3, '0')}.txt`), text(d));
  }
  await initProject(project, { corpusDir: corpus });
  const folder = await ProjectFolder.open(project);
  const documents = await folder.listDocuments();

  const entities: Entity[] = ['keep', 'merge', ...Array.from({ length: 40 }, (_, i) => `${i}`)].map(
    (id) => ({
      id: `actor-${id}`,
      name: id === 'keep' ? 'James Comey' : id === 'merge' ? 'Comey' : `Actor ${id}`,
      aliases: [],
      kind: 'person',
      attributes: {},
      created: TIME,
      modified: TIME,
    }),
  );
  const annotatorDir = join(project, 'annotations', ANNOTATOR);
  await writeFileAtomic(
    join(annotatorDir, 'entities.json'),
    serialiseRegistry({
      format: ENTITY_FILE_FORMAT,
      version: ENTITY_FILE_VERSION,
      annotator: ANNOTATOR,
      entities,
    }),
  );

  for (const [d, doc] of documents.entries()) {
    const sentenceStart = doc.text.indexOf(SENTENCE.slice(0, 20));
    const annotations = Array.from({ length: SPANS_PER_DOCUMENT }, (_, s): Annotation => {
      const start = sentenceStart + s * SENTENCE.length + 'FBI director '.length;
      const end = start + 'James Comey'.length;
      return {
        id: `d${d}-s${s}`,
        doc: doc.id,
        label: 'Actor',
        start,
        end,
        ...spanText(doc.text, start, end),
        attributes: {},
        ...linkOf(d, s),
        annotator: ANNOTATOR,
        created: TIME,
        modified: TIME,
        origin: { kind: 'manual' },
      };
    });
    await writeFileAtomic(
      join(annotatorDir, `${doc.id}.json`),
      serialiseLayer({
        format: ANNOTATION_FILE_FORMAT,
        version: ANNOTATION_FILE_VERSION,
        doc: doc.id,
        annotator: ANNOTATOR,
        status: 'in_progress',
        memo: '',
        annotations,
        relations: [],
      }),
    );
  }
}

/** Documents 0–29: 5 spans to the kept actor; 10–39: 3 to the merged one; 10 others each. */
function linkOf(d: number, s: number): { entity?: string } {
  if (d < 30 && s < 5) return { entity: 'actor-keep' };
  if (d >= 10 && d < 40 && s >= 5 && s < 8) return { entity: 'actor-merge' };
  if (s >= 90) return { entity: `actor-${(d + s) % 40}` };
  return {};
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const runs = process.argv[2] ? Number(process.argv[2]) : undefined;
  const r = await benchEntityMerge(runs);
  console.log(
    `entity merge p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms ` +
      `(budget ${ENTITY_MERGE_BUDGET_P95_MS} ms p95) — ${r.spansMoved} spans moved, ` +
      `${r.filesRewritten} layer files + the registry rewritten, ${DOCUMENTS * SPANS_PER_DOCUMENT} ` +
      `spans in ${DOCUMENTS} documents, ${r.runs} runs; cold first merge ${r.coldMs.toFixed(0)} ms; ` +
      `undo p50 ${r.unmergeP50.toFixed(1)} ms`,
  );
}
