/**
 * The codebook editor, as a person uses it in Chromium (browser mode): tag a few actors, rename
 * "Actor" to "Speaker" on the Codebook screen — the dialog states how many annotations change
 * before anything happens — see every span follow on the annotate screen, then undo the rename
 * and see them back as Actor.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import {
  highlightTexts,
  selectWithMouse,
  startWorkbench,
  type RunningWorkbench,
} from './workbench';

let wb: RunningWorkbench;

test.beforeEach(async () => {
  wb = await startWorkbench({ annotator: 'alice' });
});

test.afterEach(async () => {
  await wb.stop();
});

/** In document order, as highlightTexts lists them. */
const ACTORS = ['Loretta Lynch', 'FBI director James Comey'];

async function tagActors(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Documents' }).getByRole('button').first().click();
  await expect(page.locator('.viewer-host')).toContainText(ACTORS[1]!);
  for (const phrase of ACTORS) {
    await selectWithMouse(page, phrase);
    await page.keyboard.press('1');
    await expect
      .poll(async () => (await highlightTexts(page, 'Actor')).includes(phrase))
      .toBe(true);
    // The new span's panel opens beside the text and reflows it: wait before the next selection.
    await expect(page.getByRole('complementary', { name: `Actor span: ${phrase}` })).toBeVisible();
  }
}

/** The labels in alice's layer file of the first article, as stored. */
async function readLabels(): Promise<string[]> {
  const file = join(wb.projectDir, 'annotations', 'alice', '000_3c96c7399f2592f5.json');
  return JSON.parse(await readFile(file, 'utf8')).annotations.map(
    (a: { label: string }) => a.label,
  );
}

function screenTab(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name });
}

test('rename Actor to Speaker with the count shown first, follow it, undo it', async ({
  page,
}, testInfo) => {
  await page.goto(wb.url);
  await tagActors(page);

  await screenTab(page, 'Codebook').click();
  const items = page.getByRole('navigation', { name: 'Codebook items' });
  await expect(items.getByRole('button', { name: 'Actor', exact: true })).toHaveAttribute(
    'aria-current',
    'true',
  );
  await expect(page.getByLabel('Hotkey')).toHaveValue('1');
  await page.screenshot({ path: testInfo.outputPath('01-codebook-screen.png') });

  await page.getByRole('button', { name: 'Rename label…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Rename label “Actor”' });
  await expect(dialog).toBeVisible();
  // The name field has focus: typing replaces the old name.
  await expect(dialog.getByLabel('New name')).toBeFocused();
  await dialog.getByLabel('New name').fill('Speaker');
  await expect(dialog).toContainText('2 annotations in 1 document will change.');
  await page.screenshot({ path: testInfo.outputPath('02-rename-dialog.png') });
  await dialog.getByRole('button', { name: 'Rename' }).click();
  await expect(dialog).toBeHidden();
  await expect(items.getByRole('button', { name: 'Speaker', exact: true })).toBeVisible();
  await expect(page.getByRole('status').last()).toContainText(
    'Rename label “Actor” to “Speaker”: 2 annotations in 1 document changed.',
  );

  // On disk, in the annotator's own file.
  expect(await readLabels()).toEqual(['Speaker', 'Speaker']);

  await screenTab(page, 'Annotate').click();
  await expect.poll(() => highlightTexts(page, 'Speaker')).toEqual(ACTORS);
  expect(await highlightTexts(page, 'Actor')).toEqual([]);
  const palette = page.getByRole('toolbar', { name: 'Labels' });
  await expect(palette.getByRole('button', { name: /^Speaker/ })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('03-annotate-after-rename.png') });

  // Undo, from the annotate screen: the inverse rename migrates everything back.
  await page.locator('.viewer-host [role="document"]').focus();
  await page.keyboard.press('Control+z');
  await expect.poll(() => highlightTexts(page, 'Actor')).toEqual(ACTORS);
  expect(await highlightTexts(page, 'Speaker')).toEqual([]);
  expect(await readLabels()).toEqual(['Actor', 'Actor']);
  await expect(palette.getByRole('button', { name: /^Actor/ })).toBeVisible();

  // The palette shows the label's coding guideline on hover.
  await expect(palette.getByRole('button', { name: /^Actor/ })).toHaveAttribute(
    'title',
    /^Actor \(key 1\)\nA person, organisation or body that speaks or acts in the text\..*\nExamples: “FBI director James Comey”/s,
  );
});

test('delete a label: choose between moving and deleting, with the count on the button', async ({
  page,
}, testInfo) => {
  await page.goto(wb.url);
  await tagActors(page);
  await screenTab(page, 'Codebook').click();

  // Keyboard only: reach the Policy topic label and its delete dialog.
  const items = page.getByRole('navigation', { name: 'Codebook items' });
  await items.getByRole('button', { name: 'Policy topic', exact: true }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Delete label…' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Delete label “Policy topic”' });
  await expect(dialog).toBeVisible();
  // "about" allows no other target: the dialog says it goes too. Nothing else changes.
  await dialog.getByRole('radio', { name: 'Delete its annotations' }).check();
  await expect(dialog).toContainText('No annotation or relation will change.');
  await expect(dialog).toContainText(
    'Relation type “about” allows no label but “Policy topic” at one end, so it is deleted too',
  );
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // Actor has spans: moving them is the default; deleting them names the count on the button.
  await items.getByRole('button', { name: 'Actor', exact: true }).click();
  await page.getByRole('button', { name: 'Delete label…' }).click();
  const actorDialog = page.getByRole('dialog', { name: 'Delete label “Actor”' });
  await expect(
    actorDialog.getByRole('radio', { name: 'Move them to another label' }),
  ).toBeChecked();
  await actorDialog.getByLabel('Move its annotations to').selectOption('Claim');
  await expect(actorDialog).toContainText('2 annotations in 1 document will change.');
  await page.screenshot({ path: testInfo.outputPath('04-delete-dialog-move.png') });
  await actorDialog.getByRole('radio', { name: 'Delete its annotations' }).check();
  await expect(actorDialog).toContainText('2 annotations in 1 document will be deleted.');
  await expect(actorDialog.getByRole('button', { name: 'Delete 2 annotations' })).toBeEnabled();
  await page.screenshot({ path: testInfo.outputPath('05-delete-dialog-lossy.png') });
  await actorDialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(actorDialog).toBeHidden();
  expect(await readLabels()).toEqual(['Actor', 'Actor']);

  // A plain edit: a new colour shows the save bar; saving makes a new revision.
  await page.getByLabel('Description (coding guideline)').fill('Who speaks.');
  await expect(page.getByRole('button', { name: 'Rename label…' })).toBeDisabled();
  await page.screenshot({ path: testInfo.outputPath('06-unsaved-edits.png') });
  await page.getByRole('button', { name: 'Save codebook' }).click();
  await expect(page.getByText('revision 2', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Rename label…' })).toBeEnabled();
});
