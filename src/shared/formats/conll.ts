/**
 * Token-level IOB2 in CoNLL-2003 style, one file per annotator (`<annotator>.conll`), for the
 * labels the caller picks, plus `loss-report.tsv` listing every span of those labels that the
 * file does not hold exactly.
 *
 * Layout: a document starts with `-DOCSTART- <document id> -X- O` and a blank line (readers skip
 * lines starting with -DOCSTART-); sentences are separated by a blank line; each token line is
 *
 *     TOKEN START END TAG
 *
 * separated by single spaces (tokens never contain whitespace), START/END in Unicode code points
 * into the document text, TAG `O`, `B-<label>` or `I-<label>` (IOB2: every span starts with B),
 * the label with whitespace replaced by "_". Tokens are tokens.ts' word tokens without the
 * whitespace ones; sentences come from Intl.Segmenter, except that a sentence break falling inside
 * a written span is dropped, so that a span is never cut in two.
 *
 * IOB2 gives a token one tag, so spans that share a token cannot all be written. Per annotator and
 * document, spans are taken by start, longer first; a span touching a token already taken is not
 * written and is listed in the loss report ("overlaps …"), as is a span touching no token. A
 * written span whose boundary falls inside a token is written as the whole tokens and listed too
 * ("widened …"). In the report, text fields write backslash, tab, CR and LF as the two-character
 * escapes \\, \t, \r and \n.
 */
import { WorkbenchError } from '../api';
import type { Annotation } from '../model';
import type { ExportBundle, ExportFile } from './bundle';
import { annotatorsOf, compareSpans, indexBundle } from './bundle';
import type { ExportText } from './export-text';
import type { Token } from './tokens';
import { tokenize } from './tokens';

export interface ConllOptions {
  /** The labels to tag; spans of other labels are left out on purpose (not reported). */
  labels: readonly string[];
  /** Locale for word and sentence segmentation; the root locale by default. */
  locale?: string;
}

/** The tag name of a label: whitespace would split the column. */
export const conllLabel = (label: string) => label.replace(/\s+/g, '_');

const escapeField = (s: string) =>
  s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\r/g, '\\r').replace(/\n/g, '\\n');

interface Loss {
  annotator: string;
  doc: string;
  span: Annotation;
  start: number;
  end: number;
  text: string;
  reason: string;
}

/** UTF-16 offsets where Intl.Segmenter starts a sentence (0 excluded). */
function sentenceStarts(text: string, locale: string): number[] {
  const starts: number[] = [];
  for (const { index } of new Intl.Segmenter(locale, { granularity: 'sentence' }).segment(text)) {
    if (index > 0) starts.push(index);
  }
  return starts;
}

export function exportConll(bundle: ExportBundle, options: ConllOptions): ExportFile[] {
  if (options.labels.length === 0) {
    throw new WorkbenchError(
      'invalid_argument',
      'Choose at least one label to write as CoNLL tags.',
    );
  }
  const locale = options.locale ?? 'und';
  const labels = new Set(options.labels);
  const views = indexBundle(bundle);
  const losses: Loss[] = [];
  const files: ExportFile[] = [];
  // Tokens and sentences depend only on the text: compute them once per document.
  const segmented = new Map<string, { tokens: Token[]; sentences: number[] }>();
  for (const view of views) {
    if (view.layers.length === 0) continue;
    segmented.set(view.doc.id, {
      tokens: tokenize(view.doc.text, locale).filter((t) => /\S/.test(t.text)),
      sentences: sentenceStarts(view.doc.text, locale),
    });
  }
  for (const annotator of annotatorsOf(bundle)) {
    let out = '';
    for (const view of views) {
      const layer = view.layers.find((l) => l.annotator === annotator);
      if (!layer) continue;
      const { tokens, sentences } = segmented.get(view.doc.id)!;
      const spans = layer.annotations.filter((a) => labels.has(a.label));
      const tags = tagTokens(tokens, spans, view.text, (span, reason) => {
        const cp = view.text.span(span.start, span.end, `span "${span.id}" of ${annotator}`);
        losses.push({
          annotator,
          doc: view.doc.id,
          span,
          start: cp.start,
          end: cp.end,
          text: cp.text,
          reason,
        });
      });
      out += `-DOCSTART- ${view.doc.id} -X- O\n\n`;
      let sentence = 0;
      let lineOpen = false;
      for (let i = 0; i < tokens.length; i++) {
        const token = tokens[i]!;
        let newSentence = false;
        while (sentence < sentences.length && sentences[sentence]! <= token.start) {
          sentence++;
          newSentence = true;
        }
        // Never cut a span in two: a sentence break before an I- tag is not written.
        if (newSentence && lineOpen && !tags[i]!.startsWith('I-')) out += '\n';
        const start = view.text.toCodePoint(token.start);
        const end = view.text.toCodePoint(token.end);
        out += `${token.text} ${start} ${end} ${tags[i]}\n`;
        lineOpen = true;
      }
      if (lineOpen) out += '\n';
    }
    files.push({ path: `${annotator}.conll`, content: out });
  }
  const header = 'annotator\tdocument\tspan\tlabel\tstart\tend\ttext\treason';
  const rows = losses.map((l) =>
    [l.annotator, l.doc, l.span.id, l.span.label, String(l.start), String(l.end), l.text, l.reason]
      .map(escapeField)
      .join('\t'),
  );
  return [...files, { path: 'loss-report.tsv', content: `${[header, ...rows].join('\n')}\n` }];
}

/**
 * IOB2 tags for `tokens` from `spans`, taking spans by start, longer first; `lose` hears of every
 * span not written exactly, with the reason.
 */
function tagTokens(
  tokens: readonly Token[],
  spans: readonly Annotation[],
  text: ExportText,
  lose: (span: Annotation, reason: string) => void,
): string[] {
  const tags = tokens.map(() => 'O');
  const owner: Array<Annotation | undefined> = tokens.map(() => undefined);
  const ordered = [...spans].sort(
    (a, b) => a.start - b.start || b.end - a.end || compareSpans(a, b),
  );
  for (const span of ordered) {
    const first = countWhere(tokens, (t) => t.end <= span.start);
    const last = countWhere(tokens, (t) => t.start < span.end) - 1;
    if (first > last || span.start === span.end) {
      lose(span, 'touches no token (only whitespace or empty)');
      continue;
    }
    const taken = owner.slice(first, last + 1).find((o) => o !== undefined);
    if (taken) {
      const other = text.span(taken.start, taken.end, `span "${taken.id}"`);
      lose(
        span,
        `overlaps span ${taken.id} (${taken.label} "${other.text}"), written in its place`,
      );
      continue;
    }
    for (let i = first; i <= last; i++) {
      owner[i] = span;
      tags[i] = `${i === first ? 'B' : 'I'}-${conllLabel(span.label)}`;
    }
    if (tokens[first]!.start !== span.start || tokens[last]!.end !== span.end) {
      const from = text.toCodePoint(tokens[first]!.start);
      const to = text.toCodePoint(tokens[last]!.end);
      lose(span, `boundary inside a token: written widened to ${from}–${to}`);
    }
  }
  return tags;
}

/** How many leading tokens satisfy `test`, which holds for a prefix of the (ordered) tokens. */
function countWhere(tokens: readonly Token[], test: (t: Token) => boolean): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (test(tokens[mid]!)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
