/**
 * The actor registry as a researcher uses it, in Chromium through browser mode: tag "James
 * Comey" in two articles, create an actor from one span and link the other through the
 * combobox, merge two actors on the Actors screen and undo it, purge an unused one; then find
 * the other mentions of an actor in the corpus and review them with the keyboard.
 */
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

function documents(page: Page) {
  return page.getByRole('navigation', { name: 'Documents' }).getByRole('button');
}

/** Selects `phrase`, tags it as an Actor with key 1, and opens its side panel. */
async function tagActor(page: Page, phrase: string) {
  await selectWithMouse(page, phrase);
  await page.keyboard.press('1');
  await expect.poll(() => highlightTexts(page, 'Actor')).toContain(phrase);
  await page.locator('.viewer-host mark[data-annotation-id]', { hasText: phrase }).first().click();
  const panel = page.getByRole('complementary', { name: `Actor span: ${phrase}` });
  await expect(panel).toBeVisible();
  return panel;
}

function actorRow(page: Page, name: string) {
  return page
    .getByRole('table')
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name, exact: true }) });
}

test('link two mentions to one actor, merge two actors and undo, purge the unused', async ({
  page,
}, testInfo) => {
  await page.goto(wb.url);
  await documents(page).nth(0).click();
  await expect(page.locator('.viewer-host')).toContainText('FBI director James Comey');

  // Article 1: an actor made from the span itself.
  let panel = await tagActor(page, 'James Comey');
  await panel.getByRole('button', { name: 'Create actor from this span' }).click();
  await expect(page.getByRole('status')).toContainText('Created the actor James Comey');
  await expect(panel.getByRole('region', { name: 'Actor' })).toContainText('James Comey');

  // Article 2: the same person, linked by typing part of the name and pressing Enter.
  await documents(page).nth(1).click();
  await expect(page.locator('.viewer-host')).toContainText('FBI Director James Comey');
  panel = await tagActor(page, 'James Comey');
  const combobox = panel.getByRole('combobox', { name: 'Link to actor' });
  await combobox.click();
  await page.keyboard.type('comey');
  const options = panel.getByRole('listbox', { name: 'Link to actor' }).getByRole('option');
  await expect(options.first()).toHaveText(/James Comey.*1 span/);
  await expect(combobox).toHaveAttribute('aria-expanded', 'true');
  await expect(combobox).toHaveAttribute('aria-activedescendant', /option-0/);
  await page.screenshot({ path: testInfo.outputPath('01-combobox.png') });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText('Linked “James Comey” to James Comey');
  await expect(panel.getByRole('region', { name: 'Actor' })).toContainText('2 spans');

  // A second actor for one person, made from the keyboard: E, type "Lynch", Enter.
  panel = await tagActor(page, 'Loretta Lynch');
  await page.keyboard.press('e');
  await expect(panel.getByRole('combobox', { name: 'Link to actor' })).toBeFocused();
  await page.keyboard.type('Lynch');
  await expect(panel.getByRole('option')).toHaveText(['Create actor “Lynch”']);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText('Created the actor Lynch');

  // The Actors screen: add "Loretta Lynch", merge "Lynch" into it, undo.
  await page
    .getByRole('navigation', { name: 'Screens' })
    .getByRole('button', { name: 'Actors' })
    .click();
  await expect(actorRow(page, 'James Comey')).toContainText('2');
  await page.getByRole('button', { name: 'New actor' }).click();
  const form = page.getByRole('form', { name: 'New actor' });
  await form.getByLabel('Name').fill('Loretta Lynch');
  await form.getByLabel('Kind').selectOption('person');
  await form.getByLabel(/Wikidata id/).fill('Q22959');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(actorRow(page, 'Loretta Lynch')).toContainText('Q22959');

  await page.getByRole('checkbox', { name: 'Select Lynch' }).check();
  await page.getByRole('checkbox', { name: 'Select Loretta Lynch' }).check();
  await page.getByRole('button', { name: 'Merge selected (2)…' }).click();
  const merge = page.getByRole('region', { name: 'Merge 2 actors' });
  await merge.getByRole('radio', { name: /^Loretta Lynch/ }).check();
  await expect(merge).toContainText('1 span of “Lynch” will link to “Loretta Lynch”');
  await page.screenshot({ path: testInfo.outputPath('02-actors-merge.png') });
  await merge.getByRole('button', { name: 'Merge into “Loretta Lynch”' }).click();
  await expect(page.getByRole('status')).toContainText('Merged 1 actor into Loretta Lynch');
  await expect(actorRow(page, 'Lynch')).toHaveCount(0);
  await expect(actorRow(page, 'Loretta Lynch')).toContainText('Lynch');
  await expect(actorRow(page, 'Loretta Lynch').getByRole('cell').nth(4)).toHaveText('1');
  await page.screenshot({ path: testInfo.outputPath('03-actors-merged.png') });

  await page.keyboard.press('Control+z');
  await expect(page.getByRole('status')).toContainText('Undid: merge 1 actor into Loretta Lynch');
  await expect(actorRow(page, 'Lynch').getByRole('cell').nth(4)).toHaveText('1');
  await expect(actorRow(page, 'Loretta Lynch').getByRole('cell').nth(4)).toHaveText('0');

  // The span followed the undo back: the panel of article 2's "Loretta Lynch" names "Lynch".
  await page
    .getByRole('navigation', { name: 'Screens' })
    .getByRole('button', { name: 'Annotate' })
    .click();
  await page.locator('.viewer-host mark[data-annotation-id]', { hasText: 'Loretta Lynch' }).click();
  await expect(
    page
      .getByRole('complementary', { name: 'Actor span: Loretta Lynch' })
      .getByRole('region', { name: 'Actor' }),
  ).toContainText(/Lynch · other · 1 span/);

  // Purge the unused one, after a confirmation that says how many.
  await page
    .getByRole('navigation', { name: 'Screens' })
    .getByRole('button', { name: 'Actors' })
    .click();
  await page.getByRole('button', { name: 'Purge unused (1)…' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Delete 1 unused actor?' });
  await expect(confirm).toContainText('No span links to it: “Loretta Lynch”');
  await confirm.getByRole('button', { name: 'Delete 1 actor' }).click();
  await expect(actorRow(page, 'Loretta Lynch')).toHaveCount(0);
  await expect(page.getByRole('table').getByRole('rowheader')).toHaveText(['James Comey', 'Lynch']);
});

test('find the other mentions of an actor in the corpus, accept some, reject one', async ({
  page,
}, testInfo) => {
  await page.goto(wb.url);
  await documents(page).nth(2).click();
  await expect(page.locator('.viewer-host')).toContainText('Obama');

  const panel = await tagActor(page, 'Obama');
  await panel.getByRole('button', { name: 'Create actor from this span' }).click();
  await expect(page.getByRole('status')).toContainText('Created the actor Obama');
  await panel
    .getByRole('group', { name: 'Find other mentions' })
    .getByRole('button', { name: 'In the corpus' })
    .click();

  const review = panel.getByRole('region', { name: 'Mentions of “Obama” in the corpus' });
  await expect(review).toContainText('8 mentions in 3 documents');
  const list = review.getByRole('listbox', { name: 'Suggested mentions' });
  await expect(list).toBeFocused();
  const items = list.getByRole('option');
  await expect(items).toHaveCount(8);
  // Each comes with its sentence; the open article's come first.
  await expect(items.first()).toContainText('Obama');
  await expect(items.first().locator('mark')).toHaveText('Obama');
  await page.screenshot({ path: testInfo.outputPath('04-suggestions.png') });

  // Nothing is saved yet.
  expect(await highlightTexts(page, 'Actor')).toEqual(['Obama']);

  await page.keyboard.press('a'); // accept the first
  await expect(items.nth(0)).toContainText('accepted');
  await expect(items.nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('x'); // reject the second
  await expect(items.nth(1)).toContainText('rejected');
  await page.keyboard.press('k'); // back up, then forward again to the third
  await expect(items.nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('j');
  await page.keyboard.press('a');
  await expect(review).toContainText('2 accepted · 1 rejected · 5 open');
  // Accepted ones in this article are highlighted at once.
  await expect.poll(async () => (await highlightTexts(page, 'Actor')).length).toBe(3);
  await page.screenshot({ path: testInfo.outputPath('05-suggestions-reviewed.png') });

  await page.keyboard.press('Shift+A'); // accept every open one, as one step
  await expect(review).toContainText('7 accepted · 1 rejected · 0 open');
  await page.keyboard.press('Control+z');
  await expect(review).toContainText('2 accepted · 1 rejected · 5 open');

  await page
    .getByRole('navigation', { name: 'Screens' })
    .getByRole('button', { name: 'Actors' })
    .click();
  await expect(actorRow(page, 'Obama').getByRole('cell').nth(4)).toHaveText('3');
});
