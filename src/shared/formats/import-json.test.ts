import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fixtureBundle } from './fixtures';
import type { ImportOutcome } from './import-draft';
import { importJson } from './import-json';
import { buildJsonExport, exportJson } from './json';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const bundle = fixtureBundle(sha256);
const problemsOf = (outcome: ImportOutcome) => (outcome.ok ? [] : outcome.problems);

describe('importJson', () => {
  it('reads every span and relation back at UTF-16 offsets', () => {
    const outcome = importJson('export.json', exportJson(bundle), bundle.documents);
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
    expect(outcome.spans).toHaveLength(bundle.layers.reduce((n, l) => n + l.annotations.length, 0));
    expect(outcome.relations).toHaveLength(
      bundle.layers.reduce((n, l) => n + l.relations.length, 0),
    );
    // "👍🏽 " is five UTF-16 units: code point 3 in the file is UTF-16 offset 5 in the app.
    expect(outcome.spans.find((s) => s.key === 'doc-emoji/alice/a1')).toMatchObject({
      start: 5,
      end: 29,
      label: 'Actor',
      entity: 'ent-comey',
    });
  });

  it('matches a document by identical text when its id is unknown', () => {
    const renamed = buildJsonExport(bundle);
    renamed.documents.find((d) => d.id === 'doc-crlf')!.id = 'copy-of-crlf';
    const outcome = importJson('export.json', JSON.stringify(renamed), bundle.documents);
    expect(outcome.ok && outcome.spans.filter((s) => s.doc === 'doc-crlf').length).toBe(5);
  });

  it('refuses a document whose text differs from the project document of that id, and imports nothing', () => {
    const edited = buildJsonExport(bundle);
    edited.documents[1]!.text = edited.documents[1]!.text.replace('director', 'Director');
    const outcome = importJson('edited.json', JSON.stringify(edited), bundle.documents);
    expect(outcome.ok).toBe(false);
    expect(problemsOf(outcome)).toEqual([
      {
        file: 'edited.json',
        where: 'documents[1]',
        message:
          'document "doc-emoji" cannot be imported: its text differs from the project\'s document "doc-emoji" (first difference at UTF-16 position 9: "👍🏽 FBI Director J" instead of "👍🏽 FBI director J"); its offsets would point at the wrong characters',
      },
    ]);
  });

  it('reports offsets that do not select the span text (UTF-16 offsets in the file), never guessing', () => {
    const utf16 = buildJsonExport(bundle);
    const span = utf16.documents[1]!.annotations.find(
      (a) => a.id === 'a1' && a.annotator === 'alice',
    )!;
    span.start = 5;
    span.end = 29;
    const outcome = importJson('utf16.json', JSON.stringify(utf16), bundle.documents);
    expect(outcome.ok).toBe(false);
    const [problem] = problemsOf(outcome);
    expect(problem!.where).toMatch(/^documents\[1\]\.annotations\[\d+\]$/);
    expect(problem!.message).toBe(
      'span "a1": offsets 5–29 select "I director James Comey 😀" in document "doc-emoji", but the span\'s text is "FBI director James Comey" (offsets counted in another unit, or on another text?)',
    );
  });

  it('names the line of a JSON syntax error, and refuses other formats and units', () => {
    const broken = importJson(
      'broken.json',
      '{\n  "format": {\n    "name" 1\n  }\n}',
      bundle.documents,
    );
    expect(problemsOf(broken)[0]).toMatchObject({
      file: 'broken.json',
      where: 'line 3',
      message: expect.stringMatching(/^not valid JSON: Expected ':' after property name/),
    });
    const unit = { ...buildJsonExport(bundle), offset_unit: 'utf16' };
    expect(
      problemsOf(importJson('u.json', JSON.stringify(unit), bundle.documents))[0]!.message,
    ).toMatch(/^not an Annotation Workbench JSON export .*offset_unit/);
  });
});
