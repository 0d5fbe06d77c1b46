/**
 * Test support for exports and imports end to end: a project whose articles have what breaks
 * offsets — an emoji with a skin tone, a non-breaking space, curly quotes, CRLF line endings in
 * the source file — with two annotators' spans, relations making statements, and an entity with
 * a Wikidata id, made through the same handlers the app uses.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WorkbenchHandlers } from '../../shared/api';
import { initProject } from '../project/project-folder';
import { openWorkbench } from './workbench';

export const ARTICLES = {
  'comey-encryption.txt':
    'Comey 👍🏽 said\u00a0the FBI “opposes” strong encryption.\r\n\r\nTrump 😀 disagreed on encryption.\r\n',
  'apple-letter.txt':
    'Apple’s Tim Cook called the order “chilling”.\n\nCook supports encryption for every user.\n',
};

export interface TransferFixture {
  base: string;
  projectDir: string;
  settingsDir: string;
}

/** Spans of `alice` and `bob` in the two articles; alice's Comey links to an entity (Q123). */
export async function makeTransferProject(): Promise<TransferFixture> {
  const base = await mkdtemp(join(tmpdir(), 'awb-transfer-'));
  const corpus = join(base, 'corpus');
  await mkdir(corpus);
  for (const [name, text] of Object.entries(ARTICLES)) await writeFile(join(corpus, name), text);
  const projectDir = join(base, 'project');
  const settingsDir = join(base, 'settings');
  await initProject(projectDir, { corpusDir: corpus, name: 'Transfer test' });

  const session = await openWorkbench({ projectDir, settingsDir, shell: 'browser' });
  const h = session.handlers;
  const docs = await h.listDocuments({});
  const doc = (title: string) => docs.find((d) => d.title.includes(title))!.id;
  const comeyDoc = doc('Comey');
  const appleDoc = doc('Apple');

  await h.setAnnotator({ name: 'alice' });
  const comey = await tag(h, comeyDoc, 'Actor', 'Comey');
  const claim = await tag(h, comeyDoc, 'Claim', '“opposes” strong encryption', {
    stance: 'oppose',
  });
  const topic = await tag(h, comeyDoc, 'Policy topic', 'encryption');
  await tag(h, comeyDoc, 'Actor', 'Trump');
  await tag(h, comeyDoc, 'Claim', 'disagreed on encryption', { stance: 'support' });
  const entity = await h.createEntity({
    name: 'James Comey',
    aliases: [],
    kind: 'person',
    qid: 'Q123',
    attributes: {},
  });
  await h.updateAnnotation({ doc: comeyDoc, id: comey.id, patch: { entity: entity.id } });
  await relate(h, comeyDoc, 'made by', claim.id, comey.id);
  await relate(h, comeyDoc, 'about', claim.id, topic.id);
  const cook = await tag(h, appleDoc, 'Actor', 'Tim Cook');
  const chilling = await tag(h, appleDoc, 'Claim', 'called the order “chilling”', {
    stance: 'oppose',
  });
  await relate(h, appleDoc, 'made by', chilling.id, cook.id);

  await h.setAnnotator({ name: 'bob' });
  await tag(h, comeyDoc, 'Actor', 'Comey 👍🏽');
  await tag(h, appleDoc, 'Actor', 'Cook', {}, 1);

  await h.setAnnotator({ name: 'alice' });
  await session.close();
  return { base, projectDir, settingsDir };
}

async function tag(
  h: WorkbenchHandlers,
  doc: string,
  label: string,
  quote: string,
  attributes: Record<string, string> = {},
  occurrence = 0,
) {
  const { text } = await h.getDocument({ id: doc });
  let start = -1;
  for (let n = 0; n <= occurrence; n++) start = text.indexOf(quote, start + 1);
  if (start < 0) throw new Error(`fixture: "${quote}" is not in ${doc}`);
  return h.createAnnotation({ doc, label, start, end: start + quote.length, attributes });
}

async function relate(h: WorkbenchHandlers, doc: string, type: string, from: string, to: string) {
  return h.createRelation({ doc, type, from, to, attributes: {} });
}
