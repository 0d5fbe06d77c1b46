import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ExportBundle } from './bundle';
import {
  FIXTURE_CODEBOOK,
  fixtureBundle,
  fixtureDocument,
  fixtureRelation,
  fixtureSpan,
} from './fixtures';
import { extractStatements, statementRoles } from './statements';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** "Merkel said Europe needs encryption": actor, claim, topic, with the given relations. */
function bundleWith(
  relations: Array<
    [from: 'actor' | 'claim' | 'topic', to: 'actor' | 'claim' | 'topic', type: string]
  >,
  codebook = FIXTURE_CODEBOOK,
  labels = { actor: 'Actor', claim: 'Claim', topic: 'Policy topic' },
): ExportBundle {
  const doc = fixtureDocument(
    'd',
    'Merkel said Europe needs encryption',
    { date: '2020-01-01' },
    sha256,
  );
  const spans = {
    actor: fixtureSpan(doc, 'ann', 's1', labels.actor, 'Merkel'),
    claim: fixtureSpan(doc, 'ann', 's2', labels.claim, 'Europe needs encryption', {
      attributes: { stance: 'support' },
    }),
    topic: fixtureSpan(doc, 'ann', 's3', labels.topic, 'encryption'),
  };
  return {
    ...fixtureBundle(sha256),
    codebook,
    documents: [doc],
    entities: [],
    layers: [
      {
        annotator: 'ann',
        doc: 'd',
        status: 'done',
        annotations: Object.values(spans),
        relations: relations.map(([from, to, type], i) =>
          fixtureRelation(spans[from], spans[to], `r${i}`, type),
        ),
      },
    ],
  };
}

const summary = (bundle: ExportBundle) =>
  extractStatements(bundle).map((s) => [
    s.actor.name,
    s.claim,
    s.stance,
    s.topic?.text ?? null,
    s.date,
  ]);

describe('extractStatements', () => {
  it('joins claim, actor and topic through the codebook relation types', () => {
    expect(
      summary(
        bundleWith([
          ['claim', 'actor', 'made by'],
          ['claim', 'topic', 'about'],
        ]),
      ),
    ).toEqual([['Merkel', 'Europe needs encryption', 'support', 'encryption', '2020-01-01']]);
  });

  it('keeps a statement without topic and drops a claim without actor', () => {
    expect(summary(bundleWith([['claim', 'actor', 'made by']]))).toEqual([
      ['Merkel', 'Europe needs encryption', 'support', null, '2020-01-01'],
    ]);
    expect(summary(bundleWith([['claim', 'topic', 'about']]))).toEqual([]);
  });

  it('reads the claim end from the labels, so a relation drawn from actor to claim counts', () => {
    expect(summary(bundleWith([['actor', 'claim', 'made by']]))).toHaveLength(1);
  });

  it('ignores relation types the codebook does not allow between claim and actor', () => {
    expect(summary(bundleWith([['claim', 'actor', 'mentions']]))).toEqual([]);
  });

  it('accepts any relation type between the labels when the codebook declares none', () => {
    const bare = { ...FIXTURE_CODEBOOK, relationTypes: [] };
    expect(
      summary(
        bundleWith(
          [
            ['claim', 'actor', 'said by'],
            ['claim', 'topic', 'on'],
          ],
          bare,
        ),
      ),
    ).toEqual([['Merkel', 'Europe needs encryption', 'support', 'encryption', '2020-01-01']]);
  });

  it("finds the codebook spelling of the role labels, or takes the caller's", () => {
    const lower = {
      ...FIXTURE_CODEBOOK,
      labels: FIXTURE_CODEBOOK.labels.map((l) => ({ ...l, name: l.name.toLowerCase() })),
      relationTypes: [{ name: 'made by', description: '', from: ['claim'], to: ['actor'] }],
    };
    expect(statementRoles(lower)).toMatchObject({
      claimLabel: 'claim',
      actorLabel: 'actor',
      topicLabel: 'policy topic',
    });
    const labels = { actor: 'actor', claim: 'claim', topic: 'policy topic' };
    expect(summary(bundleWith([['claim', 'actor', 'made by']], lower, labels))).toHaveLength(1);
    expect(statementRoles(FIXTURE_CODEBOOK, { actorLabel: 'Speaker' }).actorLabel).toBe('Speaker');
  });

  it('gives one statement per actor and topic pair, and keys actors by entity or folded text', () => {
    const all = extractStatements(fixtureBundle(sha256));
    expect(all.map((s) => s.actor.key)).toEqual([
      'entity:ent-facebook',
      'entity:ent-comey',
      'entity:ent-comey',
      'text:the white house',
      'entity:ent-comey',
    ]);
    expect(all.map((s) => s.topic?.key)).toEqual([
      'topic:encryption',
      'topic:encryption',
      'topic:encryption',
      'topic:back door',
      'topic:encryption',
    ]);
  });
});
