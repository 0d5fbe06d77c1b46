/**
 * `npm run bench`: every budget the issues name, measured in one run on this machine, printed
 * next to its budget. Exits non-zero when a budget is missed, so a regression is visible.
 *
 * Not part of `npm test`: timings on a shared 2-core machine are too noisy to gate a build on.
 */
import { benchAgreement } from './agreement-bench';
import { benchApp, OPEN_BUDGET_MS, summary, TAG_BUDGET_P95_MS } from './app-bench';
import { BUDGET_RATIO, benchExport } from './export-bench';
import { benchEntityMerge, ENTITY_MERGE_BUDGET_P95_MS } from './entity-bench';
import {
  benchRelationCreate,
  benchRelationCreateInChromium,
  RELATION_BUDGET_P95_MS,
} from './relation-bench';
import { benchDurableWrites, DURABLE_WRITE_BUDGET_P95_MS } from './store-bench';

interface Row {
  name: string;
  figure: string;
  budget: string;
  ok: boolean;
}

const rows: Row[] = [];
const ms = (n: number) => `${n.toFixed(1)} ms`;

function report(row: Row): void {
  rows.push(row);
  console.log(
    `${row.ok ? 'ok    ' : 'MISSED'}  ${row.name}: ${row.figure}  (budget ${row.budget})`,
  );
}

console.log('Annotation Workbench benchmarks\n');

const app = await benchApp();
const open = summary(app.openMs);
const tag = summary(app.tagMs);
const ack = summary(app.ackMs);
const article = `${(app.characters / 1e6).toFixed(2)} M chars, ${app.spans.toLocaleString('en-US')} spans`;
report({
  name: `open document until highlights painted (${article})`,
  figure: `p50 ${ms(open.p50)}, max ${ms(open.max)} over ${app.openMs.length} opens`,
  budget: `${OPEN_BUDGET_MS} ms`,
  ok: open.max <= OPEN_BUDGET_MS,
});
report({
  name: 'new annotation, key press to highlight painted',
  figure: `p50 ${ms(tag.p50)}, p95 ${ms(tag.p95)} over ${app.tagMs.length} tags`,
  budget: `${TAG_BUDGET_P95_MS} ms p95`,
  ok: tag.p95 <= TAG_BUDGET_P95_MS,
});
console.log(
  `        (key press to durable write acknowledged in the UI, over HTTP: p50 ${ms(ack.p50)}, p95 ${ms(ack.p95)})`,
);

const store = await benchDurableWrites({ existingSpans: 10_000 });
report({
  name: `annotation durably written (fsync'd, acknowledged), layer of ${store.existingSpans.toLocaleString('en-US')} spans`,
  figure: `p50 ${ms(store.p50)}, p95 ${ms(store.p95)} over ${store.count} writes`,
  budget: `${DURABLE_WRITE_BUDGET_P95_MS} ms p95`,
  ok: store.p95 <= DURABLE_WRITE_BUDGET_P95_MS,
});

const relation = await benchRelationCreate();
report({
  name: 'relation created (handler + durable write), corpus of 10,000 spans',
  figure: `p50 ${ms(relation.p50)}, p95 ${ms(relation.p95)}`,
  budget: `${RELATION_BUDGET_P95_MS} ms p95`,
  ok: relation.p95 <= RELATION_BUDGET_P95_MS,
});
const inPage = await benchRelationCreateInChromium();
const link = summary(inPage.linkMs);
report({
  name: 'relation in the app: Enter in the picker to connector painted',
  figure: `p50 ${ms(link.p50)}, p95 ${ms(link.p95)} over ${inPage.linkMs.length} links`,
  budget: `${RELATION_BUDGET_P95_MS} ms p95`,
  ok: link.p95 <= RELATION_BUDGET_P95_MS,
});

const merge = await benchEntityMerge();
report({
  name: `two actors merged, corpus of 10,000 spans (${merge.spansMoved} spans relinked in ${merge.filesRewritten} files)`,
  figure: `p50 ${ms(merge.p50)}, p95 ${ms(merge.p95)} over ${merge.runs} merges`,
  budget: `${ENTITY_MERGE_BUDGET_P95_MS} ms p95`,
  ok: merge.p95 <= ENTITY_MERGE_BUDGET_P95_MS,
});

const exported = await benchExport();
const ratio = exported.jsonlMbPerS / exported.baselineMbPerS;
report({
  name: 'jsonl export, 1,000 documents x 100 spans, vs JSON.stringify + write',
  figure: `${exported.jsonlMbPerS.toFixed(1)} MB/s vs ${exported.baselineMbPerS.toFixed(1)} MB/s (ratio ${ratio.toFixed(2)})`,
  budget: `ratio >= ${BUDGET_RATIO}`,
  ok: ratio >= BUDGET_RATIO,
});

const agreement = await benchAgreement();
report({
  name: `agreement, all measures, 2 annotators x ${agreement.spans.toLocaleString('en-US')} spans`,
  figure: ms(agreement.ms),
  budget: '1000 ms',
  ok: agreement.ms <= 1000,
});

const missed = rows.filter((r) => !r.ok).length;
console.log(`\n${rows.length - missed} within budget, ${missed} missed`);
if (missed > 0) process.exitCode = 1;
