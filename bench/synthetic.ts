/**
 * A deterministic synthetic news article with a dense annotation layer, for benchmarks: by
 * default ~1 MB of text in 5,000 paragraphs (headings every 40) and 10,000 spans — nested
 * (actors and topics inside claims), crossing (overlapping partially), and some running across
 * a paragraph break. The text carries what real articles do: curly quotes, non-breaking
 * spaces, double spaces, emoji (surrogate pairs), emphasis and links.
 *
 * Runs in Node and in the browser (no node:* imports); the same seed gives the same article.
 * Offsets are UTF-16 code units, as everywhere in the app.
 */
import type { Annotation, Block, DocumentRecord, InlineMark } from '../src/shared/model';
import { CONTEXT_LENGTH } from '../src/shared/model';

export interface SyntheticOptions {
  /** PRNG seed: the same seed gives the same article and spans. */
  readonly seed?: number;
  readonly paragraphs?: number;
  /** Approximate text length in UTF-16 code units. */
  readonly characters?: number;
  readonly spans?: number;
  readonly docId?: string;
  readonly annotator?: string;
  /** Labels to use, outer to inner: the first is used for claims, the rest for nested spans. */
  readonly labels?: readonly [string, ...string[]];
}

export interface SyntheticArticle {
  readonly document: DocumentRecord;
  readonly annotations: Annotation[];
}

const DEFAULTS = {
  seed: 1,
  paragraphs: 5_000,
  characters: 1_000_000,
  spans: 10_000,
  docId: 'synthetic-article',
  annotator: 'bench',
  labels: ['Claim', 'Actor', 'Policy topic'] as const,
};

/** One heading every this many blocks. */
const HEADING_EVERY = 40;
const CREATED = '2026-01-01T00:00:00.000Z';

const WORDS = (
  'the minister said government officials would review policy on encryption and surveillance ' +
  'while critics argued that the proposal could weaken privacy for millions of users across ' +
  'europe and the united states according to reports from the committee which met on tuesday ' +
  'to discuss security measures against extremist groups online platforms data protection law ' +
  'spokesperson agency parliament regulators companies technology firms social media accounts'
).split(' ');
const ACTORS = [
  'the White House',
  'FBI director James Comey',
  'Facebook',
  'the Home Office',
  'Ofcom',
];
const FLOURISHES = ['“quoted remark”', '10\u00a0%', 'São Paulo', 'naïve', '\u{1F600}', '—', 'Zoë'];

