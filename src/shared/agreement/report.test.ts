import { describe, expect, it } from 'vitest';
import { WorkbenchError } from '../api';
import type { AgreementSpanInput } from './continuum';
import { krippendorffAlpha } from './krippendorff-alpha';
import { AgreementReport, computeAgreement } from './report';
import { cohenKappa } from './token-kappa';
import { unitizingAlpha } from './unitizing-alpha';

const DOC_1 = {
  id: 'd1',
  text: 'FBI director James Comey met Apple and Google on encryption.',
};
const DOC_2 = {
  id: 'd2',
  text: 'The White House urged firms to act against terrorists online.',
};

/** A span over the first occurrence of `quote` in the document. */
function tag(
  doc: { id: string; text: string },
  quote: string,
  label: string,
  attributes: AgreementSpanInput['attributes'] = {},
): AgreementSpanInput {
  const start = doc.text.indexOf(quote);
  if (start < 0) throw new Error(`"${quote}" not in ${doc.id}`);
  return { doc: doc.id, label, start, end: start + quote.length, attributes };
}

const ALICE = [
  tag(DOC_1, 'FBI director James Comey', 'Actor', { kind: 'person' }),
  tag(DOC_1, 'Apple', 'Actor', { kind: 'company' }),
  tag(DOC_1, 'encryption', 'Policy topic'),
  tag(DOC_2, 'The White House', 'Actor', { kind: 'government_body' }),
  tag(DOC_2, 'urged firms to act against terrorists online', 'Claim', { stance: 'support' }),
];
const BOB = [
  tag(DOC_1, 'James Comey', 'Actor', { kind: 'person' }),
  tag(DOC_1, 'Apple', 'Actor', { kind: 'organisation' }),
  tag(DOC_1, 'Google', 'Actor', { kind: 'company' }),
  tag(DOC_1, 'encryption', 'Policy topic'),
  tag(DOC_2, 'The White House', 'Actor', { kind: 'government_body' }),
  tag(DOC_2, 'urged firms to act', 'Claim', { stance: 'support' }),
];

const INPUT = {
  documents: [DOC_1, DOC_2],
  layers: { alice: ALICE, bob: BOB },
  annotators: ['alice', 'bob'],
  labels: ['Actor', 'Claim', 'Policy topic'],
};

describe('computeAgreement: two annotators', () => {
  const report = computeAgreement(INPUT);

  it('produces a report that its schema accepts, also after a JSON round trip (no NaN)', () => {
    expect(AgreementReport.parse(report)).toEqual(report);
    expect(AgreementReport.parse(JSON.parse(JSON.stringify(report)))).toEqual(report);
  });

  it('counts spans and tokens', () => {
    expect(report.counts).toEqual({
      documents: 2,
      characters: DOC_1.text.length + DOC_2.text.length,
      tokens: 10 + 10,
      excluded_tokens: 0,
      spans: { alice: 5, bob: 6 },
      set_aside_spans: { alice: 0, bob: 0 },
      merged_spans: 0,
    });
  });

  it('scores exact and overlap span F1 per pair and label', () => {
    // Exact: Apple, encryption, The White House = 3 of 5 (alice) and 6 (bob).
    expect(report.pairs).toHaveLength(1);
    const pair = report.pairs[0];
    expect(pair).toMatchObject({ a: 'alice', b: 'bob' });
    expect(pair?.f1_exact).toBeCloseTo((2 * 3) / 11, 12);
    expect(pair?.precision_exact).toBeCloseTo(3 / 6, 12);
    expect(pair?.recall_exact).toBeCloseTo(3 / 5, 12);
    // Overlap adds James Comey and the claim: 5 matches; Google has no partner.
    expect(pair?.f1_overlap).toBeCloseTo((2 * 5) / 11, 12);
    expect(report.overall.f1_exact).toBe(pair?.f1_exact);
    expect(report.by_label['Policy topic']?.f1_exact).toBe(1);
    expect(report.by_label['Actor']?.f1_exact).toBeCloseTo((2 * 2) / 7, 12);
    expect(report.by_label['Claim']?.f1_overlap).toBe(1);
  });

  it('computes Cohen and Fleiss kappa over word tokens (labels and "none")', () => {
    // Tokens of d1: FBI director James Comey met Apple and Google on encryption;
    // of d2: The White House urged firms to act against terrorists online.
    // Category per token (0 Actor, 1 Claim, 2 Policy topic, 3 none), alice | bob.
    const alice = [0, 0, 0, 0, 3, 0, 3, 3, 3, 2, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1];
    const bob = [3, 3, 0, 0, 3, 0, 3, 0, 3, 2, 0, 0, 0, 1, 1, 1, 1, 3, 3, 3];
    const table = Array.from({ length: 4 }, () => [0, 0, 0, 0]);
    alice.forEach((a, t) => (table[a]![bob[t]!]! += 1));
    expect(report.overall.cohen_kappa).toBeCloseTo(cohenKappa(table).kappa as number, 12);
    expect(report.pairs[0]?.cohen_kappa).toBe(report.overall.cohen_kappa);
    expect(report.overall.fleiss_kappa).toBeTypeOf('number');
    // Per label: Actor against the rest.
    const actor = [0, 1].map((x) =>
      [0, 1].map((y) => alice.filter((a, t) => +(a !== 0) === x && +(bob[t] !== 0) === y).length),
    );
    expect(report.by_label['Actor']?.cohen_kappa).toBeCloseTo(
      cohenKappa(actor).kappa as number,
      12,
    );
  });

  it('computes α_U on the documents laid end to end', () => {
    const offset = DOC_1.text.length;
    const units = [ALICE, BOB].flatMap((spans, rater) =>
      spans.map((s) => ({
        rater,
        category: s.label,
        start: s.start + (s.doc === 'd2' ? offset : 0),
        end: s.end + (s.doc === 'd2' ? offset : 0),
      })),
    );
    const expected = unitizingAlpha({ raterCount: 2, length: offset + DOC_2.text.length, units });
    expect(report.overall.alpha_unitizing).toBe(expected.alpha);
    expect(report.by_label['Claim']?.alpha_unitizing).toBe(expected.byCategory.get('Claim')?.alpha);
    expect(report.pairs[0]?.alpha_unitizing).toBe(expected.alpha);
  });

  it('reports each document as if it were compared alone', () => {
    expect(report.by_document.map((d) => d.doc)).toEqual(['d1', 'd2']);
    for (const doc of [DOC_1, DOC_2]) {
      const alone = computeAgreement({ ...INPUT, documents: [doc] });
      const entry = report.by_document.find((d) => d.doc === doc.id);
      expect(entry).toMatchObject({
        alpha_unitizing: alone.overall.alpha_unitizing,
        cohen_kappa: alone.overall.cohen_kappa,
        fleiss_kappa: alone.overall.fleiss_kappa,
        f1_exact: alone.overall.f1_exact,
        f1_overlap: alone.overall.f1_overlap,
        tokens: alone.counts.tokens,
        spans: alone.counts.spans,
      });
    }
  });

  it('computes attribute alpha on identically marked spans (nominal for strings)', () => {
    // Identical spans: Apple (company | organisation), The White House (government_body twice):
    // Actor.kind has 2 units; Claim and Policy topic have no attribute on identical spans.
    expect(report.attributes).toEqual([
      expect.objectContaining({
        label: 'Actor',
        attribute: 'kind',
        level: 'nominal',
        matched_spans: 2,
        pairable_units: 2,
      }),
    ]);
    const expected = krippendorffAlpha(
      [
        ['company', 'government_body'],
        ['organisation', 'government_body'],
      ],
      'nominal',
    );
    expect(report.attributes[0]?.alpha).toBe(expected.alpha);
  });
});

