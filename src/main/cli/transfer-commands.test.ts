/**
 * `export` and `import-annotations` as a person runs them, on a project whose articles hold an
 * emoji with a skin tone, a non-breaking space, curly quotes and (in the source file) CRLF line
 * endings. Every export is then read by the standard-library Python checks in test/python/,
 * which assert text[start:end] == the span's text for every span, in code points.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CuratedStore } from '../store/curated-store';
import { ARTICLES, makeTransferProject, type TransferFixture } from '../services/transfer.fixture';
import { runCli } from './commands';

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function python(script: string, ...args: string[]) {
  const result = spawnSync('python3', [join('test/python', script), ...args], { encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** Every file below `dir`, relative, with its content. */
async function tree(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files[path.slice(dir.length + 1)] = await readFile(path, 'utf8');
  }
  return files;
}

interface JsonSpan {
  id: string;
  label: string;
  start: number;
  end: number;
  text: string;
  annotator: string;
  attributes: Record<string, unknown>;
  entity?: string;
  note?: string;
  origin: { kind: string };
  created: string;
}
interface JsonExport {
  curated: boolean;
  annotators: string[];
  entities: Array<{ id: string; qid?: string }>;
  documents: Array<{
    id: string;
    text: string;
    annotations: JsonSpan[];
    relations: Array<{ id: string; type: string; from: string; to: string; annotator: string }>;
  }>;
}

let fixture: TransferFixture;
let out: string;
let json: string;

beforeAll(async () => {
  fixture = await makeTransferProject();
  process.env.WORKBENCH_SETTINGS_DIR = join(fixture.base, 'cli-settings');
  out = join(fixture.base, 'out');
  json = join(out, 'all.json');
  const result = await run('export', fixture.projectDir, '--format', 'json', '--out', json);
  expect(result).toMatchObject({ code: 0, err: '' });
}, 60_000);

const readJson = async (path: string) => JSON.parse(await readFile(path, 'utf8')) as JsonExport;

