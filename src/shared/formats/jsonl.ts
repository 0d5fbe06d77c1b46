/**
 * spaCy / Prodigy JSONL: one JSON object per line, one line per document and annotator layer
 * (a document nobody annotated has no line: it would read as "nothing to find here" to a trainer).
 *
 *     {"text": …, "tokens": [{"text","start","end","id","ws"}],
 *      "spans": [{"start","end","token_start","token_end","label","text","id", …}],
 *      "relations": [{"head","child","head_span","child_span","label"}],
 *      "meta": {"id","title","annotator","status", …document meta}, "offset_unit": "codepoint"}
 *
 * - Offsets (`start`/`end` of tokens and spans) are Unicode code points, as spaCy and Prodigy
 *   count them; every span carries its `text`.
 * - Tokens follow spaCy: `ws` is one trailing U+0020; other whitespace is a token (tokens.ts), so
 *   `Doc(nlp.vocab, words=[t["text"]…], spaces=[t["ws"]…])` rebuilds `text` exactly.
 * - `token_start`/`token_end` are INCLUSIVE token indices, as in Prodigy: the first and the last
 *   token the span touches. A span whose boundary falls inside a token (an annotator tagged
 *   "Comey" in "Comey's") keeps its exact character offsets and gets the tokens it touches, so
 *   the token range is wider than the span; spaCy's `doc.char_span(start, end)` returns None for
 *   it, and `alignment_mode="expand"` gives the token range. A span touching no token (only
 *   whitespace, or empty) has no token fields.
 * - Spans also carry the workbench `id`, and `attributes`, `entity`, `note` when set.
 * - Relations as Prodigy's rel.manual writes them: `head`/`child` are the last token of the source
 *   and target span; `head_span`/`child_span` are the spans. The source of a relation is its head.
 *   Relation attributes, when set, ride along as `attributes`.
 * - `meta` holds document id, title, annotator and status, then the document's own meta; a
 *   document meta key that would collide with those four is written as `doc.<key>`.
 */
import type { Annotation, Attributes } from '../model';
import type { ExportBundle, ExportLayer } from './bundle';
import { compareSpans, compareStrings, indexBundle, sortedRecord } from './bundle';
import type { ExportText } from './export-text';
import type { Token } from './tokens';
import { tokenize } from './tokens';

export interface JsonlToken {
  text: string;
  start: number;
  end: number;
  id: number;
  ws: boolean;
}

export interface JsonlSpan {
  start: number;
  end: number;
  token_start?: number;
  token_end?: number;
  label: string;
  text: string;
  id: string;
  attributes?: Attributes;
  entity?: string;
  note?: string;
}

export interface JsonlRelation {
  head?: number;
  child?: number;
  head_span: JsonlSpan;
  child_span: JsonlSpan;
  label: string;
  attributes?: Attributes;
}

export interface JsonlRecord {
  text: string;
  tokens: JsonlToken[];
  spans: JsonlSpan[];
  relations: JsonlRelation[];
  meta: Record<string, string>;
  offset_unit: 'codepoint';
}

const RESERVED_META = ['id', 'title', 'annotator', 'status'];

export interface JsonlOptions {
  /** Locale for word segmentation; the root locale by default. */
  locale?: string;
}

/** The JSONL text: one line per document layer, each ending in "\n". */
export function exportJsonl(bundle: ExportBundle, options: JsonlOptions = {}): string {
  let out = '';
  for (const record of jsonlRecords(bundle, options)) out += `${JSON.stringify(record)}\n`;
  return out;
}

/** The records, one per document layer, in document id then annotator order. */
export function* jsonlRecords(
  bundle: ExportBundle,
  options: JsonlOptions = {},
): Generator<JsonlRecord> {
  for (const { doc, text, layers } of indexBundle(bundle)) {
    if (layers.length === 0) continue;
    // Tokens do not depend on the layer: segment each document once.
    const tokens = codePointTokens(tokenize(doc.text, options.locale));
    for (const layer of layers) {
      const meta: Record<string, string> = {
        id: doc.id,
        title: doc.title,
        annotator: layer.annotator,
        status: layer.status,
      };
      for (const [key, value] of Object.entries(sortedRecord(doc.meta))) {
        meta[RESERVED_META.includes(key) ? `doc.${key}` : key] = value;
      }
      const { spans, relations } = layerSpans(layer, text, tokens);
      yield { text: doc.text, tokens, spans, relations, meta, offset_unit: 'codepoint' };
    }
  }
}

/**
 * Tokens with code point offsets. Tokens cover every non-whitespace character in order, so every
 * surrogate pair lies inside a token: counting the pairs seen so far converts each offset in
 * O(1) (an OffsetConverter lookup per offset costs a third of the export).
 */
function codePointTokens(tokens: readonly Token[]): JsonlToken[] {
  let pairs = 0;
  return tokens.map((t, id) => {
    const start = t.start - pairs;
    for (let k = 0; k < t.text.length; k++) {
      const unit = t.text.charCodeAt(k);
      if (unit >= 0xd800 && unit <= 0xdbff) {
        const next = t.text.charCodeAt(k + 1);
        if (next >= 0xdc00 && next <= 0xdfff) pairs++;
      }
    }
    return { text: t.text, start, end: t.end - pairs, id, ws: t.ws };
  });
}

function layerSpans(layer: ExportLayer, text: ExportText, tokens: readonly JsonlToken[]) {
  const byId = new Map<string, JsonlSpan>();
  const spans = [...layer.annotations].sort(compareSpans).map((a) => {
    const span = toJsonlSpan(a, text, tokens, layer.annotator);
    byId.set(a.id, span);
    return span;
  });
  const relations = [...layer.relations]
    .sort((a, b) => compareStrings(a.id, b.id))
    .map((r): JsonlRelation => {
      // indexBundle has checked that both ends are in the layer.
      const head = byId.get(r.from)!;
      const child = byId.get(r.to)!;
      return {
        ...(head.token_end !== undefined && { head: head.token_end }),
        ...(child.token_end !== undefined && { child: child.token_end }),
        head_span: head,
        child_span: child,
        label: r.type,
        ...(Object.keys(r.attributes).length > 0 && { attributes: sortedRecord(r.attributes) }),
      };
    });
  return { spans, relations };
}

function toJsonlSpan(
  a: Annotation,
  text: ExportText,
  tokens: readonly JsonlToken[],
  annotator: string,
): JsonlSpan {
  const { start, end, text: covered } = text.span(a.start, a.end, `span "${a.id}" of ${annotator}`);
  const first = firstTokenEndingAfter(tokens, start);
  const last = firstTokenStartingAtOrAfter(tokens, end) - 1;
  const touches = start < end && first <= last;
  return {
    start,
    end,
    ...(touches && { token_start: first, token_end: last }),
    label: a.label,
    text: covered,
    id: a.id,
    ...(Object.keys(a.attributes).length > 0 && { attributes: sortedRecord(a.attributes) }),
    ...(a.entity !== undefined && { entity: a.entity }),
    ...(a.note !== undefined && { note: a.note }),
  };
}

/** Index of the first token whose end is after `offset` (tokens.length when none). */
function firstTokenEndingAfter(tokens: readonly JsonlToken[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first token starting at or after `offset` (tokens.length when none). */
function firstTokenStartingAtOrAfter(tokens: readonly JsonlToken[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
