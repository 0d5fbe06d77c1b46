/**
 * What a new user does on day one, in Chromium through browser mode: name themselves, open the
 * first article, select "FBI director James Comey" with the mouse, press 1, see it highlighted as
 * an Actor, reload and find it still there, export JSON (Export…) and check what Python would read.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import {
  highlightTexts,
  selectWithMouse,
  startWorkbench,
  type RunningWorkbench,
} from './workbench';

let wb: RunningWorkbench;

test.beforeEach(async () => {
  wb = await startWorkbench();
});

test.afterEach(async () => {
  await wb.stop();
});

test('tag an actor with the mouse and key 1, keep it across a reload, export it', async ({
  page,
}, testInfo) => {
  // Anything the Content-Security-Policy blocks would be a feature silently missing.
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.goto(wb.url);

  // First run: the annotator's name is asked once.
  const dialog = page.getByRole('dialog', { name: 'Who is annotating?' });
  await expect(dialog).toBeVisible();
  await page.getByLabel('Annotator name').fill('alice');
  await page.getByRole('button', { name: 'Start annotating' }).click();
  await expect(dialog).toBeHidden();

  const docs = page.getByRole('navigation', { name: 'Documents' }).getByRole('button');
  await expect(docs).toHaveCount(3);
  await docs.first().click();
  await expect(page.locator('.viewer-host')).toContainText('FBI director James Comey');
  await page.screenshot({ path: testInfo.outputPath('01-document-open.png') });

  await selectWithMouse(page, 'FBI director James Comey');
  await page.keyboard.press('1');
  await expect.poll(() => highlightTexts(page, 'Actor')).toEqual(['FBI director James Comey']);
  // In the codebook's colour for Actor, not the grey of an unknown label.
  const color = await page
    .locator('.viewer-host mark[data-annotation-id]')
    .first()
    .evaluate((el) => getComputedStyle(el).getPropertyValue('--label-color').trim());
  expect(color).toBe('#2563eb');
  await expect(page.getByRole('status')).toContainText(
    'Tagged “FBI director James Comey” as Actor',
  );
  await expect(docs.first()).toContainText('1 span');
  await page.screenshot({ path: testInfo.outputPath('02-tagged.png') });

  // The write was durable before the reload: the span comes back from disk.
  await page.reload();
  await expect(page.getByRole('dialog', { name: 'Who is annotating?' })).toBeHidden();
  await docs.first().click();
  await expect.poll(() => highlightTexts(page, 'Actor')).toEqual(['FBI director James Comey']);

  await page.getByRole('button', { name: 'Export…' }).click();
  const exportDialog = page.getByRole('dialog', { name: 'Export' });
  await exportDialog.getByRole('radio', { name: /Workbench JSON/ }).check();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    exportDialog.getByRole('button', { name: 'Export', exact: true }).click(),
  ]);
  const exported = JSON.parse(await readFile((await download.path())!, 'utf8'));
  expect(exported.offset_unit).toBe('codepoint');
  const doc = exported.documents.find((d: { annotations: unknown[] }) => d.annotations.length > 0);
  expect(doc.annotations).toHaveLength(1);
  const span = doc.annotations[0];
  expect(span).toMatchObject({
    label: 'Actor',
    text: 'FBI director James Comey',
    annotator: 'alice',
  });
  // What Python's doc["text"][start:end] reads: slice by code points.
  expect(Array.from(doc.text).slice(span.start, span.end).join('')).toBe(span.text);
  expect(violations).toEqual([]);
});

test('undo and redo a tag with the keyboard, relabel and delete a span from its panel', async ({
  page,
}) => {
  await page.goto(wb.url);
  await page.getByLabel('Annotator name').fill('bob');
  await page.getByRole('button', { name: 'Start annotating' }).click();
  await page.getByRole('navigation', { name: 'Documents' }).getByRole('button').first().click();

  await selectWithMouse(page, 'Loretta Lynch');
  await page.keyboard.press('1');
  await expect.poll(() => highlightTexts(page, 'Actor')).toEqual(['Loretta Lynch']);
  await page.keyboard.press('Control+z');
  await expect.poll(() => highlightTexts(page, 'Actor')).toEqual([]);
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(() => highlightTexts(page, 'Actor')).toEqual(['Loretta Lynch']);

  // Click the highlight: the side panel names it; relabel, then delete.
  await page.locator('.viewer-host').getByText('Loretta Lynch', { exact: true }).click();
  const panel = page.getByRole('complementary', { name: /Actor span: Loretta Lynch/ });
  await expect(panel).toBeVisible();
  await panel.getByRole('radio', { name: 'Claim' }).click();
  await expect.poll(() => highlightTexts(page, 'Claim')).toEqual(['Loretta Lynch']);
  await page
    .getByRole('complementary', { name: /Claim span/ })
    .getByRole('button', { name: 'Delete span' })
    .click();
  await expect.poll(() => highlightTexts(page, 'Claim')).toEqual([]);
  await page.keyboard.press('Control+z');
  await expect.poll(() => highlightTexts(page, 'Claim')).toEqual(['Loretta Lynch']);
});
