import { describe, expect, it } from 'vitest';
import { LabelDef } from '../../shared/model';
import { labelGuideline } from './label-guideline';

describe('labelGuideline', () => {
  it('gives name, key, description and examples, one per line', () => {
    const label = LabelDef.parse({
      name: 'Actor',
      color: '#2563eb',
      hotkey: '1',
      description: 'A person or organisation that speaks or acts.',
      examples: ['FBI director James Comey', 'the White House'],
    });
    expect(labelGuideline(label)).toBe(
      'Actor (key 1)\nA person or organisation that speaks or acts.\n' +
        'Examples: “FBI director James Comey”; “the White House”',
    );
  });

  it('leaves out what the codebook does not say', () => {
    expect(labelGuideline(LabelDef.parse({ name: 'Frame', color: '#000000' }))).toBe('Frame');
  });
});
