/**
 * Durable write latency of AnnotationStore.createAnnotation: the time from the call to the
 * acknowledgement, which comes only after the layer file was fsync'd, renamed over the old one
 * (the old one becoming .bak) and the folder fsync'd. Calls are awaited one by one, as a person
 * tagging spans makes them.
 *
 * The layer written to is the design's stress case, not a typical one: one document of ~1 MB
 * (5,000 paragraphs) whose layer already holds `existingSpans` spans (10,000 by default), so
 * every write rewrites that whole file. A news article's layer usually holds tens to hundreds.
 * The layer is read into the cache before timing starts (the first read is a separate cost,
 * reported as `firstReadMs`).
 *
 * Budget: 20 ms p95.
 *
 *   node --import tsx bench/store-bench.ts [count] [existingSpans]
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ANNOTATION_FILE_FORMAT,
  ANNOTATION_FILE_VERSION,
  type Annotation,
  type AnnotationFile,
} from '../src/shared/model';
import { AnnotationStore } from '../src/main/store/annotation-store';
import { writeFileAtomic } from '../src/main/store/atomic-write';
import { makeDocument } from '../src/main/store/document.fixture';
import { serialiseLayer } from '../src/main/store/layer-format';
import { spanText } from '../src/main/store/span-text';

export const DURABLE_WRITE_BUDGET_P95_MS = 20;

export interface DurableWriteBenchOptions {
  /** Timed createAnnotation calls. */
  count?: number;
  /** Spans already in the layer file written to. */
  existingSpans?: number;
  /** Folder for the throwaway project; defaults to the OS temp folder. */
  dir?: string;
}

export interface DurableWriteBenchResult {
  p50: number;
  p95: number;
  count: number;
  existingSpans: number;
  /** Size of the layer file after the run, in bytes. */
  fileBytes: number;
  /** Reading and validating the layer before the first write, in ms. */
  firstReadMs: number;
}

const PARAGRAPH =
  'The minister said on Tuesday that the government would not back down on the climate bill, ' +
  'despite pressure from industry groups and several coalition partners. ';

export async function benchDurableWrites(
  options: DurableWriteBenchOptions = {},
): Promise<DurableWriteBenchResult> {
  const count = options.count ?? 200;
  const existingSpans = options.existingSpans ?? 10_000;
  const project = await mkdtemp(join(options.dir ?? tmpdir(), 'store-bench-'));
  try {
    const doc = makeDocument('article', `${PARAGRAPH}\n`.repeat(5_000));
    await seedLayer(project, doc.text, existingSpans);

    const store = new AnnotationStore(project);
    const readStart = performance.now();
    await store.getLayer('bench', doc);
    const firstReadMs = performance.now() - readStart;

    const times: number[] = [];
    for (let i = 0; i < count; i++) {
      const start = (i * 7919) % (doc.text.length - 40);
      const t0 = performance.now();
      await store.createAnnotation('bench', doc, { label: 'Actor', start, end: start + 25 });
      times.push(performance.now() - t0);
    }
    await store.close();
    const fileBytes = (await stat(join(project, 'annotations', 'bench', 'article.json'))).size;
    times.sort((a, b) => a - b);
    return {
      p50: percentile(times, 0.5),
      p95: percentile(times, 0.95),
      count,
      existingSpans,
      fileBytes,
      firstReadMs,
    };
  } finally {
    await rm(project, { recursive: true, force: true });
  }
}

/** Writes the starting layer directly: 10,000 durable creates, one by one, would take minutes. */
async function seedLayer(project: string, text: string, spans: number): Promise<void> {
  const time = '2024-05-01T10:00:00.000Z';
  const annotations = Array.from({ length: spans }, (_, i): Annotation => {
    const start = (i * 104_729) % (text.length - 40);
    const end = start + 5 + (i % 30);
    return {
      id: `seed-${i}`,
      doc: 'article',
      label: ['Actor', 'Claim', 'Policy topic'][i % 3]!,
      start,
      end,
      ...spanText(text, start, end),
      attributes: i % 3 === 1 ? { stance: 'support' } : {},
      annotator: 'bench',
      created: time,
      modified: time,
      origin: { kind: 'manual' },
    };
  });
  const layer: AnnotationFile = {
    format: ANNOTATION_FILE_FORMAT,
    version: ANNOTATION_FILE_VERSION,
    doc: 'article',
    annotator: 'bench',
    status: 'in_progress',
    memo: '',
    annotations,
    relations: [],
  };
  await writeFileAtomic(
    join(project, 'annotations', 'bench', 'article.json'),
    serialiseLayer(layer),
  );
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const count = process.argv[2] ? Number(process.argv[2]) : undefined;
  const existingSpans = process.argv[3] ? Number(process.argv[3]) : undefined;
  const result = await benchDurableWrites({ count, existingSpans });
  console.log(
    `durable write p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms ` +
      `(budget ${DURABLE_WRITE_BUDGET_P95_MS} ms p95) — ${result.count} creates into a layer of ` +
      `${result.existingSpans} spans, ${(result.fileBytes / 1e6).toFixed(1)} MB file; ` +
      `first read ${result.firstReadMs.toFixed(0)} ms`,
  );
}
