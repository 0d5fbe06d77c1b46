import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandToQuotation, expandToSentence, expandToWord } from './expand-selection';
import { markRange, parseRange } from './range-notation.fixture';
import type { TextRange } from './text-segments';

type Expand = (text: string, start: number, end: number) => TextRange | null;

const run = (expand: Expand, marked: string) => {
  const { text, start, end } = parseRange(marked);
  return markRange(text, expand(text, start, end));
};

describe('expandToWord', () => {
  it.each<[string, string, string | null]>([
    ['caret inside a word', 'said Ja⟦⟧mes Comey', 'said ⟦James⟧ Comey'],
    ['caret at a word start', 'said ⟦⟧James Comey', 'said ⟦James⟧ Comey'],
    ['caret right after a word', 'said James⟦⟧ Comey', 'said ⟦James⟧ Comey'],
    ['caret between spaces', 'said  ⟦⟧  James', null],
    ['hyphenated: one part', 'make hi⟦⟧gh-tech firms', 'make ⟦high⟧-tech firms'],
    ['possessive', 'at Oba⟦⟧ma’s meeting', 'at ⟦Obama’s⟧ meeting'],
    ['number', 'on 20⟦⟧15.', 'on ⟦2015⟧.'],
    ['range: snapped', 'said Ja⟦mes Com⟧ey.', 'said ⟦James Comey⟧.'],
  ])('%s', (_name, input, expected) => {
    expect(run(expandToWord, input)).toBe(expected);
  });
});

describe('expandToSentence', () => {
  it.each<[string, string, string | null]>([
    ['caret', 'One here. Two th⟦⟧ere. Three.', 'One here. ⟦Two there.⟧ Three.'],
    ['range across two', 'One h⟦ere. Two⟧ there. Three.', '⟦One here. Two there.⟧ Three.'],
    [
      'again: the next sentence is added',
      'One here. ⟦Two there.⟧ Three.',
      'One here. ⟦Two there. Three.⟧',
    ],
    ['last of its paragraph stays', 'One. ⟦Two.⟧\n\nThree.', 'One. ⟦Two.⟧\n\nThree.'],
    ['ends at the paragraph', 'One. Tw⟦⟧o\nThree.', 'One. ⟦Two⟧\nThree.'],
    [
      'closing quote belongs to the sentence',
      'He said “no⟦⟧ way.” Then left.',
      '⟦He said “no way.”⟧ Then left.',
    ],
    ['no break after a title', 'Then Mr. Ob⟦⟧ama spoke. Next.', '⟦Then Mr. Obama spoke.⟧ Next.'],
    [
      'no break after U.S.',
      'Met the U.S. Pres⟦⟧ident today. Next.',
      '⟦Met the U.S. President today.⟧ Next.',
    ],
    ['caret at the very end', 'One. Two.⟦⟧', 'One. ⟦Two.⟧'],
    ['empty text', '⟦⟧', null],
  ])('%s', (_name, input, expected) => {
    expect(run(expandToSentence, input)).toBe(expected);
  });

  it('finds the corpus sentence around a phrase', () => {
    const text = readFileSync(
      join(import.meta.dirname, '../../../corpus/000_3c96c7399f2592f5.txt'),
      'utf8',
    );
    const at = text.indexOf('Barack Obama');
    const range = expandToSentence(text, at, at)!;
    expect(text.slice(range.start, range.end)).toBe(
      'In December 2015, US president Barack Obama said he would “urge high-tech and law ' +
        'enforcement leaders to make it harder for terrorists to use technology to escape from ' +
        'justice”.',
    );
  });
});

describe('expandToQuotation', () => {
  it.each<[string, string, string | null]>([
    ['caret: the words inside', 'said “no ⟦⟧way” today', 'said “⟦no way⟧” today'],
    ['inside selected: with the marks', 'said “⟦no way⟧” today', 'said ⟦“no way”⟧ today'],
    ['whole quote selected: the one around it', '“He said ‘⟦no⟧’ twice”', '“He said ⟦‘no’⟧ twice”'],
    ['nested: outward step by step', '“He said ⟦‘no’⟧ twice”', '“⟦He said ‘no’ twice⟧”'],
    ['straight quotes', 'he said "no ⟦⟧way" today', 'he said "⟦no way⟧" today'],
    ['apostrophes are not quotes', '‘Obama’s ⟦⟧plan’ won', '‘⟦Obama’s plan⟧’ won'],
    ['straight single', "he said 'no ⟦⟧way' now", "he said '⟦no way⟧' now"],
    ['guillemets', 'il dit «non ⟦⟧merci» hier', 'il dit «⟦non merci⟧» hier'],
    ['caret touching the opening mark', 'said ⟦⟧“no”', 'said ⟦“no”⟧'],
    ['outside any quote', 'sa⟦⟧id “no”', null],
    ['unclosed', 'said “no ⟦⟧way', null],
    ['quote in another paragraph', '“one”\nsa⟦⟧id', null],
  ])('%s', (_name, input, expected) => {
    expect(run(expandToQuotation, input)).toBe(expected);
  });
});
