/**
 * The tabular export: documents.csv, spans.csv, relations.csv and statements.csv, with a
 * datapackage.json (Frictionless Tabular Data Package) describing every column, the dialect and
 * the offset unit, so the tables load typed in Python (frictionless, pandas) and R.
 *
 * - Offsets (`start`, `end`) are Unicode code points, as Python slices strings; every span row
 *   carries its `text`. datapackage.json declares `offset_unit: "codepoint"`.
 * - One column per attribute (`attr_<name>`): the codebook's attributes in codebook order, then
 *   any other attribute found in the data, so no value is dropped. Booleans are `true`/`false`;
 *   an unset value is empty.
 * - Encoding UTF-8 WITHOUT a byte order mark by default: Python's csv module with
 *   encoding="utf-8" would otherwise read the first column as "\ufeffdocument", and pandas and
 *   readr need no BOM. Excel, however, reads BOM-less CSV as the system code page and garbles
 *   curly quotes and accents: `{ bom: true }` writes one for Excel users (read it in Python with
 *   encoding="utf-8-sig").
 */
import type { AttributeValue, Attributes } from '../model';
import type { ExportBundle, ExportFile } from './bundle';
import { compareSpans, compareStrings, indexBundle } from './bundle';
import { encodeCsv } from './csv';
import type { StatementRoles } from './statements';
import { extractStatements, statementRoles } from './statements';

export interface CsvOptions {
  /** Start every CSV with a UTF-8 byte order mark (for Excel). */
  bom?: boolean;
  /** Which labels and attribute make statements; see statements.ts. */
  roles?: Partial<StatementRoles>;
}

interface Column {
  name: string;
  type: 'string' | 'integer';
  description: string;
}

interface Table {
  name: string;
  description: string;
  columns: Column[];
  rows: string[][];
}

const col = (name: string, description: string, type: Column['type'] = 'string'): Column => ({
  name,
  type,
  description,
});

function attributeText(value: AttributeValue | undefined): string {
  return value === undefined || value === null ? '' : String(value);
}

/** Attribute names: the codebook's first, in its order, then any others in the data, sorted. */
function attributeNames(declared: readonly string[], found: Iterable<Attributes>): string[] {
  const names = [...new Set(declared)];
  const extra = new Set<string>();
  for (const attributes of found) {
    for (const name of Object.keys(attributes)) if (!names.includes(name)) extra.add(name);
  }
  return [...names, ...[...extra].sort(compareStrings)];
}

