/**
 * Reads brat standoff back: a `.ann` with its `.txt`. The document is the project document named
 * like the file (`alice/doc-7.ann` → "doc-7"; the folder, when there is one, is the annotator),
 * else the one with identical text; the `.txt` must be that document's text.
 *
 * - Offsets are code points of the `.txt`, as brat counts them. A `.txt` with CRLF line endings
 *   (where brat counted every CR) is accepted when it equals the document once CRLF becomes LF,
 *   and every offset is moved back by the CRs before it: an exact conversion, not a guess.
 * - A T line's text must be its fragments' text joined by one space, as brat itself checks.
 *   Fragments separated only by line breaks (what the exporter writes for a span across lines)
 *   become one span; other discontinuous spans have no equivalent and refuse the file.
 * - Names are mapped back through the codebook (`bratNames`, the exporter's mapping); a name the
 *   codebook does not produce is kept as it is. Attribute values are decoded
 *   (decodeURIComponent) and typed by the codebook: boolean, number, else text; a brat binary
 *   attribute (no value) is `true`.
 * - N lines: `Workbench:<id>` gives the entity, `Wikidata:<QID>` the qid; # AnnotatorNotes the
 *   note; R lines relations (first argument → second). Events, equivalences and normalisations
 *   to other databases have no place in the workbench and refuse the file, saying so.
 */
import type { AttributeType, AttributeValue, Codebook } from '../model';
import { bratVocabulary } from './brat';
import type { ImportDocument, ImportOutcome, RelationDraft, SpanDraft } from './import-draft';
import { DocumentMatcher, ProblemList } from './import-draft';

export interface BratInput {
  /** Path of the .ann as given (e.g. "alice/doc-7.ann"): names the document and the annotator. */
  path: string;
  ann: string;
  txt: string;
}

/** Original names for brat names, as the exporter derived them from this codebook. */
function reverseNames(codebook: Codebook) {
  const vocab = bratVocabulary(codebook, []);
  const invert = (map: Map<string, string>) =>
    new Map([...map].map(([name, brat]) => [brat, name]));
  return {
    labels: invert(vocab.labels),
    types: invert(vocab.types),
    attributes: invert(vocab.attributes),
  };
}

function attributeTypes(codebook: Codebook): Map<string, AttributeType> {
  const types = new Map<string, AttributeType>();
  for (const label of codebook.labels) for (const a of label.attributes) types.set(a.name, a.type);
  return types;
}

function typedValue(
  raw: string | undefined,
  type: AttributeType | undefined,
): { value: AttributeValue } | { error: string } {
  if (raw === undefined) return { value: true };
  let text: string;
  try {
    text = decodeURIComponent(raw);
  } catch {
    return { error: `value "${raw}" is not valid percent-encoding` };
  }
  if (type === 'boolean') {
    return text === 'true' || text === 'false'
      ? { value: text === 'true' }
      : { error: `"${text}" is not true or false` };
  }
  if (type === 'number') {
    const n = Number(text);
    return text.trim() !== '' && Number.isFinite(n)
      ? { value: n }
      : { error: `"${text}" is not a number` };
  }
  return { value: text };
}

/**
 * Maps code point offsets of the .txt to code point offsets of the document: subtracts the CRs
 * of CRLF pairs before each offset. Identity when the .txt has no CRLF.
 */
function crlfShift(codePoints: readonly string[]): (offset: number) => number {
  const crs: number[] = [];
  codePoints.forEach((ch, i) => {
    if (ch === '\r' && codePoints[i + 1] === '\n') crs.push(i);
  });
  return (offset) => {
    let lo = 0;
    let hi = crs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (crs[mid]! < offset) lo = mid + 1;
      else hi = mid;
    }
    return offset - lo;
  };
}

