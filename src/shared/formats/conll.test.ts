import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExportBundle, ExportFile } from './bundle';
import { exportConll } from './conll';
import { fixtureBundle, fixtureDocument, fixtureSpan } from './fixtures';
import { exportJson } from './json';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const tempDir = mkdtempSync(join(tmpdir(), 'workbench-conll-'));
const LABELS = ['Actor', 'Claim', 'Policy topic'];

function checkInPython(name: string, files: ExportFile[], bundle: ExportBundle, labels = LABELS) {
  const dir = join(tempDir, name);
  mkdirSync(dir);
  for (const file of files) writeFileSync(join(dir, file.path), file.content, 'utf8');
  writeFileSync(join(dir, 'export.json'), exportJson(bundle), 'utf8');
  const run = spawnSync(
    'python3',
    ['test/python/check_conll_export.py', dir, join(dir, 'export.json'), labels.join(',')],
    {
      encoding: 'utf8',
    },
  );
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

function single(text: string, spans: Array<[string, string]>): ExportBundle {
  const doc = fixtureDocument('d', text, {}, sha256);
  return {
    ...fixtureBundle(sha256),
    documents: [doc],
    layers: [
      {
        annotator: 'ann',
        doc: 'd',
        status: 'done',
        annotations: spans.map(([label, quote], i) =>
          fixtureSpan(doc, 'ann', `s${i}`, label, quote),
        ),
        relations: [],
      },
    ],
  };
}

const tokenLines = (files: ExportFile[], path: string) =>
  files.find((f) => f.path === path)!.content.split('\n');

describe('exportConll', () => {
  const bundle = fixtureBundle(sha256);
  const files = exportConll(bundle, { labels: LABELS });

  it('writes one file per annotator and a loss report', () => {
    expect(files.map((f) => f.path)).toEqual(['alice.conll', 'bob.conll', 'loss-report.tsv']);
  });

  it('writes TOKEN START END TAG lines in code points with IOB2 tags, documents marked', () => {
    const lines = tokenLines(files, 'alice.conll');
    expect(lines.slice(0, 4)).toEqual([
      '-DOCSTART- doc-crlf -X- O',
      '',
      'Facebook 0 8 B-Actor',
      'said 9 13 O',
    ]);
    const emoji = lines.indexOf('-DOCSTART- doc-emoji -X- O');
    expect(lines.slice(emoji + 2, emoji + 7)).toEqual([
      '👍🏽 0 2 O',
      'FBI 3 6 B-Actor',
      'director 7 15 I-Actor',
      'James 16 21 I-Actor',
      'Comey 22 27 I-Actor',
    ]);
    expect(lines).toContain('back 162 166 I-Claim');
    expect(lines).toContain('👩‍👩‍👧 200 205 I-Actor');
  });

  it('reports every span it cannot write, with the reason', () => {
    const report = files
      .find((f) => f.path === 'loss-report.tsv')!
      .content.trimEnd()
      .split('\n');
    expect(report[0]).toBe('annotator\tdocument\tspan\tlabel\tstart\tend\ttext\treason');
    const rows = report.slice(1).map((r) => r.split('\t'));
    expect(rows.map((r) => [r[0], r[1], r[2], r[7]])).toEqual([
      [
        'alice',
        'doc-crlf',
        'c3',
        'overlaps span c2 (Claim "“We support strong encryption.”"), written in its place',
      ],
      [
        'alice',
        'doc-emoji',
        'a2',
        'overlaps span a1 (Actor "FBI director James Comey"), written in its place',
      ],
      [
        'alice',
        'doc-emoji',
        'a4',
        'overlaps span a3 (Claim "“encryption” makes it harder to stop terrorists"), written in its place',
      ],
      [
        'alice',
        'doc-emoji',
        'a9',
        'overlaps span a3 (Claim "“encryption” makes it harder to stop terrorists"), written in its place',
      ],
      [
        'alice',
        'doc-emoji',
        'a7',
        'overlaps span a6 (Claim "We oppose any back door."), written in its place',
      ],
    ]);
    const crossing = rows.find((r) => r[2] === 'a9')!;
    expect(crossing[6]).toBe('terrorists.\\nThe White');
  });

  it('passes the Python check: every span written exactly or reported; the check can fail', () => {
    const ok = checkInPython('ok', files, bundle);
    expect(ok.output).toContain('every token slice matches');
    expect(ok.status).toBe(0);
    const silent = files.map((f) =>
      f.path === 'loss-report.tsv'
        ? {
            ...f,
            content: f.content
              .split('\n')
              .filter((l) => !l.includes('\ta2\t'))
              .join('\n'),
          }
        : f,
    );
    const bad = checkInPython('silent', silent, bundle);
    expect(bad.status).toBe(1);
    expect(bad.output).toContain(
      "alice: span a2 (Actor 'James Comey') is neither written nor reported",
    );
  });

  it('writes a span whose boundary falls inside a token widened, and reports it', () => {
    const widened = single("Comey's view", [['Actor', 'Comey']]);
    const out = exportConll(widened, { labels: ['Actor'] });
    expect(tokenLines(out, 'ann.conll').slice(2, 4)).toEqual([
      "Comey's 0 7 B-Actor",
      'view 8 12 O',
    ]);
    expect(out[1]!.content).toContain(
      'ann\td\ts0\tActor\t0\t5\tComey\tboundary inside a token: written widened to 0–7',
    );
    expect(checkInPython('widened', out, widened, ['Actor']).status).toBe(0);
  });

  it('separates sentences with a blank line, but never inside a span', () => {
    const text = 'He left. She came. They stayed.';
    const out = exportConll(single(text, [['Claim', 'came. They']]), { labels: ['Claim'] });
    const lines = tokenLines(out, 'ann.conll');
    expect(lines.slice(2)).toEqual([
      'He 0 2 O',
      'left 3 7 O',
      '. 7 8 O',
      '',
      'She 9 12 O',
      'came 13 17 B-Claim',
      '. 17 18 I-Claim',
      'They 19 23 I-Claim',
      'stayed 24 30 O',
      '. 30 31 O',
      '',
      '',
    ]);
  });

  it('asks for at least one label', () => {
    expect(() => exportConll(bundle, { labels: [] })).toThrow('Choose at least one label');
  });
});
