import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WorkbenchError } from '../api';
import type { ExportBundle } from './bundle';
import { fixtureBundle, fixtureDocument, fixtureSpan } from './fixtures';
import type { JsonExport } from './json';
import { buildJsonExport, exportJson } from './json';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const tempDir = mkdtempSync(join(tmpdir(), 'workbench-json-'));

function runPython(script: string, file: string) {
  const run = spawnSync('python3', [join('test/python', script), file], { encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

function writeTemp(name: string, content: string): string {
  const file = join(tempDir, name);
  writeFileSync(file, content, 'utf8');
  return file;
}

describe('exportJson', () => {
  const bundle = fixtureBundle(sha256);
  const exported = JSON.parse(exportJson(bundle)) as JsonExport;

  it('declares the format, the offset unit and the provenance', () => {
    expect(exported.format).toEqual({ name: 'annotation-workbench', version: 1 });
    expect(exported.offset_unit).toBe('codepoint');
    expect(exported.exported_at).toBe(bundle.exportedAt);
    expect(exported.tool).toEqual(bundle.tool);
    expect(exported.codebook.revision).toBe(3);
    expect(exported.annotators).toEqual(['alice', 'bob']);
    expect(exported.curated).toBe(false);
    expect(exported.entities.map((e) => e.id)).toEqual(['ent-comey', 'ent-facebook']);
  });

  it('keeps every document, annotated or not, sorted by id', () => {
    expect(exported.documents.map((d) => d.id)).toEqual(['doc-crlf', 'doc-emoji', 'doc-empty']);
    expect(exported.documents[2]!.annotations).toEqual([]);
    expect(exported.documents[1]!.status).toEqual({ alice: 'done', bob: 'in_progress' });
  });

  it('keeps every span and every relation of every layer', () => {
    const spans = exported.documents.flatMap((d) => d.annotations).length;
    const relations = exported.documents.flatMap((d) => d.relations).length;
    expect(spans).toBe(bundle.layers.reduce((n, l) => n + l.annotations.length, 0));
    expect(relations).toBe(bundle.layers.reduce((n, l) => n + l.relations.length, 0));
  });

  it('counts offsets in code points: an emoji with skin tone is two, not four', () => {
    const doc = exported.documents.find((d) => d.id === 'doc-emoji')!;
    const comey = doc.annotations.find((a) => a.id === 'a1')!;
    // "👍🏽 " is U+1F44D U+1F3FD U+0020: three code points, five UTF-16 units.
    expect([comey.start, comey.end]).toEqual([3, 27]);
    for (const a of doc.annotations) {
      expect(Array.from(doc.text).slice(a.start, a.end).join('')).toBe(a.text);
    }
  });

  it('orders spans by start, end, label, annotator, id whatever order the layers hold them in', () => {
    const doc = exported.documents.find((d) => d.id === 'doc-emoji')!;
    const keys = doc.annotations.map((a) => [a.start, a.end, a.label, a.annotator, a.id] as const);
    const sorted = [...keys].sort(
      (x, y) =>
        x[0] - y[0] ||
        x[1] - y[1] ||
        (x[2] < y[2] ? -1 : x[2] > y[2] ? 1 : 0) ||
        (x[3] < y[3] ? -1 : x[3] > y[3] ? 1 : 0) ||
        (x[4] < y[4] ? -1 : x[4] > y[4] ? 1 : 0),
    );
    expect(keys).toEqual(sorted);
  });

  it('is byte-identical for the same data in any input order', () => {
    const shuffled: ExportBundle = {
      ...bundle,
      documents: [...bundle.documents].reverse(),
      entities: [...bundle.entities].reverse(),
      layers: [...bundle.layers].reverse().map((l) => ({
        ...l,
        annotations: [...l.annotations].reverse().map((a) => ({
          ...a,
          attributes: Object.fromEntries(Object.entries(a.attributes).reverse()),
        })),
        relations: [...l.relations].reverse(),
      })),
    };
    expect(exportJson(shuffled)).toBe(exportJson(bundle));
  });

  it('writes optional fields only when present and carries attributes, entity, note, origin', () => {
    const doc = exported.documents.find((d) => d.id === 'doc-emoji')!;
    const claim = doc.annotations.find((a) => a.id === 'a3')!;
    expect(claim.attributes).toEqual({
      certain: true,
      comment: 'reported, "quoted", with, commas',
      stance: 'oppose',
    });
    expect(claim.note).toBe('paraphrase;\tcheck "quote"');
    expect('entity' in claim).toBe(false);
    expect(doc.annotations.find((a) => a.id === 'a1')!.entity).toBe('ent-comey');
    expect(claim.origin).toEqual({ kind: 'manual' });
  });

  it('refuses a span that cuts an emoji in half, naming document and span', () => {
    const doc = fixtureDocument('d', 'x😀y', {}, sha256);
    const broken = { ...fixtureSpan(doc, 'alice', 's1', 'Actor', 'x'), end: 2 };
    const bad: ExportBundle = {
      ...bundle,
      documents: [doc],
      layers: [
        { annotator: 'alice', doc: 'd', status: 'todo', annotations: [broken], relations: [] },
      ],
    };
    expect(() => exportJson(bad)).toThrow(WorkbenchError);
    expect(() => exportJson(bad)).toThrow(/span "s1" of alice in document "d".*cuts a character/);
  });

  it('refuses a span outside the text and a layer for a document not in the export', () => {
    const doc = fixtureDocument('d', 'short', {}, sha256);
    const outside = { ...fixtureSpan(doc, 'alice', 's1', 'Actor', 'short'), end: 9 };
    const layer = { annotator: 'alice', doc: 'd', status: 'todo' as const, relations: [] };
    expect(() =>
      exportJson({ ...bundle, documents: [doc], layers: [{ ...layer, annotations: [outside] }] }),
    ).toThrow(/range 0–9 does not fit the text \(5 UTF-16 units\)/);
    expect(() =>
      exportJson({ ...bundle, documents: [], layers: [{ ...layer, annotations: [] }] }),
    ).toThrow(/document "d", which is not in the export/);
  });

  it('refuses a relation whose span is not in the layer', () => {
    const [first, ...rest] = bundle.layers;
    const dangling = { ...first!, relations: [{ ...first!.relations[0]!, to: 'gone' }] };
    expect(() => exportJson({ ...bundle, layers: [dangling, ...rest] })).toThrow(
      /relation "r1" of alice in document "doc-emoji": span "gone" is not in that layer/,
    );
  });
});

describe('the export in Python (test/python/check_json_export.py)', () => {
  const bundle = fixtureBundle(sha256);

  it('slices every span exactly: text[start:end] == span["text"], emoji, NBSP and all', () => {
    const file = writeTemp('export.json', exportJson(bundle));
    const run = runPython('check_json_export.py', file);
    expect(run.output).toContain('all slices match');
    expect(run.status).toBe(0);
  });

  it('fails on an export that counts UTF-16 units (the negative control: the check can fail)', () => {
    const utf16 = buildJsonExport(bundle);
    const source = new Map(
      bundle.layers.flatMap((l) => l.annotations.map((a) => [`${l.annotator}/${a.id}`, a])),
    );
    for (const doc of utf16.documents) {
      for (const a of doc.annotations) {
        const original = source.get(`${a.annotator}/${a.id}`)!;
        a.start = original.start;
        a.end = original.end;
      }
    }
    const run = runPython('check_json_export.py', writeTemp('utf16.json', JSON.stringify(utf16)));
    expect(run.status).toBe(1);
    expect(run.output).toMatch(/document 'doc-emoji', span 'a1': text\[5:29\] is /);
  });

  it('fails on a text that no longer matches its sha256 and on a dangling relation', () => {
    const broken = buildJsonExport(bundle);
    broken.documents[0]!.text += ' ';
    broken.documents[1]!.relations[0]!.to = 'nope';
    const run = runPython('check_json_export.py', writeTemp('broken.json', JSON.stringify(broken)));
    expect(run.status).toBe(1);
    expect(run.output).toMatch(/document 'doc-crlf': sha256 of text is/);
    expect(run.output).toMatch(/relation 'r1': its to span 'nope' is not among 'alice'/);
  });
});

// ---------------------------------------------------------------------------------------------
// resources/export.schema.json: a validator for exactly the keywords the schema uses (a test
// below fails if the schema starts using one this does not know), so that the schema and the
// exporter cannot drift apart in either direction.

type Schema = Record<string, unknown>;
const SUPPORTED = new Set([
  '$schema',
  '$id',
  'title',
  'description',
  'format', // annotations only
  '$defs',
  '$ref',
  'type',
  'required',
  'properties',
  'additionalProperties',
  'items',
  'const',
  'enum',
  'minimum',
  'minLength',
  'pattern',
]);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (Number.isInteger(value)) return 'integer';
  return typeof value;
}

function validate(root: Schema, schema: Schema, value: unknown, path: string, errors: string[]) {
  if (typeof schema['$ref'] === 'string') {
    const name = schema['$ref'].replace('#/$defs/', '');
    return validate(root, (root['$defs'] as Record<string, Schema>)[name]!, value, path, errors);
  }
  const type = schema['type'] as string | string[] | undefined;
  if (type !== undefined) {
    const allowed = Array.isArray(type) ? type : [type];
    const actual = typeOf(value);
    if (!allowed.includes(actual) && !(actual === 'integer' && allowed.includes('number'))) {
      errors.push(`${path}: expected ${allowed.join('|')}, got ${actual}`);
      return;
    }
  }
  if ('const' in schema && value !== schema['const'])
    errors.push(`${path}: expected ${String(schema['const'])}`);
  if (Array.isArray(schema['enum']) && !schema['enum'].includes(value))
    errors.push(`${path}: not in enum`);
  if (typeof schema['minimum'] === 'number' && (value as number) < schema['minimum'])
    errors.push(`${path}: below minimum`);
  if (typeof value === 'string') {
    if (typeof schema['minLength'] === 'number' && [...value].length < schema['minLength'])
      errors.push(`${path}: too short`);
    if (typeof schema['pattern'] === 'string' && !new RegExp(schema['pattern'], 'u').test(value))
      errors.push(`${path}: does not match ${schema['pattern']}`);
  }
  if (Array.isArray(value) && schema['items']) {
    value.forEach((item, i) =>
      validate(root, schema['items'] as Schema, item, `${path}[${i}]`, errors),
    );
  }
  if (typeOf(value) === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of (schema['required'] as string[] | undefined) ?? []) {
      if (!(key in record)) errors.push(`${path}: missing ${key}`);
    }
    const properties = (schema['properties'] as Record<string, Schema> | undefined) ?? {};
    for (const [key, item] of Object.entries(record)) {
      const sub = properties[key] ?? schema['additionalProperties'];
      if (sub === false) errors.push(`${path}: unexpected property ${key}`);
      else if (sub && sub !== true) validate(root, sub as Schema, item, `${path}.${key}`, errors);
    }
  }
}

function keywordsOf(schema: unknown, found = new Set<string>(), parentIsMap = false): Set<string> {
  if (Array.isArray(schema)) schema.forEach((s) => keywordsOf(s, found));
  else if (schema && typeof schema === 'object') {
    for (const [key, sub] of Object.entries(schema)) {
      if (!parentIsMap) found.add(key);
      if (key === 'enum' || key === 'const' || key === 'required') continue;
      keywordsOf(sub, found, !parentIsMap && (key === 'properties' || key === '$defs'));
    }
  }
  return found;
}

describe('resources/export.schema.json', () => {
  const schema = JSON.parse(readFileSync('resources/export.schema.json', 'utf8')) as Schema;
  const exported = buildJsonExport(fixtureBundle(sha256));
  const check = (value: unknown) => {
    const errors: string[] = [];
    validate(schema, schema, value, '$', errors);
    return errors;
  };

  it('is a draft 2020-12 schema using only keywords this test validates', () => {
    expect(schema['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
    expect([...keywordsOf(schema)].filter((k) => !SUPPORTED.has(k))).toEqual([]);
  });

  it('accepts the export (JSON round trip included)', () => {
    expect(check(JSON.parse(JSON.stringify(exported)))).toEqual([]);
  });

  it('requires exactly what the exporter always writes and forbids anything else', () => {
    const defs = schema['$defs'] as Record<string, Schema>;
    const span = exported.documents[0]!.annotations.find(
      (a) => a.entity === undefined && a.note === undefined,
    )!;
    expect(Object.keys(span).sort()).toEqual(
      [...(defs['annotation']!['required'] as string[])].sort(),
    );
    expect(Object.keys(exported).sort()).toEqual([...(schema['required'] as string[])].sort());
    expect(Object.keys(exported.documents[0]!).sort()).toEqual(
      [...(defs['document']!['required'] as string[])].sort(),
    );
    expect(Object.keys(exported.documents[0]!.relations[0]!).sort()).toEqual(
      [...(defs['relation']!['required'] as string[])].sort(),
    );
  });

  it('rejects exports that break it (the validator can fail)', () => {
    const missing = structuredClone(exported) as unknown as {
      documents: { annotations: Record<string, unknown>[] }[];
    };
    delete missing.documents[0]!.annotations[0]!['text'];
    expect(check(missing)).toEqual(['$.documents[0].annotations[0]: missing text']);
    const extra = structuredClone(exported) as unknown as Record<string, unknown>;
    extra['offset_unit'] = 'utf16';
    extra['surprise'] = 1;
    expect(check(extra)).toEqual([
      '$.offset_unit: expected codepoint',
      '$: unexpected property surprise',
    ]);
  });
});