describe('export, every format, read back by Python', () => {
  it('json: every annotator, offsets in code points after the emoji and NBSP', async () => {
    expect(python('check_json_export.py', json)).toMatchObject({ status: 0 });
    const data = await readJson(json);
    expect(data.annotators).toEqual(['alice', 'bob']);
    const comey = data.documents.find((d) => d.text.startsWith('Comey'))!;
    // CRLF became LF on import; the emoji with skin tone is 2 code points (4 UTF-16 units).
    expect(comey.text).not.toContain('\r');
    const trump = comey.annotations.find((a) => a.text === 'Trump')!;
    expect(trump.start).toBe(Array.from(comey.text).indexOf('T'));
    expect(data.entities).toEqual([expect.objectContaining({ qid: 'Q123' })]);
  });

  it('jsonl', async () => {
    const file = join(out, 'spans.jsonl');
    expect(
      await run('export', fixture.projectDir, '--format', 'jsonl', '--out', file),
    ).toMatchObject({ code: 0 });
    expect(python('check_jsonl_export.py', file)).toMatchObject({ status: 0 });
    const lines = (await readFile(file, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.meta.annotator).sort()).toEqual(['alice', 'alice', 'bob', 'bob']);
  });

  it('csv: a folder of tables with a data package, spans in code points', async () => {
    const dir = join(out, 'csv');
    const result = await run('export', fixture.projectDir, '--format', 'csv', '--out', dir);
    expect(result).toMatchObject({ code: 0 });
    expect(result.out).toMatch(
      /Wrote 5 file\(s\) to .*csv: 2 document\(s\), 4 layer\(s\), 9 span\(s\), 3 relation\(s\)/,
    );
    expect(python('check_csv_export.py', dir, json)).toMatchObject({ status: 0 });
    const spans = await readFile(join(dir, 'spans.csv'), 'utf8');
    expect(spans).toContain('James Comey,Q123'); // entity name and Wikidata id from the registry
    const statements = await readFile(join(dir, 'statements.csv'), 'utf8');
    expect(statements).toContain('“opposes” strong encryption');
  });

  it('webanno', async () => {
    const file = join(out, 'annotations.jsonld');
    expect(
      await run('export', fixture.projectDir, '--format', 'webanno', '--out', file),
    ).toMatchObject({ code: 0 });
    expect(python('check_webanno_export.py', file, json)).toMatchObject({ status: 0 });
  });

  it('brat: a folder per annotator, with annotation.conf', async () => {
    const dir = join(out, 'brat');
    expect(await run('export', fixture.projectDir, '--format', 'brat', '--out', dir)).toMatchObject(
      { code: 0 },
    );
    expect(python('check_brat_export.py', dir)).toMatchObject({ status: 0 });
    const files = Object.keys(await tree(dir)).sort();
    expect(files).toContain('annotation.conf');
    expect(files.filter((f) => f.startsWith('alice/'))).toHaveLength(4);
  });

  it('conll: the labels chosen, losses listed', async () => {
    const dir = join(out, 'conll');
    const result = await run(
      'export',
      fixture.projectDir,
      '--format',
      'conll',
      '--labels',
      'Actor,Claim',
      '--out',
      dir,
    );
    expect(result).toMatchObject({ code: 0 });
    expect(python('check_conll_export.py', dir, json, 'Actor,Claim')).toMatchObject({ status: 0 });
    const alice = await readFile(join(dir, 'alice.conll'), 'utf8');
    expect(alice).toContain('B-Actor');
    expect(alice).not.toContain('Policy_topic');
  });

  it('graphml: discourse networks per annotator', async () => {
    const dir = join(out, 'graphml');
    expect(
      await run('export', fixture.projectDir, '--format', 'graphml', '--out', dir),
    ).toMatchObject({ code: 0 });
    const files = Object.keys(await tree(dir)).filter((f) => f.endsWith('.graphml'));
    expect(files.sort()).toEqual([
      'alice/actor-agreement.graphml',
      'alice/actor-disagreement.graphml',
      'alice/actor-topic.graphml',
    ]);
    expect(python('check_graphml_export.py', ...files.map((f) => join(dir, f)))).toMatchObject({
      status: 0,
    });
  });

  it('exports one annotator, or chosen documents', async () => {
    const file = join(out, 'bob.json');
    expect(
      await run(
        'export',
        fixture.projectDir,
        '--format',
        'json',
        '--annotator',
        'bob',
        '--out',
        file,
      ),
    ).toMatchObject({ code: 0 });
    expect((await readJson(file)).annotators).toEqual(['bob']);
    const all = await readJson(json);
    const first = all.documents[0]!.id;
    const only = join(out, 'one.json');
    expect(
      await run('export', fixture.projectDir, '--format', 'json', '--docs', first, '--out', only),
    ).toMatchObject({ code: 0 });
    expect((await readJson(only)).documents.map((d) => d.id)).toEqual([first]);
  });

  it('exports the curated (gold) layer, once there is one', async () => {
    const file = join(out, 'gold.json');
    const none = await run(
      'export',
      fixture.projectDir,
      '--format',
      'json',
      '--curated',
      '--out',
      file,
    );
    expect(none).toMatchObject({ code: 1 });
    expect(none.err).toMatch(/no curated \(gold\) layer yet/);
    expect(existsSync(file)).toBe(false);

    const all = await readJson(json);
    const doc = all.documents.find((d) => d.annotations.length > 0)!;
    const span = doc.annotations.find((a) => a.annotator === 'alice')!;
    const layer = JSON.parse(
      await readFile(join(fixture.projectDir, 'annotations/alice', `${doc.id}.json`), 'utf8'),
    );
    const gold = layer.annotations.find((a: { id: string }) => a.id === span.id);
    const curated = new CuratedStore(fixture.projectDir);
    await curated.update(doc.id, (f) => ({
      file: {
        ...f,
        status: 'adjudicated',
        revision: f.revision + 1,
        annotations: [{ ...gold, sources: ['alice'] }],
      },
      result: undefined,
    }));
    await curated.close();

    const result = await run(
      'export',
      fixture.projectDir,
      '--format',
      'json',
      '--curated',
      '--out',
      file,
    );
    expect(result).toMatchObject({ code: 0 });
    const exported = await readJson(file);
    expect(exported.curated).toBe(true);
    expect(
      exported.documents.flatMap((d) => d.annotations).map((a) => [a.annotator, a.text]),
    ).toEqual([['curated', span.text]]);
    expect(python('check_json_export.py', file)).toMatchObject({ status: 0 });
  });
});

