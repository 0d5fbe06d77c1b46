/**
 * A lead researcher reviews two coders, in Chromium through browser mode: opens review (blind by
 * default), imports each coder's native JSON export, sees their spans side by side, accepts
 * everything they agree on in one step, settles the disagreements by key (accept one version,
 * reject one, undo and redo), marks the document adjudicated, exports the gold layer — whose
 * spans name the coders they came from — and reads the agreement report, whose numbers open
 * review on the disagreements behind them.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startWorkbench, type RunningWorkbench } from './workbench';

const DOC = '000_3c96c7399f2592f5';

let wb: RunningWorkbench;

test.beforeEach(async () => {
  wb = await startWorkbench({ annotator: 'lead' });
});

test.afterEach(async () => {
  await wb.stop();
});

interface Tag {
  quote: string;
  label: string;
  attributes?: Record<string, string>;
}

/**
 * A coder's export as Export JSON writes it: the document's text, and the coder's spans with
 * Unicode code point offsets and their text.
 */
async function coderExport(name: string, tags: Tag[]): Promise<string> {
  const doc = JSON.parse(
    await readFile(join(wb.projectDir, 'documents', `${DOC}.json`), 'utf8'),
  ) as { id: string; title: string; meta: Record<string, string>; text: string; sha256: string };
  const codePoints = (utf16: number) => Array.from(doc.text.slice(0, utf16)).length;
  const annotations = tags.map((tag, i) => {
    const start = doc.text.indexOf(tag.quote);
    if (start < 0) throw new Error(`"${tag.quote}" is not in ${DOC}`);
    return {
      id: `${name}-${i + 1}`,
      label: tag.label,
      start: codePoints(start),
      end: codePoints(start + tag.quote.length),
      text: tag.quote,
      annotator: name,
      attributes: tag.attributes ?? {},
      origin: { kind: 'manual' },
      created: '2024-03-01T09:00:00.000Z',
      modified: '2024-03-01T09:00:00.000Z',
    };
  });
  const file = join(wb.projectDir, '..', `${name}-export.json`);
  await writeFile(
    file,
    JSON.stringify({
      format: { name: 'annotation-workbench', version: 1 },
      offset_unit: 'codepoint',
      exported_at: '2024-03-01T10:00:00.000Z',
      tool: { name: 'annotation-workbench', version: '0.1.0' },
      curated: false,
      annotators: [name],
      entities: [],
      documents: [
        {
          id: doc.id,
          title: doc.title,
          meta: doc.meta,
          text: doc.text,
          sha256: doc.sha256,
          status: { [name]: 'done' },
          annotations,
          relations: [],
        },
      ],
    }),
  );
  return file;
}

async function importExport(page: Page, file: string) {
  await page.getByLabel("Colleague's export to import").setInputFiles(file);
}

