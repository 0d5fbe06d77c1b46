/**
 * Discourse networks from statements (statements.ts), as GraphML that networkx
 * (`read_graphml`), igraph (`read_graph(format="graphml")`) and Gephi load. Per annotator:
 *
 * - `actor-topic.graphml`: the two-mode network. Actor nodes (`bipartite` 0) and topic nodes
 *   (`bipartite` 1, as networkx's bipartite algorithms expect); an edge joins an actor to a topic
 *   it made statements about, `weight` = their number, `stance_<value>` = how many with each
 *   stance (`stance_unset` for none).
 * - `actor-agreement.graphml`: one-mode actor congruence network; an edge's `weight` is the
 *   number of (topic, stance) pairs both actors hold.
 * - `actor-disagreement.graphml`: one-mode conflict network, kept apart (as Discourse Network
 *   Analyzer does) so that weights never mix; `weight` is the number of (topic, stance of one,
 *   stance of the other) combinations with different stances.
 * Statements without topic or stance count in the actor's `statements` but link nobody. Every
 * actor with a statement is a node, isolates included. Actors are their entity when linked, else
 * their case-folded text; topics their case-folded text (statements.ts).
 *
 * XML: text is escaped, and characters XML 1.0 cannot hold at all (most C0 controls, lone
 * surrogates, U+FFFE/U+FFFF) become U+FFFD in labels.
 */
import type { ExportBundle, ExportFile } from './bundle';
import { compareStrings } from './bundle';
import type { Statement, StatementRoles } from './statements';
import { extractStatements, statementRoles } from './statements';

export interface GraphmlOptions {
  roles?: Partial<StatementRoles>;
}

const NOT_XML =
  // eslint-disable-next-line no-control-regex -- finding the control characters XML forbids is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function xmlText(value: string): string {
  return value
    .replace(NOT_XML, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

type AttrType = 'string' | 'int' | 'boolean';

interface Key {
  id: string;
  for: 'graph' | 'node' | 'edge';
  name: string;
  type: AttrType;
}

interface Graph {
  description: string;
  nodeKeys: Array<[name: string, type: AttrType]>;
  edgeKeys: Array<[name: string, type: AttrType]>;
  nodes: Array<{ id: string; data: Record<string, string | number> }>;
  edges: Array<{ source: string; target: string; data: Record<string, string | number> }>;
}

function writeGraphml(graph: Graph): string {
  const keys: Key[] = [
    { id: 'g0', for: 'graph', name: 'description', type: 'string' },
    ...graph.nodeKeys.map(([name, type], i): Key => ({ id: `n${i}`, for: 'node', name, type })),
    ...graph.edgeKeys.map(([name, type], i): Key => ({ id: `e${i}`, for: 'edge', name, type })),
  ];
  const keyId = (domain: Key['for'], name: string) =>
    keys.find((k) => k.for === domain && k.name === name)!.id;
  const data = (domain: Key['for'], values: Record<string, string | number>) =>
    Object.entries(values)
      .map(([name, value]) => `<data key="${keyId(domain, name)}">${xmlText(String(value))}</data>`)
      .join('');
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...keys.map(
      (k) =>
        `  <key id="${k.id}" for="${k.for}" attr.name="${xmlText(k.name)}" attr.type="${k.type}"/>`,
    ),
    '  <graph id="G" edgedefault="undirected">',
    `    <data key="g0">${xmlText(graph.description)}</data>`,
    ...graph.nodes.map((n) => `    <node id="${n.id}">${data('node', n.data)}</node>`),
    ...graph.edges.map(
      (e, i) =>
        `    <edge id="x${i}" source="${e.source}" target="${e.target}">${data('edge', e.data)}</edge>`,
    ),
    '  </graph>',
    '</graphml>',
    '',
  ];
  return lines.join('\n');
}

interface ActorNode {
  key: string;
  name: string;
  entity?: string;
  qid?: string;
  statements: number;
}

function actorNodes(
  statements: readonly Statement[],
): Map<string, { id: string; actor: ActorNode }> {
  const actors = new Map<string, ActorNode>();
  for (const s of statements) {
    const actor = actors.get(s.actor.key);
    if (actor) actor.statements++;
    else {
      actors.set(s.actor.key, {
        key: s.actor.key,
        name: s.actor.name,
        ...(s.actor.entity !== undefined && { entity: s.actor.entity }),
        ...(s.actor.qid !== undefined && { qid: s.actor.qid }),
        statements: 1,
      });
    }
  }
  const sorted = [...actors.values()].sort((a, b) => compareStrings(a.key, b.key));
  return new Map(sorted.map((actor, i) => [actor.key, { id: `a${i}`, actor }]));
}

const actorData = (a: ActorNode, bipartite?: number) => ({
  label: a.name,
  kind: 'actor',
  ...(bipartite !== undefined && { bipartite }),
  entity: a.entity ?? '',
  qid: a.qid ?? '',
  statements: a.statements,
});

const ACTOR_KEYS: Array<[string, AttrType]> = [
  ['label', 'string'],
  ['kind', 'string'],
  ['entity', 'string'],
  ['qid', 'string'],
  ['statements', 'int'],
];

/** `stance_<value>` with anything outside [A-Za-z0-9_] as "_"; "" is `stance_unset`. */
const stanceKey = (stance: string) =>
  stance === '' ? 'stance_unset' : `stance_${stance.replace(/[^A-Za-z0-9_]/g, '_')}`;

