/**
 * Reads W3C Web Annotation JSON-LD back (webanno.ts, or another tool's annotations on the same
 * texts): an AnnotationCollection with an embedded first page, an AnnotationPage, an array of
 * annotations or a single one.
 *
 * - Document: a target source urn:workbench:doc:<id> names the project document; any other
 *   source IRI matches the document whose meta.url is exactly that IRI.
 * - Offsets: the TextPositionSelector (code points, as the model defines); when a
 *   TextQuoteSelector is present its `exact` must be the text selected, or the file is refused.
 *   An annotation without a position selector is refused rather than anchored by searching.
 * - Bodies: exactly one TextualBody with purpose "tagging" gives the label; "classifying" bodies
 *   with `attribute` give attributes (typed by `valueType`); "identifying" SpecificResources give
 *   the entity (urn:workbench:entity:<id>) or a Wikidata id; a "commenting" body the note.
 * - Relations: annotations with motivation "linking" whose target is a List of two annotations.
 */
import type { AttributeValue, Attributes } from '../model';
import type { ImportDocument, ImportOutcome, RelationDraft, SpanDraft } from './import-draft';
import { DocumentMatcher, ProblemList, parseJson } from './import-draft';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const hasType = (v: Json, type: string) => list(v['type']).includes(type);

const DOC_IRI = 'urn:workbench:doc:';
const ENTITY_IRI = 'urn:workbench:entity:';
const ANNOTATOR_IRI = 'urn:workbench:annotator:';
const ANNOTATION_IRI = 'urn:workbench:anno:';
const WIKIDATA = /^https?:\/\/www\.wikidata\.org\/(?:entity|wiki)\/(Q[1-9][0-9]*)$/;

/** The annotations of the file with their location, or a sentence saying why there are none. */
function annotationsOf(value: unknown): Array<[string, unknown]> | string {
  if (Array.isArray(value)) return value.map((a, i) => [`[${i}]`, a]);
  if (!isObject(value)) return 'expected a JSON object or array';
  if (hasType(value, 'Annotation')) return [['the annotation', value]];
  if (hasType(value, 'AnnotationPage'))
    return list(value['items']).map((a, i) => [`items[${i}]`, a]);
  if (hasType(value, 'AnnotationCollection')) {
    if (value['first'] === undefined) return [];
    if (!isObject(value['first'])) {
      return "the collection's first page is only referenced by IRI; export it with the pages embedded";
    }
    return list(value['first']['items']).map((a, i) => [`first.items[${i}]`, a]);
  }
  return 'not a Web Annotation: no Annotation, AnnotationPage or AnnotationCollection type';
}

function attributeValue(body: Json): { value: AttributeValue } | { error: string } {
  const value = body['value'];
  if (typeof value !== 'string') return { error: 'a classifying body has no string value' };
  switch (body['valueType']) {
    case undefined:
      return { value };
    case 'null':
      return { value: null };
    case 'boolean':
      return value === 'true' || value === 'false'
        ? { value: value === 'true' }
        : { error: `"${value}" is not a boolean` };
    case 'number': {
      const n = Number(value);
      return value.trim() !== '' && Number.isFinite(n)
        ? { value: n }
        : { error: `"${value}" is not a number` };
    }
    default:
      return { error: `unknown valueType "${String(body['valueType'])}"` };
  }
}

interface Bodies {
  label?: string;
  attributes: Attributes;
  entity?: string;
  qid?: string;
  note?: string;
  problem?: string;
}

function readBodies(annotation: Json): Bodies {
  const result: Bodies = { attributes: {} };
  const labels: string[] = [];
  for (const body of list(annotation['body'])) {
    if (!isObject(body)) continue;
    const purpose = body['purpose'];
    if (purpose === 'tagging' && typeof body['value'] === 'string') labels.push(body['value']);
    else if (purpose === 'classifying' && typeof body['attribute'] === 'string') {
      const read = attributeValue(body);
      if ('error' in read) result.problem = `attribute "${body['attribute']}": ${read.error}`;
      else result.attributes[body['attribute']] = read.value;
    } else if (purpose === 'identifying' && typeof body['source'] === 'string') {
      const source = body['source'];
      if (source.startsWith(ENTITY_IRI)) result.entity = source.slice(ENTITY_IRI.length);
      else if (WIKIDATA.test(source)) result.qid = WIKIDATA.exec(source)![1]!;
    } else if (purpose === 'commenting' && typeof body['value'] === 'string')
      result.note = body['value'];
  }
  if (labels.length !== 1)
    result.problem = `expected exactly one tagging body (the label), found ${labels.length}`;
  else result.label = labels[0]!;
  return result;
}

function annotatorOf(annotation: Json): string | undefined {
  const creator = annotation['creator'];
  if (isObject(creator) && typeof creator['nickname'] === 'string') return creator['nickname'];
  const id = isObject(creator) ? creator['id'] : creator;
  return typeof id === 'string' && id.startsWith(ANNOTATOR_IRI)
    ? id.slice(ANNOTATOR_IRI.length)
    : undefined;
}

