import { describe, expect, it } from 'vitest';
import { spanText } from '../../main/store/span-text';
import type { Annotation, Attributes, CuratedFile } from '../model';
import {
  acceptAgreedSteps,
  applySteps,
  caseState,
  emptyCurated,
  setReviewStatus,
  unsettledCases,
  type AdjudicationEnv,
} from './adjudication';
import { reviewCases } from './review-cases';

const TEXT = 'FBI director James Comey met Apple and Google on encryption.';
const DOC = 'd1';

function tag(
  annotator: string,
  id: string,
  label: string,
  quote: string,
  attributes: Attributes = {},
): Annotation {
  const start = TEXT.indexOf(quote);
  const end = start + quote.length;
  return {
    id,
    doc: DOC,
    label,
    start,
    end,
    ...spanText(TEXT, start, end),
    attributes,
    annotator,
    created: '2024-01-01T00:00:00.000Z',
    modified: '2024-01-01T00:00:00.000Z',
    origin: { kind: 'manual' },
  };
}

const LAYERS = {
  alice: [
    tag('alice', 'a1', 'Actor', 'FBI director James Comey'),
    tag('alice', 'a2', 'Actor', 'Apple', { kind: 'company' }),
    tag('alice', 'a3', 'Policy topic', 'encryption'),
  ],
  bob: [
    tag('bob', 'b1', 'Actor', 'James Comey'),
    tag('bob', 'b2', 'Actor', 'Apple', { kind: 'company' }),
    tag('bob', 'b3', 'Policy topic', 'encryption'),
    tag('bob', 'b4', 'Actor', 'Google'),
  ],
};
const CASES = reviewCases(['alice', 'bob'], LAYERS);

function env(): AdjudicationEnv {
  let n = 0;
  return {
    curator: 'lead',
    now: '2024-02-02T10:00:00.000Z',
    newId: () => `g${++n}`,
    text: TEXT,
    spanContext: spanText,
  };
}

const caseOf = (quote: string) => CASES.find((c) => TEXT.slice(c.start, c.end) === quote)!;

