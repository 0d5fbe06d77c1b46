import { describe, expect, it } from 'vitest';
import { projectDirFromArgv } from './argv';

describe('projectDirFromArgv', () => {
  it.each<[string[], boolean, string | null]>([
    [['/opt/Workbench/workbench'], false, null],
    [['/opt/Workbench/workbench', '/home/ana/corpus'], false, '/home/ana/corpus'],
    [['/opt/Workbench/workbench', '--no-sandbox', 'corpus'], false, 'corpus'],
    [['/usr/bin/electron', '.'], true, null],
    [['/usr/bin/electron', '.', '--inspect=9229', '/data/p'], true, '/data/p'],
    [['/usr/bin/electron', 'out/main/index.js', ''], true, null],
  ])('%j (default app: %s) → %j', (argv, isDefaultApp, expected) => {
    expect(projectDirFromArgv(argv, isDefaultApp)).toBe(expected);
  });
});
