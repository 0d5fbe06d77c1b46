import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fixtureBundle } from './fixtures';
import { importWebAnnotation } from './import-webanno';
import { buildWebAnnotation, exportWebAnnotation } from './webanno';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const bundle = fixtureBundle(sha256);
const documents = bundle.documents.map((d) =>
  d.id === 'doc-emoji' ? { ...d, meta: { ...d.meta, url: 'https://news.example/comey' } } : d,
);

/** A single annotation on doc-emoji, "FBI director James Comey", with the given changes. */
function annotation(changes: Record<string, unknown> = {}, selector?: unknown[]) {
  return {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id: 'https://annotations.example/1',
    type: 'Annotation',
    body: [
      { type: 'TextualBody', purpose: 'tagging', value: 'Actor' },
      {
        type: 'SpecificResource',
        purpose: 'identifying',
        source: 'http://www.wikidata.org/entity/Q1373245',
      },
    ],
    target: {
      source: 'https://news.example/comey',
      selector: selector ?? [
        { type: 'TextQuoteSelector', exact: 'FBI director James Comey' },
        { type: 'TextPositionSelector', start: 3, end: 27 },
      ],
    },
    ...changes,
  };
}

describe('importWebAnnotation', () => {
  it('reads the export back with entities, notes, typed attributes and relations', () => {
    const outcome = importWebAnnotation('a.jsonld', exportWebAnnotation(bundle), bundle.documents);
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
    const claim = outcome.spans.find((s) => s.key === 'urn:workbench:anno:doc-emoji:alice:a3')!;
    expect(claim.attributes).toEqual({
      certain: true,
      comment: 'reported, "quoted", with, commas',
      stance: 'oppose',
    });
    expect(claim.note).toBe('paraphrase;\tcheck "quote"');
    expect(outcome.relations).toHaveLength(10);
    expect(buildWebAnnotation(bundle).total).toBe(outcome.spans.length + outcome.relations.length);
  });

  it("reads another tool's annotation whose source is the document's URL, with a Wikidata link", () => {
    const outcome = importWebAnnotation('hyp.json', JSON.stringify(annotation()), documents);
    expect(outcome.ok && outcome.spans).toEqual([
      {
        doc: 'doc-emoji',
        label: 'Actor',
        start: 5,
        end: 29,
        attributes: {},
        qid: 'Q1373245',
        key: 'https://annotations.example/1',
      },
    ]);
  });

  it('refuses an exact quote the positions do not select, and an annotation without positions', () => {
    const wrong = importWebAnnotation(
      'w.json',
      JSON.stringify(
        annotation({}, [
          { type: 'TextQuoteSelector', exact: 'FBI director James Comey' },
          { type: 'TextPositionSelector', start: 5, end: 29 },
        ]),
      ),
      documents,
    );
    expect(!wrong.ok && wrong.problems[0]!.message).toMatch(
      /^annotation https:\/\/annotations\.example\/1: offsets 5–29 select "I director James Comey 😀"/,
    );
    const quoteOnly = importWebAnnotation(
      'q.json',
      JSON.stringify(annotation({}, [{ type: 'TextQuoteSelector', exact: 'Comey' }])),
      documents,
    );
    expect(!quoteOnly.ok && quoteOnly.problems[0]!.message).toMatch(/no TextPositionSelector/);
  });

  it('refuses an unknown source and a missing label, naming the annotation', () => {
    const elsewhere = importWebAnnotation(
      'e.json',
      JSON.stringify([
        annotation({ target: { source: 'https://elsewhere.example', selector: [] } }),
      ]),
      documents,
    );
    expect(!elsewhere.ok && elsewhere.problems[0]).toEqual({
      file: 'e.json',
      where: '[0]',
      message:
        'annotation https://annotations.example/1: no project document is https://elsewhere.example',
    });
    const unlabeled = importWebAnnotation(
      'u.json',
      JSON.stringify(annotation({ body: [] })),
      documents,
    );
    expect(!unlabeled.ok && unlabeled.problems[0]!.message).toMatch(/exactly one tagging body/);
  });
});
