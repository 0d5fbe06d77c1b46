import { describe, expect, it } from 'vitest';
import defaultCodebook from '../../resources/codebook.default.json';
import { Codebook, type Annotation, type Relation } from './model';
import {
  canRelate,
  hasRelationCandidate,
  relationCandidates,
  relationProblem,
  relationTypesBetween,
} from './relation-rules';

const codebook = Codebook.parse(defaultCodebook);

function span(id: string, label: string, start: number, end: number): Annotation {
  return {
    id,
    doc: 'd',
    label,
    start,
    end,
    quote: `text of ${id}`,
    prefix: '',
    suffix: '',
    attributes: {},
    annotator: 'alice',
    created: '2026-01-01T00:00:00.000Z',
    modified: '2026-01-01T00:00:00.000Z',
    origin: { kind: 'manual' },
  };
}

function relation(id: string, type: string, from: string, to: string): Relation {
  return {
    id,
    doc: 'd',
    type,
    from,
    to,
    attributes: {},
    annotator: 'alice',
    created: '2026-01-01T00:00:00.000Z',
    modified: '2026-01-01T00:00:00.000Z',
  };
}

describe('relation rules of the default codebook', () => {
  it('allows "made by" from Claim to Actor and "about" from Claim to Policy topic only', () => {
    expect(relationTypesBetween(codebook, 'Claim', 'Actor').map((t) => t.name)).toEqual([
      'made by',
    ]);
    expect(relationTypesBetween(codebook, 'Claim', 'Policy topic').map((t) => t.name)).toEqual([
      'about',
    ]);
    expect(relationTypesBetween(codebook, 'Actor', 'Claim')).toEqual([]);
    expect(canRelate(codebook, 'Actor')).toBe(true);
    expect(canRelate(codebook, 'Quote')).toBe(false);
  });

  it('says why a relation is refused, naming what the codebook allows', () => {
    const claim = { label: 'Claim', quote: 'we must act' };
    const actor = { label: 'Actor', quote: 'FBI director James Comey' };
    const topic = { label: 'Policy topic', quote: 'encryption' };
    expect(relationProblem(codebook, 'made by', { from: claim, to: actor })).toBeNull();
    expect(relationProblem(codebook, 'made by', { from: actor, to: claim })).toBe(
      'A "made by" (Claim → Actor) relation cannot go from the Actor span “FBI director James ' +
        'Comey” to the Claim span “we must act”. The codebook allows no relation from Actor to Claim.',
    );
    expect(relationProblem(codebook, 'made by', { from: claim, to: topic })).toBe(
      'A "made by" (Claim → Actor) relation cannot go from the Claim span “we must act” to the ' +
        'Policy topic span “encryption”. Between these labels the codebook allows "about".',
    );
    expect(relationProblem(codebook, 'said', { from: claim, to: actor })).toBe(
      'There is no relation type "said" in the codebook (relation types: "made by" (Claim → ' +
        'Actor), "about" (Claim → Policy topic)).',
    );
    expect(
      relationProblem({ ...codebook, relationTypes: [] }, 'made by', { from: claim, to: actor }),
    ).toMatch(/defines no relation types/);
  });
});

describe('relationCandidates', () => {
  //            0         1         2         3         4
  // spans:  actor1 [0,10)  claim [20,40)  topic [42,50)  actor2 [100,110)  topic2 [25,30) inside
  const actor1 = span('actor1', 'Actor', 0, 10);
  const claim = span('claim', 'Claim', 20, 40);
  const inner = span('inner', 'Policy topic', 25, 30);
  const topic = span('topic', 'Policy topic', 42, 50);
  const actor2 = span('actor2', 'Actor', 100, 110);
  const claim2 = span('claim2', 'Claim', 200, 220);
  const all = [actor2, claim2, topic, actor1, inner, claim];

  it('lists the spans a claim may link to, nearest first, with the type and direction', () => {
    const found = relationCandidates(claim, all, [], codebook).map((c) => [
      c.span.id,
      c.type,
      c.direction,
      c.distance,
    ]);
    expect(found).toEqual([
      ['inner', 'about', 'outgoing', 0],
      ['topic', 'about', 'outgoing', 2],
      ['actor1', 'made by', 'outgoing', 10],
      ['actor2', 'made by', 'outgoing', 60],
    ]);
  });

  it('from an actor or a topic, offers the claims that may link to it (incoming)', () => {
    const found = relationCandidates(actor2, all, [], codebook).map((c) => [
      c.span.id,
      c.type,
      c.direction,
    ]);
    expect(found).toEqual([
      ['claim', 'made by', 'incoming'],
      ['claim2', 'made by', 'incoming'],
    ]);
  });

  it('leaves out links that exist already, only in their own direction and type', () => {
    const relations = [relation('r1', 'made by', 'claim', 'actor1')];
    expect(relationCandidates(claim, all, relations, codebook).map((c) => c.span.id)).toEqual([
      'inner',
      'topic',
      'actor2',
    ]);
    expect(relationCandidates(actor1, all, relations, codebook).map((c) => c.span.id)).toEqual([
      'claim2',
    ]);
  });

  it('offers nothing for a label no relation type names', () => {
    expect(relationCandidates(span('q', 'Quote', 0, 5), all, [], codebook)).toEqual([]);
    expect(hasRelationCandidate(span('q', 'Quote', 0, 5), all, [], codebook)).toBe(false);
  });

  it('says whether anything is left to link, as the full list would', () => {
    expect(hasRelationCandidate(claim, all, [], codebook)).toBe(true);
    const linkedAll = ['inner', 'topic', 'actor1', 'actor2'].map((to, i) =>
      relation(`r${i}`, to.startsWith('actor') ? 'made by' : 'about', 'claim', to),
    );
    expect(relationCandidates(claim, all, linkedAll, codebook)).toEqual([]);
    expect(hasRelationCandidate(claim, all, linkedAll, codebook)).toBe(false);
  });

  it('offers one row per fitting type when several types join the same labels', () => {
    const two = {
      ...codebook,
      relationTypes: [
        ...codebook.relationTypes,
        { name: 'quoted from', description: '', from: ['Claim'], to: ['Actor'] },
      ],
    };
    expect(
      relationCandidates(claim, [claim, actor1], [], two).map((c) => [c.span.id, c.type]),
    ).toEqual([
      ['actor1', 'made by'],
      ['actor1', 'quoted from'],
    ]);
  });
});
