/**
 * Reads spaCy / Prodigy JSONL (jsonl.ts, or Prodigy's own output) back: one record per line with
 * `text`, `spans` (code point `start`/`end`, `label`, and optionally `text`, `id`, `attributes`,
 * `entity`, `note`) and optionally `relations` (`head_span`/`child_span`, `label`). Documents are
 * matched by `meta.id`, else by identical text. Offsets are code points, as spaCy and Prodigy
 * count them; a record declaring another `offset_unit` is refused. Problems name the line.
 */
import { z } from 'zod';
import { describeZodError } from '../api';
import { Attributes } from '../model';
import type { ImportDocument, ImportOutcome, RelationDraft, SpanDraft } from './import-draft';
import { DocumentMatcher, ProblemList } from './import-draft';

const Span = z.object({
  start: z.number(),
  end: z.number(),
  label: z.string().min(1),
  text: z.string().optional(),
  id: z.union([z.string(), z.number()]).optional(),
  attributes: Attributes.optional(),
  entity: z.string().optional(),
  note: z.string().optional(),
});
type Span = z.infer<typeof Span>;

const Record = z.object({
  text: z.string(),
  spans: z.array(Span).default([]),
  relations: z
    .array(
      z.object({
        head_span: Span,
        child_span: Span,
        label: z.string().min(1),
        attributes: Attributes.optional(),
      }),
    )
    .default([]),
  meta: z.record(z.string(), z.unknown()).default({}),
  offset_unit: z.string().optional(),
});

const spanKey = (s: Span) => `${s.start}:${s.end}:${s.label}:${s.id ?? ''}`;

export function importJsonl(
  file: string,
  content: string,
  documents: readonly ImportDocument[],
): ImportOutcome {
  const problems = new ProblemList(file);
  const matcher = new DocumentMatcher(documents);
  const spans: SpanDraft[] = [];
  const relations: RelationDraft[] = [];
  content.split('\n').forEach((raw, index) => {
    const line = raw.replace(/\r$/, '');
    const where = `line ${index + 1}`;
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      problems.add(
        where,
        `not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
      );
      return;
    }
    const checked = Record.safeParse(value);
    if (!checked.success) {
      problems.add(where, `not a spaCy/Prodigy record: ${describeZodError(checked.error)}`);
      return;
    }
    const record = checked.data;
    if (record.offset_unit !== undefined && record.offset_unit !== 'codepoint') {
      problems.add(
        where,
        `offsets are in "${record.offset_unit}"; only code points (as spaCy and Prodigy count) can be read`,
      );
      return;
    }
    const id = typeof record.meta['id'] === 'string' ? record.meta['id'] : undefined;
    const annotator =
      typeof record.meta['annotator'] === 'string' ? record.meta['annotator'] : undefined;
    const doc = matcher.match([id], record.text);
    if (typeof doc === 'string') {
      problems.add(where, `record${id !== undefined ? ` "${id}"` : ''} cannot be imported: ${doc}`);
      return;
    }
    const keys = new Map<string, string>();
    record.spans.forEach((s, i) => {
      const range = matcher.span(doc, s.start, s.end, s.text);
      if (typeof range === 'string') {
        problems.add(where, `spans[${i}] (${s.label}): ${range}`);
        return;
      }
      const key = `line${index + 1}/${s.id ?? i}`;
      keys.set(spanKey(s), key);
      spans.push({
        doc: doc.id,
        label: s.label,
        ...range,
        attributes: s.attributes ?? {},
        ...(s.entity !== undefined && { entity: s.entity }),
        ...(s.note !== undefined && { note: s.note }),
        ...(annotator !== undefined && { annotator }),
        ...(typeof s.id === 'string' && { id: s.id }),
        key,
      });
    });
    record.relations.forEach((r, i) => {
      const from = keys.get(spanKey(r.head_span));
      const to = keys.get(spanKey(r.child_span));
      if (!from || !to) {
        problems.add(
          where,
          `relations[${i}] (${r.label}) joins a span that is not in the line's spans`,
        );
        return;
      }
      relations.push({
        doc: doc.id,
        type: r.label,
        from,
        to,
        attributes: r.attributes ?? {},
        ...(annotator !== undefined && { annotator }),
      });
    });
  });
  return problems.outcome(spans, relations);
}