describe('computeAgreement: what cannot be compared is counted and explained', () => {
  it('sets aside spans on other documents, with other labels, or with bad offsets', () => {
    const report = computeAgreement({
      ...INPUT,
      layers: {
        alice: [
          ...ALICE,
          { doc: 'elsewhere', label: 'Actor', start: 0, end: 3, attributes: {} },
          { doc: 'd1', label: 'Quote', start: 0, end: 3, attributes: {} },
          { doc: 'd1', label: 'Actor', start: 5, end: 5, attributes: {} },
          { doc: 'd1', label: 'Actor', start: 50, end: 500, attributes: {} },
        ],
        bob: BOB,
      },
    });
    expect(report.counts.spans.alice).toBe(5);
    expect(report.counts.set_aside_spans).toEqual({ alice: 4, bob: 0 });
    expect(report.notes).toEqual(
      expect.arrayContaining([
        '1 span(s) of alice are on documents outside this comparison and were not compared.',
        '1 span(s) of alice have a label outside the compared labels and were not compared.',
        expect.stringMatching(
          /^2 span\(s\) of alice are empty or end beyond their document's text/,
        ),
      ]),
    );
    expect(report.overall).toEqual(computeAgreement(INPUT).overall);
  });

  it('counts tokens covered by two labels of one annotator and leaves them out of the kappas', () => {
    const report = computeAgreement({
      ...INPUT,
      layers: { alice: [...ALICE, tag(DOC_1, 'Apple and', 'Policy topic')], bob: BOB },
    });
    expect(report.counts.excluded_tokens).toBe(1);
    expect(report.pairs[0]?.excluded_tokens).toBe(1);
    expect(
      report.notes.some((n) => n.startsWith('1 of 20 tokens are covered by one annotator')),
    ).toBe(true);
  });

  it('notes merged overlapping spans of one annotator and label', () => {
    const report = computeAgreement({
      ...INPUT,
      layers: { alice: [...ALICE, tag(DOC_1, 'James Comey', 'Actor')], bob: BOB },
    });
    expect(report.counts.merged_spans).toBe(1);
    expect(report.notes.some((n) => n.startsWith('1 span(s) overlapped another span'))).toBe(true);
  });

  it('gives null, never NaN, with a note for every undefined measure', () => {
    const report = computeAgreement({
      documents: [DOC_1],
      layers: { alice: [], bob: [] },
      annotators: ['alice', 'bob'],
      labels: ['Actor'],
    });
    expect(report.overall).toEqual({
      alpha_unitizing: null,
      cohen_kappa: null,
      fleiss_kappa: null,
      f1_exact: null,
      f1_overlap: null,
    });
    for (const path of [
      'alpha_unitizing',
      'cohen_kappa',
      'fleiss_kappa',
      'f1_exact',
      'f1_overlap',
    ]) {
      expect(report.notes.some((n) => n.startsWith(`overall.${path} is null: `))).toBe(true);
      expect(report.notes.some((n) => n.startsWith(`by_label["Actor"].${path} is null: `))).toBe(
        true,
      );
    }
    expect(report.by_document[0]?.notes.length).toBe(5);
    expect(AgreementReport.parse(JSON.parse(JSON.stringify(report)))).toEqual(report);
  });

  it('treats an annotator without a layer as having marked nothing, and says so', () => {
    const report = computeAgreement({ ...INPUT, layers: { alice: ALICE } });
    expect(report.counts.spans).toEqual({ alice: 5, bob: 0 });
    expect(report.notes).toContain(
      'bob has no layer in the input and counts as having marked nothing.',
    );
    expect(report.pairs[0]?.f1_exact).toBe(0);
  });

  it('uses interval alpha for numeric attributes', () => {
    const d = { id: 'n', text: 'one two three four' };
    const report = computeAgreement({
      documents: [d],
      layers: {
        a: [
          tag(d, 'one', 'X', { weight: 1 }),
          tag(d, 'two', 'X', { weight: 2 }),
          tag(d, 'three', 'X', { weight: 5 }),
        ],
        b: [
          tag(d, 'one', 'X', { weight: 1 }),
          tag(d, 'two', 'X', { weight: 3 }),
          tag(d, 'three', 'X', { weight: 5 }),
        ],
      },
      annotators: ['a', 'b'],
    });
    expect(report.labels).toEqual(['X']);
    expect(report.attributes[0]).toMatchObject({
      attribute: 'weight',
      level: 'interval',
      matched_spans: 3,
    });
    expect(report.attributes[0]?.alpha).toBe(
      krippendorffAlpha(
        [
          [1, 2, 5],
          [1, 3, 5],
        ],
        'interval',
      ).alpha,
    );
  });

  it('rejects an annotator or document listed twice', () => {
    expect(() => computeAgreement({ ...INPUT, annotators: ['alice', 'alice'] })).toThrow(
      WorkbenchError,
    );
    expect(() => computeAgreement({ ...INPUT, annotators: ['alice', 'alice'] })).toThrow(
      /"alice" is listed twice/,
    );
    expect(() => computeAgreement({ ...INPUT, documents: [DOC_1, DOC_1] })).toThrow(
      /Document "d1" is listed twice/,
    );
  });
});