test('import two coders, adjudicate into a gold layer, export it with sources, read agreement', async ({
  page,
}, testInfo) => {
  const alice = await coderExport('alice', [
    { quote: 'Loretta Lynch', label: 'Actor', attributes: { kind: 'person' } },
    { quote: 'FBI director James Comey', label: 'Actor', attributes: { kind: 'person' } },
    { quote: 'Facebook', label: 'Actor', attributes: { kind: 'company' } },
  ]);
  const bob = await coderExport('bob', [
    { quote: 'Loretta Lynch', label: 'Actor', attributes: { kind: 'person' } },
    { quote: 'James Comey', label: 'Actor', attributes: { kind: 'person' } },
    { quote: 'Facebook', label: 'Actor', attributes: { kind: 'company' } },
    { quote: 'Google', label: 'Actor', attributes: { kind: 'company' } },
  ]);

  await page.goto(wb.url);
  await page
    .getByRole('navigation', { name: 'Screens' })
    .getByRole('button', { name: 'Review' })
    .click();

  // Blind by default: nothing of colleagues' work until review is opened.
  await expect(page.getByRole('heading', { name: 'Blind coding' })).toBeVisible();
  await page.getByRole('button', { name: 'Open review' }).click();

  await importExport(page, alice);
  await expect(page.getByLabel('Last import')).toContainText(
    'alice: 3 added, 0 changed, 0 removed',
  );
  await importExport(page, bob);
  await expect(page.getByLabel('Last import')).toContainText('bob: 4 added, 0 changed, 0 removed');

  // The document with disagreements opens by itself, on its first disagreement.
  const docs = page.getByRole('navigation', { name: 'Documents to review' });
  await expect(
    docs.getByRole('button', { name: /US officials to meet tech firms/ }),
  ).toHaveAttribute('aria-current', 'page');
  const panel = page.getByRole('region', { name: 'Current case' });
  await expect(panel).toContainText('Disagreement 1 of 2');
  await expect(panel).toContainText('boundary differs');
  await expect(panel.getByRole('group', { name: "alice's version" })).toContainText(
    'FBI director James Comey',
  );
  await expect(panel.getByRole('group', { name: "bob's version" })).toContainText('James Comey');
  await expect(page.getByRole('region', { name: "alice's spans" }).locator('mark')).not.toHaveCount(
    0,
  );
  await page.screenshot({ path: testInfo.outputPath('01-review-side-by-side.png') });

  // Everything both agree on, in one step.
  await page.getByRole('button', { name: 'Accept all agreed (2)' }).click();
  const gold = page.getByRole('region', { name: 'Gold layer' });
  await expect(gold.locator('.review-column-title')).toContainText('(2)');

  // The boundary disagreement: bob's version, by key.
  await page.keyboard.press('2');
  await expect(
    page.getByRole('status').filter({ hasText: "Accepted bob's version" }),
  ).toBeVisible();
  await expect(panel).toContainText('Settled: accepted into the gold layer by lead.');
  await expect(gold.locator('.review-column-title')).toContainText('(3)');

  // Next disagreement: Google, only bob marked it. Reject it, undo, redo.
  await page.keyboard.press('n');
  await expect(panel).toContainText('Disagreement 2 of 2');
  await expect(panel).toContainText('only one annotator');
  // E opens the edit form on a version; Escape leaves it without a change.
  await page.keyboard.press('e');
  const form = page.getByRole('form', { name: "Edit bob's version" });
  await expect(form.getByRole('combobox', { name: 'Label' })).toBeFocused();
  await expect(form).toContainText('Text: Google (');
  await page.screenshot({ path: testInfo.outputPath('02-edit-form.png') });
  await page.keyboard.press('Escape');
  await expect(form).toHaveCount(0);
  await page.keyboard.press('x');
  await expect(panel).toContainText('Settled: rejected by lead.');
  await page.keyboard.press('Control+z');
  await expect(panel).toContainText('Not settled yet.');
  await page.keyboard.press('Control+Shift+z');
  await expect(panel).toContainText('Settled: rejected by lead.');
  await expect(gold.locator('.review-column-title')).toContainText('(3)');

  await page.getByRole('button', { name: 'Mark adjudicated' }).click();
  await expect(page.getByRole('main', { name: /Review of/ }).locator('.review-status')).toHaveText(
    'adjudicated',
  );
  await expect(
    docs.getByRole('button', { name: /adjudicated, 0 case\(s\) to settle/ }),
  ).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('03-review-adjudicated.png') });

  // The curated export: the gold spans, each with the coders it came from.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export gold layer (JSON)' }).click(),
  ]);
  const exported = JSON.parse(await readFile((await download.path())!, 'utf8'));
  expect(exported.curated).toBe(true);
  const doc = exported.documents.find((d: { id: string }) => d.id === DOC);
  expect(
    doc.annotations.map((a: { text: string; label: string; sources: string[] }) => [
      a.text,
      a.label,
      a.sources,
    ]),
  ).toEqual([
    ['Loretta Lynch', 'Actor', ['alice', 'bob']],
    ['James Comey', 'Actor', ['bob']],
    ['Facebook', 'Actor', ['alice', 'bob']],
  ]);
  expect(
    Array.from(doc.text).slice(doc.annotations[1].start, doc.annotations[1].end).join(''),
  ).toBe('James Comey');

  // The agreement report; its numbers open review on the spans behind them.
  await page
    .getByRole('navigation', { name: 'Screens' })
    .getByRole('button', { name: 'Agreement' })
    .click();
  await page.getByRole('button', { name: 'Compute agreement' }).click();
  const pairCell = page.getByRole('button', { name: /^F1 exact, alice and bob: 0\.571\./ }).first();
  await expect(pairCell).toBeVisible();
  await expect(page.getByRole('button', { name: /^F1 overlap, Actor: 0\.857\./ })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('04-agreement-report.png') });
  await page.locator('.agreement-screen').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await page.screenshot({ path: testInfo.outputPath('05-agreement-by-label.png') });
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  const rows = (await readFile((await csv.path())!, 'utf8')).split('\r\n');
  expect(rows[0]).toBe('scope,label,annotator_a,annotator_b,document,attribute,measure,value');
  expect(rows).toContain('overall,,,,,,f1_exact,0.5714285714285714');

  await page.getByRole('button', { name: /^F1 exact, Actor: / }).click();
  await expect(page.getByRole('main', { name: /Review of US officials/ })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Label' })).toHaveValue('Actor');
  await expect(panel).toContainText('Disagreement 1 of 2');
});

test('a coder stays blind: the agreement screen shows nothing until review is opened', async ({
  page,
}, testInfo) => {
  await page.goto(wb.url);
  await page
    .getByRole('navigation', { name: 'Screens' })
    .getByRole('button', { name: 'Agreement' })
    .click();
  await expect(page.getByRole('heading', { name: 'Blind coding' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Compute agreement' })).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('blind-agreement.png') });
});
