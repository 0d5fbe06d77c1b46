import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExportBundle } from './bundle';
import { fixtureBundle, fixtureDocument, fixtureRelation, fixtureSpan } from './fixtures';
import type { JsonlRecord } from './jsonl';
import { exportJsonl } from './jsonl';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const tempDir = mkdtempSync(join(tmpdir(), 'workbench-jsonl-'));

function checkInPython(name: string, content: string) {
  const file = join(tempDir, name);
  writeFileSync(file, content, 'utf8');
  const run = spawnSync('python3', ['test/python/check_jsonl_export.py', file], {
    encoding: 'utf8',
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

const parse = (jsonl: string) =>
  jsonl
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as JsonlRecord);

/** One document, one layer, the given spans (label, quote) in order. */
function singleDocBundle(text: string, spans: Array<[string, string]>): ExportBundle {
  const doc = fixtureDocument('d1', text, { published: '2016-02-23' }, sha256);
  const annotations = spans.map(([label, quote], i) =>
    fixtureSpan(doc, 'alice', `s${i}`, label, quote),
  );
  return {
    ...fixtureBundle(sha256),
    documents: [doc],
    layers: [{ annotator: 'alice', doc: 'd1', status: 'done', annotations, relations: [] }],
  };
}

describe('exportJsonl', () => {
  const bundle = fixtureBundle(sha256);
  const jsonl = exportJsonl(bundle);
  const records = parse(jsonl);

  it('writes one line per document layer, skipping documents nobody annotated', () => {
    expect(jsonl.endsWith('\n')).toBe(true);
    expect(records.map((r) => [r.meta['id'], r.meta['annotator']])).toEqual([
      ['doc-crlf', 'alice'],
      ['doc-emoji', 'alice'],
      ['doc-emoji', 'bob'],
    ]);
    expect(records.every((r) => r.offset_unit === 'codepoint')).toBe(true);
  });

  it('keeps every span of every layer', () => {
    for (const layer of bundle.layers) {
      const record = records.find(
        (r) => r.meta['id'] === layer.doc && r.meta['annotator'] === layer.annotator,
      )!;
      expect(record.spans.map((s) => s.id).sort()).toEqual(
        layer.annotations.map((a) => a.id).sort(),
      );
      expect(record.relations).toHaveLength(layer.relations.length);
    }
  });

  it('passes the Python check: token rebuild, code point slices, inclusive token ranges', () => {
    const run = checkInPython('export.jsonl', jsonl);
    expect(run.output).toContain('all slices and token ranges match');
    expect(run.status).toBe(0);
  });

  it('fails the Python check when token_end is written exclusive (the check can fail)', () => {
    const exclusive = records.map((r) => ({
      ...r,
      spans: r.spans.map((s) => ({ ...s, token_end: (s.token_end ?? 0) + 1 })),
    }));
    const run = checkInPython(
      'exclusive.jsonl',
      exclusive.map((r) => JSON.stringify(r)).join('\n'),
    );
    expect(run.status).toBe(1);
    expect(run.output).toMatch(/span 'a1': token_start\/token_end \(\d+, \d+\), expected/);
  });

  it('gives a span its tokens, inclusive, in code points after an emoji', () => {
    const record = parse(
      exportJsonl(singleDocBundle('👍🏽 FBI director James Comey said', [['Actor', 'James Comey']])),
    )[0]!;
    expect(record.tokens.map((t) => t.text)).toEqual([
      '👍🏽',
      'FBI',
      'director',
      'James',
      'Comey',
      'said',
    ]);
    expect(record.tokens[1]).toEqual({ text: 'FBI', start: 3, end: 6, id: 1, ws: true });
    expect(record.spans[0]).toMatchObject({
      start: 16,
      end: 27,
      token_start: 3,
      token_end: 4,
      text: 'James Comey',
    });
    expect(record.meta).toEqual({
      id: 'd1',
      title: 'd1',
      annotator: 'alice',
      status: 'done',
      published: '2016-02-23',
    });
  });

  it('widens the token range of a span that ends inside a token, keeping its exact characters', () => {
    const record = parse(exportJsonl(singleDocBundle("Comey's view", [['Actor', 'Comey']])))[0]!;
    expect(record.tokens.map((t) => t.text)).toEqual(["Comey's", 'view']);
    expect(record.spans[0]).toMatchObject({
      start: 0,
      end: 5,
      token_start: 0,
      token_end: 0,
      text: 'Comey',
    });
  });

  it('writes no token range for a span that touches no token', () => {
    const record = parse(exportJsonl(singleDocBundle('a b', [['Actor', ' ']])))[0]!;
    expect(record.spans[0]).toEqual({ start: 1, end: 2, label: 'Actor', text: ' ', id: 's0' });
  });

  it("writes relations as Prodigy does: head/child are the spans' last tokens", () => {
    const base = singleDocBundle('Comey said encryption matters', [
      ['Actor', 'Comey'],
      ['Claim', 'encryption matters'],
    ]);
    const [actor, claim] = base.layers[0]!.annotations;
    const withRelation: ExportBundle = {
      ...base,
      layers: [
        { ...base.layers[0]!, relations: [fixtureRelation(claim!, actor!, 'r1', 'made by')] },
      ],
    };
    const record = parse(exportJsonl(withRelation))[0]!;
    expect(record.relations).toEqual([
      {
        head: 3,
        child: 0,
        head_span: record.spans[1],
        child_span: record.spans[0],
        label: 'made by',
      },
    ]);
  });

  it('renames document meta keys that would collide with its own', () => {
    const base = singleDocBundle('x', []);
    const doc = { ...base.documents[0]!, meta: { id: 'source-42', section: 'World' } };
    const record = parse(exportJsonl({ ...base, documents: [doc] }))[0]!;
    expect(record.meta).toEqual({
      id: 'd1',
      title: 'd1',
      annotator: 'alice',
      status: 'done',
      'doc.id': 'source-42',
      section: 'World',
    });
  });
});
