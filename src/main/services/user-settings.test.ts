import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readUserSettings, suggestAnnotatorName, writeUserSettings } from './user-settings';

describe('suggestAnnotatorName', () => {
  it.each([
    ['alice', 'alice'],
    ['Jane Doe', 'Jane-Doe'],
    ['José', 'Jose'],
    ['..', 'annotator'],
    ['', 'annotator'],
    ['DOMAIN\\bob', 'DOMAIN-bob'],
  ])('%j → %j', (os, expected) => {
    expect(suggestAnnotatorName(os)).toBe(expected);
  });
});

describe('user settings', () => {
  it('round-trips the annotator and survives a damaged file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'awb-settings-'));
    expect(await readUserSettings(dir)).toEqual({ annotator: null });
    await writeUserSettings(dir, { annotator: 'alice' });
    expect(await readUserSettings(dir)).toEqual({ annotator: 'alice' });
    await writeFile(join(dir, 'settings.json'), '{not json');
    expect(await readUserSettings(dir)).toEqual({ annotator: null });
  });
});
