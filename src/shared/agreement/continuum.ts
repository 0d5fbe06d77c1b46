/**
 * The documents of an agreement study laid end to end as one continuum, and every annotator's
 * spans placed on it: a span at [start, end) of document d sits at [offset_d + start,
 * offset_d + end), where offset_d is the total length of the documents before d. Spans never
 * cross a document boundary, so measures computed on the continuum (overlaps, tokens, unitizing)
 * are the same as if each document were treated separately and the results pooled.
 *
 * This is also where spans that cannot be compared are set aside — and counted per reason, so a
 * report can say so: spans on documents not in the study, spans with a label outside the chosen
 * labels, spans with empty or out-of-range offsets.
 *
 * Offsets are UTF-16 code units, as everywhere inside the workbench.
 */
import { WorkbenchError } from '../api';
import type { Annotation } from '../model';
import type { LabeledSpan } from './span-f1';

/** What the agreement measures read of an annotation. Full `Annotation`s qualify. */
export type AgreementSpanInput = Pick<Annotation, 'doc' | 'label' | 'start' | 'end' | 'attributes'>;

export interface AgreementInput {
  readonly documents: ReadonlyArray<{ readonly id: string; readonly text: string }>;
  /** Each annotator's spans, keyed by annotator name. */
  readonly layers: Readonly<Record<string, readonly AgreementSpanInput[]>>;
  /** The annotators to compare, in report order; an annotator without a layer marked nothing. */
  readonly annotators: readonly string[];
  /** The labels to compare, in report order; default: every label used, sorted. */
  readonly labels?: readonly string[];
}

/** A span on the continuum, with the annotation it came from (for its attributes). */
export interface PlacedSpan extends LabeledSpan {
  readonly source: AgreementSpanInput;
}

export interface SetAside {
  /** On a document that is not part of the study. */
  outsideDocuments: number;
  /** With a label not among the chosen labels. */
  otherLabel: number;
  /** start ≥ end, or end beyond the document's text. */
  badOffsets: number;
}

export interface Continuum {
  readonly documents: ReadonlyArray<{
    readonly id: string;
    readonly text: string;
    /** Where the document starts on the continuum. */
    readonly offset: number;
  }>;
  /** Total length: the sum of the documents' text lengths. */
  readonly length: number;
  readonly annotators: readonly string[];
  /** Annotators that had no layer at all in the input (they count as having marked nothing). */
  readonly withoutLayer: readonly string[];
  readonly labels: readonly string[];
  /** Per annotator: their spans on the continuum, sorted by start, then end. */
  readonly spans: ReadonlyArray<readonly PlacedSpan[]>;
  /** Per annotator: index boundaries of each document's spans in `spans` (length documents + 1). */
  readonly documentRanges: ReadonlyArray<Int32Array>;
  /** Per annotator: spans set aside, by reason. */
  readonly setAside: readonly SetAside[];
}

/** Places the input on one continuum; throws on input that cannot describe a study. */
export function buildContinuum(input: AgreementInput): Continuum {
  const annotators = unique(input.annotators, 'annotator');
  const documentIndex = new Map<string, number>();
  let length = 0;
  const documents = input.documents.map((doc, i) => {
    if (documentIndex.has(doc.id)) {
      throw new WorkbenchError('invalid_argument', `Document "${doc.id}" is listed twice.`);
    }
    documentIndex.set(doc.id, i);
    const placed = { id: doc.id, text: doc.text, offset: length };
    length += doc.text.length;
    return placed;
  });

  const labels = input.labels
    ? unique(input.labels, 'label')
    : [
        ...new Set(annotators.flatMap((name) => (input.layers[name] ?? []).map((a) => a.label))),
      ].sort();
  const labelIndex = new Map(labels.map((label, i) => [label, i] as const));

  const withoutLayer = annotators.filter((name) => !Object.hasOwn(input.layers, name));
  const setAside: SetAside[] = [];
  const spans = annotators.map((name) => {
    const counts: SetAside = { outsideDocuments: 0, otherLabel: 0, badOffsets: 0 };
    setAside.push(counts);
    const placed: PlacedSpan[] = [];
    for (const source of input.layers[name] ?? []) {
      const d = documentIndex.get(source.doc);
      const label = labelIndex.get(source.label);
      if (d === undefined) counts.outsideDocuments++;
      else if (label === undefined) counts.otherLabel++;
      else {
        const doc = documents[d] as Continuum['documents'][number];
        if (!(source.start >= 0 && source.start < source.end && source.end <= doc.text.length)) {
          counts.badOffsets++;
        } else {
          placed.push({
            start: doc.offset + source.start,
            end: doc.offset + source.end,
            label,
            source,
          });
        }
      }
    }
    return placed.sort((a, b) => a.start - b.start || a.end - b.end);
  });

  const documentRanges = spans.map((placed) => {
    const bounds = new Int32Array(documents.length + 1);
    let k = 0;
    documents.forEach((doc, d) => {
      const end = doc.offset + doc.text.length;
      bounds[d] = k;
      while (k < placed.length && (placed[k] as PlacedSpan).start < end) k++;
      bounds[d + 1] = k;
    });
    return bounds;
  });

  return { documents, length, annotators, withoutLayer, labels, spans, documentRanges, setAside };
}

function unique(names: readonly string[], what: string): string[] {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name))
      throw new WorkbenchError('invalid_argument', `The ${what} "${name}" is listed twice.`);
    seen.add(name);
  }
  return [...names];
}
