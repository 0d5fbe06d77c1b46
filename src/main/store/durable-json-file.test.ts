import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { WorkbenchError } from '../../shared/api';
import { DurableJsonFile, type DurableJsonFileOptions } from './durable-json-file';

const Notes = z.object({
  format: z.literal('test.notes'),
  version: z.literal(2),
  notes: z.array(z.string()),
});
type Notes = z.infer<typeof Notes>;

const notes = (...items: string[]): Notes => ({ format: 'test.notes', version: 2, notes: items });
const CLOCK = new Date('2024-05-01T12:30:00.123Z');
const ASIDE = 'notes.json.corrupt-2024-05-01T12-30-00.123Z';

let dir: string;
let path: string;
let warnings: string[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'durable-json-'));
  path = join(dir, 'notes.json');
  warnings = [];
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function open(extra: Partial<DurableJsonFileOptions<Notes>> = {}): DurableJsonFile<Notes> {
  return new DurableJsonFile(path, {
    schema: Notes,
    format: 'test.notes',
    version: 2,
    displayPath: 'project/notes.json',
    onWarning: (message) => warnings.push(message),
    now: () => CLOCK,
    ...extra,
  });
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
const listing = async () => (await readdir(dir)).sort();

async function failure(promise: Promise<unknown>): Promise<WorkbenchError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof WorkbenchError))
    throw new Error(`expected a WorkbenchError, got ${error}`);
  return error;
}

