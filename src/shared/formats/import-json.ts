/**
 * Reads the native JSON export (json.ts) back: every annotator's spans and relations, matched to
 * the project's documents by id, else by identical text. Problems are located by JSON path
 * (documents[1].annotations[4]) and the span id, which name a record more exactly than a line in
 * a pretty-printed file.
 */
import { z } from 'zod';
import { describeZodError } from '../api';
import { Attributes } from '../model';
import type { ImportDocument, ImportOutcome, RelationDraft, SpanDraft } from './import-draft';
import { DocumentMatcher, ProblemList, parseJson } from './import-draft';
import { JSON_FORMAT_NAME, JSON_FORMAT_VERSION } from './json';

const JsonSpan = z.object({
  id: z.string(),
  label: z.string().min(1),
  start: z.number(),
  end: z.number(),
  text: z.string(),
  annotator: z.string(),
  attributes: Attributes,
  entity: z.string().optional(),
  note: z.string().optional(),
});

const JsonRelation = z.object({
  id: z.string(),
  type: z.string().min(1),
  from: z.string(),
  to: z.string(),
  attributes: Attributes,
  annotator: z.string(),
});

const JsonExportFile = z.object({
  format: z.object({ name: z.literal(JSON_FORMAT_NAME), version: z.literal(JSON_FORMAT_VERSION) }),
  offset_unit: z.literal('codepoint'),
  documents: z.array(
    z.object({
      id: z.string(),
      meta: z.record(z.string(), z.string()).optional(),
      text: z.string(),
      annotations: z.array(JsonSpan),
      relations: z.array(JsonRelation),
    }),
  ),
});

export function importJson(
  file: string,
  content: string,
  documents: readonly ImportDocument[],
): ImportOutcome {
  const problems = new ProblemList(file);
  const parsed = parseJson(content);
  if ('error' in parsed) {
    problems.add(parsed.line !== undefined ? `line ${parsed.line}` : undefined, parsed.error);
    return problems.outcome([], []);
  }
  const checked = JsonExportFile.safeParse(parsed.value);
  if (!checked.success) {
    problems.add(
      undefined,
      `not an Annotation Workbench JSON export (format ${JSON_FORMAT_VERSION}, code point offsets): ${describeZodError(checked.error)}`,
    );
    return problems.outcome([], []);
  }
  const matcher = new DocumentMatcher(documents);
  const spans: SpanDraft[] = [];
  const relations: RelationDraft[] = [];
  checked.data.documents.forEach((record, d) => {
    const doc = matcher.match([record.id, record.meta?.['id']], record.text);
    if (typeof doc === 'string') {
      problems.add(`documents[${d}]`, `document "${record.id}" cannot be imported: ${doc}`);
      return;
    }
    const keys = new Set<string>();
    record.annotations.forEach((a, i) => {
      const range = matcher.span(doc, a.start, a.end, a.text);
      const key = `${doc.id}/${a.annotator}/${a.id}`;
      if (typeof range === 'string') {
        problems.add(`documents[${d}].annotations[${i}]`, `span "${a.id}": ${range}`);
        return;
      }
      if (keys.has(key)) {
        problems.add(
          `documents[${d}].annotations[${i}]`,
          `span id "${a.id}" of ${a.annotator} appears twice`,
        );
        return;
      }
      keys.add(key);
      spans.push({
        doc: doc.id,
        label: a.label,
        ...range,
        attributes: a.attributes,
        ...(a.entity !== undefined && { entity: a.entity }),
        ...(a.note !== undefined && { note: a.note }),
        annotator: a.annotator,
        id: a.id,
        key,
      });
    });
    record.relations.forEach((r, i) => {
      const from = `${doc.id}/${r.annotator}/${r.from}`;
      const to = `${doc.id}/${r.annotator}/${r.to}`;
      const missing = [r.from, r.to].find((id) => !keys.has(`${doc.id}/${r.annotator}/${id}`));
      if (missing !== undefined) {
        problems.add(
          `documents[${d}].relations[${i}]`,
          `relation "${r.id}" joins span "${missing}", which ${r.annotator} does not have in this document`,
        );
        return;
      }
      relations.push({
        doc: doc.id,
        type: r.type,
        from,
        to,
        attributes: r.attributes,
        annotator: r.annotator,
      });
    });
  });
  return problems.outcome(spans, relations);
}
