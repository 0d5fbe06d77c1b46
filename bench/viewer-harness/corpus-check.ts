/**
 * Opens a real corpus article in the harness with a handful of overlapping, nested and
 * paragraph-crossing spans, checks the interactions a person relies on (click → all spans
 * innermost first, the hover list, Shift+arrow selection, links that do not navigate,
 * scrollToSpan), and saves screenshots to look at.
 *
 * Run: node --import tsx bench/viewer-harness/corpus-check.ts [output folder, default .tmp/viewer-shots]
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Annotation, Block, DocumentRecord } from '../../src/shared/model';
import { syntheticAnnotation } from '../synthetic';
import type { HarnessGlobal } from './protocol';
import { startHarness } from './serve';

const out = resolve(process.argv[2] ?? '.tmp/viewer-shots');
const corpus = resolve('corpus');
const file = (await readdir(corpus)).find(
  (name) => name.startsWith('000_') && name.endsWith('.txt'),
);
if (!file) throw new Error(`No corpus/000_*.txt in ${corpus}.`);
const text = (await readFile(join(corpus, file), 'utf8')).replace(/\r\n?/g, '\n');

// Blocks: stretches between blank lines; the second is the headline.
const blocks: Block[] = [];
for (const m of text.matchAll(/[^\n]+(?:\n(?!\n)[^\n]*)*/g)) {
  const kind = blocks.length === 1 ? 'heading' : 'paragraph';
  blocks.push({
    kind,
    start: m.index,
    end: m.index + m[0].length,
    ...(kind === 'heading' ? { level: 1 } : {}),
  });
}
const find = (quote: string, after = 0) => {
  const start = text.indexOf(quote, after);
  if (start < 0) throw new Error(`"${quote}" is not in ${file}.`);
  return { start, end: start + quote.length };
};
const guardian = find('the Guardian');
const document: DocumentRecord = {
  format: 'workbench.document',
  version: 1,
  id: 'corpus-000',
  title: text.split('\n')[2] ?? file,
  meta: { source: file },
  text,
  blocks,
  marks: [{ kind: 'link', ...guardian, href: 'https://www.theguardian.com/' }],
  sha256: createHash('sha256').update(text).digest('hex'),
  imported: '2026-01-01T00:00:00.000Z',
};

const spans: [string, string, { start: number; end: number }][] = [
  ['actor-wh-all', 'Actor', find('White House, US intelligence and law enforcement officials')],
  ['actor-wh', 'Actor', find('White House')],
  ['claim-clamp', 'Claim', find('focus on finding ways to clamp down on the use of social media')],
  ['topic-sm', 'Policy topic', find('use of social media by Islamic State (IS)')],
  ['actor-obama', 'Actor', find('US president Barack Obama')],
  [
    'claim-obama',
    'Claim',
    find(
      'urge high-tech and law enforcement leaders to make it harder for terrorists to use technology to escape from justice',
    ),
  ],
  ['actor-leaders', 'Actor', find('high-tech and law enforcement leaders')],
  ['topic-tech', 'Policy topic', find('technology to escape')],
  [
    'claim-cross',
    'Claim',
    {
      start: find('including encryption.').start,
      end: find('Encryption has been a thorny topic').end,
    },
  ],
  ['topic-enc-nbsp', 'Policy topic', find('strong\u00a0encryption')],
];
const annotations: Annotation[] = spans.map(([id, label, range]) =>
  syntheticAnnotation(document, { id, label, ...range }),
);

