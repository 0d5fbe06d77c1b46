/**
 * Coding a statement with the keyboard, in Chromium through browser mode: the mouse only selects
 * text; keys do the rest. In the first article: "FBI director James Comey" as Actor (1), "social
 * media" as Policy topic (3), a claim as Claim (2) with its stance (A, then 1), linked to the
 * topic (R, ↓, Enter) and to the actor (R, type-ahead, Enter). The panel shows the statement and
 * the viewer draws both connectors; deleting the claim takes its relations and undo brings them
 * back; then every step is undone. The project's codebook makes the stance required, so the
 * claim is outlined as incomplete until it has one.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import {
  highlightTexts,
  selectWithMouse,
  startWorkbench,
  type RunningWorkbench,
} from './workbench';

const ACTOR = 'FBI director James Comey';
const TOPIC = 'social media';
const CLAIM = 'make it more difficult for groups to use social media to recruit';

let wb: RunningWorkbench;

test.beforeEach(async () => {
  wb = await startWorkbench({
    annotator: 'alice',
    prepare: async (projectDir) => {
      const path = join(projectDir, 'codebook.json');
      const codebook = JSON.parse(await readFile(path, 'utf8'));
      for (const label of codebook.labels) {
        for (const attribute of label.attributes) {
          if (attribute.name === 'stance') attribute.required = true;
        }
      }
      await writeFile(path, JSON.stringify(codebook, null, 2));
    },
  });
});

test.afterEach(async () => {
  await wb.stop();
});

/** The types of the connectors drawn in the viewer (previews aside), in drawing order. */
async function connectors(page: Page): Promise<string[]> {
  return page
    .locator('.wb-span-overlay g.wb-relation:not(.is-preview)')
    .evaluateAll((groups) => groups.map((g) => g.getAttribute('data-relation-type')!));
}

async function incompleteOutlines(page: Page): Promise<number> {
  return page.locator('.wb-span-overlay rect.wb-incomplete').count();
}

