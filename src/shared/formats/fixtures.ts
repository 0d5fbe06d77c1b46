/**
 * Test support for the format modules: a small bundle that exercises what breaks exporters —
 * emoji (astral, with skin-tone modifier and ZWJ sequences), combining characters, non-breaking
 * spaces, curly quotes, text that had CRLF line endings (normalised to \n on import), overlapping
 * spans, relations forming statements, an entity with a Wikidata id, two annotators.
 *
 * Pure like the rest of src/shared: the caller passes the SHA-256 function (node:crypto in tests).
 */
import type { Annotation, Attributes, Codebook, DocumentRecord, Entity, Relation } from '../model';
import type { ExportBundle, ExportLayer } from './bundle';

export const FIXTURE_TIME = '2024-05-01T12:00:00.000Z';

export const FIXTURE_CODEBOOK: Codebook = {
  format: 'workbench.codebook',
  version: 1,
  name: 'Fixture codebook',
  revision: 3,
  labels: [
    {
      name: 'Actor',
      color: '#2563eb',
      hotkey: '1',
      description: '',
      examples: [],
      attributes: [
        {
          name: 'kind',
          type: 'enum',
          values: ['person', 'organisation'],
          required: false,
          description: '',
        },
      ],
      allowOverlap: true,
    },
    {
      name: 'Claim',
      color: '#dc2626',
      hotkey: '2',
      description: '',
      examples: [],
      attributes: [
        {
          name: 'stance',
          type: 'enum',
          values: ['support', 'oppose', 'neutral'],
          required: false,
          description: '',
        },
        { name: 'certain', type: 'boolean', required: false, description: '' },
        { name: 'comment', type: 'text', required: false, description: '' },
      ],
      allowOverlap: true,
    },
    {
      name: 'Policy topic',
      color: '#16a34a',
      hotkey: '3',
      description: '',
      examples: [],
      attributes: [],
      allowOverlap: true,
    },
  ],
  relationTypes: [
    { name: 'made by', description: '', from: ['Claim'], to: ['Actor'] },
    { name: 'about', description: '', from: ['Claim'], to: ['Policy topic'] },
  ],
};

/** Builds a document record; `sha256` computes the hex digest of the UTF-8 text. */
export function fixtureDocument(
  id: string,
  text: string,
  meta: Record<string, string>,
  sha256: (text: string) => string,
): DocumentRecord {
  return {
    format: 'workbench.document',
    version: 1,
    id,
    title: meta['title'] ?? id,
    meta,
    text,
    blocks: [],
    marks: [],
    sha256: sha256(text),
    imported: FIXTURE_TIME,
  };
}

/**
 * A span over the `occurrence`-th (0-based) occurrence of `quote` in the text, in UTF-16 units
 * as the app stores it. Throws when the quote is not there, so a fixture typo fails loudly.
 */
export function fixtureSpan(
  doc: DocumentRecord,
  annotator: string,
  id: string,
  label: string,
  quote: string,
  extra: { attributes?: Attributes; entity?: string; note?: string; occurrence?: number } = {},
): Annotation {
  let start = -1;
  for (let n = 0; n <= (extra.occurrence ?? 0); n++) start = doc.text.indexOf(quote, start + 1);
  if (start < 0) throw new Error(`fixture: "${quote}" is not in ${doc.id}`);
  const end = start + quote.length;
  return {
    id,
    doc: doc.id,
    label,
    start,
    end,
    quote,
    prefix: doc.text.slice(Math.max(0, start - 32), start),
    suffix: doc.text.slice(end, end + 32),
    attributes: extra.attributes ?? {},
    ...(extra.entity !== undefined && { entity: extra.entity }),
    ...(extra.note !== undefined && { note: extra.note }),
    annotator,
    created: FIXTURE_TIME,
    modified: FIXTURE_TIME,
    origin: { kind: 'manual' },
  };
}

export function fixtureRelation(
  from: Annotation,
  to: Annotation,
  id: string,
  type: string,
): Relation {
  return {
    id,
    doc: from.doc,
    type,
    from: from.id,
    to: to.id,
    attributes: {},
    annotator: from.annotator,
    created: FIXTURE_TIME,
    modified: FIXTURE_TIME,
  };
}

/** Text of the first fixture document: astral characters before most spans. */
export const TEXT_EMOJI =
  '👍🏽 FBI director James Comey 😀 said on Tuesday that “encryption” makes it harder to stop terrorists.\n' +
  'The White House\u00a0disagreed, a spokeswoman said: “We oppose any back door.” Café owners (e\u0301) shrugged 👩‍👩‍👧.';

/** Text of the second document: it had CRLF line endings, normalised to \n on import. */
export const TEXT_CRLF =
  'Facebook said on Monday:\r\n\r\n“We support strong encryption.”\r\nComey disagreed.'.replace(
    /\r\n/g,
    '\n',
  );

const COMEY: Entity = {
  id: 'ent-comey',
  name: 'James Comey',
  aliases: ['Comey', 'FBI director James Comey'],
  kind: 'person',
  attributes: {},
  qid: 'Q1373245',
  created: FIXTURE_TIME,
  modified: FIXTURE_TIME,
};

