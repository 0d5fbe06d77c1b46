import { describe, expect, it } from 'vitest';
import { WorkbenchError } from '../api';
import { krippendorffAlpha, type ReliabilityData } from './krippendorff-alpha';

/**
 * Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School for
 * Communication, University of Pennsylvania. Section C ("nominal data, any number of observers,
 * missing data"): 4 observers × 12 units, '.' = missing.
 */
const KRIPPENDORFF_2011: ReliabilityData = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
  [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
];

describe('krippendorffAlpha: Krippendorff (2011) reference example', () => {
  // The published values, to three decimals: nominal .743, ordinal .815, interval .849, ratio .797.
  it.each([
    ['nominal', 0.743],
    ['ordinal', 0.815],
    ['interval', 0.849],
    ['ratio', 0.797],
  ] as const)('%s alpha = %s', (level, published) => {
    const result = krippendorffAlpha(KRIPPENDORFF_2011, level);
    expect(result.alpha).not.toBeNull();
    expect(Math.round((result.alpha as number) * 1000) / 1000).toBe(published);
  });

  it('pairs only units with two or more values (unit 12 has one value): n = 40', () => {
    // The paper's coincidence matrix sums to n = 40 over the 11 pairable units.
    const result = krippendorffAlpha(KRIPPENDORFF_2011, 'nominal');
    expect(result.pairableUnits).toBe(11);
    expect(result.pairableValues).toBeCloseTo(40, 10);
  });

  it('gives the same alpha for the same data written as strings with an explicit order', () => {
    const asText = KRIPPENDORFF_2011.map((row) => row.map((v) => (v === null ? null : `r${v}`)));
    const order = ['r1', 'r2', 'r3', 'r4', 'r5'];
    expect(krippendorffAlpha(asText, 'ordinal', { order }).alpha).toBeCloseTo(
      krippendorffAlpha(KRIPPENDORFF_2011, 'ordinal').alpha as number,
      12,
    );
    expect(krippendorffAlpha(asText, 'nominal').alpha).toBeCloseTo(
      krippendorffAlpha(KRIPPENDORFF_2011, 'nominal').alpha as number,
      12,
    );
  });
});

describe('krippendorffAlpha: degenerate data', () => {
  it('is 1 for perfect agreement with variation between units', () => {
    const data = [
      ['a', 'b', 'c', null],
      ['a', 'b', 'c', 'a'],
      [null, 'b', 'c', 'a'],
    ];
    for (const level of ['nominal'] as const) expect(krippendorffAlpha(data, level).alpha).toBe(1);
    const numbers = [
      [1, 2, 5],
      [1, 2, 5],
    ];
    for (const level of ['ordinal', 'interval', 'ratio'] as const) {
      expect(krippendorffAlpha(numbers, level).alpha).toBe(1);
    }
  });

  it('is null with a reason when only one value occurs (D_e = 0), not 1 or NaN', () => {
    const result = krippendorffAlpha(
      [
        ['yes', 'yes', 'yes'],
        ['yes', 'yes', null],
      ],
      'nominal',
    );
    expect(result.alpha).toBeNull();
    expect(result.reason).toMatch(/all pairable values are the same \("yes"\)/);
    expect(result.expectedDisagreement).toBe(0);
    expect(result.pairableUnits).toBe(2);
  });

  it('is null with a reason when no unit has two values', () => {
    for (const data of [
      [
        [1, null],
        [null, 2],
      ],
      [[1, 2, 3]],
      [],
    ]) {
      const result = krippendorffAlpha(data, 'interval');
      expect(result.alpha).toBeNull();
      expect(result.reason).toMatch(/no unit has values from two or more coders/);
      expect(result.pairableUnits).toBe(0);
    }
  });

  it('is negative for systematic disagreement', () => {
    const result = krippendorffAlpha(
      [
        ['a', 'b', 'a', 'b'],
        ['b', 'a', 'b', 'a'],
      ],
      'nominal',
    );
    expect(result.alpha as number).toBeLessThan(0);
  });
});

describe('krippendorffAlpha: bad input', () => {
  it('rejects rows of different lengths, naming the coder', () => {
    expect(() => krippendorffAlpha([[1, 2], [1]], 'nominal')).toThrow(/coder 2 has 1 values/);
  });

  it('rejects non-numbers for interval and ratio, naming the unit', () => {
    expect(() =>
      krippendorffAlpha(
        [
          [1, 'x'],
          [1, 2],
        ],
        'interval',
      ),
    ).toThrow(WorkbenchError);
    expect(() =>
      krippendorffAlpha(
        [
          [1, 'x'],
          [1, 2],
        ],
        'interval',
      ),
    ).toThrow(/unit 2 has "x"/);
    expect(() =>
      krippendorffAlpha(
        [
          [1, -2],
          [1, 2],
        ],
        'ratio',
      ),
    ).toThrow(/zero or more/);
  });

  it('rejects ordinal strings without an order, and values missing from the order', () => {
    const data = [
      ['low', 'high'],
      ['low', 'mid'],
    ];
    expect(() => krippendorffAlpha(data, 'ordinal')).toThrow(/explicit order/);
    expect(() => krippendorffAlpha(data, 'ordinal', { order: ['low', 'high'] })).toThrow(
      /"mid" not in the given order/,
    );
  });
});
