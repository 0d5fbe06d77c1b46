/**
 * brat standoff: for every annotator, `<annotator>/<document>.txt` (the text, exactly) and
 * `<annotator>/<document>.ann`; at the top, `annotation.conf` derived from the codebook,
 * `visual.conf` (display names and colours), `tools.conf` (normalisation databases) and
 * `loss-report.tsv` listing everything brat cannot hold (header only when nothing was lost).
 *
 * - Offsets are Unicode code points: brat reads the .txt into a Python str and slices it.
 * - T lines: brat does not let a text-bound annotation contain a line break, so a span across
 *   lines becomes fragments split at every CR/LF (`T1\tClaim 0 5;6 10\tfirst second`, the text
 *   being the fragments joined by one space, as brat checks). A span of line breaks only has no
 *   fragment and goes to the loss report, with its relations; a span that starts or ends with a
 *   line break is written without it, and reported.
 * - Names: brat type and attribute names may not contain spaces or brat's separators; every
 *   character outside [A-Za-z0-9_-] becomes "_" ("Policy topic" → "Policy_topic", "made by" →
 *   "made_by"), a name not starting with a letter gets "L_" in front, and a name that would
 *   collide gets "_2", "_3"… `visual.conf` maps each back to its original for display, and the
 *   importer reverses the mapping through the project's codebook (`bratNames`).
 * - A lines: every attribute is a multi-valued brat attribute (`A1\tstance T3 oppose`); values
 *   are written with encodeURIComponent (a brat value cannot hold a space) — plain words stay as
 *   they are, and booleans are `true`/`false` so that false survives. A null value is unset and
 *   listed in the loss report.
 * - N lines: `Reference T1 Workbench:<entity id>` for every linked span, plus
 *   `Reference T1 Wikidata:<QID>` when the entity has one; the text is the entity's name.
 * - # lines: the span's note as AnnotatorNotes; line breaks in it become spaces (reported).
 * - R lines: `R1\tmade_by Arg1:T2 Arg2:T1`, Arg1 being the relation's source.
 */
import type { AttributeValue, Codebook } from '../model';
import type { DocumentView, ExportBundle, ExportFile, ExportLayer } from './bundle';
import { annotatorsOf, compareSpans, compareStrings, indexBundle } from './bundle';

/** A brat-safe name: [A-Za-z0-9_-], starting with a letter. */
export function bratSafe(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9_-]/g, '_');
  return /^[A-Za-z]/.test(safe) ? safe : `L_${safe}`;
}

/**
 * Brat names for `names`, in order: each made safe, collisions numbered. The same list always
 * gives the same mapping, so an importer with the same codebook reverses it.
 */
export function bratNames(names: readonly string[]): Map<string, string> {
  const mapping = new Map<string, string>();
  const taken = new Set<string>();
  for (const name of names) {
    if (mapping.has(name)) continue;
    const base = bratSafe(name);
    let candidate = base;
    for (let n = 2; taken.has(candidate); n++) candidate = `${base}_${n}`;
    taken.add(candidate);
    mapping.set(name, candidate);
  }
  return mapping;
}

/** A brat attribute value: no spaces or separators, reversible with decodeURIComponent. */
export function bratValue(value: Exclude<AttributeValue, null>): string {
  return encodeURIComponent(String(value));
}

/** Every label, relation type and attribute name: the codebook's first, then any in the data. */
export function bratVocabulary(codebook: Codebook, layers: readonly ExportLayer[]) {
  const labels = [...codebook.labels.map((l) => l.name)];
  const types = [...codebook.relationTypes.map((t) => t.name)];
  const attributes = codebook.labels.flatMap((l) => l.attributes.map((a) => a.name));
  const extra = {
    labels: new Set<string>(),
    types: new Set<string>(),
    attributes: new Set<string>(),
  };
  for (const layer of layers) {
    for (const a of layer.annotations) {
      if (!labels.includes(a.label)) extra.labels.add(a.label);
      for (const name of Object.keys(a.attributes))
        if (!attributes.includes(name)) extra.attributes.add(name);
    }
    for (const r of layer.relations) if (!types.includes(r.type)) extra.types.add(r.type);
  }
  const sorted = (set: Set<string>) => [...set].sort(compareStrings);
  return {
    labels: bratNames([...labels, ...sorted(extra.labels)]),
    types: bratNames([...types, ...sorted(extra.types)]),
    attributes: bratNames([...attributes, ...sorted(extra.attributes)]),
  };
}