const FACEBOOK: Entity = {
  id: 'ent-facebook',
  name: 'Facebook',
  aliases: [],
  kind: 'company',
  attributes: {},
  created: FIXTURE_TIME,
  modified: FIXTURE_TIME,
};

/** The fixture bundle: two documents, annotators alice and bob, statements, overlaps. */
export function fixtureBundle(sha256: (text: string) => string): ExportBundle {
  const d1 = fixtureDocument(
    'doc-emoji',
    TEXT_EMOJI,
    { published: '2016-02-23', source: 'Fixture News' },
    sha256,
  );
  const d2 = fixtureDocument('doc-crlf', TEXT_CRLF, { date: '2016-02-24' }, sha256);
  const d3 = fixtureDocument('doc-empty', 'A document nobody has annotated yet.', {}, sha256);

  const comey = fixtureSpan(d1, 'alice', 'a1', 'Actor', 'FBI director James Comey', {
    attributes: { kind: 'person' },
    entity: COMEY.id,
  });
  const comeyName = fixtureSpan(d1, 'alice', 'a2', 'Actor', 'James Comey', { entity: COMEY.id });
  const claim1 = fixtureSpan(
    d1,
    'alice',
    'a3',
    'Claim',
    '“encryption” makes it harder to stop terrorists',
    {
      attributes: { stance: 'oppose', certain: true, comment: 'reported, "quoted", with, commas' },
      note: 'paraphrase;\tcheck "quote"',
    },
  );
  const topic1 = fixtureSpan(d1, 'alice', 'a4', 'Policy topic', 'encryption');
  const whiteHouse = fixtureSpan(d1, 'alice', 'a5', 'Actor', 'The White House');
  const claim2 = fixtureSpan(d1, 'alice', 'a6', 'Claim', 'We oppose any back door.', {
    attributes: { stance: 'support' },
  });
  const topic2 = fixtureSpan(d1, 'alice', 'a7', 'Policy topic', 'back door');
  const cafe = fixtureSpan(d1, 'alice', 'a8', 'Actor', 'Café owners (e\u0301) shrugged 👩‍👩‍👧');
  // Crosses the line break: brat must split it into fragments.
  const crossing = fixtureSpan(d1, 'alice', 'a9', 'Claim', 'terrorists.\nThe White', {
    attributes: { stance: 'neutral' },
  });

  const bobComey = fixtureSpan(d1, 'bob', 'b1', 'Actor', 'James Comey', { entity: COMEY.id });
  const bobClaim = fixtureSpan(d1, 'bob', 'b2', 'Claim', 'makes it harder to stop terrorists', {
    attributes: { stance: 'oppose' },
  });
  const bobTopic = fixtureSpan(d1, 'bob', 'b3', 'Policy topic', 'encryption');

  const facebook = fixtureSpan(d2, 'alice', 'c1', 'Actor', 'Facebook', { entity: FACEBOOK.id });
  const claim3 = fixtureSpan(d2, 'alice', 'c2', 'Claim', '“We support strong encryption.”', {
    attributes: { stance: 'support' },
  });
  const topic3 = fixtureSpan(d2, 'alice', 'c3', 'Policy topic', 'encryption');
  const comey2 = fixtureSpan(d2, 'alice', 'c4', 'Actor', 'Comey', { entity: COMEY.id });
  const claim4 = fixtureSpan(d2, 'alice', 'c5', 'Claim', 'disagreed', {
    attributes: { stance: 'oppose' },
  });

  const layers: ExportLayer[] = [
    {
      annotator: 'alice',
      doc: d1.id,
      status: 'done',
      annotations: [claim2, comey, comeyName, claim1, topic1, whiteHouse, topic2, cafe, crossing],
      relations: [
        fixtureRelation(claim1, comey, 'r1', 'made by'),
        fixtureRelation(claim1, topic1, 'r2', 'about'),
        fixtureRelation(claim2, whiteHouse, 'r3', 'made by'),
        fixtureRelation(claim2, topic2, 'r4', 'about'),
      ],
    },
    {
      annotator: 'bob',
      doc: d1.id,
      status: 'in_progress',
      annotations: [bobComey, bobClaim, bobTopic],
      relations: [
        fixtureRelation(bobClaim, bobComey, 'r1', 'made by'),
        fixtureRelation(bobClaim, bobTopic, 'r2', 'about'),
      ],
    },
    {
      annotator: 'alice',
      doc: d2.id,
      status: 'done',
      annotations: [facebook, claim3, topic3, comey2, claim4],
      relations: [
        fixtureRelation(claim3, facebook, 'r5', 'made by'),
        fixtureRelation(claim3, topic3, 'r6', 'about'),
        fixtureRelation(claim4, comey2, 'r7', 'made by'),
        fixtureRelation(claim4, topic3, 'r8', 'about'),
      ],
    },
  ];
  return {
    tool: { name: 'annotation-workbench', version: '0.1.0' },
    exportedAt: FIXTURE_TIME,
    codebook: FIXTURE_CODEBOOK,
    documents: [d1, d2, d3],
    layers,
    entities: [FACEBOOK, COMEY],
  };
}
