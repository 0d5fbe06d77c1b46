/**
 * W3C Web Annotation Data Model (Recommendation, 2017) as JSON-LD: one file holding an
 * AnnotationCollection whose single, embedded AnnotationPage lists every annotation (a
 * collection is what the model defines for many annotations; one page keeps the file
 * self-contained, and `first` is a page, as the model requires of a non-empty collection).
 *
 * Each span is an Annotation:
 * - `id`: urn:workbench:anno:<document>:<annotator>:<span id> (ids are letters, digits, `_`, `-`,
 *   so the IRI needs no escaping, and it is the same on every export of the same data);
 * - `target`: { source: urn:workbench:doc:<document>, selector: [TextQuoteSelector (exact,
 *   prefix, suffix), TextPositionSelector (start, end)] }. The model counts text positions in
 *   Unicode code points ("not in terms of code units"), exactly like every other export here;
 *   prefix and suffix hold up to 32 code points;
 * - `body`: a TextualBody with purpose "tagging" whose value is the label; one TextualBody with
 *   purpose "classifying" per attribute (`attribute` names it, `valueType` says when the value
 *   is a number, boolean or null rather than text, since a TextualBody value is a string); a
 *   SpecificResource with purpose "identifying" for the linked entity (its workbench IRI, and its
 *   Wikidata IRI when known); a TextualBody with purpose "commenting" for the note;
 * - `motivation` "tagging", `creator` the annotator (a Person), `created`/`modified` in UTC with
 *   "Z" as the model requires.
 * Each relation is an Annotation with motivation "linking" whose body tags the relation type and
 * whose target is a List (ordered, so the direction survives) of the two span annotations.
 *
 * The context is the W3C one plus a small workbench vocabulary (urn:workbench:vocab#) defining
 * the three extra terms, so that JSON-LD processing keeps them rather than dropping them.
 */
import { WorkbenchError } from '../api';
import type { AttributeValue } from '../model';
import type { DocumentView, ExportBundle } from './bundle';
import { compareSpans, compareStrings, indexBundle } from './bundle';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
export const WORKBENCH_VOCAB = 'urn:workbench:vocab#';
/** Code points of context kept before and after the quote. */
export const QUOTE_CONTEXT = 32;

const CONTEXT = [
  ANNO_CONTEXT,
  {
    wb: WORKBENCH_VOCAB,
    attribute: 'wb:attribute',
    valueType: 'wb:valueType',
    offset_unit: 'wb:offsetUnit',
  },
];

export const documentIri = (doc: string) => `urn:workbench:doc:${doc}`;
export const annotationIri = (doc: string, annotator: string, id: string) =>
  `urn:workbench:anno:${doc}:${annotator}:${id}`;
export const relationIri = (doc: string, annotator: string, id: string) =>
  `urn:workbench:relation:${doc}:${annotator}:${id}`;
export const entityIri = (entity: string) => `urn:workbench:entity:${entity}`;
export const annotatorIri = (annotator: string) => `urn:workbench:annotator:${annotator}`;
export const wikidataIri = (qid: string) => `http://www.wikidata.org/entity/${qid}`;

/** An xsd:dateTime in UTC with "Z", as the model requires for created/modified/generated. */
export function utcDateTime(iso: string): string {
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) {
    throw new WorkbenchError(
      'conflict',
      `Cannot export the time "${iso}": it is not an ISO 8601 date-time.`,
    );
  }
  return time.toISOString();
}

export type WebAnnoBody =
  | { type: 'TextualBody'; purpose: 'tagging' | 'commenting'; value: string }
  | {
      type: 'TextualBody';
      purpose: 'classifying';
      attribute: string;
      value: string;
      valueType?: 'number' | 'boolean' | 'null';
    }
  | { type: 'SpecificResource'; purpose: 'identifying'; source: string };

export interface WebAnnoAnnotation {
  id: string;
  type: 'Annotation';
  motivation: 'tagging' | 'linking';
  creator: { id: string; type: 'Person'; nickname: string };
  created: string;
  modified: string;
  body: WebAnnoBody[];
  target:
    | {
        source: string;
        selector: [
          { type: 'TextQuoteSelector'; exact: string; prefix: string; suffix: string },
          { type: 'TextPositionSelector'; start: number; end: number },
        ];
      }
    | { type: 'List'; items: [string, string] };
}

export interface WebAnnoCollection {
  '@context': typeof CONTEXT;
  id: string;
  type: 'AnnotationCollection';
  label: string;
  offset_unit: 'codepoint';
  generator: { id: string; type: 'Software'; name: string };
  generated: string;
  total: number;
  first?: {
    id: string;
    type: 'AnnotationPage';
    partOf: string;
    startIndex: 0;
    items: WebAnnoAnnotation[];
  };
}