const harness = await startHarness();
const failures: string[] = [];
const check = (what: string, ok: boolean, detail = '') => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${detail ? `: ${detail}` : ''}`);
  if (!ok) failures.push(what);
};
try {
  await mkdir(out, { recursive: true });
  const page = await harness.browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (error) => failures.push(`page error: ${error.message}`));
  await page.goto(harness.url);
  await page.waitForFunction(() => 'viewerHarness' in globalThis);
  const report = await page.evaluate(
    ([d, a]) => (globalThis as unknown as HarnessGlobal).viewerHarness.openDocument(d!, a!),
    [document, annotations] as const,
  );
  check(
    'opens with every span drawn',
    report.highlightElements >= annotations.length,
    `${report.highlightElements} pieces`,
  );
  await page.screenshot({ path: join(out, 'corpus-top.png') });

  // The first thing a person does: drag over some words (this also focuses the viewer).
  const third = (await page.locator('.wb-doc p').nth(3).boundingBox())!;
  const dragY = Math.round(third.y + 12);
  await page.mouse.move(Math.round(third.x + 10), dragY);
  await page.mouse.down();
  await page.waitForTimeout(50); // people rest a moment before they move
  await page.mouse.move(Math.round(third.x + 200), dragY, { steps: 10 });
  await page.mouse.up();
  const drag = await page.evaluate(() =>
    (globalThis as unknown as HarnessGlobal).viewerHarness.viewerSelection(),
  );
  check(
    'a mouse drag selects text, read as text offsets',
    drag !== null && drag.text.length > 10 && drag.text === text.slice(drag.start, drag.end),
    JSON.stringify(drag),
  );

  // Click on the innermost of three nested spans: "White House" inside the longer actor span.
  const nested = page.locator('mark[data-annotation-id="actor-wh"]').first();
  await nested.click();
  const clicked = await page.evaluate(() =>
    (globalThis as unknown as HarnessGlobal).viewerHarness.lastSpanClick(),
  );
  check(
    'a click lists all spans under it, innermost first',
    JSON.stringify(clicked) === '["actor-wh","actor-wh-all"]',
    JSON.stringify(clicked),
  );

  // Keyboard selection after a click: Shift+Right ×6 selects the next six characters.
  const para = page.locator('.wb-doc p').nth(3);
  const box = (await para.boundingBox())!;
  await page.mouse.click(box.x + 2, box.y + 10);
  for (let i = 0; i < 6; i++) await page.keyboard.press('Shift+ArrowRight');
  const keyed = await page.evaluate(() =>
    (globalThis as unknown as HarnessGlobal).viewerHarness.viewerSelection(),
  );
  const expected = keyed && text.slice(keyed.start, keyed.end);
  check(
    'Shift+arrows select text, read as text offsets',
    keyed?.text.length === 6 && keyed.text === expected,
    JSON.stringify(keyed),
  );

  // A plain click on a link does not navigate; Ctrl+click opens it in a new window.
  const link = page.locator('.wb-doc .wb-link', { hasText: 'the Guardian' });
  const before = page.url();
  const popups: string[] = [];
  page.on('popup', (popup) => popups.push(popup.url()));
  await link.click();
  await page.waitForTimeout(300);
  check('a plain click on a link does not navigate', page.url() === before && popups.length === 0);
  // No network here: answer the link's address locally so that the new window loads.
  await page
    .context()
    .route('https://www.theguardian.com/**', (route) =>
      route.fulfill({ body: 'opened', contentType: 'text/plain' }),
    );
  const popup = page.waitForEvent('popup');
  await link.click({ modifiers: ['Control'] });
  const opened = await popup;
  check(
    'Ctrl+click opens a link in a new window',
    opened.url().startsWith('https://www.theguardian.com'),
    opened.url(),
  );
  await opened.close();
  // A drag that starts on a link selects text. Whole pixels: Chromium drops a drag pressed
  // within a fraction of a pixel of some glyph edges, in any page (a bare page too), which is
  // not what this checks.
  await page.waitForTimeout(600);
  const linkBox = (await link.boundingBox())!;
  const y = Math.round(linkBox.y + linkBox.height / 2);
  await page.mouse.move(Math.round(linkBox.x + 6), y);
  await page.mouse.down();
  await page.mouse.move(Math.round(linkBox.x + linkBox.width + 120), y, { steps: 8 });
  await page.mouse.up();
  const dragged = await page.evaluate(() =>
    (globalThis as unknown as HarnessGlobal).viewerHarness.viewerSelection(),
  );
  check(
    'a drag from a link selects text',
    dragged !== null && /^h?e Guardian, the meeting/.test(dragged.text),
    JSON.stringify(dragged?.text),
  );

  // The hover list over the crossing claim/topic pair, and an outlined selected span.
  await page.evaluate(() => {
    const h = (globalThis as unknown as HarnessGlobal).viewerHarness;
    h.selectSpan('claim-obama');
    h.scrollToSpan('actor-obama');
  });
  await page.mouse.click(5, 5);
  await page.locator('mark[data-annotation-id="topic-tech"]').first().hover();
  await page.waitForTimeout(600);
  const listed = await page.locator('.wb-span-list-label').allTextContents();
  check(
    'hovering lists every span under the pointer',
    JSON.stringify(listed) === '["Policy topic","Claim"]',
    JSON.stringify(listed),
  );
  await page.screenshot({ path: join(out, 'corpus-hover.png') });

  await page.mouse.move(5, 5);
  await page.evaluate(() =>
    (globalThis as unknown as HarnessGlobal).viewerHarness.scrollToSpan('claim-cross'),
  );
  await page.waitForTimeout(100);
  await page.screenshot({ path: join(out, 'corpus-cross.png') });
  const crossVisible = await page
    .locator('mark[data-annotation-id="claim-cross"]')
    .first()
    .isVisible();
  check('scrollToSpan brings a span into view', crossVisible);

  // The synthetic article, mid-way: dense nesting and crossing.
  await page.evaluate(() =>
    (globalThis as unknown as HarnessGlobal).viewerHarness.openSynthetic({ seed: 7 }),
  );
  await page.evaluate(() =>
    (globalThis as unknown as HarnessGlobal).viewerHarness.scrollToFraction(0.5),
  );
  await page.screenshot({ path: join(out, 'synthetic-middle.png') });
  // A span far below, in a section not drawn yet: scrolled to, then drawn.
  const far = 'syn-7-9000';
  await page.evaluate(
    (id) => (globalThis as unknown as HarnessGlobal).viewerHarness.scrollToSpan(id),
    far,
  );
  await page.waitForTimeout(300);
  const farMark = page.locator(`mark[data-annotation-id="${far}"]`).first();
  const farBox = await farMark.boundingBox();
  check(
    'scrollToSpan reaches a span in a section not drawn yet',
    farBox !== null && farBox.y >= 0 && farBox.y + farBox.height <= 800,
    JSON.stringify(farBox),
  );
  console.log(`screenshots in ${out}`);
} finally {
  await harness.close();
}
if (failures.length > 0) {
  console.error(`${failures.length} check(s) failed: ${failures.join('; ')}`);
  process.exitCode = 1;
}
