import { describe, expect, it } from 'vitest';
import defaultCodebook from '../../resources/codebook.default.json';
import { Codebook, type Annotation, type Relation } from './model';
import { statementsOfSpan } from './statement-summary';

const codebook = Codebook.parse(defaultCodebook);

function span(id: string, label: string, start: number, attributes = {}): Annotation {
  return {
    id,
    doc: 'd',
    label,
    start,
    end: start + 5,
    quote: id,
    prefix: '',
    suffix: '',
    attributes,
    annotator: 'alice',
    created: '2026-01-01T00:00:00.000Z',
    modified: '2026-01-01T00:00:00.000Z',
    origin: { kind: 'manual' },
  };
}

function relation(type: string, from: string, to: string): Relation {
  return {
    id: `${from}-${to}`,
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

const byId = new Map(
  [
    span('comey', 'Actor', 0),
    span('lynch', 'Actor', 10),
    span('claim', 'Claim', 20, { stance: 'support' }),
    span('other', 'Claim', 40),
    span('encryption', 'Policy topic', 60),
  ].map((s) => [s.id, s]),
);
const spans = (id: string) => byId.get(id);
const relations = [
  relation('about', 'claim', 'encryption'),
  relation('made by', 'claim', 'lynch'),
  relation('made by', 'claim', 'comey'),
  relation('made by', 'other', 'comey'),
];

const ids = (list: readonly Annotation[]) => list.map((a) => a.id);

describe('statementsOfSpan', () => {
  it("gives a claim's actors and topics in text order, with its stance", () => {
    const [s, ...rest] = statementsOfSpan('claim', spans, relations, codebook);
    expect(rest).toEqual([]);
    expect(s!.claim.id).toBe('claim');
    expect(ids(s!.actors)).toEqual(['comey', 'lynch']);
    expect(ids(s!.topics)).toEqual(['encryption']);
    expect(s!.stance).toBe('support');
  });

  it('gives every statement an actor or a topic takes part in', () => {
    expect(
      statementsOfSpan('comey', spans, relations, codebook).map((s) => [
        s.claim.id,
        ids(s.topics),
        s.stance,
      ]),
    ).toEqual([
      ['claim', ['encryption'], 'support'],
      ['other', [], ''],
    ]);
    expect(
      statementsOfSpan('encryption', spans, relations, codebook).map((s) => s.claim.id),
    ).toEqual(['claim']);
  });

  it('shows a lone claim (nothing linked yet) and nothing for an unlinked actor', () => {
    const lone = statementsOfSpan('other', spans, [], codebook);
    expect(lone.map((s) => [s.claim.id, s.actors.length, s.topics.length])).toEqual([
      ['other', 0, 0],
    ]);
    expect(statementsOfSpan('lynch', spans, [], codebook)).toEqual([]);
    expect(statementsOfSpan('gone', spans, relations, codebook)).toEqual([]);
  });

  it('ignores relation types the codebook does not give the role', () => {
    const odd = [relation('mentions', 'claim', 'comey')];
    expect(statementsOfSpan('claim', spans, odd, codebook)[0]!.actors).toEqual([]);
  });
});
