import { describe, expect, it } from 'vitest';
import type { AnnotationFile, Codebook, Entity } from '../model';
import { FIXTURE_CODEBOOK, FIXTURE_TIME } from './fixtures';
import type { RelationDraft, SpanDraft } from './import-draft';
import type { MergeEnv } from './import-merge';
import { mergeIntoLayer } from './import-merge';

const TEXT = 'FBI director James Comey said\u00a0the bureau 👍🏽 opposes a back door.';
const at = (quote: string) => {
  const start = TEXT.indexOf(quote);
  if (start < 0) throw new Error(quote);
  return { start, end: start + quote.length };
};

function layer(annotations: AnnotationFile['annotations'] = []): AnnotationFile {
  return {
    format: 'workbench.annotations',
    version: 1,
    doc: 'd1',
    annotator: 'alice',
    status: 'todo',
    memo: '',
    annotations,
    relations: [],
  };
}

const COMEY: SpanDraft = {
  doc: 'd1',
  label: 'Actor',
  ...at('James Comey'),
  attributes: {},
  annotator: 'alice',
  id: 'span-comey',
  key: 'k1',
};
const CLAIM: SpanDraft = {
  doc: 'd1',
  label: 'Claim',
  ...at('opposes a back door'),
  attributes: { stance: 'oppose' },
  annotator: 'alice',
  id: 'span-claim',
  key: 'k2',
};
const MADE_BY: RelationDraft = {
  doc: 'd1',
  type: 'made by',
  from: 'k2',
  to: 'k1',
  attributes: {},
  annotator: 'alice',
};

function env(overrides: Partial<MergeEnv> = {}): MergeEnv {
  let n = 0;
  return {
    codebook: FIXTURE_CODEBOOK,
    source: 'export.jsonl',
    now: FIXTURE_TIME,
    newId: () => `new-${++n}`,
    spanContext: (text, start, end) => ({
      quote: text.slice(start, end),
      prefix: text.slice(Math.max(0, start - 5), start),
      suffix: text.slice(end, end + 5),
    }),
    entities: [],
    ...overrides,
  };
}

function merged(...args: Parameters<typeof mergeIntoLayer>) {
  const outcome = mergeIntoLayer(...args);
  if (!outcome.ok) throw new Error(outcome.problems.join('\n'));
  return outcome.merge;
}

function refused(...args: Parameters<typeof mergeIntoLayer>) {
  const outcome = mergeIntoLayer(...args);
  if (outcome.ok) throw new Error('expected the import to be refused');
  return outcome.problems.join('\n');
}

