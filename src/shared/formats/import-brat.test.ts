import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { exportBrat } from './brat';
import { FIXTURE_CODEBOOK, fixtureBundle, fixtureDocument } from './fixtures';
import { importBrat } from './import-brat';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const bundle = fixtureBundle(sha256);
const doc = fixtureDocument(
  'report-1',
  'Line one.\nComey said “no”.\nPolicy topic here.',
  {},
  sha256,
);

describe('importBrat', () => {
  it('reads the export back: names through the codebook, typed attributes, entities, notes', () => {
    const files = exportBrat(bundle);
    const ann = files.find((f) => f.path === 'alice/doc-emoji.ann')!.content;
    const txt = files.find((f) => f.path === 'alice/doc-emoji.txt')!.content;
    const outcome = importBrat(
      { path: 'alice/doc-emoji.ann', ann, txt },
      bundle.documents,
      FIXTURE_CODEBOOK,
    );
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
    const claim = outcome.spans.find((s) => s.note !== undefined)!;
    expect(claim).toMatchObject({
      label: 'Claim',
      annotator: 'alice',
      attributes: { certain: true, comment: 'reported, "quoted", with, commas', stance: 'oppose' },
    });
    expect(outcome.spans.find((s) => s.start === 5)).toMatchObject({
      label: 'Actor',
      entity: 'ent-comey',
      qid: 'Q1373245',
      end: 29,
    });
    expect(outcome.spans.filter((s) => s.label === 'Policy topic')).toHaveLength(2);
    expect(outcome.relations.map((r) => r.type).sort()).toEqual([
      'about',
      'about',
      'made by',
      'made by',
    ]);
  });

  it('accepts a .txt with CRLF line endings and moves offsets back by the CRs brat counted', () => {
    const txt = doc.text.replace(/\n/g, '\r\n');
    // In the CRLF text "Comey" starts at code point 11 ("Line one.\r\n"), in the project at 10.
    const ann = 'T1\tActor 11 16\tComey\nT2\tPolicy_topic 29 41\tPolicy topic\nA1\tbinary T1\n';
    const outcome = importBrat({ path: 'report-1.ann', ann, txt }, [doc], FIXTURE_CODEBOOK);
    expect(
      outcome.ok &&
        outcome.spans.map((s) => [s.label, doc.text.slice(s.start, s.end), s.attributes]),
    ).toEqual([
      ['Actor', 'Comey', { binary: true }],
      ['Policy topic', 'Policy topic', {}],
    ]);
  });

  it('joins fragments split at line breaks, and refuses a real discontinuous span', () => {
    const joined = importBrat(
      { path: 'report-1.ann', ann: 'T1\tClaim 0 9;10 15\tLine one. Comey\n', txt: doc.text },
      [doc],
      FIXTURE_CODEBOOK,
    );
    expect(joined.ok && joined.spans.map((s) => doc.text.slice(s.start, s.end))).toEqual([
      'Line one.\nComey',
    ]);
    const gap = importBrat(
      { path: 'report-1.ann', ann: 'T1\tClaim 0 4;10 15\tLine Comey\n', txt: doc.text },
      [doc],
      FIXTURE_CODEBOOK,
    );
    expect(!gap.ok && gap.problems).toEqual([
      {
        file: 'report-1.ann',
        where: 'line 1',
        message:
          'T1: a discontinuous span (fragments apart by " one.\\n") has no equivalent in the workbench',
      },
    ]);
  });

  it('refuses the whole file when a T line does not match the text, or the .txt is another text', () => {
    const shifted = importBrat(
      {
        path: 'report-1.ann',
        ann: 'T1\tActor 10 15\tComey\nT2\tActor 12 17\tComey\n',
        txt: doc.text,
      },
      [doc],
      FIXTURE_CODEBOOK,
    );
    expect(!shifted.ok && shifted.problems.map((p) => `${p.where}: ${p.message}`)).toEqual([
      'line 2: T2: offsets 12 17 select "mey s" in the .txt, but the line\'s text is "Comey"',
    ]);
    const other = importBrat(
      { path: 'report-1.ann', ann: '', txt: 'Another text.' },
      [doc],
      FIXTURE_CODEBOOK,
    );
    expect(!other.ok && other.problems[0]!.message).toMatch(
      /^the \.txt cannot be matched to a project document: its text differs from the project's document "report-1"/,
    );
  });

  it('refuses what the workbench cannot hold: events, other databases, dangling references', () => {
    const ann =
      'T1\tActor 10 15\tComey\nE1\tSay:T1\nN1\tReference T1 UniProt:P1\nR1\tmade_by Arg1:T1 Arg2:T9\n';
    const outcome = importBrat(
      { path: 'report-1.ann', ann, txt: doc.text },
      [doc],
      FIXTURE_CODEBOOK,
    );
    expect(!outcome.ok && outcome.problems.map((p) => `${p.where}: ${p.message}`)).toEqual([
      'line 2: E1: events have no place in the workbench',
      'line 3: N1: normalisation to "UniProt" has no place in the workbench (only Workbench: and Wikidata:)',
      'line 4: R1 refers to T9, which is not a text-bound annotation of this file',
    ]);
  });
});