describe('computeAgreement: three annotators', () => {
  const carol = [tag(DOC_1, 'James Comey', 'Actor'), tag(DOC_2, 'The White House', 'Actor')];
  const report = computeAgreement({
    ...INPUT,
    layers: { ...INPUT.layers, carol },
    annotators: ['alice', 'bob', 'carol'],
  });

  it('reports every pair, Fleiss but no Cohen overall, and F1 as the mean over pairs', () => {
    expect(report.pairs.map((p) => [p.a, p.b])).toEqual([
      ['alice', 'bob'],
      ['alice', 'carol'],
      ['bob', 'carol'],
    ]);
    expect('cohen_kappa' in report.overall).toBe(false);
    expect('cohen_kappa' in (report.by_label['Actor'] ?? {})).toBe(false);
    expect(report.pairs.every((p) => typeof p.cohen_kappa === 'number')).toBe(true);
    const mean = report.pairs.reduce((s, p) => s + (p.f1_overlap as number), 0) / 3;
    expect(report.overall.f1_overlap).toBeCloseTo(mean, 12);
    expect(AgreementReport.parse(report)).toEqual(report);
  });

  it('computes α_U per pair on that pair alone', () => {
    const two = computeAgreement({
      ...INPUT,
      layers: { alice: ALICE, carol },
      annotators: ['alice', 'carol'],
    });
    expect(report.pairs[1]?.alpha_unitizing).toBe(two.overall.alpha_unitizing);
  });
});

describe('computeAgreement: fewer than two annotators', () => {
  it('returns a valid report of nulls, each explained', () => {
    const report = computeAgreement({ ...INPUT, annotators: ['alice'] });
    expect(report.pairs).toEqual([]);
    expect(report.overall).toEqual({
      alpha_unitizing: null,
      fleiss_kappa: null,
      f1_exact: null,
      f1_overlap: null,
    });
    expect(report.notes[0]).toBe('Only 1 annotator(s) given: agreement needs two or more.');
    expect(report.notes).toContain(
      'overall.f1_exact is null: span F1 compares annotator pairs, so it needs two or more annotators.',
    );
    expect(AgreementReport.parse(JSON.parse(JSON.stringify(report)))).toEqual(report);
  });
});
