/**
 * Export → import round trips, as properties: random documents with emoji, combining
 * characters, NBSP, curly quotes and line breaks, random overlapping spans with typed attributes,
 * entities, notes and relations, exported to each importable format and read back, give the same
 * annotations at the same UTF-16 offsets.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Annotation, AttributeValue, Attributes, Codebook, Relation } from '../model';
import { OffsetConverter } from '../offsets';
import { exportBrat } from './brat';
import type { ExportBundle, ExportLayer } from './bundle';
import { FIXTURE_CODEBOOK, FIXTURE_TIME, fixtureBundle } from './fixtures';
import type { ImportOutcome, RelationDraft, SpanDraft } from './import-draft';
import { importBrat } from './import-brat';
import { importJson } from './import-json';
import { importJsonl } from './import-jsonl';
import { importWebAnnotation } from './import-webanno';
import { exportJson } from './json';
import { exportJsonl } from './jsonl';
import { exportWebAnnotation } from './webanno';

/** The fixture codebook plus a number attribute, so every attribute type is exercised. */
const CODEBOOK: Codebook = {
  ...FIXTURE_CODEBOOK,
  labels: FIXTURE_CODEBOOK.labels.map((l) =>
    l.name === 'Policy topic'
      ? {
          ...l,
          attributes: [{ name: 'salience', type: 'number', required: false, description: '' }],
        }
      : l,
  ),
};

const PIECES = [
  'a',
  'Word',
  ' ',
  ' ',
  '\n',
  '\u00a0',
  '😀',
  '👍🏽',
  '👩‍👩‍👧',
  'e\u0301',
  'é',
  '“',
  '”',
  '’',
  ',',
  '.',
  '中文',
  '\t',
  '𝔘',
];
const textArb = fc
  .array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 30 })
  .map((p) => p.join(''));
const noteArb = fc.string({
  unit: fc.constantFrom('a', ' ', '"', ',', '\t', '😀', 'é', '|', '%', ';'),
  maxLength: 12,
});

function attributeArb(label: string): fc.Arbitrary<Attributes> {
  const defs = CODEBOOK.labels.find((l) => l.name === label)!.attributes;
  const value = (type: string): fc.Arbitrary<AttributeValue> => {
    switch (type) {
      case 'enum':
        return fc.constantFrom('support', 'oppose', 'person', 'strong support');
      case 'boolean':
        return fc.boolean();
      case 'number':
        return fc.oneof(
          fc.integer({ min: -1000, max: 1000 }),
          // + 0 turns -0 into 0: the app stores JSON, which has no -0.
          fc
            .double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 })
            .map((n) => n + 0),
        );
      default:
        return fc.oneof(noteArb, fc.constant('with, "quotes" and %20 | pipes'));
    }
  };
  return fc.record(
    Object.fromEntries(defs.map((d) => [d.name, fc.oneof(value(d.type), fc.constant(null))])),
    { requiredKeys: [] },
  ) as fc.Arbitrary<Attributes>;
}

interface Generated {
  bundle: ExportBundle;
}

const spanArb = (text: string) => {
  const length = Array.from(text).length;
  return fc
    .record({
      a: fc.integer({ min: 0, max: length }),
      b: fc.integer({ min: 0, max: length }),
      label: fc.constantFrom(...CODEBOOK.labels.map((l) => l.name)),
      entity: fc.option(fc.constantFrom('ent-comey', 'ent-facebook'), { nil: undefined }),
      note: fc.option(noteArb, { nil: undefined }),
    })
    .filter((s) => s.a !== s.b)
    .chain((s) => attributeArb(s.label).map((attributes) => ({ ...s, attributes })));
};

