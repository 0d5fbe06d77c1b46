import { describe, expect, it } from 'vitest';
import { sentenceAround } from './sentence-context';

function around(text: string, needle: string, maxSide?: number) {
  const start = text.indexOf(needle);
  return sentenceAround(text, start, start + needle.length, maxSide);
}

describe('sentenceAround', () => {
  it('gives the rest of the sentence on each side, not its neighbours', () => {
    const text = 'First one. The FBI director James Comey said so on Monday. Then more.';
    expect(around(text, 'James Comey')).toEqual({
      before: 'The FBI director ',
      after: ' said so on Monday.',
    });
  });

  it('stops at a line break (a paragraph ends a sentence)', () => {
    const text = 'Headline with Comey\nThe next paragraph.';
    expect(around(text, 'Comey')).toEqual({ before: 'Headline with ', after: '' });
  });

  it('shortens a long sentence with an ellipsis, never cutting an emoji in half', () => {
    const text = `${'word '.repeat(10)}🙂Comey and ${'more '.repeat(10)}.`;
    const { before, after } = around(text, 'Comey', 4);
    expect(before).toBe('…d 🙂');
    expect(after).toBe(' and…');
    const cut = sentenceAround(text, text.indexOf('Comey'), text.indexOf('Comey') + 5, 1);
    expect(cut.before).toBe('…'); // one unit would split the emoji: nothing is taken instead
  });

  it('spans the sentences a range crosses', () => {
    const text = 'Talks with the U.S. Officials went on. End.';
    const { before, after } = around(text, 'U.S. Officials');
    expect(`${before}U.S. Officials${after}`).toBe('Talks with the U.S. Officials went on.');
  });
});