function twoMode(statements: readonly Statement[], description: string): string {
  const actors = actorNodes(statements);
  const topics = new Map<string, string>();
  for (const s of statements)
    if (s.topic && !topics.has(s.topic.key)) topics.set(s.topic.key, s.topic.text);
  const topicIds = new Map([...topics.keys()].sort(compareStrings).map((key, i) => [key, `t${i}`]));
  const edges = new Map<string, Record<string, number>>();
  const stanceKeys = new Set<string>();
  for (const s of statements) {
    if (!s.topic) continue;
    const id = `${actors.get(s.actor.key)!.id} ${topicIds.get(s.topic.key)!}`;
    const edge = edges.get(id) ?? { weight: 0 };
    edge['weight']!++;
    const stance = stanceKey(s.stance);
    stanceKeys.add(stance);
    edge[stance] = (edge[stance] ?? 0) + 1;
    edges.set(id, edge);
  }
  const stances = [...stanceKeys].sort(compareStrings);
  return writeGraphml({
    description,
    nodeKeys: [...ACTOR_KEYS, ['bipartite', 'int']],
    edgeKeys: [['weight', 'int'], ...stances.map((k): [string, AttrType] => [k, 'int'])],
    nodes: [
      ...[...actors.values()].map(({ id, actor }) => ({ id, data: actorData(actor, 0) })),
      ...[...topicIds].map(([key, id]) => ({
        id,
        data: {
          label: topics.get(key)!,
          kind: 'topic',
          bipartite: 1,
          entity: '',
          qid: '',
          statements: statements.filter((s) => s.topic?.key === key).length,
        },
      })),
    ],
    edges: [...edges].map(([id, counts]) => {
      const [source, target] = id.split(' ') as [string, string];
      return {
        source,
        target,
        data: {
          weight: counts['weight']!,
          ...Object.fromEntries(stances.map((k) => [k, counts[k] ?? 0])),
        },
      };
    }),
  });
}

/** One-mode networks: agreement and disagreement weights for every pair of actors. */
function congruence(statements: readonly Statement[]) {
  // topic key → actor key → stances held
  const positions = new Map<string, Map<string, Set<string>>>();
  for (const s of statements) {
    if (!s.topic || s.stance === '') continue;
    const byActor = positions.get(s.topic.key) ?? new Map<string, Set<string>>();
    const stances = byActor.get(s.actor.key) ?? new Set<string>();
    stances.add(s.stance);
    byActor.set(s.actor.key, stances);
    positions.set(s.topic.key, byActor);
  }
  const agreement = new Map<string, number>();
  const disagreement = new Map<string, number>();
  const add = (map: Map<string, number>, pair: string, n: number) => {
    if (n > 0) map.set(pair, (map.get(pair) ?? 0) + n);
  };
  for (const byActor of positions.values()) {
    const held = [...byActor].sort(([a], [b]) => compareStrings(a, b));
    for (let i = 0; i < held.length; i++) {
      for (let j = i + 1; j < held.length; j++) {
        const [a, stancesA] = held[i]!;
        const [b, stancesB] = held[j]!;
        const pair = `${a}\u0000${b}`;
        const shared = [...stancesA].filter((s) => stancesB.has(s)).length;
        add(agreement, pair, shared);
        add(disagreement, pair, stancesA.size * stancesB.size - shared);
      }
    }
  }
  return { agreement, disagreement };
}

function oneMode(
  statements: readonly Statement[],
  weights: Map<string, number>,
  description: string,
): string {
  const actors = actorNodes(statements);
  return writeGraphml({
    description,
    nodeKeys: ACTOR_KEYS,
    edgeKeys: [['weight', 'int']],
    nodes: [...actors.values()].map(({ id, actor }) => ({ id, data: actorData(actor) })),
    edges: [...weights]
      .sort(([a], [b]) => compareStrings(a, b))
      .map(([pair, weight]) => {
        const [a, b] = pair.split('\u0000') as [string, string];
        return { source: actors.get(a)!.id, target: actors.get(b)!.id, data: { weight } };
      }),
  });
}

export function exportGraphml(bundle: ExportBundle, options: GraphmlOptions = {}): ExportFile[] {
  const statements = extractStatements(bundle, statementRoles(bundle.codebook, options.roles));
  const byAnnotator = new Map<string, Statement[]>();
  for (const s of statements)
    byAnnotator.set(s.annotator, [...(byAnnotator.get(s.annotator) ?? []), s]);
  const files: ExportFile[] = [];
  const source = `${bundle.tool.name} ${bundle.tool.version}, codebook "${bundle.codebook.name}" revision ${bundle.codebook.revision}, exported ${bundle.exportedAt}`;
  for (const annotator of [...byAnnotator.keys()].sort(compareStrings)) {
    const own = byAnnotator.get(annotator)!;
    const { agreement, disagreement } = congruence(own);
    files.push(
      {
        path: `${annotator}/actor-topic.graphml`,
        content: twoMode(own, `Actor × topic statements of ${annotator} (${source})`),
      },
      {
        path: `${annotator}/actor-agreement.graphml`,
        content: oneMode(
          own,
          agreement,
          `Actor agreement: shared (topic, stance) pairs, ${annotator} (${source})`,
        ),
      },
      {
        path: `${annotator}/actor-disagreement.graphml`,
        content: oneMode(
          own,
          disagreement,
          `Actor disagreement: (topic, differing stances) combinations, ${annotator} (${source})`,
        ),
      },
    );
  }
  return files;
}