describe('DurableJsonFile', () => {
  it('reads null when nothing was written yet', async () => {
    expect(await open().read()).toBeNull();
    expect(await listing()).toEqual([]);
  });

  it('round-trips and keeps the previous version as .bak', async () => {
    const file = open();
    await file.write(notes('a'));
    await file.write(notes('a', 'b'));
    expect(await open().read()).toEqual(notes('a', 'b'));
    expect(JSON.parse(await readFile(`${path}.bak`, 'utf8'))).toEqual(notes('a'));
    expect(await listing()).toEqual(['notes.json', 'notes.json.bak']);
    expect(warnings).toEqual([]);
  });

  it('works as a lowdb adapter', async () => {
    const db = new Low<Notes>(open(), notes());
    await db.read();
    await db.update((data) => data.notes.push('via lowdb'));
    const again = new Low<Notes>(open(), notes());
    await again.read();
    expect(again.data).toEqual(notes('via lowdb'));
  });

  it('uses the backup silently when a write was interrupted between its two renames', async () => {
    await writeFile(`${path}.bak`, json(notes('acknowledged')));
    expect(await open().read()).toEqual(notes('acknowledged'));
    expect(warnings).toEqual([]);
  });

  const damage: [string, string | Buffer, RegExp][] = [
    ['truncated JSON', json(notes('a', 'b')).slice(0, 30), /not valid JSON/],
    ['an empty file', '', /not valid JSON/],
    [
      'binary garbage',
      Buffer.from([0x00, 0xff, 0x13, 0x37, 0xc3, 0x28, 0x80, 0x00]),
      /not valid JSON/,
    ],
    [
      'an unsupported older version',
      json({ ...notes('a'), version: 1 }),
      /version 1 is not supported/,
    ],
    ['a non-numeric version', json({ ...notes('a'), version: '2' }), /version "2" is not valid/],
    ['another format', json({ ...notes('a'), format: 'other' }), /format is "other"/],
    ['a schema violation', json({ ...notes(), notes: [42] }), /notes\.0/],
    ['a JSON array', '[1, 2]', /not a JSON object/],
  ];

  it.each(damage)('recovers from the backup when the file holds %s', async (_, bytes, reason) => {
    const backup = json(notes('previous'));
    await writeFile(`${path}.bak`, backup);
    await writeFile(path, bytes);

    expect(await open().read()).toEqual(notes('previous'));

    // The damaged bytes are kept aside exactly; the file holds the backup's data again.
    expect(await readFile(join(dir, ASIDE))).toEqual(Buffer.from(bytes));
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(notes('previous'));
    expect(await readFile(`${path}.bak`, 'utf8')).toBe(backup);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(reason);
    expect(warnings[0]).toContain(
      'project/notes.json was damaged (' /* the path as a person knows it */,
    );
    expect(warnings[0]).toContain('recovered the previous version from its backup');
    expect(warnings[0]).toContain('the last change may be missing');
    expect(warnings[0]).toContain(`kept as project/${ASIDE}`);

    // The next write after recovery makes the recovered version the backup, as usual.
    await open().write(notes('previous', 'next'));
    expect(await readFile(join(dir, ASIDE))).toEqual(Buffer.from(bytes));
  });

  it('never overwrites an earlier damaged file moved aside at the same instant', async () => {
    await writeFile(join(dir, ASIDE), 'first damage');
    await writeFile(`${path}.bak`, json(notes('previous')));
    await writeFile(path, 'second damage');
    await open().read();
    expect(await readFile(join(dir, ASIDE), 'utf8')).toBe('first damage');
    expect(await readFile(join(dir, `${ASIDE}-2`), 'utf8')).toBe('second damage');
  });

  it('refuses, changing nothing, when the file and its backup are both damaged', async () => {
    await writeFile(path, '{"format": "test.notes", "vers');
    await writeFile(`${path}.bak`, Buffer.from([0xde, 0xad, 0xbe, 0xef]));
    const file = open();

    const error = await failure(file.read());
    expect(error.code).toBe('io');
    expect(error.message).toMatch(
      /^project\/notes\.json cannot be read \(not valid JSON: .*\) and its backup project\/notes\.json\.bak cannot be read either \(not valid JSON: .*\)\. Nothing was changed/,
    );
    // Writing must not rotate the damaged file over the backup, nor replace it.
    await expect(file.write(notes('new'))).rejects.toThrow(/Nothing was changed/);
    await expect(open().write(notes('new'))).rejects.toThrow(/Nothing was changed/);

    expect(await listing()).toEqual(['notes.json', 'notes.json.bak']);
    expect(await readFile(path, 'utf8')).toBe('{"format": "test.notes", "vers');
    expect(await readFile(`${path}.bak`)).toEqual(Buffer.from([0xde, 0xad, 0xbe, 0xef]));
    // Told once per file, refused every time.
    expect(warnings.filter((w) => w === error.message)).toHaveLength(2);
  });

  it('refuses, changing nothing, when the file is damaged and there is no backup', async () => {
    await writeFile(path, 'garbage');
    await expect(open().read()).rejects.toThrow(
      /project\/notes\.json cannot be read \(not valid JSON.*\) and there is no backup\./,
    );
    expect(await listing()).toEqual(['notes.json']);
    expect(await readFile(path, 'utf8')).toBe('garbage');
  });

  it('refuses when the file is missing and its backup is damaged', async () => {
    await writeFile(`${path}.bak`, '{');
    await expect(open().read()).rejects.toThrow(
      /project\/notes\.json is missing and its backup project\/notes\.json\.bak cannot be read either/,
    );
    expect(await listing()).toEqual(['notes.json.bak']);
  });

  it('refuses a file from a newer version without treating it as damage', async () => {
    const newer = json({ ...notes('from the future'), version: 3 });
    await writeFile(path, newer);
    await writeFile(`${path}.bak`, json(notes('older')));
    const error = await failure(open().read());
    expect(error.code).toBe('unavailable');
    expect(error.message).toBe(
      'project/notes.json was written by a newer version of the workbench (file version 3, ' +
        'this version reads up to 2). Update the workbench to open it; the file was not changed.',
    );
    expect(await readFile(path, 'utf8')).toBe(newer);
    expect(await listing()).toEqual(['notes.json', 'notes.json.bak']);
  });

  it('migrates an older version through the hook, then validates', async () => {
    await writeFile(path, json({ format: 'test.notes', version: 1, text: 'one\ntwo' }));
    const migrate = (data: Record<string, unknown>, from: number) => {
      expect(from).toBe(1);
      return { format: 'test.notes', version: 2, notes: String(data.text).split('\n') };
    };
    expect(await open({ migrate }).read()).toEqual(notes('one', 'two'));
  });

  it('counts a failed migration as damage', async () => {
    await writeFile(`${path}.bak`, json(notes('backup')));
    await writeFile(path, json({ format: 'test.notes', version: 1 }));
    const migrate = () => {
      throw new Error('no text field');
    };
    expect(await open({ migrate }).read()).toEqual(notes('backup'));
    expect(warnings[0]).toContain('migrating version 1 failed: no text field');
  });
});
