import { describe, expect, it } from 'vitest';
import type { LabeledSpan } from './span-f1';
import {
  CONFLICT,
  codeTokens,
  cohenKappa,
  fleissKappa,
  tokenAgreement,
  tokenAgreementByLabel,
} from './token-kappa';
import { wordTokens } from './word-tokens';

/** Items × categories counts from each item's list of ratings (categories 1..k). */
function countsFromRatings(items: number[][], k: number): number[][] {
  return items.map((ratings) => {
    const row = new Array<number>(k).fill(0);
    for (const category of ratings) row[category - 1] = (row[category - 1] as number) + 1;
    return row;
  });
}

describe('cohenKappa: published examples', () => {
  it('Cohen (1960: p. 45), 200 items in 3 categories: p_o .70, p_e .41, κ .492', () => {
    // The table as in DKPro Statistics' Cohen1960Test.createExample2 (rows: judge A).
    const result = cohenKappa([
      [88, 14, 18],
      [10, 40, 10],
      [2, 6, 12],
    ]);
    expect(result.observed as number).toBeCloseTo(0.7, 2);
    expect(result.expected as number).toBeCloseTo(0.41, 2);
    expect(Math.abs((result.kappa as number) - 0.492)).toBeLessThan(0.001);
  });

  it('Cohen (1960: p. 37), a table with less than chance agreement: p_o .29, p_e .35', () => {
    const result = cohenKappa([
      [25, 12, 3],
      [13, 2, 15],
      [12, 16, 2],
    ]);
    expect(result.observed as number).toBeCloseTo(0.29, 2);
    expect(result.expected as number).toBeCloseTo(0.35, 2);
    expect(result.kappa as number).toBeLessThan(0);
  });

  it('Wikipedia, "Cohen\'s kappa", worked example (50 proposals, yes/no): κ = 0.4', () => {
    expect(
      cohenKappa([
        [20, 5],
        [10, 15],
      ]).kappa as number,
    ).toBeCloseTo(0.4, 12);
  });

  it('Wikipedia, same 60% agreement with different marginals: κ .1304 and .2593', () => {
    expect(
      cohenKappa([
        [45, 15],
        [25, 15],
      ]).kappa as number,
    ).toBeCloseTo(0.1304, 4);
    expect(
      cohenKappa([
        [25, 35],
        [5, 35],
      ]).kappa as number,
    ).toBeCloseTo(0.2593, 4);
  });

  it('is null with a reason when all ratings fall in one category, or there are none', () => {
    const one = cohenKappa([
      [7, 0],
      [0, 0],
    ]);
    expect(one.kappa).toBeNull();
    expect(one.reason).toMatch(/one category/);
    expect(cohenKappa([[0]]).reason).toMatch(/no items/);
  });

  it('rejects a table that is not square', () => {
    expect(() => cohenKappa([[1, 2], [3]])).toThrow(/row 2 has 1 cells, not 2/);
  });
});

describe('fleissKappa: published examples', () => {
  it('Wikipedia, "Fleiss\' kappa", worked example (10 items, 14 raters, 5 categories): κ = 0.210', () => {
    const result = fleissKappa([
      [0, 0, 0, 0, 14],
      [0, 2, 6, 4, 2],
      [0, 0, 3, 5, 6],
      [0, 3, 9, 2, 0],
      [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0],
      [3, 2, 6, 3, 0],
      [2, 5, 3, 2, 2],
      [6, 5, 2, 1, 0],
      [0, 2, 2, 3, 7],
    ]);
    expect(result.observed as number).toBeCloseTo(0.378, 3);
    expect(result.expected as number).toBeCloseTo(0.213, 3);
    expect((result.kappa as number).toFixed(3)).toBe('0.210');
  });

  it('Fleiss (1971: p. 379), 30 patients × 6 psychiatrists × 5 diagnoses: P̄ .5556, P̄_e .2201, κ .430', () => {
    // Each row: the six diagnoses of one patient, as in DKPro Statistics' Fleiss1971Test.
    const patients = [
      [4, 4, 4, 4, 4, 4],
      [2, 2, 2, 5, 5, 5],
      [2, 3, 3, 3, 3, 5],
      [5, 5, 5, 5, 5, 5],
      [2, 2, 2, 4, 4, 4],
      [1, 1, 3, 3, 3, 3],
      [3, 3, 3, 3, 5, 5],
      [1, 1, 3, 3, 3, 4],
      [1, 1, 4, 4, 4, 4],
      [5, 5, 5, 5, 5, 5],
      [1, 4, 4, 4, 4, 4],
      [1, 2, 4, 4, 4, 4],
      [2, 2, 2, 3, 3, 3],
      [1, 4, 4, 4, 4, 4],
      [2, 2, 4, 4, 4, 5],
      [3, 3, 3, 3, 3, 5],
      [1, 1, 1, 4, 5, 5],
      [1, 1, 1, 1, 1, 2],
      [2, 2, 4, 4, 4, 4],
      [1, 3, 3, 5, 5, 5],
      [5, 5, 5, 5, 5, 5],
      [2, 4, 4, 4, 4, 4],
      [2, 2, 4, 5, 5, 5],
      [1, 1, 4, 4, 4, 4],
      [1, 4, 4, 4, 4, 5],
      [2, 2, 2, 2, 2, 4],
      [1, 1, 1, 1, 5, 5],
      [2, 2, 4, 4, 4, 4],
      [1, 3, 3, 3, 3, 3],
      [5, 5, 5, 5, 5, 5],
    ];
    const result = fleissKappa(countsFromRatings(patients, 5));
    expect(Math.abs((result.observed as number) - 0.5556)).toBeLessThan(0.001);
    expect(Math.abs((result.expected as number) - 0.2201)).toBeLessThan(0.001);
    expect(Math.abs((result.kappa as number) - 0.43)).toBeLessThan(0.001);
  });

  it("equals Scott's pi for two raters, and rejects rows with different numbers of ratings", () => {
    // Two raters on the Wikipedia Cohen table: pi = (0.7 − 0.505) / (1 − 0.505).
    const counts = [
      ...Array.from({ length: 20 }, () => [2, 0]),
      ...Array.from({ length: 5 }, () => [1, 1]),
      ...Array.from({ length: 10 }, () => [1, 1]),
      ...Array.from({ length: 15 }, () => [0, 2]),
    ];
    expect(fleissKappa(counts).kappa as number).toBeCloseTo((0.7 - 0.505) / (1 - 0.505), 12);
    expect(() =>
      fleissKappa([
        [2, 0],
        [1, 0],
      ]),
    ).toThrow(/item 2 has 1, item 1 has 2/);
  });
});

