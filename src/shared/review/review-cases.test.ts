import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Attributes } from '../model';
import { canonicalAttributes, reviewCases, sameVersion, type ComparableSpan } from './review-cases';
import type { CaseKind, Difference } from './review-schema';

/** A span written as "label start-end", with optional attributes; ids are given per test. */
function span(id: string, label: string, start: number, end: number, attributes: Attributes = {}) {
  return { id, label, start, end, attributes } satisfies ComparableSpan;
}

interface Row {
  name: string;
  layers: Record<string, ComparableSpan[]>;
  /** Per case, in position order: kind, differences, and who is in it. */
  expected: Array<{ kind: CaseKind; differences: Difference[]; who: string[] }>;
}

const TWO = ['alice', 'bob'];
const THREE = ['alice', 'bob', 'carol'];

const TWO_ANNOTATORS: Row[] = [
  {
    name: 'identical spans agree',
    layers: { alice: [span('a1', 'Actor', 0, 5)], bob: [span('b1', 'Actor', 0, 5)] },
    expected: [{ kind: 'agree', differences: [], who: ['alice', 'bob'] }],
  },
  {
    name: 'a null attribute and a missing one agree',
    layers: {
      alice: [span('a1', 'Claim', 0, 9, { stance: null })],
      bob: [span('b1', 'Claim', 0, 9)],
    },
    expected: [{ kind: 'agree', differences: [], who: ['alice', 'bob'] }],
  },
  {
    name: 'same range, other label',
    layers: { alice: [span('a1', 'Actor', 0, 5)], bob: [span('b1', 'Policy topic', 0, 5)] },
    expected: [{ kind: 'label_differs', differences: ['label'], who: ['alice', 'bob'] }],
  },
  {
    name: 'shifted boundary, same label',
    layers: { alice: [span('a1', 'Actor', 0, 24)], bob: [span('b1', 'Actor', 13, 24)] },
    expected: [{ kind: 'boundary_differs', differences: ['boundary'], who: ['alice', 'bob'] }],
  },
  {
    name: 'shifted boundary and other label',
    layers: { alice: [span('a1', 'Claim', 0, 30)], bob: [span('b1', 'Actor', 0, 10)] },
    expected: [
      { kind: 'boundary_differs', differences: ['boundary', 'label'], who: ['alice', 'bob'] },
    ],
  },
  {
    name: 'same span and label, other attribute value',
    layers: {
      alice: [span('a1', 'Actor', 0, 5, { kind: 'company' })],
      bob: [span('b1', 'Actor', 0, 5, { kind: 'organisation' })],
    },
    expected: [{ kind: 'attribute_differs', differences: ['attributes'], who: ['alice', 'bob'] }],
  },
  {
    name: 'a span only one annotator marked',
    layers: { alice: [span('a1', 'Actor', 30, 36)], bob: [] },
    expected: [{ kind: 'only_one', differences: ['presence'], who: ['alice'] }],
  },
  {
    name: 'an annotator without a layer marked nothing',
    layers: { bob: [span('b1', 'Actor', 30, 36)] },
    expected: [{ kind: 'only_one', differences: ['presence'], who: ['bob'] }],
  },
  {
    name: 'spans side by side do not overlap: two cases',
    layers: { alice: [span('a1', 'Actor', 0, 5)], bob: [span('b1', 'Actor', 5, 9)] },
    expected: [
      { kind: 'only_one', differences: ['presence'], who: ['alice'] },
      { kind: 'only_one', differences: ['presence'], who: ['bob'] },
    ],
  },
  {
    name: 'identical beats overlapping: the nested Actor pairs with the Actor, the Claim with the Claim',
    layers: {
      alice: [span('a1', 'Claim', 0, 40), span('a2', 'Actor', 0, 10)],
      bob: [span('b1', 'Actor', 0, 10), span('b2', 'Claim', 0, 38)],
    },
    expected: [
      { kind: 'agree', differences: [], who: ['alice', 'bob'] },
      { kind: 'boundary_differs', differences: ['boundary'], who: ['alice', 'bob'] },
    ],
  },
  {
    name: 'same label is preferred to a better overlap with another label',
    layers: {
      alice: [span('a1', 'Actor', 0, 10)],
      bob: [span('b1', 'Claim', 0, 11), span('b2', 'Actor', 2, 10)],
    },
    expected: [
      { kind: 'boundary_differs', differences: ['boundary'], who: ['alice', 'bob'] },
      { kind: 'only_one', differences: ['presence'], who: ['bob'] },
    ],
  },
  {
    name: 'the best overlap wins when one span overlaps two',
    layers: {
      alice: [span('a1', 'Actor', 0, 10)],
      bob: [span('b1', 'Actor', 0, 3), span('b2', 'Actor', 1, 10)],
    },
    expected: [
      { kind: 'only_one', differences: ['presence'], who: ['bob'] },
      { kind: 'boundary_differs', differences: ['boundary'], who: ['alice', 'bob'] },
    ],
  },
  {
    name: 'a duplicate span of one annotator is a case of its own',
    layers: {
      alice: [span('a1', 'Actor', 0, 5), span('a2', 'Actor', 0, 5)],
      bob: [span('b1', 'Actor', 0, 5)],
    },
    expected: [
      { kind: 'agree', differences: [], who: ['alice', 'bob'] },
      { kind: 'only_one', differences: ['presence'], who: ['alice'] },
    ],
  },
];