describe('export refuses wrong input with a clear message, writing nothing', () => {
  it.each([
    [
      ['--format', 'xml', '--out', 'OUT'],
      2,
      /--format must be one of: json, jsonl, webanno, csv, brat, conll, graphml/,
    ],
    [['--format', 'json'], 2, /--out is required: the file to write/],
    [['--format', 'csv'], 2, /--out is required: the folder to write/],
    [
      ['--format', 'json', '--out', 'OUT', '--annotator', 'carol'],
      1,
      /No annotator "carol" has a layer in this project \(annotators: alice, bob\)/,
    ],
    [
      ['--format', 'json', '--out', 'OUT', '--annotator', 'alice', '--curated'],
      2,
      /--annotator and --curated exclude each other/,
    ],
    [
      ['--format', 'json', '--out', 'OUT', '--docs', 'nope,other'],
      1,
      /The project has no document "nope", "other" \(it has 2: /,
    ],
    [['--format', 'json', '--out', 'OUT', '--docs', ','], 2, /--docs needs one or more names/],
    [
      ['--format', 'json', '--out', 'OUT', '--labels', 'Actor'],
      2,
      /--labels is for --format conll/,
    ],
    [
      ['--format', 'conll', '--out', 'OUT', '--labels', 'Actor,Person'],
      1,
      /The codebook has no label "Person" \(labels: "Actor", "Claim", "Policy topic"\)/,
    ],
    [
      ['--format', 'brat', '--out', 'FOREIGN'],
      1,
      /is not empty and holds no earlier export of the workbench; nothing was written/,
    ],
    [['--format', 'json', '--out', 'FOREIGN'], 1, /is a folder; this format is one file/],
    [['--format', 'json', '--out', 'OUT', '--colour'], 2, /Unknown option '--colour'/],
  ])('export %j', async (args, code, message) => {
    const foreign = join(fixture.base, 'foreign');
    await mkdir(foreign, { recursive: true });
    await writeFile(join(foreign, 'thesis.txt'), 'mine');
    const target = join(fixture.base, 'refused-out');
    const before = await tree(fixture.projectDir);
    const argv = args.map((a) => (a === 'OUT' ? target : a === 'FOREIGN' ? foreign : a));
    const result = await run('export', fixture.projectDir, ...argv);
    expect(result.code).toBe(code);
    expect(result.err).toMatch(message);
    expect(existsSync(target)).toBe(false);
    expect(await tree(foreign)).toEqual({ 'thesis.txt': 'mine' });
    expect(await tree(fixture.projectDir)).toEqual(before);
  });
});

describe('import-annotations', () => {
  let fresh: string;
  beforeEach(async () => {
    // A second project over the same articles, without annotations.
    fresh = await mkdtemp(join(tmpdir(), 'awb-import-'));
    const corpus = join(fresh, 'corpus');
    await mkdir(corpus);
    for (const [name, text] of Object.entries(ARTICLES)) await writeFile(join(corpus, name), text);
    expect(await run('init', join(fresh, 'project'), '--corpus', corpus)).toMatchObject({
      code: 0,
    });
    fresh = join(fresh, 'project');
  });

  /** What must survive a round trip: the spans and relations, by annotator and document. */
  const content = (data: JsonExport, keepIds: boolean) =>
    data.documents.map((d) => {
      const spans = new Map(
        d.annotations.map((a) => [a.id, `${a.annotator}:${a.start}-${a.end}:${a.label}`]),
      );
      return {
        id: d.id,
        spans: d.annotations
          .map((a) => ({
            ...(keepIds && { id: a.id }),
            annotator: a.annotator,
            label: a.label,
            start: a.start,
            end: a.end,
            text: a.text,
            attributes: a.attributes,
            entity: a.entity,
            note: a.note,
          }))
          .sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y))),
        relations: d.relations
          .map((r) => `${r.annotator} ${r.type} ${spans.get(r.from)} → ${spans.get(r.to)}`)
          .sort(),
      };
    });

  /** Spans added and already there per annotator, summed over the files of the output. */
  const added = (output: string) => {
    const totals: Record<string, [number, number]> = {};
    for (const [, who, n, there] of output.matchAll(
      /(\w+): (\d+) span\(s\) added, (\d+) already there/g,
    )) {
      const t = (totals[who!] ??= [0, 0]);
      t[0] += Number(n);
      t[1] += Number(there);
    }
    return totals;
  };

  async function exportFresh(): Promise<JsonExport> {
    const file = join(fresh, '..', `check-${Math.random().toString(16).slice(2)}.json`);
    expect(await run('export', fresh, '--format', 'json', '--out', file)).toMatchObject({
      code: 0,
    });
    return readJson(file);
  }

  it.each([
    ['jsonl', 'spans.jsonl', true],
    ['webanno', 'annotations.jsonld', true],
    ['brat', 'brat', false],
  ])(
    '%s: export → import into a fresh project gives the same annotations; again adds nothing',
    async (format, path, keepIds) => {
      const exported = format === 'brat' ? join(out, 'brat') : join(out, path);
      if (!existsSync(exported)) {
        expect(
          await run('export', fixture.projectDir, '--format', format, '--out', exported),
        ).toMatchObject({ code: 0 });
      }
      const first = await run('import-annotations', fresh, exported, '--format', format);
      expect(first).toMatchObject({ code: 0, err: '' });
      expect(added(first.out)).toEqual({ alice: [7, 0], bob: [2, 0] });
      const original = await readJson(json);
      const back = await exportFresh();
      expect(content(back, keepIds)).toEqual(content(original, keepIds));
      expect(
        back.documents.flatMap((d) => d.annotations).every((a) => a.origin.kind === 'imported'),
      ).toBe(true);

      const again = await run('import-annotations', fresh, exported, '--format', format);
      expect(added(again.out)).toEqual({ alice: [0, 7], bob: [0, 2] });
      expect(again.out).not.toMatch(/[1-9] relation\(s\) added/);
      expect(content(await exportFresh(), true)).toEqual(content(back, true));
    },
  );

  it('json: colleagues’ layers come back exactly, ids and times included', async () => {
    const result = await run('import-annotations', fresh, json, '--format', 'json');
    expect(result).toMatchObject({ code: 0 });
    expect(result.out).toMatch(/alice: 7 span\(s\) added/);
    const original = await readJson(json);
    const back = await exportFresh();
    const withTimes = (d: JsonExport) =>
      d.documents.map((doc) => ({ spans: doc.annotations, relations: doc.relations }));
    expect(withTimes(back)).toEqual(withTimes(original));
  });

  it('imports into the layer named with --annotator', async () => {
    const file = join(out, 'alice-only.jsonl');
    await run(
      'export',
      fixture.projectDir,
      '--format',
      'jsonl',
      '--annotator',
      'alice',
      '--out',
      file,
    );
    const result = await run(
      'import-annotations',
      fresh,
      file,
      '--format',
      'jsonl',
      '--annotator',
      'carol',
    );
    expect(result).toMatchObject({ code: 0 });
    expect(result.out).toMatch(/carol: 7 span\(s\) added/);
    expect((await exportFresh()).annotators).toEqual(['carol']);
  });

  it('imports one brat .ann with the .txt beside it', async () => {
    const dir = join(out, 'brat-single');
    await run('export', fixture.projectDir, '--format', 'brat', '--annotator', 'bob', '--out', dir);
    const ann = (await readdir(join(dir, 'bob'))).find((f) => f.endsWith('.ann'))!;
    const result = await run(
      'import-annotations',
      fresh,
      join(dir, 'bob', ann),
      '--format',
      'brat',
      '--annotator',
      'bob',
    );
    expect(result).toMatchObject({ code: 0 });
    expect(result.out).toMatch(/bob: 1 span\(s\) added/);
  });

  it('refuses a record whose text differs, naming file, line and problem, importing nothing', async () => {
    const lines = (await readFile(join(out, 'spans.jsonl'), 'utf8')).split('\n');
    const record = JSON.parse(lines[2]!);
    record.text = record.text.replace('Comey', 'Comley');
    lines[2] = JSON.stringify(record);
    const file = join(out, 'edited.jsonl');
    await writeFile(file, lines.join('\n'));
    const before = await tree(fresh);
    const result = await run('import-annotations', fresh, file, '--format', 'jsonl');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/refused {2}edited\.jsonl: nothing imported from it/);
    expect(result.err).toMatch(
      /line 3: record "comey-encryption" cannot be imported: its text differs from the project's document "[\w-]+" \(first difference at UTF-16 position \d+: "[^"]*Comley/,
    );
    expect(await tree(fresh)).toEqual(before);
  });

  it('refuses a span that would overwrite another version of it', async () => {
    const file = join(out, 'spans.jsonl');
    await run('import-annotations', fresh, file, '--format', 'jsonl');
    const changed = (await readFile(file, 'utf8')).replace(
      '"stance":"oppose"',
      '"stance":"support"',
    );
    await writeFile(join(out, 'changed.jsonl'), changed);
    const before = await tree(fresh);
    const result = await run(
      'import-annotations',
      fresh,
      join(out, 'changed.jsonl'),
      '--format',
      'jsonl',
    );
    expect(result.code).toBe(1);
    expect(result.err).toMatch(
      /is already in alice's layer and the file has another version of it \(attributes \{"stance":"support"\} instead of \{"stance":"oppose"\}\); importing would overwrite it/,
    );
    expect(await tree(fresh)).toEqual(before);
  });

  it.each([
    [['PATH'], 2, /--format must be one of: json, jsonl, webanno, brat \(got null\)/],
    [['PATH', '--format', 'conll'], 2, /--format must be one of/],
    [['MISSING', '--format', 'jsonl'], 1, /No such file or folder: .*missing\.jsonl/],
    [['FOLDER', '--format', 'jsonl'], 1, /is a folder; --format jsonl reads one file/],
    [
      ['PATH', '--format', 'jsonl', '--annotator', 'bad name'],
      1,
      /"bad name" cannot name a layer: an annotator name is a folder name/,
    ],
    [['JSON', '--format', 'jsonl', '--annotator', 'carol'], 1, /not a spaCy\/Prodigy record/],
    [
      ['PATH', '--format', 'jsonl', '--annotator', 'carol', '--extra'],
      2,
      /Unknown option '--extra'/,
    ],
  ])('import-annotations %j refuses, changing nothing', async (args, code, message) => {
    const all = join(out, 'spans.jsonl');
    const argv = args.map((a) =>
      a === 'PATH'
        ? all
        : a === 'MISSING'
          ? join(out, 'missing.jsonl')
          : a === 'FOLDER'
            ? out
            : a === 'JSON'
              ? json
              : a,
    );
    const before = await tree(fresh);
    const result = await run('import-annotations', fresh, ...argv);
    expect(result.code).toBe(code);
    expect(result.err).toMatch(message);
    expect(await tree(fresh)).toEqual(before);
  });

  it('refuses to merge several annotators into one layer', async () => {
    const result = await run(
      'import-annotations',
      fresh,
      join(out, 'spans.jsonl'),
      '--format',
      'jsonl',
      '--annotator',
      'carol',
    );
    expect(result.code).toBe(1);
    expect(result.err).toMatch(
      /holds the spans of alice, bob; importing them all into carol's layer would merge several people's work/,
    );
  });

  it('reads a copy of the brat folder with a README beside the data', async () => {
    const copy = join(fresh, '..', 'brat-copy');
    await cp(join(out, 'brat'), copy, { recursive: true });
    await writeFile(join(copy, 'README.txt'), 'exported for the 2024 study');
    const result = await run('import-annotations', fresh, copy, '--format', 'brat');
    expect(result).toMatchObject({ code: 0 });
  });
});