function attributeBody(attribute: string, value: AttributeValue): WebAnnoBody {
  if (value === null)
    return { type: 'TextualBody', purpose: 'classifying', attribute, value: '', valueType: 'null' };
  if (typeof value === 'string')
    return { type: 'TextualBody', purpose: 'classifying', attribute, value };
  return {
    type: 'TextualBody',
    purpose: 'classifying',
    attribute,
    value: String(value),
    valueType: typeof value as 'number' | 'boolean',
  };
}

function documentAnnotations(view: DocumentView, qids: Map<string, string>): WebAnnoAnnotation[] {
  const { doc, text, layers } = view;
  const items: WebAnnoAnnotation[] = [];
  const codePoints = Array.from(doc.text);
  for (const layer of layers) {
    const creator = {
      id: annotatorIri(layer.annotator),
      type: 'Person' as const,
      nickname: layer.annotator,
    };
    for (const a of [...layer.annotations].sort(compareSpans)) {
      const span = text.span(a.start, a.end, `span "${a.id}" of ${layer.annotator}`);
      const body: WebAnnoBody[] = [{ type: 'TextualBody', purpose: 'tagging', value: a.label }];
      for (const name of Object.keys(a.attributes).sort(compareStrings)) {
        body.push(attributeBody(name, a.attributes[name]!));
      }
      if (a.entity !== undefined) {
        body.push({
          type: 'SpecificResource',
          purpose: 'identifying',
          source: entityIri(a.entity),
        });
        const qid = qids.get(a.entity);
        if (qid)
          body.push({ type: 'SpecificResource', purpose: 'identifying', source: wikidataIri(qid) });
      }
      if (a.note !== undefined)
        body.push({ type: 'TextualBody', purpose: 'commenting', value: a.note });
      items.push({
        id: annotationIri(doc.id, layer.annotator, a.id),
        type: 'Annotation',
        motivation: 'tagging',
        creator,
        created: utcDateTime(a.created),
        modified: utcDateTime(a.modified),
        body,
        target: {
          source: documentIri(doc.id),
          selector: [
            {
              type: 'TextQuoteSelector',
              exact: span.text,
              prefix: codePoints
                .slice(Math.max(0, span.start - QUOTE_CONTEXT), span.start)
                .join(''),
              suffix: codePoints.slice(span.end, span.end + QUOTE_CONTEXT).join(''),
            },
            { type: 'TextPositionSelector', start: span.start, end: span.end },
          ],
        },
      });
    }
    for (const r of [...layer.relations].sort((x, y) => compareStrings(x.id, y.id))) {
      items.push({
        id: relationIri(doc.id, layer.annotator, r.id),
        type: 'Annotation',
        motivation: 'linking',
        creator,
        created: utcDateTime(r.created),
        modified: utcDateTime(r.modified),
        body: [
          { type: 'TextualBody', purpose: 'tagging', value: r.type },
          ...Object.keys(r.attributes)
            .sort(compareStrings)
            .map((name) => attributeBody(name, r.attributes[name]!)),
        ],
        target: {
          type: 'List',
          items: [
            annotationIri(doc.id, layer.annotator, r.from),
            annotationIri(doc.id, layer.annotator, r.to),
          ],
        },
      });
    }
  }
  return items;
}

/** The collection as a plain object (what `exportWebAnnotation` serialises). */
export function buildWebAnnotation(bundle: ExportBundle): WebAnnoCollection {
  const qids = new Map(bundle.entities.flatMap((e) => (e.qid ? [[e.id, e.qid] as const] : [])));
  const items = indexBundle(bundle).flatMap((view) => documentAnnotations(view, qids));
  const generated = utcDateTime(bundle.exportedAt);
  const id = `urn:workbench:collection:${generated}`;
  return {
    '@context': CONTEXT,
    id,
    type: 'AnnotationCollection',
    label: `${bundle.curated ? 'Curated annotations' : 'Annotations'} exported ${generated} (codebook "${bundle.codebook.name}", revision ${bundle.codebook.revision})`,
    offset_unit: 'codepoint',
    generator: {
      id: `urn:workbench:software:${bundle.tool.name}:${bundle.tool.version}`,
      type: 'Software',
      name: `${bundle.tool.name} ${bundle.tool.version}`,
    },
    generated,
    total: items.length,
    // The model: a collection with annotations MUST have a first page; a page MUST list 1 or more.
    ...(items.length > 0 && {
      first: {
        id: `${id}:page:1`,
        type: 'AnnotationPage' as const,
        partOf: id,
        startIndex: 0 as const,
        items,
      },
    }),
  };
}

/** The JSON-LD text (media type application/ld+json;profile="http://www.w3.org/ns/anno.jsonld"). */
export function exportWebAnnotation(bundle: ExportBundle): string {
  return `${JSON.stringify(buildWebAnnotation(bundle), null, 2)}\n`;
}