type Vocabulary = ReturnType<typeof bratVocabulary>;

export interface LossEntry {
  annotator: string;
  document: string;
  item: string;
  problem: string;
}

/** Code point fragments of a span starting at code point `start`: the runs between line breaks. */
function fragments(text: string, start: number): Array<[number, number, string]> {
  const pieces: Array<[number, number, string]> = [];
  for (const match of text.matchAll(/[^\r\n]+/g)) {
    const from = start + Array.from(text.slice(0, match.index)).length;
    pieces.push([from, from + Array.from(match[0]).length, match[0]]);
  }
  return pieces;
}

function annFile(
  view: DocumentView,
  layer: ExportLayer,
  vocab: Vocabulary,
  bundle: ExportBundle,
  losses: LossEntry[],
): string {
  const entities = new Map(bundle.entities.map((e) => [e.id, e]));
  const lines: string[] = [];
  const bratIds = new Map<string, string>();
  const lose = (item: string, problem: string) =>
    losses.push({ annotator: layer.annotator, document: view.doc.id, item, problem });
  let t = 0;
  let attributeCount = 0;
  let normalisationCount = 0;
  let noteCount = 0;
  for (const a of [...layer.annotations].sort(compareSpans)) {
    const span = view.text.span(a.start, a.end, `span "${a.id}" of ${layer.annotator}`);
    const pieces = fragments(span.text, span.start);
    if (pieces.length === 0) {
      lose(
        `span ${a.id}`,
        `covers only line breaks or nothing (${span.start}–${span.end}), which brat cannot hold`,
      );
      continue;
    }
    const [first, last] = [pieces[0]![0], pieces[pieces.length - 1]![1]];
    if (first !== span.start || last !== span.end) {
      lose(
        `span ${a.id}`,
        `starts or ends with a line break, which a brat fragment cannot hold: written as ${first}–${last} instead of ${span.start}–${span.end}`,
      );
    }
    const id = `T${++t}`;
    bratIds.set(a.id, id);
    const offsets = pieces.map(([s, e]) => `${s} ${e}`).join(';');
    lines.push(
      `${id}\t${vocab.labels.get(a.label)!} ${offsets}\t${pieces.map((p) => p[2]).join(' ')}`,
    );
    for (const name of Object.keys(a.attributes).sort(compareStrings)) {
      const value = a.attributes[name]!;
      if (value === null) {
        lose(`span ${a.id} attribute ${name}`, 'null (unset) value; brat has no null');
        continue;
      }
      lines.push(`A${++attributeCount}\t${vocab.attributes.get(name)!} ${id} ${bratValue(value)}`);
    }
    if (a.entity !== undefined) {
      const entity = entities.get(a.entity);
      const name = (entity?.name ?? a.entity).replace(/[\r\n\t]+/g, ' ');
      lines.push(`N${++normalisationCount}\tReference ${id} Workbench:${a.entity}\t${name}`);
      if (entity?.qid)
        lines.push(`N${++normalisationCount}\tReference ${id} Wikidata:${entity.qid}\t${name}`);
    }
    if (a.note !== undefined) {
      const note = a.note.replace(/\r\n|\r|\n/g, ' ');
      if (note !== a.note) lose(`span ${a.id} note`, 'line breaks in the note written as spaces');
      lines.push(`#${++noteCount}\tAnnotatorNotes ${id}\t${note}`);
    }
  }
  let r = 0;
  for (const relation of [...layer.relations].sort((x, y) => compareStrings(x.id, y.id))) {
    const from = bratIds.get(relation.from);
    const to = bratIds.get(relation.to);
    if (!from || !to) {
      lose(`relation ${relation.id}`, 'joins a span brat cannot hold');
      continue;
    }
    lines.push(`R${++r}\t${vocab.types.get(relation.type)!} Arg1:${from} Arg2:${to}`);
    for (const name of Object.keys(relation.attributes)) {
      lose(`relation ${relation.id} attribute ${name}`, 'brat has no attributes on relations');
    }
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

function annotationConf(bundle: ExportBundle, vocab: Vocabulary): string {
  const { codebook } = bundle;
  const layers = bundle.layers;
  const typeList = (labels: readonly string[]) =>
    labels.length > 0
      ? labels.map((l) => vocab.labels.get(l) ?? bratSafe(l)).join('|')
      : '<ENTITY>';
  const relations = [...vocab.types].map(([name, brat]) => {
    const def = codebook.relationTypes.find((t) => t.name === name);
    return `${brat}\tArg1:${typeList(def?.from ?? [])}, Arg2:${typeList(def?.to ?? [])}`;
  });
  // Attribute values allowed: the codebook's enum values and booleans, plus every value used.
  const values = new Map<string, Set<string>>();
  const owners = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, key: string, value: string) => {
    const set = map.get(key) ?? new Set<string>();
    set.add(value);
    map.set(key, set);
  };
  for (const label of codebook.labels) {
    for (const attr of label.attributes) {
      add(owners, attr.name, label.name);
      for (const v of attr.type === 'boolean' ? ['true', 'false'] : (attr.values ?? []))
        add(values, attr.name, bratValue(v));
    }
  }
  for (const layer of layers) {
    for (const a of layer.annotations) {
      for (const [name, value] of Object.entries(a.attributes)) {
        add(owners, name, a.label);
        if (value !== null) add(values, name, bratValue(value));
      }
    }
  }
  const attributes = [...vocab.attributes].map(([name, brat]) => {
    const args = [...(owners.get(name) ?? [])]
      .map((l) => vocab.labels.get(l)!)
      .sort(compareStrings);
    const allowed = [...(values.get(name) ?? [])];
    return `${brat}\tArg:${args.join('|')}${allowed.length > 0 ? `, Value:${allowed.join('|')}` : ''}`;
  });
  return [
    `# Generated by ${bundle.tool.name} ${bundle.tool.version} from codebook "${codebook.name}" revision ${codebook.revision}.`,
    '# Offsets in the .ann files are Unicode code points.',
    '[entities]',
    ...vocab.labels.values(),
    '',
    '[relations]',
    ...relations,
    '# Spans of any type may overlap, as in the workbench.',
    '<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>',
    '',
    '[events]',
    '',
    '[attributes]',
    ...attributes,
    '',
  ].join('\n');
}

function visualConf(codebook: Codebook, vocab: Vocabulary): string {
  const labels = [...vocab.labels, ...vocab.types, ...vocab.attributes].map(
    ([name, brat]) => `${brat} | ${name}`,
  );
  const colours = codebook.labels
    .filter((l) => vocab.labels.has(l.name))
    .map((l) => `${vocab.labels.get(l.name)!}\tbgColor:${l.color}`);
  return ['[labels]', ...labels, '', '[drawing]', ...colours, ''].join('\n');
}

const TOOLS_CONF = [
  '[normalization]',
  'Wikidata\t<URL>:https://www.wikidata.org/, <URLBASE>:https://www.wikidata.org/wiki/%s',
  'Workbench\t<URL>:urn:workbench:entity:, <URLBASE>:urn:workbench:entity:%s',
  '',
].join('\n');

export function exportBrat(bundle: ExportBundle): ExportFile[] {
  const views = indexBundle(bundle);
  const vocab = bratVocabulary(bundle.codebook, bundle.layers);
  const losses: LossEntry[] = [];
  const files: ExportFile[] = [];
  for (const annotator of annotatorsOf(bundle)) {
    for (const view of views) {
      const layer = view.layers.find((l) => l.annotator === annotator);
      if (!layer) continue;
      files.push({ path: `${annotator}/${view.doc.id}.txt`, content: view.doc.text });
      files.push({
        path: `${annotator}/${view.doc.id}.ann`,
        content: annFile(view, layer, vocab, bundle, losses),
      });
    }
  }
  const clean = (s: string) => s.replace(/[\t\r\n]+/g, ' ');
  const report = [
    'annotator\tdocument\titem\tproblem',
    ...losses.map((l) => [l.annotator, l.document, l.item, l.problem].map(clean).join('\t')),
  ];
  return [
    { path: 'annotation.conf', content: annotationConf(bundle, vocab) },
    { path: 'visual.conf', content: visualConf(bundle.codebook, vocab) },
    { path: 'tools.conf', content: TOOLS_CONF },
    { path: 'loss-report.tsv', content: `${report.join('\n')}\n` },
    ...files,
  ];
}
