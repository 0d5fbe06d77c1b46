import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './commands';

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('cli', () => {
  let base: string;
  let project: string;
  beforeAll(async () => {
    process.env.XDG_CONFIG_HOME = await mkdtemp(join(tmpdir(), 'awb-cli-config-'));
    base = await mkdtemp(join(tmpdir(), 'awb-cli-'));
    project = join(base, 'project');
  });

  it('init creates a project from the bundled corpus, and refuses to do it twice', async () => {
    const first = await run('init', project);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/with 3 document\(s\)/);
    const again = await run('init', project);
    expect(again.code).toBe(1);
    expect(again.err).not.toBe('');
  });

  it('docs lists the documents, as text or JSON', async () => {
    const text = await run('docs', project);
    expect(text.code).toBe(0);
    expect(text.out).toContain('US officials to meet tech firms about countering Islamic State');
    const json = await run('docs', project, '--json');
    expect(JSON.parse(json.out)).toHaveLength(3);
  });

  it('export writes the native JSON in code points', async () => {
    const out = join(base, 'export.json');
    const result = await run('export', project, '--format', 'json', '--out', out);
    expect(result.code).toBe(0);
    const data = JSON.parse(await readFile(out, 'utf8'));
    expect(data.offset_unit).toBe('codepoint');
    expect(data.documents).toHaveLength(3);
  });

  it.each([
    [['export', 'PROJECT', '--format', 'xml', '--out', 'OUT'], 2, /--format must be one of: json/],
    [['export', 'PROJECT', '--format', 'json'], 2, /--out is required: the file to write/],
    [['export', 'PROJECT', '--colour'], 2, /Unknown option '--colour'/],
    [['frobnicate'], 2, /Unknown command "frobnicate"/],
    [['docs', '/no/such/folder'], 2, /No such folder: \/no\/such\/folder/],
    [['docs', 'BASE'], 1, /is not a workbench project/],
    [['import', 'PROJECT', 'BASE/missing.txt'], 1, /missing\.txt/],
  ])('%j fails with a clear message, changing nothing', async (argv, code, message) => {
    const before = await readdir(project, { recursive: true });
    const args = argv.map((a) =>
      a.replace('PROJECT', project).replace('BASE', base).replace('OUT', join(base, 'x.xml')),
    );
    const result = await run(...args);
    expect(result.code).toBe(code);
    expect(result.err).toMatch(message);
    expect(await readdir(project, { recursive: true })).toEqual(before);
    expect(existsSync(join(base, 'x.xml'))).toBe(false);
  });
});