const THREE_ANNOTATORS: Row[] = [
  {
    name: 'all three identical',
    layers: {
      alice: [span('a1', 'Actor', 0, 5)],
      bob: [span('b1', 'Actor', 0, 5)],
      carol: [span('c1', 'Actor', 0, 5)],
    },
    expected: [{ kind: 'agree', differences: [], who: THREE }],
  },
  {
    name: 'two agree, the third missed it',
    layers: {
      alice: [span('a1', 'Actor', 0, 5)],
      bob: [],
      carol: [span('c1', 'Actor', 0, 5)],
    },
    expected: [{ kind: 'only_some', differences: ['presence'], who: ['alice', 'carol'] }],
  },
  {
    name: 'two agree, the third shifted the boundary',
    layers: {
      alice: [span('a1', 'Actor', 0, 5)],
      bob: [span('b1', 'Actor', 0, 5)],
      carol: [span('c1', 'Actor', 0, 7)],
    },
    expected: [{ kind: 'boundary_differs', differences: ['boundary'], who: THREE }],
  },
  {
    name: 'no chaining: a overlaps b and b overlaps c, but a and c are apart',
    layers: {
      alice: [span('a1', 'Claim', 0, 10)],
      bob: [span('b1', 'Claim', 8, 20)],
      carol: [span('c1', 'Claim', 18, 30)],
    },
    expected: [
      { kind: 'only_some', differences: ['presence', 'boundary'], who: ['alice', 'bob'] },
      { kind: 'only_one', differences: ['presence'], who: ['carol'] },
    ],
  },
];

