/**
 * Agreement benchmark: every measure of computeAgreement for two annotators × 100,000 spans each
 * (500 documents of 1,200 words, 200 spans per document per annotator). Budget: 1 s.
 *
 * The data are synthetic and deterministic (a seeded generator), shaped like the default
 * codebook's use: short Actor spans, long Claim spans with Actors nested inside them, Policy
 * topics; enum attributes. The second annotator copies the first with realistic disagreements:
 * shifted boundaries, other labels, other attribute values, missed and extra spans.
 *
 * Run alone: node --import tsx bench/agreement-bench.ts
 */
import { pathToFileURL } from 'node:url';
import type { AgreementSpanInput } from '../src/shared/agreement/continuum';
import { computeAgreement } from '../src/shared/agreement/report';

const DOCUMENTS = 500;
const SPANS_PER_DOCUMENT = 200;
const BUDGET_MS = 1000;

/** mulberry32: a small seeded PRNG, so every run measures the same data. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'the minister said on Tuesday that encryption would be regulated and firms must act against ' +
  'terrorists online while critics argued the plan threatens privacy of users across Europe ' +
  'officials in Washington met executives from Apple Google Facebook and Microsoft to discuss ' +
  'how social media accounts are used for propaganda; “we will not stand by,” she told reporters ' +
  'in 2015 the U.S. attorney general’s office proposed $1,000 fines — a move don’t expect soon'
).split(' ');

interface Corpus {
  documents: { id: string; text: string }[];
  alice: AgreementSpanInput[];
  bob: AgreementSpanInput[];
}

const KINDS = ['person', 'organisation', 'government_body', 'company'];
const STANCES = ['support', 'oppose', 'neutral'];

function buildCorpus(): Corpus {
  const next = random(20151213);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const attributesFor = (label: string): Record<string, string> =>
    label === 'Actor' ? { kind: pick(KINDS) } : label === 'Claim' ? { stance: pick(STANCES) } : {};
  const documents: Corpus['documents'] = [];
  const alice: AgreementSpanInput[] = [];
  const bob: AgreementSpanInput[] = [];

  for (let d = 0; d < DOCUMENTS; d++) {
    const id = `doc-${d}`;
    // ~6 words per span and gap; a line break now and then (paragraphs).
    const wordCount = SPANS_PER_DOCUMENT * 6;
    const starts: number[] = [];
    const ends: number[] = [];
    let text = '';
    for (let w = 0; w < wordCount; w++) {
      if (w > 0) text += w % 23 === 0 ? '\n' : ' ';
      starts.push(text.length);
      text += pick(WORDS);
      ends.push(text.length);
    }
    documents.push({ id, text });
    /** A span over words first..last (inclusive, clamped to the document). */
    const span = (first: number, last: number, label: string): AgreementSpanInput => {
      const from = Math.max(0, Math.min(first, last, wordCount - 1));
      const to = Math.min(wordCount - 1, Math.max(first, last, 0));
      return {
        doc: id,
        label,
        start: starts[from] as number,
        end: ends[to] as number,
        attributes: attributesFor(label),
      };
    };

    let w = 0;
    for (let s = 0; s < SPANS_PER_DOCUMENT; s++) {
      // Alice: Actors of 1–3 words, Claims of 5–12 words (some with an Actor nested inside),
      // Policy topics of 1–2 words.
      const roll = next();
      const label = roll < 0.45 ? 'Actor' : roll < 0.75 ? 'Claim' : 'Policy topic';
      const words =
        label === 'Claim'
          ? 4 + Math.floor(next() * 8)
          : Math.floor(next() * (label === 'Actor' ? 3 : 2));
      const nested = label === 'Claim' && next() < 0.3 && s + 1 < SPANS_PER_DOCUMENT;
      const mine = [span(w, w + words, label), ...(nested ? [span(w + 1, w + 2, 'Actor')] : [])];
      alice.push(...mine);
      s += mine.length - 1;

      // Bob: the same spans most of the time, otherwise a realistic disagreement; one span for
      // each of Alice's, so both have 200 per document.
      for (const theirs of mine) {
        const change = next();
        if (change < 0.72) bob.push({ ...theirs });
        else if (change < 0.84) {
          const first = starts.indexOf(theirs.start, w);
          const last = ends.indexOf(theirs.end, w);
          const shift = next() < 0.5 ? -1 : 1;
          bob.push(
            next() < 0.5
              ? span(first + shift, last, theirs.label)
              : span(first, last + shift, theirs.label),
          );
        } else if (change < 0.89)
          bob.push(span(w, w + words, pick(['Actor', 'Claim', 'Policy topic'])));
        else if (change < 0.95) bob.push({ ...theirs, attributes: attributesFor(theirs.label) });
        else bob.push(span(w + words + 2, w + words + 3, 'Policy topic')); // missed, marked another
      }
      w += words + 2 + Math.floor(next() * 4); // the next span starts after a gap
    }
  }
  return { documents, alice, bob };
}

/**
 * Times computeAgreement on the synthetic corpus: the median of three runs after one warm-up run
 * (the very first, cold run — JIT not yet warm — takes about 1.5 times as long). `spans` is per
 * annotator.
 */
export async function benchAgreement(): Promise<{ ms: number; spans: number }> {
  const corpus = buildCorpus();
  const input = {
    documents: corpus.documents,
    layers: { alice: corpus.alice, bob: corpus.bob },
    annotators: ['alice', 'bob'],
    labels: ['Actor', 'Claim', 'Policy topic'],
  };
  computeAgreement(input);
  const times: number[] = [];
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    computeAgreement(input);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { ms: times[1] as number, spans: corpus.alice.length };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { ms, spans } = await benchAgreement();
  console.log(
    `agreement, 2 annotators x ${spans.toLocaleString('en-US')} spans: ${Math.round(ms)} ms (budget ${BUDGET_MS} ms)`,
  );
}