describe('mergeIntoLayer', () => {
  it('adds spans and relations as imported, with quote and context from the text', () => {
    const m = merged(layer(), TEXT, [COMEY, CLAIM], [MADE_BY], env());
    expect(m).toMatchObject({ added: 2, unchanged: 0, relationsAdded: 1, notes: [] });
    const comey = m.layer.annotations.find((a) => a.label === 'Actor')!;
    expect(comey).toMatchObject({
      id: 'span-comey',
      quote: 'James Comey',
      prefix: 'ctor ',
      annotator: 'alice',
      origin: { kind: 'imported', source: 'export.jsonl' },
      created: FIXTURE_TIME,
    });
    expect(m.layer.relations).toEqual([
      expect.objectContaining({ type: 'made by', from: 'span-claim', to: 'span-comey' }),
    ]);
  });

  it("keeps the file's id only for spans of the layer's own annotator", () => {
    const fromBob = { ...COMEY, annotator: 'bob' };
    const noAnnotator = { ...CLAIM, annotator: undefined };
    const m = merged(layer(), TEXT, [fromBob, noAnnotator], [], env());
    expect(m.layer.annotations.map((a) => a.id)).toEqual(['new-1', 'new-2']);
  });

  it('changes nothing when the same file comes in again, with or without its ids', () => {
    const once = merged(layer(), TEXT, [COMEY, CLAIM], [MADE_BY], env()).layer;
    for (const spans of [
      [COMEY, CLAIM],
      [
        { ...COMEY, id: undefined },
        { ...CLAIM, id: undefined },
      ],
    ]) {
      const again = merged(once, TEXT, spans, [MADE_BY], env());
      expect(again).toMatchObject({ added: 0, unchanged: 2, relationsAdded: 0 });
      expect(again.relationsUnchanged).toBe(1);
      expect(again.layer).toEqual(once);
    }
  });

  it('links a relation to the span the layer already has under another id', () => {
    const once = merged(layer(), TEXT, [COMEY], [], env()).layer;
    const m = merged(once, TEXT, [{ ...COMEY, id: 'other' }, CLAIM], [MADE_BY], env());
    expect(m).toMatchObject({ added: 1, unchanged: 1, relationsAdded: 1 });
    expect(m.layer.relations[0]).toMatchObject({ from: 'span-claim', to: 'span-comey' });
  });

  it.each([
    [
      'the same id with another label',
      { ...COMEY, label: 'Policy topic' },
      /already in alice's layer and the file has another version of it \(Policy topic at 13–24 instead of Actor at 13–24/,
    ],
    [
      'the same place and label with other attributes',
      { ...COMEY, id: undefined, attributes: { kind: 'person' } },
      /same span with attributes \{"kind":"person"\} instead of \{\}; importing would keep two versions/,
    ],
    [
      'the same id with a note',
      { ...COMEY, note: 'check' },
      /note "check" instead of ""\); importing would overwrite it/,
    ],
  ])('refuses %s, never overwriting or doubling the span', (_case, draft, message) => {
    const once = merged(layer(), TEXT, [COMEY], [], env()).layer;
    expect(refused(once, TEXT, [draft], [], env())).toMatch(message);
  });

  it('refuses two different spans under one id in the file', () => {
    const twin = { ...COMEY, ...at('FBI director'), key: 'k9' };
    expect(refused(layer(), TEXT, [COMEY, twin], [], env())).toMatch(
      /gives the id span-comey to two different spans/,
    );
  });

  it('refuses a relation with other attributes than the one in the layer', () => {
    const once = merged(layer(), TEXT, [COMEY, CLAIM], [MADE_BY], env()).layer;
    const other = { ...MADE_BY, attributes: { confidence: 'low' } };
    expect(refused(once, TEXT, [COMEY, CLAIM], [other], env())).toMatch(
      /"made by" relation from the Claim span “opposes a back door” \(span-claim\) to the Actor span “James Comey” \(span-comey\) is already in alice's layer with other attributes/,
    );
  });

  it('applies the codebook renames before checking names', () => {
    const codebook: Codebook = {
      ...FIXTURE_CODEBOOK,
      revision: 4,
      labels: FIXTURE_CODEBOOK.labels.map((l) =>
        l.name === 'Actor' ? { ...l, name: 'Speaker' } : l,
      ),
      relationTypes: FIXTURE_CODEBOOK.relationTypes.map((t) => ({
        ...t,
        to: t.to.map((l) => (l === 'Actor' ? 'Speaker' : l)),
      })),
      renames: [{ kind: 'label', from: 'Actor', to: 'Speaker', revision: 4 }],
    };
    const m = merged(layer(), TEXT, [COMEY, CLAIM], [MADE_BY], env({ codebook }));
    expect(m.layer.annotations.map((a) => a.label).sort()).toEqual(['Claim', 'Speaker']);
    expect(m.relationsAdded).toBe(1);
  });

  it.each([
    ['a label the codebook lacks', [{ ...COMEY, label: 'Person' }], [], /no label "Person"/],
    [
      'a relation the codebook does not allow between the labels',
      [COMEY, CLAIM],
      [{ ...MADE_BY, from: 'k1', to: 'k2' }],
      /"made by" \(Claim → Actor\) relation cannot go from the Actor span/,
    ],
    [
      'a relation type the codebook lacks',
      [COMEY, CLAIM],
      [{ ...MADE_BY, type: 'quotes' }],
      /no relation type "quotes"/,
    ],
    ['an empty span', [{ ...COMEY, end: COMEY.start }], [], /span at 13 is empty/],
  ])('refuses %s', (_case, spans, relations, message) => {
    expect(refused(layer(), TEXT, spans, relations, env())).toMatch(message);
  });

  it('links a Wikidata id to the registry entity that has it, and says when none has', () => {
    const comeyEntity: Entity = {
      id: 'ent-comey',
      name: 'James Comey',
      aliases: [],
      kind: 'person',
      attributes: {},
      qid: 'Q123',
      created: FIXTURE_TIME,
      modified: FIXTURE_TIME,
    };
    const spans = [
      { ...COMEY, id: undefined, qid: 'Q123' },
      { ...CLAIM, id: undefined, label: 'Actor', attributes: {}, qid: 'Q999' },
    ];
    const m = merged(layer(), TEXT, spans, [], env({ entities: [comeyEntity] }));
    expect(m.layer.annotations.map((a) => a.entity)).toEqual(['ent-comey', undefined]);
    expect(m.notes).toEqual([expect.stringMatching(/Wikidata id Q999; those spans came in/)]);
  });

  it('keeps a link to an entity the registry lacks, and says so', () => {
    const m = merged(layer(), TEXT, [{ ...COMEY, entity: 'ent-x' }], [], env());
    expect(m.layer.annotations[0]!.entity).toBe('ent-x');
    expect(m.notes).toEqual([
      expect.stringMatching(/does not have \(ent-x\); the links were kept/),
    ]);
  });
});
