import { describe, expect, it } from 'vitest';
import type { Annotation, Codebook } from './model';
import { describeMissingRequired, isMissingValue, missingRequired } from './required-attributes';

const codebook: Codebook = {
  format: 'workbench.codebook',
  version: 1,
  name: 'test',
  revision: 1,
  labels: [
    {
      name: 'Actor',
      color: '#2563eb',
      hotkey: '1',
      description: '',
      examples: [],
      allowOverlap: true,
      attributes: [
        { name: 'kind', type: 'enum', values: ['person'], required: true, description: '' },
        { name: 'note', type: 'text', required: false, description: '' },
      ],
    },
    {
      name: 'Claim',
      color: '#dc2626',
      hotkey: '2',
      description: '',
      examples: [],
      allowOverlap: true,
      attributes: [
        { name: 'stance', type: 'enum', values: ['support'], required: true, description: '' },
        { name: 'strength', type: 'number', required: true, description: '' },
        { name: 'quoted', type: 'boolean', required: true, description: '' },
      ],
    },
    {
      name: 'Policy topic',
      color: '#16a34a',
      hotkey: '3',
      description: '',
      examples: [],
      allowOverlap: true,
      attributes: [],
    },
  ],
  relationTypes: [],
};

function span(id: string, label: string, attributes: Annotation['attributes']): Annotation {
  return {
    id,
    doc: 'd',
    label,
    start: 0,
    end: 1,
    quote: 'x',
    prefix: '',
    suffix: '',
    attributes,
    annotator: 'alice',
    created: '2026-01-01T00:00:00.000Z',
    modified: '2026-01-01T00:00:00.000Z',
    origin: { kind: 'manual' },
  };
}

describe('isMissingValue', () => {
  it.each([
    [undefined, true],
    [null, true],
    ['', true],
    ['  ', true],
    ['support', false],
    [0, false],
    [false, false],
  ] as const)('%j → %j', (value, missing) => {
    expect(isMissingValue(value)).toBe(missing);
  });
});

describe('missingRequired', () => {
  it('lists each span lacking required attributes, with the ones it lacks in codebook order', () => {
    const spans = [
      span('a1', 'Actor', { kind: 'person' }),
      span('a2', 'Actor', { note: 'no kind' }),
      span('c1', 'Claim', { stance: 'support', strength: 0, quoted: false }),
      span('c2', 'Claim', { quoted: true, stance: null }),
      span('t1', 'Policy topic', {}),
      span('x1', 'Removed label', {}),
    ];
    expect(missingRequired(spans, codebook)).toEqual([
      { id: 'a2', label: 'Actor', attributes: ['kind'] },
      { id: 'c2', label: 'Claim', attributes: ['stance', 'strength'] },
    ]);
  });

  it('finds nothing when the codebook requires nothing', () => {
    const relaxed = {
      ...codebook,
      labels: codebook.labels.map((l) => ({
        ...l,
        attributes: l.attributes.map((a) => ({ ...a, required: false })),
      })),
    };
    expect(missingRequired([span('a', 'Actor', {})], relaxed)).toEqual([]);
  });
});

describe('describeMissingRequired', () => {
  it('names how many spans miss which attribute', () => {
    const missing = missingRequired(
      [
        span('c1', 'Claim', { strength: 1, quoted: true }),
        span('c2', 'Claim', { strength: 1, quoted: true }),
        span('a1', 'Actor', {}),
      ],
      codebook,
    );
    expect(describeMissingRequired(missing)).toBe(
      '3 spans miss a required attribute: 2 Claim spans miss "stance"; 1 Actor span misses "kind".',
    );
    expect(describeMissingRequired(missing.slice(2))).toBe(
      '1 span misses a required attribute: 1 Actor span misses "kind".',
    );
    expect(describeMissingRequired([])).toBe('');
  });
});