const bundleArb: fc.Arbitrary<Generated> = fc
  .array(textArb, { minLength: 1, maxLength: 3 })
  .chain((texts) =>
    fc.tuple(
      fc.constant(texts),
      fc.tuple(...texts.map((t) => fc.array(spanArb(t), { maxLength: 6 }))),
      fc.tuple(...texts.map((t) => fc.array(spanArb(t), { maxLength: 3 }))),
      fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom('made by', 'about')), { maxLength: 4 }),
    ),
  )
  .map(([texts, aliceSpans, bobSpans, links]) => {
    const base = fixtureBundle(() => '0'.repeat(64));
    const documents = texts.map((text, i) => ({
      ...base.documents[0]!,
      id: `d${i}`,
      title: `d${i}`,
      meta: {},
      text,
    }));
    const layers: ExportLayer[] = [];
    for (const [annotator, perDoc] of [
      ['alice', aliceSpans],
      ['bob', bobSpans],
    ] as const) {
      perDoc.forEach((generated, d) => {
        if (generated.length === 0) return;
        const text = texts[d]!;
        const conv = new OffsetConverter(text);
        const annotations: Annotation[] = generated.map((g, i) => {
          const start = conv.toUtf16(Math.min(g.a, g.b));
          const end = conv.toUtf16(Math.max(g.a, g.b));
          return {
            id: `s${i}`,
            doc: `d${d}`,
            label: g.label,
            start,
            end,
            quote: text.slice(start, end),
            prefix: '',
            suffix: '',
            attributes: g.attributes,
            ...(g.entity !== undefined && { entity: g.entity }),
            ...(g.note !== undefined && { note: g.note }),
            annotator,
            created: FIXTURE_TIME,
            modified: FIXTURE_TIME,
            origin: { kind: 'manual' },
          };
        });
        const relations: Relation[] = links.map(([x, y, type], i) => ({
          id: `r${i}`,
          doc: `d${d}`,
          type,
          from: annotations[x % annotations.length]!.id,
          to: annotations[y % annotations.length]!.id,
          attributes: {},
          annotator,
          created: FIXTURE_TIME,
          modified: FIXTURE_TIME,
        }));
        layers.push({ annotator, doc: `d${d}`, status: 'done', annotations, relations });
      });
    }
    return { bundle: { ...base, codebook: CODEBOOK, documents, layers } };
  });

/** Comparable form of spans: what an import must give back. */
function expectedSpans(
  bundle: ExportBundle,
  drop: (a: Annotation) => Attributes = (a) => a.attributes,
) {
  return bundle.layers
    .flatMap((l) =>
      l.annotations.map((a) => ({
        doc: a.doc,
        annotator: l.annotator,
        label: a.label,
        start: a.start,
        end: a.end,
        attributes: drop(a),
        entity: a.entity,
        note: a.note,
      })),
    )
    .sort(order);
}

function importedSpans(spans: readonly SpanDraft[]) {
  return spans
    .map((s) => ({
      doc: s.doc,
      annotator: s.annotator,
      label: s.label,
      start: s.start,
      end: s.end,
      attributes: s.attributes,
      entity: s.entity,
      note: s.note,
    }))
    .sort(order);
}

/** JSON with object keys sorted, so that key order never decides equality or order. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

const order = (x: object, y: object) =>
  canonical(x) < canonical(y) ? -1 : canonical(x) > canonical(y) ? 1 : 0;

/** Relations as (annotator, type, from span, to span), spans by document, offsets and label. */
function expectedRelations(bundle: ExportBundle) {
  return bundle.layers
    .flatMap((l) => {
      const spans = new Map(
        l.annotations.map((a) => [a.id, `${a.doc}:${a.start}-${a.end}:${a.label}`]),
      );
      return l.relations.map(
        (r) => `${l.annotator} ${r.type} ${spans.get(r.from)} → ${spans.get(r.to)}`,
      );
    })
    .sort();
}

function importedRelations(spans: readonly SpanDraft[], relations: readonly RelationDraft[]) {
  const byKey = new Map(spans.map((s) => [s.key, `${s.doc}:${s.start}-${s.end}:${s.label}`]));
  return relations
    .map((r) => `${r.annotator} ${r.type} ${byKey.get(r.from)} → ${byKey.get(r.to)}`)
    .sort();
}

function ok(outcome: ImportOutcome) {
  if (!outcome.ok)
    throw new Error(`import refused: ${JSON.stringify(outcome.problems.slice(0, 3))}`);
  return outcome;
}

const RUNS = { numRuns: 150, seed: Number(process.env.SEED ?? 1) };

