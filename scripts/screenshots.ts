/**
 * `npm run screenshots`: the README's pictures, taken in Chromium through browser mode on a demo
 * project made from the bundled corpus — two coders (alice, bob) who coded the first article
 * with some disagreements, alice's statement open in the side panel. Writes docs/screenshots/.
 * Needs the built renderer (`npm run build`).
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../playwright.config';
import { bundledCorpusDir, bundledRoot } from '../src/main/project/bundled';
import { initProject } from '../src/main/project/project-folder';
import { openWorkbench, type WorkbenchSession } from '../src/main/services/workbench';
import { startHttpServer } from '../src/main/transport/http-server';

const DOC = '000_3c96c7399f2592f5';
const OUT = join(bundledRoot(), 'docs', 'screenshots');

/** Tags `phrase` (its first occurrence after `after`) in the current annotator's layer. */
async function tagger(session: WorkbenchSession) {
  const doc = await session.handlers.getDocument({ id: DOC });
  return async (label: string, phrase: string, attributes = {}, after = 0) => {
    const start = doc.text.indexOf(phrase, after);
    if (start < 0) throw new Error(`"${phrase}" is not in ${DOC}`);
    return session.handlers.createAnnotation({
      doc: DOC,
      label,
      start,
      end: start + phrase.length,
      attributes,
    });
  };
}

async function codeArticle(session: WorkbenchSession, coder: 'alice' | 'bob') {
  await session.handlers.setAnnotator({ name: coder });
  const tag = await tagger(session);
  const actor = await tag('Actor', coder === 'alice' ? 'FBI director James Comey' : 'James Comey', {
    kind: 'person',
  });
  await tag('Actor', 'Lisa Monaco', { kind: 'person' });
  await tag('Actor', 'Loretta Lynch', { kind: coder === 'alice' ? 'person' : 'government_body' });
  const obama = await tag('Actor', 'Barack Obama', { kind: 'person' });
  const claim = await tag(
    'Claim',
    'urge high-tech and law enforcement leaders to make it harder for terrorists to use technology to escape from justice',
    { stance: 'support' },
  );
  const topic = await tag('Policy topic', 'encryption', {}, 3000);
  if (coder === 'alice') {
    await tag('Actor', 'Facebook', { kind: 'company' });
    await tag('Policy topic', 'social media');
  }
  await session.handlers.createRelation({
    doc: DOC,
    type: 'made by',
    from: claim.id,
    to: obama.id,
    attributes: {},
  });
  await session.handlers.createRelation({
    doc: DOC,
    type: 'about',
    from: claim.id,
    to: topic.id,
    attributes: {},
  });
  return { actor, claim };
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(OUT, `${name}.png`) });
  console.log(`docs/screenshots/${name}.png`);
}

const base = await mkdtemp(join(tmpdir(), 'awb-screens-'));
const projectDir = join(base, 'news');
await initProject(projectDir, { corpusDir: bundledCorpusDir(), name: 'news' });
const session = await openWorkbench({
  projectDir,
  settingsDir: join(base, 'settings'),
  shell: 'browser',
});
await codeArticle(session, 'bob');
const { claim } = await codeArticle(session, 'alice');
await session.handlers.setReviewOpen({ open: true });

const server = await startHttpServer({
  handlers: session.handlers,
  staticDir: join(bundledRoot(), 'out', 'renderer'),
});
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  await mkdir(OUT, { recursive: true });
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  await page.goto(server.url);
  const screen = (name: string) =>
    page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name }).click();

  await page.getByRole('navigation', { name: 'Documents' }).getByRole('button').first().click();
  const claimMark = page.locator(`.viewer-host mark[data-annotation-id="${claim.id}"]`).first();
  await claimMark.scrollIntoViewIfNeeded();
  await claimMark.click();
  await page.evaluate(() => document.querySelector('.viewer-scroll')?.scrollBy(0, -180));
  await shoot(page, 'annotate');

  await screen('Review');
  await page
    .getByRole('button', { name: /US officials to meet tech firms/ })
    .first()
    .click();
  await shoot(page, 'review');

  await screen('Agreement');
  await page.getByRole('button', { name: /Compute/ }).click();
  await page.getByRole('table').first().waitFor();
  await shoot(page, 'agreement');

  await screen('Codebook');
  await shoot(page, 'codebook');

  await screen('Annotate');
  await page.getByRole('button', { name: 'Export…' }).click();
  await shoot(page, 'export');
} finally {
  await browser.close();
  await server.close();
  await session.close();
  await rm(base, { recursive: true, force: true });
}
