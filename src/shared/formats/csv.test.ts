import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExportFile } from './bundle';
import { csvField, encodeCsv } from './csv';
import { exportCsv } from './csv-export';
import { fixtureBundle } from './fixtures';
import { exportJson } from './json';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const tempDir = mkdtempSync(join(tmpdir(), 'workbench-csv-'));

/** Writes the CSV files and the JSON export to a fresh folder and runs the Python check. */
function checkInPython(name: string, files: ExportFile[], json: string) {
  const dir = join(tempDir, name);
  mkdirSync(dir);
  for (const file of files) writeFileSync(join(dir, file.path), file.content, 'utf8');
  writeFileSync(join(dir, 'export.json'), json, 'utf8');
  const run = spawnSync(
    'python3',
    ['test/python/check_csv_export.py', dir, join(dir, 'export.json')],
    {
      encoding: 'utf8',
    },
  );
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** A strict RFC 4180 reader, to read back what the writer wrote. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        const quote = text.indexOf('"', i);
        if (quote < 0) throw new Error('unterminated quoted field');
        field += text.slice(i, quote);
        i = quote + 1;
        if (text[i] === '"') {
          field += '"';
          i++;
        } else break;
      }
    } else {
      const stop = text.slice(i).search(/[,\r]/);
      const end = stop < 0 ? text.length : i + stop;
      field = text.slice(i, end);
      if (/["\n]/.test(field)) throw new Error(`unquoted field holds a quote or LF: ${field}`);
      i = end;
    }
    record.push(field);
    if (text[i] === ',') i++;
    else if (text.startsWith('\r\n', i)) {
      records.push(record);
      record = [];
      i += 2;
    } else throw new Error(`expected , or CRLF at ${i}`);
  }
  if (record.length) throw new Error('last record is not terminated by CRLF');
  return records;
}

describe('csvField and encodeCsv (RFC 4180)', () => {
  const cases: Array<[string, string]> = [
    ['plain', 'plain'],
    ['', ''],
    [' leading and trailing ', ' leading and trailing '],
    ['a,b', '"a,b"'],
    ['say "no"', '"say ""no"""'],
    ['line\nbreak', '"line\nbreak"'],
    ['carriage\rreturn', '"carriage\rreturn"'],
    ['crlf\r\n', '"crlf\r\n"'],
    ['“curly” 👍🏽\u00a0nbsp', '“curly” 👍🏽\u00a0nbsp'],
  ];
  for (const [value, expected] of cases) {
    it(`writes ${JSON.stringify(value)} as ${JSON.stringify(expected)}`, () => {
      expect(csvField(value)).toBe(expected);
    });
  }

  it('ends every record, the last one too, with CRLF and reads back identically', () => {
    const rows = cases.map(([value]) => [value, 'x']);
    const text = encodeCsv(['value', 'other'], rows);
    expect(text.startsWith('value,other\r\n')).toBe(true);
    expect(text.endsWith('x\r\n')).toBe(true);
    expect(parseCsv(text)).toEqual([['value', 'other'], ...rows]);
  });

  it('refuses a row whose length differs from the header', () => {
    expect(() => encodeCsv(['a', 'b'], [['1']])).toThrow('CSV row has 1 fields, the header 2');
  });
});