/**
 * The workbench span id inside an annotation IRI the workbench wrote
 * (urn:workbench:anno:<document>:<annotator>:<id>), when it names this document and annotator.
 */
function workbenchSpanId(iri: string, doc: string, annotator: string | undefined) {
  if (!iri.startsWith(ANNOTATION_IRI) || annotator === undefined) return undefined;
  const [inDoc, inAnnotator, id, ...rest] = iri.slice(ANNOTATION_IRI.length).split(':');
  return inDoc === doc && inAnnotator === annotator && id && rest.length === 0 ? id : undefined;
}

export function importWebAnnotation(
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
  const annotations = annotationsOf(parsed.value);
  if (typeof annotations === 'string') {
    problems.add(undefined, annotations);
    return problems.outcome([], []);
  }
  const matcher = new DocumentMatcher(documents);
  const byUrl = new Map(
    documents.flatMap((d) => (d.meta['url'] ? [[d.meta['url'], d] as const] : [])),
  );
  const spans: SpanDraft[] = [];
  const keys = new Map<string, string>(); // annotation IRI → document id
  const links: Array<[string, Json]> = [];
  for (const [where, annotation] of annotations) {
    if (!isObject(annotation) || !hasType(annotation, 'Annotation')) {
      problems.add(where, 'not an Annotation');
      continue;
    }
    const id = typeof annotation['id'] === 'string' ? annotation['id'] : undefined;
    if (list(annotation['motivation']).includes('linking')) {
      links.push([where, annotation]);
      continue;
    }
    const target = list(annotation['target'])[0];
    if (!id || !isObject(target) || typeof target['source'] !== 'string') {
      problems.add(where, 'an annotation needs an id and a target with a source');
      continue;
    }
    const source = target['source'];
    const doc = source.startsWith(DOC_IRI)
      ? matcher.byIdOnly(source.slice(DOC_IRI.length))
      : byUrl.get(source);
    if (!doc) {
      problems.add(where, `annotation ${id}: no project document is ${source}`);
      continue;
    }
    const selectors = list(target['selector']).filter(isObject);
    const position = selectors.find((s) => s['type'] === 'TextPositionSelector');
    const quote = selectors.find((s) => s['type'] === 'TextQuoteSelector');
    if (!position) {
      problems.add(
        where,
        `annotation ${id}: no TextPositionSelector (anchoring by quote alone is not done on import)`,
      );
      continue;
    }
    const range = matcher.span(
      doc,
      position['start'],
      position['end'],
      typeof quote?.['exact'] === 'string' ? quote['exact'] : undefined,
    );
    if (typeof range === 'string') {
      problems.add(where, `annotation ${id}: ${range}`);
      continue;
    }
    const bodies = readBodies(annotation);
    if (bodies.problem || bodies.label === undefined) {
      problems.add(where, `annotation ${id}: ${bodies.problem ?? 'no label'}`);
      continue;
    }
    if (keys.has(id)) {
      problems.add(where, `annotation ${id} appears twice`);
      continue;
    }
    keys.set(id, doc.id);
    const annotator = annotatorOf(annotation);
    const ownId = workbenchSpanId(id, doc.id, annotator);
    spans.push({
      doc: doc.id,
      label: bodies.label,
      ...range,
      attributes: bodies.attributes,
      ...(bodies.entity !== undefined && { entity: bodies.entity }),
      ...(bodies.qid !== undefined && { qid: bodies.qid }),
      ...(bodies.note !== undefined && { note: bodies.note }),
      ...(annotator !== undefined && { annotator }),
      ...(ownId !== undefined && { id: ownId }),
      key: id,
    });
  }
  const relations: RelationDraft[] = [];
  for (const [where, link] of links) {
    const target = link['target'];
    const ends = isObject(target) && hasType(target, 'List') ? list(target['items']) : [];
    const [from, to] = ends.map((e) => (isObject(e) ? e['id'] : e));
    const bodies = readBodies(link);
    if (
      ends.length !== 2 ||
      typeof from !== 'string' ||
      typeof to !== 'string' ||
      !keys.has(from) ||
      !keys.has(to)
    ) {
      problems.add(
        where,
        'a linking annotation needs a List target of two annotations of this file',
      );
      continue;
    }
    if (keys.get(from) !== keys.get(to)) {
      problems.add(where, 'a linking annotation joins annotations of two different documents');
      continue;
    }
    if (bodies.problem || bodies.label === undefined) {
      problems.add(where, `relation: ${bodies.problem ?? 'no type'}`);
      continue;
    }
    const annotator = annotatorOf(link);
    relations.push({
      doc: keys.get(from)!,
      type: bodies.label,
      from,
      to,
      attributes: bodies.attributes,
      ...(annotator !== undefined && { annotator }),
    });
  }
  return problems.outcome(spans, relations);
}