describe('export → import round trips (property)', () => {
  it('JSON', () => {
    fc.assert(
      fc.property(bundleArb, ({ bundle }) => {
        const back = ok(importJson('export.json', exportJson(bundle), bundle.documents));
        expect(importedSpans(back.spans)).toEqual(expectedSpans(bundle));
        expect(importedRelations(back.spans, back.relations)).toEqual(expectedRelations(bundle));
      }),
      RUNS,
    );
  });

  it('spaCy/Prodigy JSONL', () => {
    fc.assert(
      fc.property(bundleArb, ({ bundle }) => {
        const back = ok(importJsonl('export.jsonl', exportJsonl(bundle), bundle.documents));
        expect(importedSpans(back.spans)).toEqual(expectedSpans(bundle));
        expect(importedRelations(back.spans, back.relations)).toEqual(expectedRelations(bundle));
      }),
      RUNS,
    );
  });

  it('W3C Web Annotation', () => {
    fc.assert(
      fc.property(bundleArb, ({ bundle }) => {
        const back = ok(
          importWebAnnotation('annotations.jsonld', exportWebAnnotation(bundle), bundle.documents),
        );
        expect(importedSpans(back.spans)).toEqual(expectedSpans(bundle));
        expect(importedRelations(back.spans, back.relations)).toEqual(expectedRelations(bundle));
      }),
      RUNS,
    );
  });

  it('brat: everything brat can hold comes back; the rest is in the loss report', () => {
    fc.assert(
      fc.property(bundleArb, ({ bundle }) => {
        const files = exportBrat(bundle);
        const spans: SpanDraft[] = [];
        const relations: RelationDraft[] = [];
        for (const ann of files.filter((f) => f.path.endsWith('.ann'))) {
          const txt = files.find((f) => f.path === ann.path.replace(/\.ann$/, '.txt'))!.content;
          const back = ok(
            importBrat({ path: ann.path, ann: ann.content, txt }, bundle.documents, CODEBOOK),
          );
          spans.push(...back.spans);
          relations.push(...back.relations);
        }
        const lineBreaksOnly = (a: Annotation) => /^[\r\n]*$/.test(a.quote);
        const holdable: ExportBundle = {
          ...bundle,
          layers: bundle.layers.map((l) => {
            const kept = l.annotations.filter((a) => !lineBreaksOnly(a));
            const ids = new Set(kept.map((a) => a.id));
            return {
              ...l,
              annotations: kept,
              relations: l.relations.filter((r) => ids.has(r.from) && ids.has(r.to)),
            };
          }),
        };
        // Line breaks at either end cannot be in a brat fragment: the span comes back without them.
        const trimmed: ExportBundle = {
          ...holdable,
          layers: holdable.layers.map((l) => ({
            ...l,
            annotations: l.annotations.map((a) => {
              const lead = /^[\r\n]*/.exec(a.quote)![0].length;
              const trail = /[\r\n]*$/.exec(a.quote)![0].length;
              return { ...a, start: a.start + lead, end: a.end - trail };
            }),
          })),
        };
        const withoutNulls = (a: Annotation) =>
          Object.fromEntries(Object.entries(a.attributes).filter(([, v]) => v !== null));
        expect(importedSpans(spans)).toEqual(expectedSpans(trimmed, withoutNulls));
        expect(importedRelations(spans, relations)).toEqual(expectedRelations(trimmed));
        const report = files.find((f) => f.path === 'loss-report.tsv')!.content;
        for (const l of bundle.layers) {
          for (const a of l.annotations) {
            // Spans of line breaks only, and spans starting or ending with one, are reported.
            if (/^[\r\n]|[\r\n]$/.test(a.quote)) {
              expect(report).toContain(`${l.annotator}\t${a.doc}\tspan ${a.id}\t`);
            }
            for (const [name, v] of Object.entries(a.attributes)) {
              if (v === null && !lineBreaksOnly(a))
                expect(report).toContain(`span ${a.id} attribute ${name}\t`);
            }
          }
        }
      }),
      RUNS,
    );
  });
});

describe("each span's own workbench id", () => {
  const bundle = fixtureBundle(() => '0'.repeat(64));
  const expected = bundle.layers
    .flatMap((l) => l.annotations.map((a) => `${a.doc}/${l.annotator}/${a.id}`))
    .sort();
  const ids = (spans: readonly SpanDraft[]) =>
    spans.map((s) => `${s.doc}/${s.annotator}/${s.id}`).sort();

  it.each([
    ['JSON', () => importJson('e.json', exportJson(bundle), bundle.documents)],
    ['JSONL', () => importJsonl('e.jsonl', exportJsonl(bundle), bundle.documents)],
    [
      'Web Annotation',
      () => importWebAnnotation('e.jsonld', exportWebAnnotation(bundle), bundle.documents),
    ],
  ])('comes back from %s, so importing the file again finds the span', (_format, read) => {
    expect(ids(ok(read()).spans)).toEqual(expected);
  });

  it('is not taken from a Web Annotation IRI naming another document or annotator', () => {
    const foreign = exportWebAnnotation(bundle).replaceAll(
      'urn:workbench:anno:doc-emoji:alice:',
      'urn:workbench:anno:doc-emoji:carol:',
    );
    const back = ok(importWebAnnotation('e.jsonld', foreign, bundle.documents));
    const alice = back.spans.filter((s) => s.doc === 'doc-emoji' && s.annotator === 'alice');
    expect(alice.length).toBeGreaterThan(0);
    expect(alice.every((s) => s.id === undefined)).toBe(true);
  });
});
