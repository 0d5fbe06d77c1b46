/**
 * The viewer budgets measured in the real app: the built renderer in Debian's Chromium through
 * browser mode, talking over HTTP to the same services as the desktop app, on a synthetic
 * article of ~1 MB (5,000 paragraphs) whose layer already holds 10,000 spans (overlaps and
 * nesting included, see synthetic.ts).
 *
 * - open: from the click on the document in the list to the first frame painted with its
 *   highlights (fetching the document and its layer, building the view, decorating it).
 *   Budget 300 ms.
 * - tag: from the key press (the event's own timestamp) to the frame that shows the new
 *   highlight. Budget 16 ms p95.
 * - acknowledged: from the key press until the durable write of that span is acknowledged
 *   to the renderer (reported, not budgeted here: the store bench holds the write budget).
 *
 * "Painted" is taken as a macrotask posted from the next requestAnimationFrame callback: it
 * runs once the frame that rAF preceded has been produced.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../playwright.config';
import { bundledRoot } from '../src/main/project/bundled';
import { initProject } from '../src/main/project/project-folder';
import { openWorkbench } from '../src/main/services/workbench';
import { writeUserSettings } from '../src/main/services/user-settings';
import { serialiseLayer } from '../src/main/store/layer-format';
import { startHttpServer } from '../src/main/transport/http-server';
import {
  ANNOTATION_FILE_FORMAT,
  ANNOTATION_FILE_VERSION,
  type AnnotationFile,
} from '../src/shared/model';
import { makeSyntheticArticle } from './synthetic';

export const OPEN_BUDGET_MS = 300;
export const TAG_BUDGET_P95_MS = 16;

export interface AppBenchResult {
  openMs: number[];
  tagMs: number[];
  ackMs: number[];
  spans: number;
  characters: number;
}

const ANNOTATOR = 'bench';

/** A project holding the synthetic article (and one short one to switch to between opens). */
async function makeProject(base: string) {
  const dir = join(base, 'project');
  await initProject(dir, { name: 'bench' });
  await mkdir(join(dir, 'documents'), { recursive: true });
  const { document, annotations } = await makeSyntheticArticle({ annotator: ANNOTATOR });
  await writeFile(join(dir, 'documents', `${document.id}.json`), JSON.stringify(document));
  const layer: AnnotationFile = {
    format: ANNOTATION_FILE_FORMAT,
    version: ANNOTATION_FILE_VERSION,
    doc: document.id,
    annotator: ANNOTATOR,
    status: 'in_progress',
    memo: '',
    annotations,
    relations: [],
  };
  await mkdir(join(dir, 'annotations', ANNOTATOR), { recursive: true });
  await writeFile(
    join(dir, 'annotations', ANNOTATOR, `${document.id}.json`),
    serialiseLayer(layer),
  );
  const small = await makeSyntheticArticle({
    seed: 2,
    docId: 'a-short-article',
    paragraphs: 5,
    characters: 2_000,
    spans: 5,
    annotator: ANNOTATOR,
  });
  await writeFile(join(dir, 'documents', 'a-short-article.json'), JSON.stringify(small.document));
  return { dir, document, other: small.document, spans: annotations.length };
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function summary(values: readonly number[]) {
  return { p50: percentile(values, 50), p95: percentile(values, 95), max: Math.max(...values) };
}

/** Clicks the document in the list and resolves when its highlights have been painted. */
function timeOpen(page: Page, title: string): Promise<number> {
  return page.evaluate((wanted) => {
    return new Promise<number>((resolve, reject) => {
      const button = [...document.querySelectorAll<HTMLButtonElement>('button.doc-item')].find(
        (b) => b.querySelector('.doc-title')?.textContent === wanted,
      );
      if (!button) return reject(new Error(`no document "${wanted}" in the list`));
      const start = performance.now();
      const done = () => {
        observer.disconnect();
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start), 0));
      };
      const observer = new MutationObserver(() => {
        if (document.querySelector('.viewer-host mark[data-annotation-id]')) done();
      });
      observer.observe(document.body, { childList: true, subtree: true });
      button.click();
    });
  }, title);
}

