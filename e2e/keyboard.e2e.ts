/**
 * Keyboard-first coding in Chromium (browser mode), as a coder works: a sticky label that tags
 * every mouse selection (snapped to whole words), growing a caret to its sentence and tagging
 * it, nudging a span's boundary and undoing it, stepping from span to span, the command palette,
 * the shortcut sheet, the annotation list, and a document's status and memo across a reload.
 */
import { expect, test, type Page } from '@playwright/test';
import { highlightTexts, startWorkbench, type RunningWorkbench } from './workbench';

let wb: RunningWorkbench;

test.beforeEach(async () => {
  wb = await startWorkbench({ annotator: 'alice' });
});

test.afterEach(async () => {
  await wb.stop();
});

const FIRST_TITLE = 'US officials to meet tech firms about countering Islamic State';

async function openFirstDocument(page: Page) {
  await page.goto(wb.url);
  await documentList(page).getByRole('button').first().click();
  await expect(page.locator('.viewer-host')).toContainText('FBI director James Comey');
}

const documentList = (page: Page) => page.getByRole('navigation', { name: 'Documents' });

/** Client coordinates of characters `from`–`to` of the first occurrence of `phrase`. */
async function phrasePoints(page: Page, phrase: string, from = 0, to = phrase.length) {
  return page.evaluate(
    ({ needle, from, to }) => {
      const root = document.querySelector('.viewer-host')!;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf(needle);
        if (at < 0) continue;
        (node.parentElement as HTMLElement).scrollIntoView({ block: 'center' });
        const box = (offset: number) => {
          const range = document.createRange();
          range.setStart(node, at + offset);
          range.setEnd(node, at + offset + 1);
          return range.getBoundingClientRect();
        };
        const a = box(from);
        const b = box(to - 1);
        return {
          x1: a.left + 1,
          y1: a.top + a.height / 2,
          x2: b.right - 1,
          y2: b.top + b.height / 2,
        };
      }
      throw new Error(`"${needle}" is not in the viewer as one text node`);
    },
    { needle: phrase, from, to },
  );
}

/** Drags over characters `from`–`to` of `phrase` with the mouse (no check of the result). */
async function drag(page: Page, phrase: string, from = 0, to = phrase.length) {
  const p = await phrasePoints(page, phrase, from, to);
  await page.mouse.move(p.x1, p.y1);
  await page.mouse.down();
  await page.mouse.move((p.x1 + p.x2) / 2, (p.y1 + p.y2) / 2, { steps: 4 });
  await page.mouse.move(p.x2, p.y2, { steps: 4 });
  await page.mouse.up();
}

/** Puts the caret inside `phrase` with a click, as a person does before a key. */
async function clickInto(page: Page, phrase: string, offset: number) {
  const p = await phrasePoints(page, phrase, offset, offset + 1);
  await page.mouse.click(p.x1, p.y1);
}

/**
 * Waits until the tag of the text starting with `text` is saved (the status line says so). The new span's side panel
 * opens then and narrows the text, so the next mouse action must wait for it.
 */
async function tagged(page: Page, text: string) {
  await expect(page.locator('.status-info')).toContainText(`Tagged “${text}`);
}

const selectedText = (page: Page) => page.evaluate(() => window.getSelection()?.toString() ?? '');