test('code a statement with the keyboard: tag, stance, link with R, see it, undo it', async ({
  page,
}, testInfo) => {
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`) });
  await page.goto(wb.url);
  await page.getByRole('navigation', { name: 'Documents' }).getByRole('button').first().click();
  await expect(page.locator('.viewer-host')).toContainText(ACTOR);

  // Tag: select with the mouse, press the label's number. The new span becomes the selected one.
  await selectWithMouse(page, ACTOR);
  await page.keyboard.press('1');
  await expect(page.getByRole('complementary', { name: `Actor span: ${ACTOR}` })).toBeVisible();
  await selectWithMouse(page, TOPIC);
  await page.keyboard.press('3');
  await expect(
    page.getByRole('complementary', { name: `Policy topic span: ${TOPIC}` }),
  ).toBeVisible();
  await selectWithMouse(page, CLAIM);
  await page.keyboard.press('2');
  const panel = page.getByRole('complementary', { name: `Claim span: ${CLAIM}` });
  await expect(panel).toBeVisible();
  expect(await highlightTexts(page, 'Claim')).toEqual([CLAIM]);

  // The stance is required: the claim is outlined and the panel says so.
  await expect.poll(() => incompleteOutlines(page)).toBeGreaterThan(0);
  await expect(panel.getByRole('note')).toHaveText('Required, not set yet: stance.');
  const stance = panel.getByRole('group', { name: /stance/ });
  await expect(stance).toHaveAttribute('aria-invalid', 'true');
  await expect(panel.getByRole('region', { name: 'Statement' })).toContainText(
    'no actor yet — no stance → no topic yet',
  );
  await shot('00-incomplete-claim');

  // A: into the attribute fields; 1 picks the first stance; Escape gives the keys back to the text.
  await page.keyboard.press('a');
  await expect(stance.getByRole('radio', { name: 'support' })).toBeFocused();
  await page.keyboard.press('1');
  await expect(stance.getByRole('radio', { name: 'support' })).toBeChecked();
  await expect.poll(() => incompleteOutlines(page)).toBe(0);
  await expect(panel.getByRole('note')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('document', { name: /^US officials/ })).toBeFocused();
  await shot('01-claim-panel');

  // R: the picker lists the spans the claim may link to, nearest first.
  await page.keyboard.press('r');
  const picker = page.getByRole('dialog', { name: /^Link Claim/ });
  await expect(picker).toBeVisible();
  const options = picker.getByRole('option');
  await expect(options).toHaveText([
    new RegExp(`^made by →\\s*Actor\\s*${ACTOR}$`),
    new RegExp(`^about →\\s*Policy topic\\s*${TOPIC}$`),
  ]);
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  // The highlighted choice is previewed as a dashed connector.
  await expect(page.locator('.wb-span-overlay g.is-preview')).toHaveAttribute(
    'data-relation-type',
    'about',
  );
  await shot('02-picker');
  await page.keyboard.press('Enter');
  await expect(picker).toBeHidden();
  await expect(page.getByRole('status')).toContainText(
    `Linked Claim “${CLAIM.slice(0, 39)}…” —about→ Policy topic “${TOPIC}”.`,
  );

  // R again: the topic is linked already; type-ahead finds the actor.
  await page.keyboard.press('r');
  await expect(picker).toBeVisible();
  await page.keyboard.type('comey');
  await expect(options).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(picker).toBeHidden();

  // The panel shows the statement and the relations; the viewer draws both connectors.
  const statement = panel.getByRole('region', { name: 'Statement' });
  await expect(statement).toContainText(`${ACTOR} — support → ${TOPIC}`);
  const relations = panel.getByRole('region', { name: 'Relations' });
  // In text order: the topic comes first in the article.
  await expect(relations.getByRole('button', { name: /^Go to / })).toHaveText([
    new RegExp(`^about →\\s*Policy topic\\s*${TOPIC}`),
    new RegExp(`^made by →\\s*Actor\\s*${ACTOR}`),
  ]);
  await expect.poll(() => connectors(page)).toEqual(['about', 'made by']);
  await shot('03-statement');

  // Deleting the claim says how many relations went with it; undo brings back all of it.
  await page.keyboard.press('Delete');
  await expect(page.getByRole('status')).toContainText(
    `Deleted the Claim span “${CLAIM}” and its 2 relations.`,
  );
  expect(await highlightTexts(page, 'Claim')).toEqual([]);
  await expect.poll(() => connectors(page)).toEqual([]);
  await page.keyboard.press('Control+z');
  await expect.poll(() => highlightTexts(page, 'Claim')).toEqual([CLAIM]);
  await expect.poll(() => connectors(page)).toEqual(['about', 'made by']);

  // Undo every step, newest first, and watch each one go.
  const undo = async (description: string) => {
    await page.keyboard.press('Control+z');
    await expect(page.getByRole('status')).toHaveText(`Undid: ${description}`);
  };
  await undo('link made by');
  await expect.poll(() => connectors(page)).toEqual(['about']);
  await undo('link about');
  await expect.poll(() => connectors(page)).toEqual([]);
  await undo('set stance');
  await expect.poll(() => incompleteOutlines(page)).toBeGreaterThan(0);
  await undo('tag Claim');
  await expect.poll(() => highlightTexts(page, 'Claim')).toEqual([]);
  await undo('tag Policy topic');
  await expect.poll(() => highlightTexts(page, 'Policy topic')).toEqual([]);
  await undo('tag Actor');
  await expect.poll(() => highlightTexts(page, 'Actor')).toEqual([]);
  // No span is chosen any more: the panel shows its empty state.
  await expect(page.getByRole('complementary')).toHaveAccessibleName('Span details');
});

test('link with the mouse from the panel, follow a relation, remove it and undo', async ({
  page,
}) => {
  await page.goto(wb.url);
  await page.getByRole('navigation', { name: 'Documents' }).getByRole('button').first().click();
  await expect(page.locator('.viewer-host')).toContainText(ACTOR);
  await selectWithMouse(page, ACTOR);
  await page
    .getByRole('toolbar', { name: 'Labels' })
    .getByRole('button', { name: 'Actor', exact: true })
    .click();
  await selectWithMouse(page, CLAIM);
  await page
    .getByRole('toolbar', { name: 'Labels' })
    .getByRole('button', { name: 'Claim', exact: true })
    .click();
  const claimPanel = page.getByRole('complementary', { name: `Claim span: ${CLAIM}` });
  await expect(claimPanel).toBeVisible();

  // "Link to…" opens the same picker; a click on a row links.
  await claimPanel.getByRole('button', { name: 'Link to…' }).click();
  const picker = page.getByRole('dialog', { name: /^Link Claim/ });
  await picker.getByRole('option', { name: new RegExp(`Actor “${ACTOR}”`) }).click();
  await expect(picker).toBeHidden();
  const relations = claimPanel.getByRole('region', { name: 'Relations' });
  const toActor = relations.getByRole('button', { name: `Go to made by → Actor “${ACTOR}”` });
  await expect(toActor).toBeVisible();
  await expect.poll(() => connectors(page)).toEqual(['made by']);

  // Following the relation selects the actor, whose panel shows the link the other way round.
  await toActor.click();
  const actorPanel = page.getByRole('complementary', { name: `Actor span: ${ACTOR}` });
  await expect(actorPanel.getByRole('region', { name: 'Relations' })).toContainText('← made by');
  await expect(actorPanel.getByRole('region', { name: 'Statement' })).toContainText(
    `${ACTOR} — no stance → no topic yet`,
  );

  // Remove it from the actor's side; undo brings it back.
  await actorPanel
    .getByRole('button', { name: /^Remove the relation ← made by Claim “make/ })
    .click();
  await expect(page.getByRole('status')).toHaveText('Removed the “made by” relation.');
  await expect.poll(() => connectors(page)).toEqual([]);
  await expect(actorPanel.getByRole('region', { name: 'Relations' })).toContainText('None yet.');
  await page.keyboard.press('Control+z');
  await expect.poll(() => connectors(page)).toEqual(['made by']);
  await expect(actorPanel.getByRole('region', { name: 'Relations' })).toContainText('← made by');
});