describe('token coding', () => {
  const text = 'FBI director James Comey met Apple.';
  const tokens = wordTokens(text);
  const at = (word: string, label: number): LabeledSpan => {
    const start = text.indexOf(word);
    return { start, end: start + word.length, label };
  };

  it('gives each token the label of the spans covering it, "none" otherwise', () => {
    const coding = codeTokens(tokens, [at('James Comey', 0), at('Appl', 1)], 2);
    // FBI director James Comey met Apple → none none 0 0 none 1 (a span ending inside a word
    // still claims it).
    expect([...coding.categories]).toEqual([2, 2, 0, 0, 2, 1]);
  });

  it('marks a token covered by two labels as a conflict and remembers both labels', () => {
    const coding = codeTokens(
      tokens,
      [at('director James', 0), at('James Comey', 1), at('James', 0)],
      2,
    );
    expect(coding.categories[2]).toBe(CONFLICT);
    expect(coding.conflictLabels.get(2)).toEqual([0, 1]);
    expect([...coding.categories]).toEqual([2, 0, CONFLICT, 1, 2, 2]);
  });

  it('excludes conflict tokens from the multi-category kappas and counts them', () => {
    const a = codeTokens(tokens, [at('director James', 0), at('James Comey', 1)], 2);
    const b = codeTokens(tokens, [at('director', 0), at('Comey', 1), at('Apple', 1)], 2);
    const result = tokenAgreement([a, b], 2, 0, tokens.starts.length);
    expect(result.tokens).toBe(6);
    expect(result.excludedTokens).toBe(1);
    expect(result.pairs[0]?.excludedTokens).toBe(1);
    // Remaining: FBI n/n, director 0/0, Comey 1/1, met n/n, Apple n/1.
    const expected = cohenKappa([
      [1, 0, 0],
      [0, 1, 0],
      [0, 1, 2],
    ]);
    expect(result.pairs[0]?.cohen).toEqual(expected);
    expect(result.fleiss.items).toBe(5);
    // One label against the rest keeps every token: for label 0, A has director+James, B director.
    expect(tokenAgreementByLabel([a, b], 2, 0, tokens.starts.length)[0]?.cohen).toEqual(
      cohenKappa([
        [1, 1],
        [0, 4],
      ]),
    );
  });

  it('computes Fleiss over tokens as on the equivalent items × categories table', () => {
    const a = codeTokens(tokens, [at('FBI director', 0), at('James Comey', 0)], 2);
    const b = codeTokens(tokens, [at('FBI', 0), at('James Comey', 0), at('Apple', 1)], 2);
    const c = codeTokens(tokens, [at('James', 0), at('Apple', 1)], 2);
    const result = tokenAgreement([a, b, c], 2, 0, tokens.starts.length);
    // Per token counts of (label 0, label 1, none) over the three annotators.
    const table = [
      [2, 0, 1], // FBI
      [1, 0, 2], // director
      [3, 0, 0], // James
      [2, 0, 1], // Comey
      [0, 0, 3], // met
      [0, 2, 1], // Apple
    ];
    expect(result.fleiss).toEqual(fleissKappa(table));
    const byLabel = tokenAgreementByLabel([a, b, c], 2, 0, tokens.starts.length);
    expect(byLabel[1]?.fleiss).toEqual(
      fleissKappa(table.map((row) => [row[1] as number, 3 - (row[1] as number)])),
    );
    expect(byLabel[0]?.cohen).toBeNull();
    expect(result.pairs.map(({ a, b }) => [a, b])).toEqual([
      [0, 1],
      [0, 2],
      [1, 2],
    ]);
  });

  it('restricts everything to a token range (one document of a corpus)', () => {
    const a = codeTokens(tokens, [at('James Comey', 0)], 1);
    const b = codeTokens(tokens, [at('Comey', 0)], 1);
    const result = tokenAgreement([a, b], 1, 2, 4);
    expect(result.tokens).toBe(2);
    expect(result.pairs[0]?.cohen).toEqual(
      cohenKappa([
        [1, 1],
        [0, 0],
      ]),
    );
  });
});