test('a sticky label tags each mouse selection at once, snapped to whole words', async ({
  page,
}, testInfo) => {
  await openFirstDocument(page);
  const keep = page.getByRole('button', { name: 'Keep Actor active' });
  await keep.click();
  await expect(keep).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('toolbar', { name: 'Labels' })).toContainText(
    'Actor tags every selection',
  );
  await page.screenshot({ path: testInfo.outputPath('sticky-label.png') });

  // Dragged from inside "director" to inside "Comey": the whole words are tagged.
  await drag(page, 'FBI director James Comey', 6, 21);
  await tagged(page, 'director James Comey');
  await expect.poll(() => highlightTexts(page, 'Actor')).toEqual(['director James Comey']);
  // Alt keeps the exact characters.
  await page.keyboard.down('Alt');
  await drag(page, 'Loretta Lynch', 0, 7);
  await page.keyboard.up('Alt');
  await tagged(page, 'Loretta');
  await expect
    .poll(() => highlightTexts(page, 'Actor'))
    .toEqual(['Loretta', 'director James Comey']);

  // Shift+2 makes Claim the active label instead, from the keyboard.
  await page.keyboard.press('Shift+Digit2');
  await expect(page.getByRole('button', { name: 'Keep Claim active' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await drag(page, 'national intelligence director', 3, 20);
  await tagged(page, 'national intelligence');
  await expect.poll(() => highlightTexts(page, 'Claim')).toEqual(['national intelligence']);

  await page.getByRole('button', { name: 'Stop (Esc)' }).click();
  await expect(page.getByRole('button', { name: 'Keep Claim active' })).toHaveAttribute(
    'aria-pressed',
    'false',
  );
  await drag(page, 'Mike Rogers');
  await expect.poll(() => selectedText(page)).toBe('Mike Rogers');
  expect(await highlightTexts(page, 'Actor')).toHaveLength(2);
});

test('grow the caret to its sentence and tag it; nudge a boundary and undo', async ({ page }) => {
  await openFirstDocument(page);
  await clickInto(page, 'Barack Obama', 3);
  await page.keyboard.press('Alt+s');
  await expect
    .poll(() => selectedText(page))
    .toBe(
      'In December 2015, US president Barack Obama said he would “urge high-tech and law ' +
        'enforcement leaders to make it harder for terrorists to use technology to escape from ' +
        'justice”.',
    );
  await page.keyboard.press('2');
  await tagged(page, 'In December 2015');
  await expect.poll(() => highlightTexts(page, 'Claim')).toHaveLength(1);

  // The quotation inside it, without and then with its marks.
  await clickInto(page, 'high-tech', 2);
  await page.keyboard.press('Alt+q');
  await expect.poll(() => selectedText(page)).toMatch(/^urge high-tech .* justice$/);
  await page.keyboard.press('Alt+q');
  await expect.poll(() => selectedText(page)).toMatch(/^“urge .* justice”$/);

  // Tag "James", select it, move its end one word right, its start one word left, undo both.
  await drag(page, 'James Comey', 0, 5);
  await page.keyboard.press('1');
  await tagged(page, 'James');
  await expect.poll(() => highlightTexts(page, 'Actor')).toEqual(['James']);
  await page.locator('.viewer-host').getByText('James', { exact: true }).first().click();
  await expect(page.getByRole('complementary', { name: /Actor span: James/ })).toBeVisible();
  await page.keyboard.press('Shift+Alt+ArrowRight');
  await expect.poll(() => highlightTexts(page, 'Actor')).toEqual(['James Comey']);
  await page.keyboard.press('Alt+ArrowLeft');
  await expect.poll(() => highlightTexts(page, 'Actor')).toEqual(['director James Comey']);
  await page.keyboard.press('Control+z');
  await expect.poll(() => highlightTexts(page, 'Actor')).toEqual(['James Comey']);
  await page.keyboard.press('Control+z');
  await expect.poll(() => highlightTexts(page, 'Actor')).toEqual(['James']);
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(() => highlightTexts(page, 'Actor')).toEqual(['James Comey']);
});

test('J and K step through the spans; the palette runs commands; the sheet lists keys', async ({
  page,
}, testInfo) => {
  await openFirstDocument(page);
  for (const phrase of ['Denis McDonough', 'Lisa Monaco', 'Loretta Lynch']) {
    await drag(page, phrase);
    await page.keyboard.press('1');
    await tagged(page, phrase);
  }
  await page.keyboard.press('Escape'); // close the panel of the last tagged span
  // With no span selected, J goes to the first span after the caret.
  await clickInto(page, 'San Jose', 1);
  const panel = (quote: string) =>
    page.getByRole('complementary', { name: new RegExp(`span: ${quote}`) });
  await page.keyboard.press('j');
  await expect(panel('Denis McDonough')).toBeVisible();
  await page.keyboard.press('j');
  await expect(panel('Lisa Monaco')).toBeVisible();
  await page.keyboard.press('j');
  await page.keyboard.press('k');
  await expect(panel('Lisa Monaco')).toBeVisible();

  // The palette: find "Tag as Claim" by a few letters and run it on the selection.
  await drag(page, 'Mike Rogers');
  await expect.poll(() => selectedText(page)).toBe('Mike Rogers');
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  const field = palette.getByRole('combobox', { name: 'Command' });
  await expect(field).toBeFocused();
  await field.fill('tag cl');
  await expect(palette.getByRole('option').first()).toContainText('Tag as Claim');
  await expect(palette.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
  await page.screenshot({ path: testInfo.outputPath('command-palette.png') });
  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();
  await expect.poll(() => highlightTexts(page, 'Claim')).toEqual(['Mike Rogers']);

  // …and open another document from it.
  await page.keyboard.press('Control+k');
  await field.fill('open obama');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await expect(palette.getByRole('option').first()).toContainText('Open document:');
  await page.keyboard.press('Enter');
  await expect(documentList(page).locator('[aria-current="page"]')).not.toContainText(FIRST_TITLE);
  await expect(page.locator('.doc-id')).not.toHaveText('000_3c96c7399f2592f5');

  // The shortcut sheet lists every command with its keys.
  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toBeVisible();
  for (const [title, keys] of <[string, string][]>[
    ['Select the sentence around the selection', 'Alt+S'],
    ['Keep Actor active (tag every selection at once)', 'Shift+1'],
    ["Move the span's end one word right", 'Shift+Alt+→'],
    ['Go to the next span', 'J'],
    ['Find a command', 'Ctrl+K'],
    ['Undo', 'Ctrl+Z'],
  ]) {
    await expect(sheet.getByRole('row', { name: title })).toContainText(keys);
  }
  await page.screenshot({ path: testInfo.outputPath('shortcut-sheet.png') });
  await page.keyboard.press('1'); // keys do not reach the document behind the sheet
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
});

test('the annotation list filters spans and opens one in its document', async ({
  page,
}, testInfo) => {
  await openFirstDocument(page);
  for (const [phrase, key] of [
    ['FBI director James Comey', '1'],
    ['Loretta Lynch', '1'],
    ['social media', '3'],
  ] as const) {
    await drag(page, phrase);
    await page.keyboard.press(key);
    await tagged(page, phrase);
  }
  await expect(documentList(page).getByRole('button').first()).toContainText('3 spans');

  await page
    .getByRole('navigation', { name: 'Screens' })
    .getByRole('button', { name: 'Annotation list' })
    .click();
  const list = page.getByRole('main', { name: 'Annotation list' });
  const rows = list.getByRole('row');
  await expect(rows).toHaveCount(4); // the header and three spans
  await list.getByLabel('Scope').selectOption('corpus');
  await list.getByLabel('Label').selectOption('Actor');
  await expect(rows).toHaveCount(3);
  await list.getByLabel('Text').fill('comey');
  await expect(rows).toHaveCount(2);
  await expect(list).toContainText('Spans 1–1 of 1');
  await list.getByLabel('Text').fill('');
  await expect(rows).toHaveCount(3);
  await list.getByRole('button', { name: 'Text', exact: true }).click(); // sort by text
  await expect(rows.nth(1)).toContainText('FBI director James Comey');
  await expect(list.getByRole('columnheader', { name: 'Text' })).toHaveAttribute(
    'aria-sort',
    'ascending',
  );
  await page.screenshot({ path: testInfo.outputPath('annotation-list.png') });

  await list.getByRole('button', { name: 'Loretta Lynch' }).click();
  await expect(
    page.getByRole('complementary', { name: 'Actor span: Loretta Lynch' }),
  ).toBeVisible();
  await expect(page.locator('mark.wb-hl-selected')).toHaveText('Loretta Lynch');
  await expect(page.locator('mark.wb-hl-selected')).toBeInViewport();
});

test('status and memo are kept per document, across a switch and a reload', async ({
  page,
}, testInfo) => {
  await openFirstDocument(page);
  const docs = documentList(page).getByRole('button');
  await expect(docs.first()).toContainText('to do');

  // The first tag starts the document.
  await drag(page, 'Loretta Lynch');
  await page.keyboard.press('1');
  await tagged(page, 'Loretta Lynch');
  await expect(page.getByLabel('Status')).toHaveValue('in_progress');
  await expect(docs.first()).toContainText('in progress');

  await page.getByRole('button', { name: /^Memo/ }).click();
  const memo = page.getByRole('textbox', { name: 'Memo on this document' });
  await memo.fill('Check the quote attribution with Ana.');
  await expect(page.getByText('Saved', { exact: true })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('document-header-memo.png') });
  await memo.fill('Check the quote attribution with Ana!');
  await memo.fill('Check the quote attribution with Ana.');
  // Switch away at once: the memo is saved on the way out.
  await docs.nth(1).click();
  await expect(docs.first()).toContainText('Check the quote attribution with Ana.');
  await page.getByLabel('Status').selectOption('done');
  await expect(docs.nth(1)).toContainText('done');

  await page.reload();
  await expect(docs.first()).toContainText('in progress');
  await expect(docs.first()).toContainText('Check the quote attribution with Ana.');
  await expect(docs.nth(1)).toContainText('done');
  await expect(docs.nth(2)).toContainText('to do');
  await page.screenshot({ path: testInfo.outputPath('document-list-statuses.png') });
  await docs.first().click();
  await page.getByRole('button', { name: /^Memo: Check the quote/ }).click();
  await expect(page.getByRole('textbox', { name: 'Memo on this document' })).toHaveValue(
    'Check the quote attribution with Ana.',
  );
});
