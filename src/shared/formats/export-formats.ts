/**
 * The export formats as a person chooses them: what each is for, in one line (the Export dialog
 * and the CLI's usage show the same words), and whether it is one file or a folder of files.
 * The writers themselves are the format modules beside this one.
 */
import type { ExportFormat } from '../api';

export interface ExportFormatInfo {
  readonly id: ExportFormat;
  readonly title: string;
  /** One line: who reads it, and what for. */
  readonly description: string;
  /** One file, or a folder of files (a .zip when downloaded in the browser). */
  readonly output: 'file' | 'folder';
  /** Extension of the file (output 'file'), for its name. */
  readonly extension: string;
  readonly mediaType: string;
}

export const EXPORT_FORMATS: readonly ExportFormatInfo[] = [
  {
    id: 'json',
    title: 'Workbench JSON',
    description:
      'Everything in one file: texts, codebook, spans, relations, entities. Loads in Python with json.',
    output: 'file',
    extension: 'json',
    mediaType: 'application/json',
  },
  {
    id: 'jsonl',
    title: 'spaCy / Prodigy JSONL',
    description:
      'One line per document and annotator, with tokens: training data for spaCy and Prodigy.',
    output: 'file',
    extension: 'jsonl',
    mediaType: 'application/x-ndjson',
  },
  {
    id: 'webanno',
    title: 'W3C Web Annotation',
    description:
      'JSON-LD annotations with quote and position selectors, for W3C tools (Hypothesis).',
    output: 'file',
    extension: 'jsonld',
    mediaType: 'application/ld+json;profile="http://www.w3.org/ns/anno.jsonld"',
  },
  {
    id: 'csv',
    title: 'CSV tables',
    description:
      'Documents, spans, relations and statements as CSV with a data package: pandas, R, Excel.',
    output: 'folder',
    extension: '',
    mediaType: 'text/csv',
  },
  {
    id: 'brat',
    title: 'brat standoff',
    description: '.txt and .ann per document and annotator, with annotation.conf, to open in brat.',
    output: 'folder',
    extension: '',
    mediaType: 'text/plain',
  },
  {
    id: 'conll',
    title: 'CoNLL IOB2',
    description:
      'Token-per-line IOB2 tags for the labels you choose, for sequence taggers; losses are listed.',
    output: 'folder',
    extension: '',
    mediaType: 'text/plain',
  },
  {
    id: 'graphml',
    title: 'GraphML networks',
    description:
      'Actor–topic, agreement and disagreement networks of statements, for Gephi, networkx, igraph.',
    output: 'folder',
    extension: '',
    mediaType: 'application/graphml+xml',
  },
];

export function exportFormatInfo(id: ExportFormat): ExportFormatInfo {
  return EXPORT_FORMATS.find((f) => f.id === id)!;
}
