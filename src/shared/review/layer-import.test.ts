import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { spanText } from '../../main/store/span-text';
import { fixtureBundle } from '../formats/fixtures';
import { buildJsonExport, type JsonExport } from '../formats/json';
import type { Annotation } from '../model';
import { layerChange, readColleagueLayers, type LayerImportInput } from './layer-import';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const BUNDLE = fixtureBundle(sha256);
const DOCUMENTS = BUNDLE.documents;

function exported(edit?: (file: JsonExport) => void): string {
  const file = buildJsonExport(BUNDLE);
  edit?.(file);
  return JSON.stringify(file, null, 2);
}

function read(overrides: Partial<LayerImportInput> = {}) {
  return readColleagueLayers({
    fileName: 'team.json',
    content: exported(),
    documents: DOCUMENTS,
    self: 'carol',
    spanContext: spanText,
    ...overrides,
  });
}

describe('readColleagueLayers', () => {
  it("gives back every annotator's layer of every document as stored: ids, UTF-16 offsets, times, origin, status", () => {
    const plan = read();
    expect(plan.annotators).toEqual(['alice', 'bob']);
    expect(plan.notes).toEqual([]);
    // Two annotators × three documents, empty layers included (they say "marked nothing").
    expect(plan.layers.map((l) => `${l.annotator}:${l.doc}:${l.status}`).sort()).toEqual([
      'alice:doc-crlf:done',
      'alice:doc-emoji:done',
      'alice:doc-empty:todo',
      'bob:doc-crlf:todo',
      'bob:doc-emoji:in_progress',
      'bob:doc-empty:todo',
    ]);
    for (const original of BUNDLE.layers) {
      const layer = plan.layers.find(
        (l) => l.annotator === original.annotator && l.doc === original.doc,
      )!;
      const byId = (list: readonly Annotation[]) =>
        [...list].sort((a, b) => (a.id < b.id ? -1 : 1));
      const doc = DOCUMENTS.find((d) => d.id === original.doc)!;
      expect(byId(layer.annotations)).toEqual(
        byId(original.annotations).map((a) => ({ ...a, ...spanText(doc.text, a.start, a.end) })),
      );
      expect(layer.relations.map((r) => r.id).sort()).toEqual(
        original.relations.map((r) => r.id).sort(),
      );
    }
  });

  it('skips the importer’s own layer and says so', () => {
    const plan = read({ self: 'alice' });
    expect(plan.annotators).toEqual(['bob']);
    expect(plan.layers.every((l) => l.annotator === 'bob')).toBe(true);
    expect(plan.notes.join(' ')).toMatch(/Skipped the layer of "alice" in team\.json/);
  });

  it.each([
    [{ self: 'alice', annotators: ['alice'] }, /"alice", which is your own annotator name/],
    [{ annotators: ['dave'] }, /has no layer of "dave" \(it has: alice, bob\)/],
  ])('refuses %j', (overrides, message) => {
    expect(() => read(overrides)).toThrow(message);
  });

  it('refuses a file that holds only the importer’s own layer', () => {
    const onlyBob = exported((file) => {
      for (const doc of file.documents)
        doc.annotations = doc.annotations.filter((a) => a.annotator === 'bob');
      for (const doc of file.documents)
        doc.relations = doc.relations.filter((r) => r.annotator === 'bob');
      for (const doc of file.documents) delete doc.status['alice'];
      file.annotators = ['bob'];
    });
    expect(() => read({ self: 'bob', content: onlyBob })).toThrow(/holds only your own layer/);
  });

  it('refuses a document whose text differs from the project’s, naming it; nothing is returned', () => {
    const content = exported((file) => {
      file.documents[1]!.text = file.documents[1]!.text.replace('Comey', 'Comry');
    });
    expect(() => read({ content })).toThrow(
      /team\.json was not imported, nothing changed: documents\[1\]: document "doc-emoji" cannot be matched: its text differs/,
    );
  });

  it('matches a document by identical text when its id is another', () => {
    const content = exported((file) => {
      file.documents[1]!.id = 'renamed-elsewhere';
    });
    const plan = read({ content });
    expect(plan.layers.filter((l) => l.doc === 'doc-emoji')).toHaveLength(2);
  });

  it('leaves out a document the project lacks only when it holds nothing of the imported annotators', () => {
    const project = DOCUMENTS.filter((d) => d.id !== 'doc-empty');
    const plan = read({ documents: project });
    expect(plan.notes.join(' ')).toMatch(/1 document\(s\) in team\.json are not in this project/);
    expect(() => read({ documents: DOCUMENTS.filter((d) => d.id !== 'doc-crlf') })).toThrow(
      /document "doc-crlf" cannot be matched: the project has no document "doc-crlf" and none with the same text/,
    );
  });

  it('refuses a span whose text is not what its code point offsets select', () => {
    const content = exported((file) => {
      const span = file.documents[1]!.annotations[0]!;
      span.end += 1;
    });
    expect(() => read({ content })).toThrow(
      /documents\[1\]\.annotations\[0\]: span "[a-z0-9]+" of \w+: offsets/,
    );
  });

  it.each([
    [
      'not JSON',
      '{"format": ',
      /team\.json was not imported, nothing changed: (line \d+: )?not valid JSON/,
    ],
    ['another tool', '{"documents": []}', /not an Annotation Workbench JSON export/],
    [
      'a newer format',
      exported((file) => ((file.format as { version: number }).version = 2)),
      /written by a newer workbench \(export format 2/,
    ],
    [
      'a curated export',
      exported((file) => (file.curated = true)),
      /curated \(gold\) export, not annotators’ layers/,
    ],
    [
      'a relation to a missing span',
      exported((file) => {
        file.documents[1]!.relations[0]!.to = 'nowhere';
      }),
      /relation "r\d" joins span "nowhere"/,
    ],
  ])('refuses %s', (_name, content, message) => {
    expect(() => read({ content })).toThrow(message);
  });
});

describe('layerChange', () => {
  const a = BUNDLE.layers[0]!.annotations;
  it('counts spans added, changed and removed, by id', () => {
    const incoming = [...a.slice(1, 4), { ...a[4]!, label: 'Claim' }, { ...a[5]!, id: 'new-one' }];
    expect(layerChange(a, incoming)).toEqual({ added: 1, changed: 1, removed: a.length - 4 });
    expect(layerChange(a, a)).toEqual({ added: 0, changed: 0, removed: 0 });
  });
});
