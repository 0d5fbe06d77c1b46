/**
 * What every importer produces and the checks they share. An importer reads one file and
 * returns either all of its annotations as drafts for the project, or the list of problems and
 * nothing else: a file is imported whole or not at all, so a half-read file never mixes into a
 * project.
 *
 * Drafts carry UTF-16 offsets into the project's document text (the app's unit); files carry
 * Unicode code points. Offsets are converted exactly and checked against the span text the file
 * gives; a mismatch is a problem, never a guess.
 */
import type { Attributes, DocumentRecord } from '../model';
import { OffsetConverter } from '../offsets';

/** A span to create in a project document. */
export interface SpanDraft {
  /** Project document id. */
  doc: string;
  label: string;
  /** UTF-16 code units into the project's document text, half-open. */
  start: number;
  end: number;
  attributes: Attributes;
  entity?: string;
  /** A Wikidata id the file linked the span to, for the caller to resolve to an entity. */
  qid?: string;
  note?: string;
  /** Who made the span, when the file says. */
  annotator?: string;
  /**
   * The span's own workbench id, when the file carries one (a workbench export does): an import
   * into that annotator's layer keeps it, so importing the same file again finds the span.
   */
  id?: string;
  /** The span's id in the file, unique within the import; relations refer to it. */
  key: string;
}

/** A relation between two drafts of the same import, by their keys. */
export interface RelationDraft {
  doc: string;
  type: string;
  from: string;
  to: string;
  attributes: Attributes;
  annotator?: string;
}

export interface ImportProblem {
  file: string;
  /** Where in the file: "line 3", or a JSON path such as documents[1].annotations[4]. */
  where?: string;
  message: string;
}

export type ImportOutcome =
  | { ok: true; file: string; spans: SpanDraft[]; relations: RelationDraft[] }
  | { ok: false; file: string; problems: ImportProblem[] };

/** The project documents an import is matched against. */
export type ImportDocument = Pick<DocumentRecord, 'id' | 'text' | 'meta'>;

/** Collects problems for one file; `outcome` applies the all-or-nothing rule. */
export class ProblemList {
  readonly problems: ImportProblem[] = [];

  constructor(readonly file: string) {}

  add(where: string | undefined, message: string): void {
    this.problems.push({ file: this.file, ...(where !== undefined && { where }), message });
  }

  outcome(spans: SpanDraft[], relations: RelationDraft[]): ImportOutcome {
    if (this.problems.length > 0) return { ok: false, file: this.file, problems: this.problems };
    return { ok: true, file: this.file, spans, relations };
  }
}

/**
 * Finds the project document a record belongs to: by id (the record's id or meta.id), else by
 * identical text. A record whose text differs from the document its id names is refused: its
 * offsets were counted on another text.
 */
export class DocumentMatcher {
  private readonly byId = new Map<string, ImportDocument>();
  private readonly byText = new Map<string, ImportDocument[]>();
  private readonly converters = new Map<string, OffsetConverter>();

  constructor(documents: readonly ImportDocument[]) {
    for (const doc of documents) {
      this.byId.set(doc.id, doc);
      this.byText.set(doc.text, [...(this.byText.get(doc.text) ?? []), doc]);
    }
  }

  /** The matching document, or a sentence saying why there is none. */
  match(ids: ReadonlyArray<string | undefined>, text: string | undefined): ImportDocument | string {
    for (const id of ids) {
      if (id === undefined) continue;
      const doc = this.byId.get(id);
      if (!doc) continue;
      if (text !== undefined && text !== doc.text) {
        return `its text differs from the project's document "${id}" (${describeDifference(doc.text, text)}); its offsets would point at the wrong characters`;
      }
      return doc;
    }
    const named = ids.filter((id) => id !== undefined);
    if (text === undefined) {
      return named.length > 0
        ? `the project has no document "${named.join('" or "')}"`
        : 'it names no document and carries no text to find one by';
    }
    const same = this.byText.get(text) ?? [];
    if (same.length === 1) return same[0]!;
    if (same.length > 1) {
      return `its text matches several project documents (${same.map((d) => d.id).join(', ')}); give the document id`;
    }
    return named.length > 0
      ? `the project has no document "${named.join('" or "')}" and none with the same text`
      : 'no project document has the same text';
  }

  /** The document with this id (for formats that name documents by file or IRI only). */
  byIdOnly(id: string): ImportDocument | undefined {
    return this.byId.get(id);
  }

  /**
   * UTF-16 offsets of the code point range [start, end) in `doc`, checked against `text` when
   * the file gives the span's text; a sentence saying what is wrong otherwise.
   */
  span(
    doc: ImportDocument,
    start: unknown,
    end: unknown,
    text?: string,
  ): { start: number; end: number } | string {
    let converter = this.converters.get(doc.id);
    if (!converter) {
      converter = new OffsetConverter(doc.text);
      this.converters.set(doc.id, converter);
    }
    const length = converter.codePointLength;
    if (!Number.isInteger(start) || !Number.isInteger(end)) {
      return `offsets ${String(start)}–${String(end)} are not whole numbers`;
    }
    const [s, e] = [start as number, end as number];
    if (s < 0 || s > e || e > length) {
      return `offsets ${s}–${e} do not fit document "${doc.id}" (${length} code points)`;
    }
    const u16 = { start: converter.toUtf16(s), end: converter.toUtf16(e) };
    const selected = doc.text.slice(u16.start, u16.end);
    if (text !== undefined && selected !== text) {
      return `offsets ${s}–${e} select ${JSON.stringify(selected)} in document "${doc.id}", but the span's text is ${JSON.stringify(text)} (offsets counted in another unit, or on another text?)`;
    }
    return u16;
  }
}

/** Where two texts first differ, for a message. */
function describeDifference(expected: string, actual: string): string {
  let i = 0;
  while (i < expected.length && i < actual.length && expected[i] === actual[i]) i++;
  const around = (s: string) => JSON.stringify(s.slice(Math.max(0, i - 10), i + 10));
  if (i === expected.length && i === actual.length) return 'no difference';
  return `first difference at UTF-16 position ${i}: ${around(actual)} instead of ${around(expected)}`;
}

/** The 1-based line of a character offset, for JSON syntax errors. */
export function lineOf(content: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < content.length; i++) if (content.charCodeAt(i) === 10) line++;
  return line;
}

/** JSON.parse with a message that names the line, or the parsed value. */
export function parseJson(content: string): { value: unknown } | { error: string; line?: number } {
  try {
    return { value: JSON.parse(content) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    return position
      ? { error: `not valid JSON: ${message}`, line: lineOf(content, Number(position[1])) }
      : { error: `not valid JSON: ${message}` };
  }
}
