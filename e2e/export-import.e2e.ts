/**
 * Export… and Import annotations… as a person uses them, in Chromium through browser mode.
 *
 * Export: a corpus of 400 articles (emoji, non-breaking spaces) with spans imported through the
 * CLI; the person picks spaCy / Prodigy JSONL, watches the progress bar move, and gets a file in
 * which every span's text is what Python's text[start:end] reads (the standard-library check in
 * test/python/ runs on it). Import: a JSONL of spans goes into the person's own layer, the
 * summary says what came in; a file whose text differs is refused with its line and problem.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { cli, startWorkbench, type RunningWorkbench } from './workbench';

const ARTICLES = 400;

let wb: RunningWorkbench;
let scratch: string;

test.afterEach(async () => {
  await wb?.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** Article i: a unique text with an emoji and a non-breaking space before the tagged name. */
function article(i: number): string {
  const paragraph = `Senator Ada Quill 👍🏽 said\u00a0on day ${i} that encryption “must stay strong”.`;
  return Array.from({ length: 12 }, () => paragraph).join('\n\n') + '\n';
}

/** Actor spans over every `name` in `text`, in code points (as spaCy counts). */
function spansOf(text: string, name = 'Ada Quill') {
  const spans = [];
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    const start = Array.from(text.slice(0, at)).length;
    spans.push({ start, end: start + Array.from(name).length, label: 'Actor', text: name });
  }
  return spans;
}

async function makeCorpusProject(): Promise<string> {
  scratch = await mkdtemp(join(tmpdir(), 'awb-e2e-export-'));
  const corpus = join(scratch, 'corpus');
  await mkdir(corpus);
  const lines: string[] = [];
  for (let i = 0; i < ARTICLES; i++) {
    const text = article(i);
    await writeFile(join(corpus, `article-${String(i).padStart(3, '0')}.txt`), text);
    lines.push(JSON.stringify({ text, spans: spansOf(text) }));
  }
  const project = join(scratch, 'project');
  expect(cli(['init', project, '--corpus', corpus]).code).toBe(0);
  const spans = join(scratch, 'spans.jsonl');
  await writeFile(spans, lines.join('\n') + '\n');
  const imported = cli([
    'import-annotations',
    project,
    spans,
    '--format',
    'jsonl',
    '--annotator',
    'alice',
  ]);
  expect(imported.stderr).toBe('');
  expect(imported.stdout).toContain(`alice: ${ARTICLES * 12} span(s) added`);
  return project;
}

/** Records every value the export progress bar shows, from now on. */
async function recordProgress(page: Page) {
  await page.evaluate(() => {
    const seen: Array<{ value: number; max: number }> = [];
    (window as unknown as { progressSeen: typeof seen }).progressSeen = seen;
    const note = () => {
      const bar = document.querySelector<HTMLProgressElement>(
        'progress[aria-label="Export progress"]',
      );
      if (bar) seen.push({ value: bar.value, max: bar.max });
    };
    new MutationObserver(note).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['value', 'max'],
    });
  });
}

test('Export…: choose JSONL, watch the progress, get a file Python reads right', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  wb = await startWorkbench({ projectDir: await makeCorpusProject(), annotator: 'alice' });
  await page.goto(wb.url);
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await expect(dialog).toBeVisible();
  // Blind coding: colleagues' layers wait until review is open.
  await expect(dialog.getByRole('radio', { name: /All annotators/ })).toBeDisabled();
  await expect(dialog.getByRole('radio', { name: 'My layer (alice)' })).toBeChecked();

  await dialog.getByRole('radio', { name: /spaCy \/ Prodigy JSONL/ }).check();
  await expect(dialog.getByText('One line per document and annotator, with tokens')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('01-export-dialog.png') });

  await recordProgress(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Export', exact: true }).click(),
  ]);
  await expect(dialog.getByRole('status')).toContainText(
    `Exported ${ARTICLES} documents, ${(ARTICLES * 12).toLocaleString('en')} spans`,
  );
  await page.screenshot({ path: testInfo.outputPath('02-export-done.png') });

  const seen = await page.evaluate(
    () =>
      (window as unknown as { progressSeen: Array<{ value: number; max: number }> }).progressSeen,
  );
  expect(seen.some((s) => s.max > 1 && s.value > 0 && s.value < s.max)).toBe(true);

  expect(download.suggestedFilename()).toBe('project-alice.jsonl');
  const file = (await download.path())!;
  const records = (await readFile(file, 'utf8'))
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  expect(records).toHaveLength(ARTICLES);
  for (const record of records) {
    const points = Array.from(record.text as string);
    for (const span of record.spans)
      expect(points.slice(span.start, span.end).join('')).toBe(span.text);
  }
  const python = spawnSync('python3', ['test/python/check_jsonl_export.py', file], {
    encoding: 'utf8',
  });
  expect(python.stdout + python.stderr).toContain('all slices and token ranges match');
  expect(python.status).toBe(0);

  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').last()).toContainText('Exported project-alice.jsonl.');
});