describe('adjudication', () => {
  it('accepts everything both annotators agree on in one step, with both as sources', () => {
    const steps = acceptAgreedSteps(emptyCurated(DOC), CASES);
    expect(steps).toHaveLength(2); // Apple, encryption
    const curated = applySteps(emptyCurated(DOC), CASES, steps, env());
    expect(curated).toMatchObject({ status: 'in_review', revision: 1 });
    expect(curated.annotations.map((a) => [a.quote, a.label, a.sources, a.annotator])).toEqual([
      ['Apple', 'Actor', ['alice', 'bob'], 'lead'],
      ['encryption', 'Policy topic', ['alice', 'bob'], 'lead'],
    ]);
    expect(curated.annotations[0]!.attributes).toEqual({ kind: 'company' });
    expect(curated.decisions.map((d) => d.outcome)).toEqual(['accepted', 'accepted']);
    // Nothing agreed is left to accept.
    expect(acceptAgreedSteps(curated, CASES)).toEqual([]);
    expect(unsettledCases(curated, CASES).map((c) => c.kind)).toEqual([
      'boundary_differs',
      'only_one',
    ]);
  });

  it("accepts one annotator's version of a disagreement, naming only them", () => {
    const comey = caseOf('FBI director James Comey');
    const curated = applySteps(
      emptyCurated(DOC),
      CASES,
      [{ action: 'accept', case: comey.key, from: 'bob' }],
      env(),
    );
    expect(curated.annotations).toHaveLength(1);
    expect(curated.annotations[0]).toMatchObject({
      quote: 'James Comey',
      sources: ['bob'],
      id: 'g1',
    });
    expect(caseState(curated, comey)).toMatchObject({
      settled: true,
      decision: { outcome: 'accepted', span: 'g1', by: 'lead' },
    });
  });

  it('edits a version (boundaries, label, attributes) and records what it was based on', () => {
    const comey = caseOf('FBI director James Comey');
    const start = TEXT.indexOf('director James Comey');
    const curated = applySteps(
      emptyCurated(DOC),
      CASES,
      [
        {
          action: 'edit',
          case: comey.key,
          from: 'alice',
          span: {
            label: 'Actor',
            start,
            end: start + 'director James Comey'.length,
            attributes: { kind: 'person' },
          },
        },
      ],
      env(),
    );
    expect(curated.annotations[0]).toMatchObject({
      quote: 'director James Comey',
      prefix: 'FBI ',
      sources: ['alice'],
      attributes: { kind: 'person' },
      origin: { kind: 'manual' },
    });
    expect(curated.decisions[0]!.outcome).toBe('edited');
  });

  it('an edit that equals a version counts that annotator as a source too', () => {
    const comey = caseOf('FBI director James Comey');
    const start = TEXT.indexOf('James Comey');
    const curated = applySteps(
      emptyCurated(DOC),
      CASES,
      [
        {
          action: 'edit',
          case: comey.key,
          from: 'alice',
          span: { label: 'Actor', start, end: start + 11, attributes: {} },
        },
      ],
      env(),
    );
    expect(curated.annotations[0]!.sources).toEqual(['alice', 'bob']);
  });

  it('rejects a case without a gold span, and settling it again replaces the decision', () => {
    const google = caseOf('Google');
    const rejected = applySteps(
      emptyCurated(DOC),
      CASES,
      [{ action: 'reject', case: google.key }],
      env(),
    );
    expect(rejected.annotations).toEqual([]);
    expect(caseState(rejected, google)).toMatchObject({
      settled: true,
      decision: { outcome: 'rejected' },
    });
    const accepted = applySteps(
      rejected,
      CASES,
      [{ action: 'accept', case: google.key, from: 'bob' }],
      env(),
    );
    expect(accepted.decisions).toHaveLength(1);
    expect(accepted.annotations.map((a) => a.quote)).toEqual(['Google']);
    const rejectedAgain = applySteps(
      accepted,
      CASES,
      [{ action: 'reject', case: google.key }],
      env(),
    );
    expect(rejectedAgain.annotations).toEqual([]);
    expect(rejectedAgain.revision).toBe(3);
  });

  it('removes a gold span and its decision', () => {
    const google = caseOf('Google');
    const accepted = applySteps(
      emptyCurated(DOC),
      CASES,
      [{ action: 'accept', case: google.key, from: 'bob' }],
      env(),
    );
    const removed = applySteps(
      accepted,
      CASES,
      [{ action: 'remove', span: accepted.annotations[0]!.id }],
      env(),
    );
    expect(removed.annotations).toEqual([]);
    expect(removed.decisions).toEqual([]);
    expect(caseState(removed, google).settled).toBe(false);
  });

  it('a decision goes stale when the spans of its case change', () => {
    const apple = caseOf('Apple');
    const curated = applySteps(
      emptyCurated(DOC),
      CASES,
      [{ action: 'accept', case: apple.key, from: 'alice' }],
      env(),
    );
    const changed = reviewCases(['alice', 'bob'], {
      ...LAYERS,
      bob: LAYERS.bob.map((a) =>
        a.id === 'b2' ? { ...a, attributes: { kind: 'organisation' } } : a,
      ),
    });
    const appleNow = changed.find((c) => c.key === apple.key)!;
    expect(caseState(curated, appleNow)).toMatchObject({
      settled: false,
      decision: { outcome: 'accepted' },
    });
  });

  it.each([
    [{ action: 'accept', case: 'alice/zz+bob/yy', from: 'alice' }, /no longer in document d1/],
    [
      { action: 'accept', case: caseOf('Google').key, from: 'alice' },
      /alice marked nothing in case bob\/b4 \(only bob did\)/,
    ],
    [{ action: 'remove', span: 'nope' }, /no gold span nope/],
  ] as const)('refuses %j, changing nothing', (step, message) => {
    const before: CuratedFile = emptyCurated(DOC);
    expect(() => applySteps(before, CASES, [step], env())).toThrow(message);
    expect(before).toEqual(emptyCurated(DOC));
  });

  it('marks a document adjudicated only when every case is settled', () => {
    let curated = applySteps(
      emptyCurated(DOC),
      CASES,
      acceptAgreedSteps(emptyCurated(DOC), CASES),
      env(),
    );
    expect(() => setReviewStatus(curated, CASES, 'adjudicated')).toThrow(
      /2 case\(s\) are not settled yet/,
    );
    curated = applySteps(
      curated,
      CASES,
      [
        { action: 'accept', case: caseOf('FBI director James Comey').key, from: 'alice' },
        { action: 'reject', case: caseOf('Google').key },
      ],
      env(),
    );
    expect(setReviewStatus(curated, CASES, 'adjudicated')).toMatchObject({
      status: 'adjudicated',
      revision: curated.revision + 1,
    });
    expect(setReviewStatus(curated, CASES, 'in_review').status).toBe('in_review');
  });
});