/** Selects the n-th visible word of the viewer, so that the next key press tags it. */
async function selectVisibleWord(page: Page, n: number): Promise<void> {
  await page.evaluate((index) => {
    const host = document.querySelector('.viewer-scroll')!;
    const top = host.getBoundingClientRect().top;
    const walker = document.createTreeWalker(
      document.querySelector('.viewer-host')!,
      NodeFilter.SHOW_TEXT,
    );
    let seen = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const rect = (node.parentElement as HTMLElement).getBoundingClientRect();
      if (rect.bottom < top) continue;
      const match = /[a-z]{5,}/.exec(node.textContent ?? '');
      if (!match) continue;
      if (seen++ < index) continue;
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      return;
    }
    throw new Error('no visible word to select');
  }, n);
  // Let the viewer see the selection change before the key press.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
}

/**
 * Arms the page to time the next tag: key press → painted, and key press → the write's HTTP
 * response (resource timing of the createAnnotation call, on the page's own clock).
 */
async function armTagTiming(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __tag?: Promise<{ paint: number; ack: number }> };
    performance.clearResourceTimings();
    w.__tag = new Promise((resolve, reject) => {
      const timeout = setTimeout(() => {
        const said = document.querySelector('.statusbar')?.textContent;
        reject(new Error(`no highlight painted within 10 s; the status line says: ${said}`));
      }, 10_000);
      let pressed = 0;
      const before = new Set(
        [...document.querySelectorAll<HTMLElement>('mark[data-annotation-id]')].map(
          (m) => m.dataset.annotationId,
        ),
      );
      const onKey = (event: KeyboardEvent) => {
        pressed = event.timeStamp;
        window.removeEventListener('keydown', onKey, true);
      };
      window.addEventListener('keydown', onKey, true);
      const acknowledged = (): number | null => {
        const entry = performance
          .getEntriesByType('resource')
          .find((e) => e.name.endsWith('/api/createAnnotation') && e.startTime >= pressed);
        return entry ? (entry as PerformanceResourceTiming).responseEnd - pressed : null;
      };
      const observer = new MutationObserver(() => {
        const fresh = [...document.querySelectorAll<HTMLElement>('mark[data-annotation-id]')].some(
          (m) => !before.has(m.dataset.annotationId),
        );
        if (!fresh) return;
        observer.disconnect();
        requestAnimationFrame(() =>
          setTimeout(() => {
            const paint = performance.now() - pressed;
            const wait = () => {
              const ack = acknowledged();
              if (ack === null) return setTimeout(wait, 5);
              clearTimeout(timeout);
              resolve({ paint, ack });
            };
            wait();
          }, 0),
        );
      });
      observer.observe(document.querySelector('.viewer-host')!, { childList: true, subtree: true });
    });
  });
}

export async function benchApp(
  options: { opens?: number; tags?: number } = {},
): Promise<AppBenchResult> {
  const opens = options.opens ?? 8;
  const tags = options.tags ?? 60;
  const base = await mkdtemp(join(tmpdir(), 'awb-bench-'));
  const { dir, document, other, spans } = await makeProject(base);
  const settingsDir = join(base, 'settings');
  await writeUserSettings(settingsDir, { annotator: ANNOTATOR });
  const session = await openWorkbench({ projectDir: dir, settingsDir, shell: 'browser' });
  const server = await startHttpServer({
    handlers: session.handlers,
    staticDir: join(bundledRoot(), 'out', 'renderer'),
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // tsx compiles with esbuild's keepNames, which wraps named functions in `__name(...)`; the
    // functions passed to page.evaluate run in the page, where that helper must exist too.
    await page.addInitScript('window.__name = (fn) => fn');
    await page.goto(server.url);
    await page.locator('button.doc-item').first().waitFor();

    const openMs: number[] = [];
    // One warm-up open (first compile of the viewer code), then measured ones, switching to the
    // short article in between so that each open builds the view from scratch.
    for (let i = 0; i <= opens; i++) {
      const ms = await timeOpen(page, document.title);
      if (i > 0) openMs.push(ms);
      await page.locator('button.doc-item', { hasText: other.title }).click();
      await page.locator('.doc-header .doc-id', { hasText: other.id }).waitFor();
    }

    await timeOpen(page, document.title);
    const tagMs: number[] = [];
    const ackMs: number[] = [];
    for (let i = 0; i < tags; i++) {
      await selectVisibleWord(page, i % 20);
      await armTagTiming(page);
      await page.keyboard.press('1');
      const { paint, ack } = await page.evaluate(
        () => (window as unknown as { __tag: Promise<{ paint: number; ack: number }> }).__tag,
      );
      tagMs.push(paint);
      ackMs.push(ack);
    }
    return { openMs, tagMs, ackMs, spans, characters: document.text.length };
  } finally {
    await browser.close();
    await server.close();
    await session.close();
    await rm(base, { recursive: true, force: true });
  }
}
