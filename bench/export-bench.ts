/**
 * Export throughput: 1,000 documents × 100 spans exported to spaCy/Prodigy JSONL (tokenising every
 * document, converting every offset to code points) and written to a temp file, against the
 * baseline of JSON.stringify of the same bundle written the same way, in the same run.
 *
 * Throughput is UTF-8 megabytes (10^6 bytes) of the file each path writes, per second of
 * wall time (serialise + write). The JSONL file is larger than the bundle (it carries every token),
 * so both figures count what each path actually produces.
 * Budget: JSONL at least half the baseline's throughput.
 *
 * Run: node --import tsx bench/export-bench.ts
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ExportBundle } from '../src/shared/formats/bundle';
import { FIXTURE_CODEBOOK, FIXTURE_TIME, fixtureDocument } from '../src/shared/formats/fixtures';
import { exportJsonl } from '../src/shared/formats/jsonl';
import type { Annotation } from '../src/shared/model';

const DOCUMENTS = 1000;
const SPANS_PER_DOCUMENT = 100;
const RUNS = 5;
/** JSONL throughput must be at least this share of the baseline's. */
export const BUDGET_RATIO = 0.5;

const SENTENCES = [
  'FBI director James Comey said on Tuesday that the bureau could not unlock the phone.',
  'The White House\u00a0disagreed, a spokeswoman said: “We oppose any back door.”',
  'Apple’s chief executive, Tim Cook, called the order “chilling” in a letter to customers.',
  'Lawmakers in Washington (D.C.) urged high-tech leaders to make it harder for terrorists 😀 to recruit online.',
  'Facebook said on Monday it would support strong encryption for its 1.6 billion users.',
];

/** A news-like corpus: ~4,000-character articles with curly quotes, NBSP and an emoji. */
export function benchBundle(): ExportBundle {
  const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
  const documents = [];
  const layers = [];
  for (let d = 0; d < DOCUMENTS; d++) {
    const paragraphs = [];
    for (let p = 0; p < 10; p++) {
      paragraphs.push(
        Array.from({ length: 5 }, (_, s) => SENTENCES[(d + p + s) % SENTENCES.length]).join(' '),
      );
    }
    const doc = fixtureDocument(
      `doc-${d}`,
      paragraphs.join('\n'),
      { published: '2016-02-23' },
      sha256,
    );
    documents.push(doc);
    const step = Math.floor(doc.text.length / SPANS_PER_DOCUMENT);
    const annotations: Annotation[] = [];
    for (let s = 0; s < SPANS_PER_DOCUMENT; s++) {
      let start = s * step;
      let end = start + 12 + (s % 20);
      // Keep spans off the middle of surrogate pairs, as the app does.
      if (/[\udc00-\udfff]/.test(doc.text[start] ?? '')) start++;
      if (/[\udc00-\udfff]/.test(doc.text[end] ?? '')) end++;
      annotations.push({
        id: `s${s}`,
        doc: doc.id,
        label: ['Actor', 'Claim', 'Policy topic'][s % 3]!,
        start,
        end,
        quote: doc.text.slice(start, end),
        prefix: '',
        suffix: '',
        attributes: s % 3 === 1 ? { stance: 'support' } : {},
        annotator: 'alice',
        created: FIXTURE_TIME,
        modified: FIXTURE_TIME,
        origin: { kind: 'manual' },
      });
    }
    layers.push({
      annotator: 'alice',
      doc: doc.id,
      status: 'done' as const,
      annotations,
      relations: [],
    });
  }
  return {
    tool: { name: 'annotation-workbench', version: 'bench' },
    exportedAt: FIXTURE_TIME,
    codebook: FIXTURE_CODEBOOK,
    documents,
    layers,
    entities: [],
  };
}

interface Measurement {
  mbPerS: number;
  seconds: number;
  bytes: number;
}

/** One run: serialise, write to `file`, time both. */
function measureOnce(file: string, serialise: () => string): Measurement {
  const t0 = performance.now();
  const content = serialise();
  writeFileSync(file, content, 'utf8');
  const seconds = (performance.now() - t0) / 1000;
  const bytes = Buffer.byteLength(content, 'utf8');
  return { mbPerS: bytes / 1e6 / seconds, seconds, bytes };
}

const faster = (a: Measurement, b: Measurement) => (b.seconds < a.seconds ? b : a);

/**
 * The fastest of RUNS runs of each path. Runs alternate between the two paths, so that load from
 * other processes on the machine falls on both alike.
 */
function measureBoth() {
  const bundle = benchBundle();
  const dir = mkdtempSync(join(tmpdir(), 'workbench-export-bench-'));
  const none: Measurement = { mbPerS: 0, seconds: Infinity, bytes: 0 };
  let baseline = none;
  let jsonl = none;
  try {
    for (let run = 0; run < RUNS; run++) {
      baseline = faster(
        baseline,
        measureOnce(join(dir, 'baseline.json'), () => JSON.stringify(bundle)),
      );
      jsonl = faster(
        jsonl,
        measureOnce(join(dir, 'export.jsonl'), () => exportJsonl(bundle)),
      );
    }
    return { jsonl, baseline };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchExport(): Promise<{ jsonlMbPerS: number; baselineMbPerS: number }> {
  const { jsonl, baseline } = measureBoth();
  return { jsonlMbPerS: jsonl.mbPerS, baselineMbPerS: baseline.mbPerS };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { jsonl, baseline } = measureBoth();
  const ratio = jsonl.mbPerS / baseline.mbPerS;
  const line = (name: string, m: Measurement) =>
    `${name} ${m.mbPerS.toFixed(1)} MB/s (${(m.bytes / 1e6).toFixed(1)} MB in ${m.seconds.toFixed(2)} s)`;
  console.log(`${DOCUMENTS} documents × ${SPANS_PER_DOCUMENT} spans, best of ${RUNS} runs`);
  console.log(line('jsonl export + write:          ', jsonl));
  console.log(line('JSON.stringify + write baseline:', baseline));
  const verdict = ratio >= BUDGET_RATIO ? 'within budget' : 'OVER BUDGET';
  console.log(`ratio ${ratio.toFixed(2)} (budget ≥ ${BUDGET_RATIO}): ${verdict}`);
  if (ratio < BUDGET_RATIO) process.exitCode = 1;
}
