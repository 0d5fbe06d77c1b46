import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Annotation, Relation } from '../model';
import type { ExportBundle, ExportFile } from './bundle';
import { FIXTURE_TIME, fixtureBundle, fixtureDocument, fixtureRelation } from './fixtures';
import { exportGraphml, xmlText } from './graphml';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const tempDir = mkdtempSync(join(tmpdir(), 'workbench-graphml-'));

function checkInPython(name: string, files: ExportFile[]) {
  const paths = files.map((file) => {
    const path = join(tempDir, name, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content, 'utf8');
    return path;
  });
  const run = spawnSync('python3', ['test/python/check_graphml_export.py', ...paths], {
    encoding: 'utf8',
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}`, paths };
}

/** A document of statements "<actor> on <topic>: <claim>." with the spans and relations. */
function statementsBundle(
  statements: Array<[actor: string, topic: string, stance: string]>,
): ExportBundle {
  let text = '';
  const annotations: Annotation[] = [];
  const relations: Relation[] = [];
  const span = (label: string, quote: string, attributes = {}): Annotation => {
    const start = text.length;
    text += quote;
    const a: Annotation = {
      id: `s${annotations.length}`,
      doc: 'd',
      label,
      start,
      end: text.length,
      quote,
      prefix: '',
      suffix: '',
      attributes,
      annotator: 'ann',
      created: FIXTURE_TIME,
      modified: FIXTURE_TIME,
      origin: { kind: 'manual' },
    };
    annotations.push(a);
    return a;
  };
  statements.forEach(([actor, topic, stance], i) => {
    const a = span('Actor', actor);
    text += ' on ';
    const t = span('Policy topic', topic);
    text += ': ';
    const c = span('Claim', `claim ${i}`, { stance });
    text += '. ';
    relations.push(
      fixtureRelation(c, a, `r${2 * i}`, 'made by'),
      fixtureRelation(c, t, `r${2 * i + 1}`, 'about'),
    );
  });
  return {
    ...fixtureBundle(sha256),
    documents: [fixtureDocument('d', text, {}, sha256)],
    entities: [],
    layers: [{ annotator: 'ann', doc: 'd', status: 'done', annotations, relations }],
  };
}

/** Edges as "label–label weight" from a GraphML text, resolved through node labels. */
function edges(graphml: string): string[] {
  const labels = new Map<string, string>();
  for (const m of graphml.matchAll(/<node id="(\w+)"><data key="n0">([^<]*)<\/data>/g))
    labels.set(m[1]!, m[2]!);
  return [
    ...graphml.matchAll(
      /<edge id="\w+" source="(\w+)" target="(\w+)"><data key="e0">(\d+)<\/data>/g,
    ),
  ]
    .map((m) => `${labels.get(m[1]!)}–${labels.get(m[2]!)} ${m[3]}`)
    .sort();
}

describe('exportGraphml', () => {
  const bundle = statementsBundle([
    ['Alpha', 'tax', 'support'],
    ['Alpha', 'trade', 'oppose'],
    ['Beta', 'Tax', 'support'],
    ['Beta', 'trade', 'support'],
    ['Gamma', 'tax', 'oppose'],
    ['Delta', 'tax', ''],
  ]);
  const files = exportGraphml(bundle);
  const file = (path: string) => files.find((f) => f.path === path)!.content;

  it('writes the two-mode and the two one-mode networks per annotator', () => {
    expect(files.map((f) => f.path)).toEqual([
      'ann/actor-topic.graphml',
      'ann/actor-agreement.graphml',
      'ann/actor-disagreement.graphml',
    ]);
  });

  it('two-mode: actor–topic edges weighted by statements, with counts per stance', () => {
    const graph = file('ann/actor-topic.graphml');
    // "Tax" and "tax" are one topic (case-folded); Delta's stance is unset.
    expect(edges(graph)).toEqual([
      'Alpha–tax 1',
      'Alpha–trade 1',
      'Beta–tax 1',
      'Beta–trade 1',
      'Delta–tax 1',
      'Gamma–tax 1',
    ]);
    expect(graph).toContain('attr.name="stance_unset"');
    expect(graph).toContain('attr.name="bipartite" attr.type="int"');
  });

  it('agreement: shared (topic, stance) pairs; disagreement apart: differing stances', () => {
    expect(edges(file('ann/actor-agreement.graphml'))).toEqual(['Alpha–Beta 1']);
    expect(edges(file('ann/actor-disagreement.graphml'))).toEqual([
      'Alpha–Beta 1',
      'Alpha–Gamma 1',
      'Beta–Gamma 1',
    ]);
    // Delta (no stance) is an isolate: a node, never an edge.
    expect(file('ann/actor-agreement.graphml')).toContain('>Delta</data>');
  });

  it('loads as GraphML in Python: declared keys, typed values, edges between nodes', () => {
    const run = checkInPython('ok', files);
    expect(run.status).toBe(0);
    expect(run.output).toContain('actor-topic.graphml: 6 nodes, 6 edges, total weight 6');
    expect(run.output).toContain('actor-agreement.graphml: 4 nodes, 1 edges, total weight 1');
    expect(run.output).toContain('actor-disagreement.graphml: 4 nodes, 3 edges, total weight 3');
  });

  it('escapes XML and replaces characters XML cannot hold, so odd names still parse', () => {
    expect(xmlText('AT&T <"Bell"> \'s\u0001')).toBe(
      'AT&amp;T &lt;&quot;Bell&quot;&gt; &apos;s\ufffd',
    );
    const odd = statementsBundle([
      ['AT&T <Corp>', 'tax "reform"', 'support'],
      ['Ben\u0007 & Jerry', 'tax "reform"', 'support'],
    ]);
    const run = checkInPython('odd', exportGraphml(odd));
    expect(run.output).toContain('actor-agreement.graphml: 2 nodes, 1 edges, total weight 1');
    expect(run.status).toBe(0);
  });

  it('the Python check fails on an edge to a missing node (it can fail)', () => {
    const broken = files.map((f) => ({
      ...f,
      content: f.content.replace('target="a1"', 'target="a99"'),
    }));
    const run = checkInPython('broken', broken);
    expect(run.status).toBe(1);
    expect(run.output).toContain('target a99 is not a node');
  });
});
