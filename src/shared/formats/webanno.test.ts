/**
 * One test per MUST of the W3C Web Annotation Data Model (Recommendation 23 February 2017) that
 * this export can be checked against; section numbers refer to that document.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExportBundle } from './bundle';
import { fixtureBundle } from './fixtures';
import { exportJson } from './json';
import type { WebAnnoAnnotation } from './webanno';
import { ANNO_CONTEXT, buildWebAnnotation, exportWebAnnotation } from './webanno';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const tempDir = mkdtempSync(join(tmpdir(), 'workbench-webanno-'));

/** An absolute IRI: a scheme, a colon, and no characters IRIs forbid (RFC 3987). */
const IRI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]+$/;
/** xsd:dateTime in UTC written with "Z". */
const UTC_DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;
const isNonNegativeInteger = (n: unknown) => Number.isInteger(n) && (n as number) >= 0;

const bundle = fixtureBundle(sha256);
const collection = JSON.parse(exportWebAnnotation(bundle)) as ReturnType<typeof buildWebAnnotation>;
const items = collection.first!.items;
const spans = items.filter((a) => a.motivation === 'tagging');
const relations = items.filter((a) => a.motivation === 'linking');
type SpanTarget = Extract<WebAnnoAnnotation['target'], { source: string }>;
const targetOf = (a: WebAnnoAnnotation) => a.target as SpanTarget;
const textOf = (a: WebAnnoAnnotation) =>
  bundle.documents.find((d) => `urn:workbench:doc:${d.id}` === targetOf(a).source)!.text;

