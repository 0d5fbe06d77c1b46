/**
 * Test support for the codebook modules: the default codebook's shape (Actor with "kind", Claim
 * with "stance", Policy topic; "made by" and "about") and compact builders for layers.
 */
import { Codebook, type Annotation, type Attributes, type Relation } from '../model';

export const FIXTURE_TIME = '2024-05-01T12:00:00.000Z';

export function fixtureCodebook(): Codebook {
  return Codebook.parse({
    format: 'workbench.codebook',
    version: 1,
    name: 'Discourse statements',
    revision: 1,
    labels: [
      {
        name: 'Actor',
        color: '#2563eb',
        hotkey: '1',
        attributes: [
          { name: 'kind', type: 'enum', values: ['person', 'organisation', 'other'] },
          { name: 'note', type: 'text' },
        ],
      },
      {
        name: 'Claim',
        color: '#dc2626',
        hotkey: '2',
        attributes: [{ name: 'stance', type: 'enum', values: ['support', 'oppose', 'neutral'] }],
      },
      { name: 'Policy topic', color: '#16a34a', hotkey: '3' },
    ],
    relationTypes: [
      { name: 'made by', from: ['Claim'], to: ['Actor'] },
      { name: 'about', from: ['Claim'], to: ['Policy topic'] },
    ],
  });
}

export function span(
  id: string,
  label: string,
  attributes: Attributes = {},
  doc = 'doc1',
  annotator = 'alice',
): Annotation {
  return {
    id,
    doc,
    label,
    start: 0,
    end: 1,
    quote: 'x',
    prefix: '',
    suffix: '',
    attributes,
    annotator,
    created: FIXTURE_TIME,
    modified: FIXTURE_TIME,
    origin: { kind: 'manual' },
  };
}

export function link(
  id: string,
  type: string,
  from: string,
  to: string,
  doc = 'doc1',
  annotator = 'alice',
): Relation {
  return {
    id,
    doc,
    type,
    from,
    to,
    attributes: {},
    annotator,
    created: FIXTURE_TIME,
    modified: FIXTURE_TIME,
  };
}
