import { describe, expect, it } from 'vitest';
import { foldForSearch, matchEntities } from './entity-match';

const entities = [
  { id: 'comey', name: 'James Comey', aliases: ['Comey', 'FBI director'], usage: 2 },
  { id: 'clapper', name: 'James Clapper', aliases: ['James B. Clapper'], usage: 5 },
  { id: 'merkel', name: 'Angela Merkel', aliases: [], usage: 0 },
  { id: 'fbi', name: 'Federal Bureau of Investigation', aliases: ['FBI'], usage: 0 },
  { id: 'lopez', name: 'Andrés López', aliases: [], usage: 0 },
];
const ids = (query: string) => matchEntities(entities, query).map((m) => m.entity.id);

describe('matchEntities', () => {
  it('ranks whole, then starting, then word-starting, then containing matches', () => {
    expect(ids('comey')).toEqual(['comey']);
    expect(ids('james')).toEqual(['clapper', 'comey']); // both start with it: more used first
    expect(ids('fbi')).toEqual(['fbi', 'comey']); // an alias equal to it beats a prefix
    expect(ids('mer')).toEqual(['merkel']);
    expect(ids('erk')).toEqual(['merkel']);
    expect(ids('xyz')).toEqual([]);
  });

  it('says which alias matched when the name did not', () => {
    expect(matchEntities(entities, 'director')).toEqual([
      { entity: entities[0], alias: 'FBI director' },
    ]);
    expect(matchEntities(entities, 'Angela')[0]!.alias).toBeUndefined();
  });

  it('ignores case and accents, and lists everyone for an empty query', () => {
    expect(ids('LOPEZ')).toEqual(['lopez']);
    expect(ids('  ')).toHaveLength(5);
    expect(foldForSearch(' Andrés ')).toBe('andres');
  });
});
