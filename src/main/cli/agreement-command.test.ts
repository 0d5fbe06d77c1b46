import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openWorkbench } from '../services/workbench';
import { runCli } from './commands';

const DOC = '000_3c96c7399f2592f5';

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('cli agreement', () => {
  let project: string;

  beforeAll(async () => {
    const base = await mkdtemp(join(tmpdir(), 'awb-cli-agreement-'));
    process.env.XDG_CONFIG_HOME = join(base, 'config');
    project = join(base, 'project');
    expect((await run('init', project)).code).toBe(0);
    // Two coders in one shared project folder, each in their own layer.
    for (const [name, quotes] of [
      ['alice', ['FBI director James Comey', 'Loretta Lynch', 'Facebook']],
      ['bob', ['James Comey', 'Loretta Lynch', 'Facebook', 'Google']],
    ] as const) {
      const session = await openWorkbench({
        projectDir: project,
        settingsDir: join(base, name),
        shell: 'browser',
      });
      await session.handlers.setAnnotator({ name });
      const { text } = await session.handlers.getDocument({ id: DOC });
      for (const quote of quotes) {
        const start = text.indexOf(quote);
        await session.handlers.createAnnotation({
          doc: DOC,
          label: 'Actor',
          start,
          end: start + quote.length,
          attributes: {},
        });
      }
      await session.close();
    }
  });

  it('prints the report as JSON with overall, by_label, pairs and by_document', async () => {
    const result = await run('agreement', project, '--annotators', 'alice,bob', '--json');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.out);
    const keys = ['alpha_unitizing', 'cohen_kappa', 'fleiss_kappa', 'f1_exact', 'f1_overlap'];
    expect(Object.keys(report.overall).sort()).toEqual([...keys].sort());
    expect(Object.keys(report.by_label)).toEqual(['Actor']);
    expect(Object.keys(report.by_label.Actor).sort()).toEqual([...keys].sort());
    // 2 of alice's 3 and bob's 4 spans are identical: F1 = 2·2 / (3 + 4).
    expect(report.overall.f1_exact).toBeCloseTo(4 / 7, 12);
    expect(report.overall.f1_overlap).toBeCloseTo(6 / 7, 12);
    expect(report.pairs).toHaveLength(1);
    expect(report.pairs[0]).toMatchObject({ a: 'alice', b: 'bob' });
    expect(report.by_document.map((d: { doc: string }) => d.doc)).toHaveLength(3);
  });

  it('prints a readable table, limited to the documents asked for', async () => {
    const result = await run('agreement', project, '--annotators', 'alice,bob', '--docs', DOC);
    expect(result.code).toBe(0);
    const lines = result.out.split('\n');
    expect(lines[0]).toMatch(
      /^Agreement of alice, bob on 1 document\(s\), \d+ word tokens; spans: alice 3, bob 4\.$/,
    );
    expect(lines.find((l) => l.startsWith('Overall'))).toMatch(/0\.571\s+0\.857$/);
    expect(lines.find((l) => l.startsWith('alice – bob'))).toMatch(
      /^alice – bob\s+0\.571\s+0\.857/,
    );
  });

  it.each([
    [['--annotators', 'alice'], 2, /--annotators needs two or more annotator names/],
    [[], 2, /--annotators needs two or more/],
    [
      ['--annotators', 'alice,dave'],
      1,
      /No layer of "dave" in this project \(annotators: alice, bob\)/,
    ],
    [['--annotators', 'alice,bob', '--docs', 'nope'], 1, /There is no document "nope"/],
  ])('%j fails with a clear message', async (args, code, message) => {
    const result = await run('agreement', project, ...args);
    expect(result.code).toBe(code);
    expect(result.err).toMatch(message);
  });
});