describe('W3C Web Annotation export', () => {
  it('keeps every span and every relation as an annotation', () => {
    expect(spans).toHaveLength(bundle.layers.reduce((n, l) => n + l.annotations.length, 0));
    expect(relations).toHaveLength(bundle.layers.reduce((n, l) => n + l.relations.length, 0));
  });

  it('3.1 @context: 1 or more values and http://www.w3.org/ns/anno.jsonld is one of them', () => {
    // Items are embedded in the collection and inherit its context, as in the model's Example 43.
    expect(collection['@context']).toContain(ANNO_CONTEXT);
    expect(items.every((a) => !('@context' in a))).toBe(true);
  });

  it('3.1 id: every Annotation has exactly 1 IRI, distinct from every other', () => {
    expect(items.every((a) => typeof a.id === 'string' && IRI.test(a.id))).toBe(true);
    expect(new Set(items.map((a) => a.id)).size).toBe(items.length);
  });

  it('3.1 type: the Annotation class is one of its types', () => {
    expect(items.every((a) => a.type === 'Annotation')).toBe(true);
  });

  it('3.1 target: 1 or more targets', () => {
    expect(items.every((a) => a.target !== undefined && a.target !== null)).toBe(true);
  });

  it('3.2.4 TextualBody: exactly 1 value, a string', () => {
    const textual = items.flatMap((a) => a.body).filter((b) => b.type === 'TextualBody');
    expect(textual.length).toBeGreaterThan(items.length);
    expect(textual.every((b) => 'value' in b && typeof b.value === 'string')).toBe(true);
  });

  it('3.3.1 created and modified: xsd:dateTime in UTC expressed as "Z", even from another offset', () => {
    expect(
      items.every((a) => UTC_DATE_TIME.test(a.created) && UTC_DATE_TIME.test(a.modified)),
    ).toBe(true);
    const [layer, ...rest] = bundle.layers;
    const shifted: ExportBundle = {
      ...bundle,
      layers: [
        {
          ...layer!,
          annotations: [{ ...layer!.annotations[0]!, created: '2024-05-01T14:00:00+02:00' }],
          relations: [],
        },
        ...rest,
      ],
    };
    const first = buildWebAnnotation(shifted).first!.items.find((a) => a.id.endsWith(':alice:a6'))!;
    expect(first.created).toBe('2024-05-01T12:00:00.000Z');
  });

  it('3.3.2 creator: an agent with at most 1 IRI', () => {
    expect(items.every((a) => IRI.test(a.creator.id) && a.creator.type === 'Person')).toBe(true);
  });

  it('4 SpecificResource: exactly 1 source, an IRI', () => {
    for (const a of spans) expect(IRI.test(targetOf(a).source)).toBe(true);
    const identifying = items.flatMap((a) => a.body).filter((b) => b.type === 'SpecificResource');
    expect(identifying.every((b) => 'source' in b && IRI.test(b.source))).toBe(true);
  });

  it('4.2.4 TextQuoteSelector: its type, exactly 1 exact, at most 1 prefix and suffix', () => {
    for (const a of spans) {
      const quote = targetOf(a).selector[0];
      expect(quote.type).toBe('TextQuoteSelector');
      expect(typeof quote.exact).toBe('string');
      expect(typeof quote.prefix).toBe('string');
      expect(typeof quote.suffix).toBe('string');
    }
  });

  it('4.2.4 / 4.2.5 positions count Unicode code points, not code units: start/end select exact', () => {
    for (const a of spans) {
      const [quote, position] = targetOf(a).selector;
      expect(position.type).toBe('TextPositionSelector');
      expect(isNonNegativeInteger(position.start) && isNonNegativeInteger(position.end)).toBe(true);
      const codePoints = Array.from(textOf(a));
      expect(codePoints.slice(position.start, position.end).join('')).toBe(quote.exact);
      expect(codePoints.slice(0, position.start).join('').endsWith(quote.prefix)).toBe(true);
      expect(codePoints.slice(position.end).join('').startsWith(quote.suffix)).toBe(true);
      expect(Array.from(quote.prefix).length).toBeLessThanOrEqual(32);
    }
    const comey = spans.find((a) => a.id === 'urn:workbench:anno:doc-emoji:alice:a1')!;
    expect(targetOf(comey).selector[1]).toEqual({
      type: 'TextPositionSelector',
      start: 3,
      end: 27,
    });
  });

  it('5.1 AnnotationCollection: context, exactly 1 IRI, its type, a string label, a total, a first page', () => {
    expect(IRI.test(collection.id)).toBe(true);
    expect(collection.type).toBe('AnnotationCollection');
    expect(typeof collection.label).toBe('string');
    expect(collection.total).toBe(items.length);
    expect(isNonNegativeInteger(collection.total)).toBe(true);
    expect(UTC_DATE_TIME.test(collection.generated)).toBe(true);
  });

  it('5.1 an empty collection has total 0 and no first page (a page MUST list 1 or more)', () => {
    const empty = buildWebAnnotation({ ...bundle, layers: [] });
    expect(empty.total).toBe(0);
    expect('first' in empty).toBe(false);
  });

  it('5.2 AnnotationPage: exactly 1 IRI, its type, 1 or more items, a non-negative startIndex', () => {
    const page = collection.first!;
    expect(IRI.test(page.id)).toBe(true);
    expect(page.type).toBe('AnnotationPage');
    expect(page.partOf).toBe(collection.id);
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.startIndex).toBe(0);
    expect('@context' in page).toBe(false);
  });

  it('tags the label, classifies attributes with their types, identifies entities, keeps notes', () => {
    const claim = spans.find((a) => a.id === 'urn:workbench:anno:doc-emoji:alice:a3')!;
    expect(claim.body).toEqual([
      { type: 'TextualBody', purpose: 'tagging', value: 'Claim' },
      {
        type: 'TextualBody',
        purpose: 'classifying',
        attribute: 'certain',
        value: 'true',
        valueType: 'boolean',
      },
      {
        type: 'TextualBody',
        purpose: 'classifying',
        attribute: 'comment',
        value: 'reported, "quoted", with, commas',
      },
      { type: 'TextualBody', purpose: 'classifying', attribute: 'stance', value: 'oppose' },
      { type: 'TextualBody', purpose: 'commenting', value: 'paraphrase;\tcheck "quote"' },
    ]);
    const comey = spans.find((a) => a.id === 'urn:workbench:anno:doc-emoji:alice:a1')!;
    expect(comey.body.filter((b) => b.type === 'SpecificResource')).toEqual([
      {
        type: 'SpecificResource',
        purpose: 'identifying',
        source: 'urn:workbench:entity:ent-comey',
      },
      {
        type: 'SpecificResource',
        purpose: 'identifying',
        source: 'http://www.wikidata.org/entity/Q1373245',
      },
    ]);
  });

  it('links relations as an ordered List target, source first, so direction survives JSON-LD', () => {
    const madeBy = relations.find((r) => r.id === 'urn:workbench:relation:doc-emoji:alice:r1')!;
    expect(madeBy.body[0]).toEqual({ type: 'TextualBody', purpose: 'tagging', value: 'made by' });
    expect(madeBy.target).toEqual({
      type: 'List',
      items: ['urn:workbench:anno:doc-emoji:alice:a3', 'urn:workbench:anno:doc-emoji:alice:a1'],
    });
  });

  it('selects the same text in Python (test/python/check_webanno_export.py), and the check can fail', () => {
    const run = (name: string, content: string) => {
      const file = join(tempDir, name);
      writeFileSync(file, content, 'utf8');
      writeFileSync(join(tempDir, 'export.json'), exportJson(bundle), 'utf8');
      const result = spawnSync(
        'python3',
        ['test/python/check_webanno_export.py', file, join(tempDir, 'export.json')],
        {
          encoding: 'utf8',
        },
      );
      return { status: result.status, output: `${result.stdout}${result.stderr}` };
    };
    const ok = run('annotations.jsonld', exportWebAnnotation(bundle));
    expect(ok.output).toContain('all positions select their exact quote');
    expect(ok.status).toBe(0);
    const utf16 = exportWebAnnotation(bundle).replace('"start": 3,\n', '"start": 5,\n');
    const bad = run('utf16.jsonld', utf16);
    expect(bad.status).toBe(1);
    expect(bad.output).toMatch(/doc-emoji:alice:a1: text\[5:27\]/);
  });
});