export function exportCsv(bundle: ExportBundle, options: CsvOptions = {}): ExportFile[] {
  const views = indexBundle(bundle);
  const entities = new Map(bundle.entities.map((e) => [e.id, e]));
  const layers = views.flatMap((v) => v.layers);

  const metaKeys = [...new Set(views.flatMap((v) => Object.keys(v.doc.meta)))].sort(compareStrings);
  const documents: Table = {
    name: 'documents',
    description: 'One row per document in the export.',
    columns: [
      col('document', 'Document id.'),
      col('title', 'Document title.'),
      col('length', 'Length of the text in Unicode code points.', 'integer'),
      col('sha256', 'Hex SHA-256 of the UTF-8 text (the text is in the JSON export).'),
      ...metaKeys.map((key) => col(`meta_${key}`, `Document metadata "${key}".`)),
    ],
    rows: views.map(({ doc, text }) => [
      doc.id,
      doc.title,
      String(text.length),
      doc.sha256,
      ...metaKeys.map((key) => doc.meta[key] ?? ''),
    ]),
  };

  const spanAttributes = attributeNames(
    bundle.codebook.labels.flatMap((l) => l.attributes.map((a) => a.name)),
    layers.flatMap((l) => l.annotations.map((a) => a.attributes)),
  );
  const spanRows: string[][] = [];
  for (const { text, layers: docLayers } of views) {
    for (const layer of docLayers) {
      for (const a of [...layer.annotations].sort(compareSpans)) {
        const span = text.span(a.start, a.end, `span "${a.id}" of ${layer.annotator}`);
        spanRows.push([
          text.id,
          layer.annotator,
          a.id,
          a.label,
          String(span.start),
          String(span.end),
          span.text,
          a.entity ?? '',
          a.entity !== undefined ? (entities.get(a.entity)?.name ?? '') : '',
          a.entity !== undefined ? (entities.get(a.entity)?.qid ?? '') : '',
          a.note ?? '',
          a.created,
          a.modified,
          ...spanAttributes.map((name) => attributeText(a.attributes[name])),
        ]);
      }
    }
  }
  const spans: Table = {
    name: 'spans',
    description: 'One row per tagged span, per annotator.',
    columns: [
      col('document', 'Document id.'),
      col('annotator', 'Who tagged the span.'),
      col('id', 'Span id (unique within document and annotator).'),
      col('label', 'Codebook label.'),
      col('start', 'First code point of the span in the document text (0-based).', 'integer'),
      col('end', 'Code point after the span: text[start:end] == text column.', 'integer'),
      col('text', 'The text the span covers.'),
      col('entity', 'Id of the linked entity, if any.'),
      col('entity_name', 'Canonical name of the linked entity.'),
      col('entity_qid', 'Wikidata id of the linked entity.'),
      col('note', "The annotator's note."),
      col('created', 'When the span was created (ISO 8601).'),
      col('modified', 'When the span was last changed (ISO 8601).'),
      ...spanAttributes.map((name) => col(`attr_${name}`, `Attribute "${name}".`)),
    ],
    rows: spanRows,
  };

  const relationAttributes = attributeNames(
    [],
    layers.flatMap((l) => l.relations.map((r) => r.attributes)),
  );
  const relationRows: string[][] = [];
  for (const { doc, layers: docLayers } of views) {
    for (const layer of docLayers) {
      const byId = new Map(layer.annotations.map((a) => [a.id, a]));
      for (const r of [...layer.relations].sort((a, b) => compareStrings(a.id, b.id))) {
        const from = byId.get(r.from)!;
        const to = byId.get(r.to)!;
        relationRows.push([
          doc.id,
          layer.annotator,
          r.id,
          r.type,
          r.from,
          from.label,
          doc.text.slice(from.start, from.end),
          r.to,
          to.label,
          doc.text.slice(to.start, to.end),
          ...relationAttributes.map((name) => attributeText(r.attributes[name])),
        ]);
      }
    }
  }
  const relations: Table = {
    name: 'relations',
    description: 'One row per relation between two spans of the same annotator.',
    columns: [
      col('document', 'Document id.'),
      col('annotator', 'Who drew the relation.'),
      col('id', 'Relation id.'),
      col('type', 'Relation type from the codebook.'),
      col('from', 'Id of the source span (spans.csv id).'),
      col('from_label', 'Label of the source span.'),
      col('from_text', 'Text of the source span.'),
      col('to', 'Id of the target span (spans.csv id).'),
      col('to_label', 'Label of the target span.'),
      col('to_text', 'Text of the target span.'),
      ...relationAttributes.map((name) => col(`attr_${name}`, `Attribute "${name}".`)),
    ],
    rows: relationRows,
  };

  const statements: Table = {
    name: 'statements',
    description:
      'One row per (claim, actor, topic): a claim linked to the actor who made it and the policy topic it is about.',
    columns: [
      col('document', 'Document id.'),
      col('annotator', 'Whose annotations the statement comes from.'),
      col('date', 'Document date: meta "published", else "date", else empty.'),
      col('actor', 'Canonical entity name when the actor span is linked, else the span text.'),
      col('actor_entity', 'Entity id of the actor, if linked.'),
      col('actor_qid', 'Wikidata id of the actor, if known.'),
      col('actor_text', 'Text of the actor span.'),
      col('claim', 'Text of the claim span.'),
      col('stance', 'Stance attribute of the claim.'),
      col('topic', 'Text of the policy topic span (empty when the claim has none).'),
      col('claim_id', 'Id of the claim span (spans.csv id).'),
      col('actor_span', 'Id of the actor span.'),
      col('topic_span', 'Id of the topic span.'),
    ],
    rows: extractStatements(bundle, statementRoles(bundle.codebook, options.roles)).map((s) => [
      s.doc,
      s.annotator,
      s.date,
      s.actor.name,
      s.actor.entity ?? '',
      s.actor.qid ?? '',
      s.actor.text,
      s.claim,
      s.stance,
      s.topic?.text ?? '',
      s.claimId,
      s.actor.spanId,
      s.topic?.spanId ?? '',
    ]),
  };

  const tables = [documents, spans, relations, statements];
  const bom = options.bom ? '\ufeff' : '';
  return [
    ...tables.map((t) => ({
      path: `${t.name}.csv`,
      content:
        bom +
        encodeCsv(
          t.columns.map((c) => c.name),
          t.rows,
        ),
    })),
    { path: 'datapackage.json', content: dataPackage(bundle, tables, options.bom ?? false) },
  ];
}

/** A Frictionless Tabular Data Package descriptor for the tables. */
function dataPackage(bundle: ExportBundle, tables: Table[], bom: boolean): string {
  const descriptor = {
    profile: 'tabular-data-package',
    name: 'annotation-workbench-export',
    created: bundle.exportedAt,
    offset_unit: 'codepoint',
    curated: bundle.curated ?? false,
    codebook: { name: bundle.codebook.name, revision: bundle.codebook.revision },
    sources: [{ title: `${bundle.tool.name} ${bundle.tool.version}` }],
    resources: tables.map((t) => ({
      name: t.name,
      path: `${t.name}.csv`,
      profile: 'tabular-data-resource',
      description: t.description,
      format: 'csv',
      mediatype: 'text/csv',
      encoding: bom ? 'utf-8-sig' : 'utf-8',
      dialect: {
        delimiter: ',',
        lineTerminator: '\r\n',
        quoteChar: '"',
        doubleQuote: true,
        header: true,
      },
      schema: { fields: t.columns },
    })),
  };
  return `${JSON.stringify(descriptor, null, 2)}\n`;
}