describe('exportCsv', () => {
  const bundle = fixtureBundle(sha256);
  const files = exportCsv(bundle);
  const table = (name: string) => {
    const [header, ...rows] = parseCsv(files.find((f) => f.path === `${name}.csv`)!.content);
    return rows.map((row) => Object.fromEntries(header!.map((h, i) => [h, row[i]!])));
  };

  it('writes four tables and a data package that declares code point offsets', () => {
    expect(files.map((f) => f.path)).toEqual([
      'documents.csv',
      'spans.csv',
      'relations.csv',
      'statements.csv',
      'datapackage.json',
    ]);
    const pkg = JSON.parse(files[4]!.content);
    expect(pkg.offset_unit).toBe('codepoint');
    expect(pkg.resources.map((r: { encoding: string }) => r.encoding)).toEqual(
      Array(4).fill('utf-8'),
    );
    expect(files.every((f) => !f.content.startsWith('\ufeff'))).toBe(true);
  });

  it('has a row for every span and relation, with code point offsets and attribute columns', () => {
    const spans = table('spans');
    expect(spans).toHaveLength(bundle.layers.reduce((n, l) => n + l.annotations.length, 0));
    expect(table('relations')).toHaveLength(
      bundle.layers.reduce((n, l) => n + l.relations.length, 0),
    );
    const comey = spans.find((s) => s['annotator'] === 'alice' && s['id'] === 'a1')!;
    expect(comey).toMatchObject({
      document: 'doc-emoji',
      start: '3',
      end: '27',
      text: 'FBI director James Comey',
      entity: 'ent-comey',
      entity_name: 'James Comey',
      entity_qid: 'Q1373245',
      attr_kind: 'person',
      attr_stance: '',
    });
    const claim = spans.find((s) => s['id'] === 'a3')!;
    expect(claim).toMatchObject({
      attr_stance: 'oppose',
      attr_certain: 'true',
      attr_comment: 'reported, "quoted", with, commas',
      note: 'paraphrase;\tcheck "quote"',
    });
    const crossing = spans.find((s) => s['id'] === 'a9')!;
    expect(crossing['text']).toBe('terrorists.\nThe White');
  });

  it('lists every document with its metadata and its length in code points', () => {
    const length = (id: string) =>
      String(Array.from(bundle.documents.find((d) => d.id === id)!.text).length);
    expect(
      table('documents').map((d) => [
        d['document'],
        d['length'],
        d['meta_published'],
        d['meta_date'],
      ]),
    ).toEqual([
      ['doc-crlf', length('doc-crlf'), '', '2016-02-24'],
      ['doc-emoji', length('doc-emoji'), '2016-02-23', ''],
      ['doc-empty', length('doc-empty'), '', ''],
    ]);
    // The emoji document is shorter in code points than in UTF-16 units.
    expect(Number(length('doc-emoji'))).toBeLessThan(
      bundle.documents.find((d) => d.id === 'doc-emoji')!.text.length,
    );
  });

  it('derives statements: claim, actor (entity name when linked), stance, topic, date', () => {
    const rows = table('statements').map((s) => [
      s['document'],
      s['annotator'],
      s['date'],
      s['actor'],
      s['stance'],
      s['topic'],
    ]);
    expect(rows).toEqual([
      ['doc-crlf', 'alice', '2016-02-24', 'Facebook', 'support', 'encryption'],
      ['doc-crlf', 'alice', '2016-02-24', 'James Comey', 'oppose', 'encryption'],
      ['doc-emoji', 'alice', '2016-02-23', 'James Comey', 'oppose', 'encryption'],
      ['doc-emoji', 'alice', '2016-02-23', 'The White House', 'support', 'back door'],
      ['doc-emoji', 'bob', '2016-02-23', 'James Comey', 'oppose', 'encryption'],
    ]);
  });

  it('writes a BOM on request and says so in the data package', () => {
    const withBom = exportCsv(bundle, { bom: true });
    expect(
      withBom
        .filter((f) => f.path.endsWith('.csv'))
        .every((f) => f.content.startsWith('\ufeffdocument,')),
    ).toBe(true);
    expect(JSON.parse(withBom[4]!.content).resources[0].encoding).toBe('utf-8-sig');
  });

  it('reads in Python (csv module): every span slice equals the JSON export text', () => {
    const run = checkInPython('plain', files, exportJson(bundle));
    expect(run.output).toContain('all span slices match');
    expect(run.status).toBe(0);
    const bom = checkInPython('bom', exportCsv(bundle, { bom: true }), exportJson(bundle));
    expect(bom.output).toContain('all span slices match');
    expect(bom.status).toBe(0);
  });

  it('fails the Python check when offsets are UTF-16 or the BOM is undeclared (the check can fail)', () => {
    const utf16 = files.map((f) => {
      if (f.path !== 'spans.csv') return f;
      // Shift every offset on the emoji document to its UTF-16 value (+2 per emoji before it).
      return {
        ...f,
        content: f.content.replace(
          'doc-emoji,alice,a1,Actor,3,27',
          'doc-emoji,alice,a1,Actor,5,29',
        ),
      };
    });
    const shifted = checkInPython('utf16', utf16, exportJson(bundle));
    expect(shifted.status).toBe(1);
    expect(shifted.output).toMatch(/span 'a1'\): text\[5:29\]/);
    const undeclared = exportCsv(bundle).map((f) =>
      f.path.endsWith('.csv') ? { ...f, content: `\ufeff${f.content}` } : f,
    );
    const bom = checkInPython('undeclared-bom', undeclared, exportJson(bundle));
    expect(bom.status).toBe(1);
    expect(bom.output).toMatch(/header \['\\ufeffdocument'/);
  });
});