describe('reviewCases', () => {
  it.each(TWO_ANNOTATORS)('two annotators: $name', ({ layers, expected }) => {
    const cases = reviewCases(TWO, layers);
    expect(
      cases.map((c) => ({
        kind: c.kind,
        differences: c.differences,
        who: c.versions.map((v) => v.annotator),
      })),
    ).toEqual(expected);
    for (const c of cases) {
      expect(c.missing).toEqual(TWO.filter((a) => !c.versions.some((v) => v.annotator === a)));
    }
  });

  it.each(THREE_ANNOTATORS)('three annotators: $name', ({ layers, expected }) => {
    const cases = reviewCases(THREE, layers);
    expect(
      cases.map((c) => ({
        kind: c.kind,
        differences: c.differences,
        who: c.versions.map((v) => v.annotator),
      })),
    ).toEqual(expected);
  });

  it('gives each case its extent, and a key that does not depend on the annotator order', () => {
    const layers = { alice: [span('a1', 'Actor', 0, 24)], bob: [span('b1', 'Actor', 13, 30)] };
    const [forward] = reviewCases(['alice', 'bob'], layers);
    const [backward] = reviewCases(['bob', 'alice'], layers);
    expect(forward).toMatchObject({ start: 0, end: 30, key: 'alice/a1+bob/b1' });
    expect(backward!.key).toBe(forward!.key);
    expect(backward!.fingerprint).toBe(forward!.fingerprint);
    expect(backward!.versions.map((v) => v.annotator)).toEqual(['bob', 'alice']);
  });

  it('changes the fingerprint, not the key, when a span of the case changes', () => {
    const before = reviewCases(TWO, {
      alice: [span('a1', 'Actor', 0, 5, { kind: 'person' })],
      bob: [span('b1', 'Actor', 0, 5)],
    })[0]!;
    const after = reviewCases(TWO, {
      alice: [span('a1', 'Actor', 0, 5, { kind: 'company' })],
      bob: [span('b1', 'Actor', 0, 5)],
    })[0]!;
    expect(after.key).toBe(before.key);
    expect(after.fingerprint).not.toBe(before.fingerprint);
    expect(before.fingerprint).toMatch(/^[0-9a-f]{14}$/);
  });

  it.each([[[]], [['alice']], [['alice', 'alice']]])('refuses annotators %j', (annotators) => {
    expect(() => reviewCases(annotators, {})).toThrow(/two or more annotators|listed twice/);
  });

  it('puts every span in exactly one case, at most one per annotator per case', () => {
    const spanArb = fc
      .record({
        start: fc.integer({ min: 0, max: 60 }),
        length: fc.integer({ min: 1, max: 15 }),
        label: fc.constantFrom('Actor', 'Claim', 'Policy topic'),
        kind: fc.constantFrom('person', 'company', null),
      })
      .map(({ start, length, label, kind }) => ({
        label,
        start,
        end: start + length,
        attributes: { kind },
      }));
    fc.assert(
      fc.property(
        fc.array(fc.array(spanArb, { maxLength: 12 }), { minLength: 3, maxLength: 3 }),
        (raw) => {
          const layers = Object.fromEntries(
            THREE.map((name, r) => [name, raw[r]!.map((s, i) => ({ ...s, id: `${name[0]}${i}` }))]),
          );
          const cases = reviewCases(THREE, layers);
          const seen = cases.flatMap((c) => c.versions.map((v) => `${v.annotator}/${v.span.id}`));
          const all = THREE.flatMap((name) => layers[name]!.map((s) => `${name}/${s.id}`));
          expect([...seen].sort()).toEqual([...all].sort());
          for (const c of cases) {
            expect(new Set(c.versions.map((v) => v.annotator)).size).toBe(c.versions.length);
            // Every pair in a case overlaps.
            for (const x of c.versions) {
              for (const y of c.versions) {
                expect(x.span.start < y.span.end && y.span.start < x.span.end).toBe(true);
              }
            }
            // agree means every version is the same, and everyone is there.
            if (c.kind === 'agree') {
              expect(c.versions).toHaveLength(3);
              expect(c.versions.every((v) => sameVersion(v.span, c.versions[0]!.span))).toBe(true);
            }
          }
        },
      ),
    );
  });
});

describe('canonicalAttributes', () => {
  it('ignores key order and null values', () => {
    expect(canonicalAttributes({ b: 1, a: 'x', c: null })).toBe(
      canonicalAttributes({ a: 'x', b: 1 }),
    );
    expect(canonicalAttributes({ a: 'x' })).not.toBe(canonicalAttributes({ a: 'y' }));
  });
});
