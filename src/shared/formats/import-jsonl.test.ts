import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fixtureBundle } from './fixtures';
import { importJsonl } from './import-jsonl';
import { exportJsonl } from './jsonl';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const bundle = fixtureBundle(sha256);
const emoji = bundle.documents.find((d) => d.id === 'doc-emoji')!;

describe('importJsonl', () => {
  it('reads the export back, with annotators from meta', () => {
    const outcome = importJsonl('export.jsonl', exportJsonl(bundle), bundle.documents);
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
    expect(new Set(outcome.spans.map((s) => s.annotator))).toEqual(new Set(['alice', 'bob']));
    expect(outcome.relations).toHaveLength(10);
  });

  it('reads a plain Prodigy record (no ids, no span text) matched by its text', () => {
    const record = {
      text: emoji.text,
      spans: [{ start: 3, end: 27, label: 'Actor' }],
      answer: 'accept',
    };
    const outcome = importJsonl('prodigy.jsonl', `${JSON.stringify(record)}\n`, bundle.documents);
    expect(outcome.ok && outcome.spans).toEqual([
      { doc: 'doc-emoji', label: 'Actor', start: 5, end: 29, attributes: {}, key: 'line1/0' },
    ]);
  });

  it('refuses the whole file, naming the line, when one record is wrong', () => {
    const good = JSON.stringify({
      text: emoji.text,
      spans: [{ start: 3, end: 27, label: 'Actor' }],
    });
    const shifted = JSON.stringify({
      text: emoji.text,
      spans: [{ start: 5, end: 29, label: 'Actor', text: 'FBI director James Comey' }],
    });
    const outcome = importJsonl(
      'mixed.jsonl',
      [good, '', shifted, '{oops'].join('\n'),
      bundle.documents,
    );
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.problems.map((p) => [p.where, p.message.split(':')[0]])).toEqual([
      ['line 3', 'spans[0] (Actor)'],
      ['line 4', 'not valid JSON'],
    ]);
  });

  it('refuses text that matches no project document, and offsets in another unit', () => {
    const other = importJsonl(
      'o.jsonl',
      JSON.stringify({ text: 'Some other article.', spans: [] }),
      bundle.documents,
    );
    expect(!other.ok && other.problems[0]!.message).toBe(
      'record cannot be imported: no project document has the same text',
    );
    const unit = importJsonl(
      'u.jsonl',
      JSON.stringify({ text: emoji.text, spans: [], offset_unit: 'utf16' }),
      bundle.documents,
    );
    expect(!unit.ok && unit.problems[0]!.message).toMatch(/offsets are in "utf16"/);
  });
});
