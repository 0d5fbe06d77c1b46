import { describe, expect, it } from 'vitest';
import { checkEntityNames, unionAliases } from './entity-fields';

describe('checkEntityNames', () => {
  it('cleans whitespace (non-breaking spaces included) and reads q42 as Q42', () => {
    expect(
      checkEntityNames({ name: ' James\u00a0 Comey ', aliases: [' Comey'], qid: ' q42 ' }),
    ).toEqual({ clean: { name: 'James Comey', aliases: ['Comey'], qid: 'Q42' }, problems: [] });
    expect(checkEntityNames({ name: 'A', aliases: [], qid: null }).clean.qid).toBeUndefined();
    expect(checkEntityNames({ name: 'A', aliases: [], qid: '' }).clean.qid).toBeUndefined();
  });

  const cases: [string, Parameters<typeof checkEntityNames>[0], string][] = [
    ['an empty name', { name: '  ', aliases: [] }, 'The name is empty: give the actor a name.'],
    [
      'an empty alias',
      { name: 'A', aliases: ['B', ' '] },
      'Alias 2 is empty: remove it or fill it in.',
    ],
    [
      'an alias that is the name',
      { name: 'Comey', aliases: ['Comey '] },
      'The alias “Comey” is the name itself.',
    ],
    [
      'a repeated alias',
      { name: 'A', aliases: ['Comey', 'Comey'] },
      'The alias “Comey” is listed twice.',
    ],
    ['a QID without Q', { name: 'A', aliases: [], qid: '42' }, '“42” is not a Wikidata id'],
    [
      'a QID with a leading zero',
      { name: 'A', aliases: [], qid: 'Q042' },
      '“Q042” is not a Wikidata id',
    ],
    ['a QID with letters', { name: 'A', aliases: [], qid: 'Q4x' }, '“Q4x” is not a Wikidata id'],
  ];
  it.each(cases)('refuses %s, saying so', (_name, fields, message) => {
    const { problems } = checkEntityNames(fields);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });
});

describe('unionAliases', () => {
  it("adds the merged names and aliases once each, never the kept entity's own name", () => {
    expect(
      unionAliases({ name: 'James Comey', aliases: ['Comey'] }, [
        { name: 'Comey', aliases: ['J. Comey'] },
        { name: 'FBI director James Comey', aliases: ['James Comey', 'J. Comey'] },
      ]),
    ).toEqual(['Comey', 'J. Comey', 'FBI director James Comey']);
  });
});