test('Export…: a folder format downloads as one .zip; nothing to export says so', async ({
  page,
}) => {
  wb = await startWorkbench({ annotator: 'alice' });
  await page.goto(wb.url);
  await page.getByRole('button', { name: 'Export…' }).click();
  await page
    .getByRole('dialog', { name: 'Export' })
    .getByRole('button', { name: 'Export' })
    .click();
  await expect(page.getByRole('dialog', { name: 'Export' }).getByRole('alert')).toHaveText(
    'You have no annotations in this project yet, so your layer has nothing to export.',
  );
  await page.keyboard.press('Escape');

  scratch = await mkdtemp(join(tmpdir(), 'awb-e2e-zip-'));
  const docFile = (await readdir(join(wb.projectDir, 'documents'))).sort()[0]!;
  const doc = JSON.parse(await readFile(join(wb.projectDir, 'documents', docFile), 'utf8'));
  const spans = join(scratch, 'one.jsonl');
  await writeFile(
    spans,
    `${JSON.stringify({ text: doc.text, spans: spansOf(doc.text, 'Comey') })}\n`,
  );
  const imported = cli([
    'import-annotations',
    wb.projectDir,
    spans,
    '--format',
    'jsonl',
    '--annotator',
    'alice',
  ]);
  expect(imported.stderr).toBe('');
  await page.reload();
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.getByRole('radio', { name: /CSV tables/ }).check();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Export .zip' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('project-alice-csv.zip');
  const listing = spawnSync(
    'python3',
    [
      '-c',
      'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print("\\n".join(z.namelist()))',
      (await download.path())!,
    ],
    { encoding: 'utf8' },
  );
  expect(listing.stdout.trim().split('\n').sort()).toEqual([
    'project-alice-csv/datapackage.json',
    'project-alice-csv/documents.csv',
    'project-alice-csv/relations.csv',
    'project-alice-csv/spans.csv',
    'project-alice-csv/statements.csv',
  ]);
});

test('Import annotations…: spans into my layer, a summary; a changed text is refused', async ({
  page,
}, testInfo) => {
  wb = await startWorkbench({ annotator: 'bob' });
  scratch = await mkdtemp(join(tmpdir(), 'awb-e2e-import-'));
  const docFile = (await readdir(join(wb.projectDir, 'documents'))).sort()[0]!;
  const doc = JSON.parse(await readFile(join(wb.projectDir, 'documents', docFile), 'utf8'));
  const at = (doc.text as string).indexOf('FBI director James Comey');
  const start = Array.from((doc.text as string).slice(0, at)).length;
  const span = { start, end: start + 24, label: 'Actor', text: 'FBI director James Comey' };
  const good = join(scratch, 'prodigy.jsonl');
  await writeFile(
    good,
    JSON.stringify({ text: doc.text, spans: [span], meta: { id: doc.id } }) + '\n',
  );
  const bad = join(scratch, 'edited.jsonl');
  await writeFile(
    bad,
    `\n${JSON.stringify({ text: `${doc.text} (edited)`, spans: [span], meta: { id: doc.id } })}\n`,
  );

  await page.goto(wb.url);
  await page.getByRole('button', { name: 'Import annotations…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import annotations' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Annotation files to import').setInputFiles([good, bad]);
  await expect(dialog.getByText('prodigy.jsonl, edited.jsonl')).toBeVisible();
  await dialog.getByRole('radio', { name: 'My layer (bob)' }).check();
  await page.screenshot({ path: testInfo.outputPath('03-import-dialog.png') });
  await dialog.getByRole('button', { name: 'Import' }).click();

  const report = dialog.getByRole('list', { name: 'Imported files' });
  await expect(report).toContainText('Imported: prodigy.jsonl');
  await expect(report).toContainText('bob: 1 span added (1 document changed)');
  await expect(report).toContainText('Refused: edited.jsonl');
  await expect(report).toContainText(
    `line 2: record "${doc.id}" cannot be imported: its text differs`,
  );
  await expect(dialog.getByRole('status')).toHaveText(
    'Imported annotations from 1 file; 1 file refused, nothing taken from it.',
  );
  await page.screenshot({ path: testInfo.outputPath('04-import-summary.png') });

  await dialog.getByRole('button', { name: 'Close' }).click();
  const docs = page.getByRole('navigation', { name: 'Documents' }).getByRole('button');
  await expect(docs.first()).toContainText('1 span');

  // The same file again adds nothing.
  await page.getByRole('button', { name: 'Import annotations…' }).click();
  await dialog.getByLabel('Annotation files to import').setInputFiles([good]);
  await dialog.getByRole('radio', { name: 'My layer (bob)' }).check();
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(report).toContainText('bob: 0 spans added, 1 span already there');
});
