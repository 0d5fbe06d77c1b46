import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bratNames, bratSafe, exportBrat } from './brat';
import type { ExportBundle, ExportFile } from './bundle';
import {
  fixtureBundle,
  fixtureDocument,
  fixtureRelation,
  fixtureSpan,
  TEXT_EMOJI,
} from './fixtures';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const tempDir = mkdtempSync(join(tmpdir(), 'workbench-brat-'));

function checkInPython(name: string, files: ExportFile[]) {
  const dir = join(tempDir, name);
  for (const file of files) {
    mkdirSync(dirname(join(dir, file.path)), { recursive: true });
    writeFileSync(join(dir, file.path), file.content, 'utf8');
  }
  const run = spawnSync('python3', ['test/python/check_brat_export.py', dir], { encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** Code point offset of the first occurrence of `quote` (Python's text.index). */
const cpIndex = (text: string, quote: string) =>
  Array.from(text.slice(0, text.indexOf(quote))).length;

describe('bratSafe and bratNames', () => {
  it('keeps brat-safe names, replaces the rest, and numbers collisions', () => {
    expect(bratSafe('Actor')).toBe('Actor');
    expect(bratSafe('made by')).toBe('made_by');
    expect(bratSafe('1st round')).toBe('L_1st_round');
    expect([
      ...bratNames(['Policy topic', 'Policy_topic', 'Policy:topic', 'Actor']).values(),
    ]).toEqual(['Policy_topic', 'Policy_topic_2', 'Policy_topic_3', 'Actor']);
  });
});

describe('exportBrat', () => {
  const bundle = fixtureBundle(sha256);
  const files = exportBrat(bundle);
  const file = (path: string) => files.find((f) => f.path === path)!.content;
  const annLines = (path: string) => file(path).trimEnd().split('\n');

  it('writes the configuration, a loss report, and a .txt/.ann pair per annotator and document', () => {
    expect(files.map((f) => f.path)).toEqual([
      'annotation.conf',
      'visual.conf',
      'tools.conf',
      'loss-report.tsv',
      'alice/doc-crlf.txt',
      'alice/doc-crlf.ann',
      'alice/doc-emoji.txt',
      'alice/doc-emoji.ann',
      'bob/doc-emoji.txt',
      'bob/doc-emoji.ann',
    ]);
    expect(file('alice/doc-emoji.txt')).toBe(TEXT_EMOJI);
    expect(file('loss-report.tsv')).toBe('annotator\tdocument\titem\tproblem\n');
  });

  it('derives annotation.conf from the codebook with brat-safe names and free overlap', () => {
    const conf = file('annotation.conf');
    expect(conf).toContain('[entities]\nActor\nClaim\nPolicy_topic\n');
    expect(conf).toContain('made_by\tArg1:Claim, Arg2:Actor');
    expect(conf).toContain('about\tArg1:Claim, Arg2:Policy_topic');
    expect(conf).toContain('<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>');
    expect(conf).toContain('stance\tArg:Claim, Value:support|oppose|neutral');
    expect(conf).toContain('certain\tArg:Claim, Value:true|false');
    expect(file('visual.conf')).toContain('Policy_topic | Policy topic');
  });

  it('writes spans in code points with their text, and splits a span across lines into fragments', () => {
    const lines = annLines('alice/doc-emoji.ann');
    expect(lines).toContain('T1\tActor 3 27\tFBI director James Comey');
    const start = cpIndex(TEXT_EMOJI, 'terrorists.\nThe White');
    const crossing = lines.find((l) => l.includes('terrorists. The White'))!;
    expect(crossing).toMatch(
      new RegExp(
        `^T\\d+\\tClaim ${start} ${start + 11};${start + 12} ${start + 21}\\tterrorists\\. The White$`,
      ),
    );
  });

  it('writes attributes, entity normalisations, notes and relations pointing at T ids', () => {
    const lines = annLines('alice/doc-emoji.ann');
    const claimId = lines
      .find((l) => l.endsWith('\t“encryption” makes it harder to stop terrorists'))!
      .split('\t')[0]!;
    const comeyId = lines.find((l) => l.endsWith('\tFBI director James Comey'))!.split('\t')[0]!;
    const attributes = lines
      .filter((l) => l.startsWith('A') && l.includes(` ${claimId} `))
      .map((l) => l.split('\t')[1]);
    expect(attributes).toEqual([
      `certain ${claimId} true`,
      `comment ${claimId} reported%2C%20%22quoted%22%2C%20with%2C%20commas`,
      `stance ${claimId} oppose`,
    ]);
    expect(
      lines
        .filter((l) => l.startsWith('N') && l.includes(` ${comeyId} `))
        .map((l) => l.split('\t').slice(1)),
    ).toEqual([
      [`Reference ${comeyId} Workbench:ent-comey`, 'James Comey'],
      [`Reference ${comeyId} Wikidata:Q1373245`, 'James Comey'],
    ]);
    expect(lines).toContain(`#1\tAnnotatorNotes ${claimId}\tparaphrase;\tcheck "quote"`);
    expect(lines).toContain(`R1\tmade_by Arg1:${claimId} Arg2:${comeyId}`);
  });

  it('passes the brat-style check in Python, which fails on UTF-16 offsets', () => {
    const ok = checkInPython('ok', files);
    expect(ok.output).toContain('all fragments match the text');
    expect(ok.status).toBe(0);
    const utf16 = files.map((f) =>
      f.path === 'alice/doc-emoji.ann'
        ? { ...f, content: f.content.replace('Actor 3 27', 'Actor 5 29') }
        : f,
    );
    const bad = checkInPython('utf16', utf16);
    expect(bad.status).toBe(1);
    expect(bad.output).toMatch(/doc-emoji\.ann:1: text 'FBI director James Comey' != fragments/);
  });

  it('lists in the loss report what brat cannot hold, and never drops it silently', () => {
    const doc = fixtureDocument('d', 'One.\n\nTwo words here.', {}, sha256);
    const newlines = fixtureSpan(doc, 'ann', 's1', 'Actor', '\n\n');
    const words = fixtureSpan(doc, 'ann', 's2', 'Claim', 'Two words', {
      attributes: { stance: null },
      note: 'line\nbreak',
    });
    const lossy: ExportBundle = {
      ...bundle,
      documents: [doc],
      layers: [
        {
          annotator: 'ann',
          doc: 'd',
          status: 'done',
          annotations: [newlines, words],
          relations: [fixtureRelation(words, newlines, 'r1', 'made by')],
        },
      ],
    };
    const out = exportBrat(lossy);
    const report = out
      .find((f) => f.path === 'loss-report.tsv')!
      .content.trimEnd()
      .split('\n')
      .slice(1);
    expect(report).toEqual([
      'ann\td\tspan s1\tcovers only line breaks or nothing (4–6), which brat cannot hold',
      'ann\td\tspan s2 attribute stance\tnull (unset) value; brat has no null',
      'ann\td\tspan s2 note\tline breaks in the note written as spaces',
      'ann\td\trelation r1\tjoins a span brat cannot hold',
    ]);
    expect(out.find((f) => f.path === 'ann/d.ann')!.content).toBe(
      'T1\tClaim 6 15\tTwo words\n#1\tAnnotatorNotes T1\tline break\n',
    );
  });
});