/** A small fast PRNG (mulberry32): deterministic across engines. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Word {
  readonly start: number;
  readonly end: number;
}

export async function makeSyntheticArticle(
  options: SyntheticOptions = {},
): Promise<SyntheticArticle> {
  const o = {
    seed: options.seed ?? DEFAULTS.seed,
    paragraphs: options.paragraphs ?? DEFAULTS.paragraphs,
    characters: options.characters ?? DEFAULTS.characters,
    spans: options.spans ?? DEFAULTS.spans,
    docId: options.docId ?? DEFAULTS.docId,
    annotator: options.annotator ?? DEFAULTS.annotator,
    labels: options.labels ?? DEFAULTS.labels,
  };
  const random = prng(o.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const perParagraph = Math.max(40, Math.round(o.characters / o.paragraphs));

  let text = '';
  const blocks: Block[] = [];
  const marks: InlineMark[] = [];
  /** Word ranges of each paragraph (headings excluded), for word-aligned spans. */
  const paragraphWords: Word[][] = [];

  for (let b = 0; b < o.paragraphs; b++) {
    if (b > 0) text += '\n\n';
    const start = text.length;
    if (b % HEADING_EVERY === 0) {
      text += `Part ${b / HEADING_EVERY + 1}: ${pick(WORDS)} and ${pick(WORDS)}`;
      blocks.push({ kind: 'heading', start, end: text.length, level: 2 });
      continue;
    }
    const words: Word[] = [];
    while (text.length - start < perParagraph) {
      if (words.length > 0) text += random() < 0.02 ? '  ' : ' '; // the odd double space
      const wordStart = text.length;
      const r = random();
      text += r < 0.04 ? pick(ACTORS) : r < 0.07 ? pick(FLOURISHES) : pick(WORDS);
      words.push({ start: wordStart, end: text.length });
      if (random() < 0.08) text += random() < 0.5 ? '.' : ',';
    }
    text += '.';
    if (random() < 0.05) {
      text += `\nSecond line ${pick(WORDS)}.`; // a line break inside a paragraph
    }
    blocks.push({ kind: random() < 0.05 ? 'quote' : 'paragraph', start, end: text.length });
    paragraphWords.push(words);
    if (random() < 0.1) {
      const w = pick(words);
      marks.push({ kind: random() < 0.5 ? 'em' : 'strong', start: w.start, end: w.end });
    }
    if (random() < 0.05) {
      const w = pick(words);
      marks.push({ kind: 'link', start: w.start, end: w.end, href: `https://example.org/${b}` });
    }
  }

  const document: DocumentRecord = {
    format: 'workbench.document',
    version: 1,
    id: o.docId,
    title: `Synthetic article (seed ${o.seed})`,
    meta: { source: 'bench/synthetic.ts', section: 'benchmarks' },
    text,
    blocks,
    marks,
    sha256: await sha256Hex(text),
    imported: CREATED,
  };

  const annotations: Annotation[] = [];
  const [outer, ...inner] = o.labels;
  const innerLabel = () => (inner.length > 0 ? pick(inner) : outer);
  const add = (label: string, start: number, end: number) => {
    if (annotations.length >= o.spans || end <= start) return;
    const id = `syn-${o.seed}-${annotations.length}`;
    annotations.push(
      syntheticAnnotation(document, { id, label, start, end, annotator: o.annotator }),
    );
  };
  // Passes over the paragraphs, in a shuffled order so that the spans spread over the whole
  // article, add patterns until the span budget is spent: a claim with spans nested inside,
  // crossing pairs, and claims running on into the next paragraph.
  const order = paragraphWords.map((_, p) => p);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  for (let round = 0; annotations.length < o.spans && round < 1000; round++) {
    for (const p of order) {
      if (annotations.length >= o.spans) break;
      const words = paragraphWords[p]!;
      if (words.length < 8) continue;
      const r = random();
      const a = Math.floor(random() * (words.length - 6));
      if (r < 0.55) {
        // A claim over a stretch of words, with one or two spans nested inside it.
        const b = a + 4 + Math.floor(random() * Math.min(8, words.length - a - 5));
        add(outer, words[a]!.start, words[b]!.end);
        const inside = a + 1 + Math.floor(random() * (b - a - 1));
        add(innerLabel(), words[inside]!.start, words[inside]!.end);
        if (random() < 0.4) add(innerLabel(), words[a]!.start, words[Math.min(b, a + 2)]!.end);
      } else if (r < 0.9) {
        // Two spans crossing each other: [a, a+3] and [a+2, a+5].
        add(innerLabel(), words[a]!.start, words[a + 3]!.end);
        add(innerLabel(), words[a + 2]!.start, words[a + 5]!.end);
      } else if (p + 1 < paragraphWords.length) {
        // A claim that starts near the end of one paragraph and runs into the next.
        const next = paragraphWords[p + 1]!;
        const from = words[words.length - 2]!;
        const to = next[Math.min(2, next.length - 1)]!;
        add(outer, from.start, to.end);
      }
    }
  }
  return { document, annotations };
}

/** A complete, valid annotation of `document` over `[start, end)` (UTF-16 code units). */
export function syntheticAnnotation(
  document: DocumentRecord,
  span: { id: string; label: string; start: number; end: number; annotator?: string },
): Annotation {
  const { text } = document;
  return {
    id: span.id,
    doc: document.id,
    label: span.label,
    start: span.start,
    end: span.end,
    quote: text.slice(span.start, span.end),
    prefix: text.slice(Math.max(0, span.start - CONTEXT_LENGTH), span.start),
    suffix: text.slice(span.end, span.end + CONTEXT_LENGTH),
    attributes: {},
    annotator: span.annotator ?? DEFAULTS.annotator,
    created: CREATED,
    modified: CREATED,
    origin: { kind: 'manual' },
  };
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