export function importBrat(
  input: BratInput,
  documents: readonly ImportDocument[],
  codebook: Codebook,
): ImportOutcome {
  const problems = new ProblemList(input.path);
  const parts = input.path.replace(/\\/g, '/').split('/');
  const docName = parts[parts.length - 1]!.replace(/\.ann$/, '');
  const annotator = parts.length > 1 ? parts[parts.length - 2] : undefined;
  const matcher = new DocumentMatcher(documents);
  const normalised = input.txt.replace(/\r\n/g, '\n');
  const doc = matcher.match([docName], normalised);
  if (typeof doc === 'string') {
    problems.add(undefined, `the .txt cannot be matched to a project document: ${doc}`);
    return problems.outcome([], []);
  }
  const txtCodePoints = Array.from(input.txt);
  const shift = crlfShift(txtCodePoints);
  const names = reverseNames(codebook);
  const types = attributeTypes(codebook);
  const spans = new Map<string, SpanDraft>();
  const relations: RelationDraft[] = [];
  const pending: Array<() => void> = [];
  const key = (id: string) => `${input.path}#${id}`;

  input.ann.split('\n').forEach((raw, index) => {
    const line = raw.replace(/\r$/, '');
    const where = `line ${index + 1}`;
    if (line.trim() === '') return;
    const [id = '', data = '', ...tail] = line.split('\t');
    const kind = id[0];
    if (kind === 'T') {
      const space = data.indexOf(' ');
      const label = data.slice(0, space);
      const fragments = data
        .slice(space + 1)
        .split(';')
        .map((f) => f.split(' ').map(Number) as [number, number]);
      if (space < 1 || fragments.some((f) => f.length !== 2 || !f.every(Number.isInteger))) {
        problems.add(where, `${id}: expected "TYPE START END[;START END]…"`);
        return;
      }
      const pieces = fragments.map(([s, e]) => txtCodePoints.slice(s, e).join(''));
      const text = tail.join('\t');
      if (
        fragments.some(([s, e]) => s < 0 || s > e || e > txtCodePoints.length) ||
        pieces.join(' ') !== text
      ) {
        problems.add(
          where,
          `${id}: offsets ${data.slice(space + 1)} select ${JSON.stringify(pieces.join(' '))} in the .txt, but the line's text is ${JSON.stringify(text)}`,
        );
        return;
      }
      for (let f = 1; f < fragments.length; f++) {
        const gap = txtCodePoints.slice(fragments[f - 1]![1], fragments[f]![0]).join('');
        if (!/^[\r\n]+$/.test(gap)) {
          problems.add(
            where,
            `${id}: a discontinuous span (fragments apart by ${JSON.stringify(gap)}) has no equivalent in the workbench`,
          );
          return;
        }
      }
      const range = matcher.span(
        doc,
        shift(fragments[0]![0]),
        shift(fragments[fragments.length - 1]![1]),
      );
      if (typeof range === 'string') {
        problems.add(where, `${id}: ${range}`);
        return;
      }
      spans.set(id, {
        doc: doc.id,
        label: names.labels.get(label) ?? label,
        ...range,
        attributes: {},
        ...(annotator !== undefined && { annotator }),
        key: key(id),
      });
      return;
    }
    // The other lines refer to T lines, which may come later: apply them once all are read.
    pending.push(() => {
      const words = data.split(' ');
      const target = (ref: string | undefined) => {
        const span = ref === undefined ? undefined : spans.get(ref);
        if (!span)
          problems.add(
            where,
            `${id} refers to ${ref ?? 'nothing'}, which is not a text-bound annotation of this file`,
          );
        return span;
      };
      if (kind === 'A' || kind === 'M') {
        const [type = '', ref, value] = words;
        const span = target(ref);
        if (!span) return;
        const name = names.attributes.get(type) ?? type;
        const typed = typedValue(value, types.get(name));
        if ('error' in typed) problems.add(where, `${id} (${name}): ${typed.error}`);
        else span.attributes[name] = typed.value;
      } else if (kind === 'N') {
        const [, ref, reference = ''] = words;
        const span = target(ref);
        if (!span) return;
        const [db, ...rest] = reference.split(':');
        const value = rest.join(':');
        if (db === 'Workbench') span.entity = value;
        else if (db === 'Wikidata') span.qid = value;
        else
          problems.add(
            where,
            `${id}: normalisation to "${db}" has no place in the workbench (only Workbench: and Wikidata:)`,
          );
      } else if (kind === '#') {
        const span = target(words[1]);
        if (span)
          span.note =
            span.note === undefined ? tail.join('\t') : `${span.note}\n${tail.join('\t')}`;
      } else if (kind === 'R') {
        const [type = '', arg1 = '', arg2 = ''] = words;
        const from = target(arg1.split(':')[1]);
        const to = target(arg2.split(':')[1]);
        if (from && to) {
          relations.push({
            doc: doc.id,
            type: names.types.get(type) ?? type,
            from: from.key,
            to: to.key,
            attributes: {},
            ...(annotator !== undefined && { annotator }),
          });
        }
      } else if (kind === 'E' || kind === '*') {
        problems.add(
          where,
          `${id}: ${kind === 'E' ? 'events' : 'equivalences'} have no place in the workbench`,
        );
      } else {
        problems.add(where, `not a brat annotation line: ${JSON.stringify(line)}`);
      }
    });
  });
  for (const apply of pending) apply();
  return problems.outcome([...spans.values()], relations);
}
