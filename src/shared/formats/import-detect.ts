/**
 * Which annotation format a chosen file is, and which files belong together (a brat .ann and its
 * .txt): what "Import annotations…" and `import-annotations` read before any importer runs.
 *
 * By extension first (.jsonl, .ann, .jsonld); a .json file by its content: the workbench's own
 * export names its format, W3C Web Annotation has an @context or an Annotation type, and a file
 * of one JSON object with "text" and "spans" is a one-line JSONL.
 */
import type { AnnotationImportFormat } from '../api';
import type { BratInput } from './import-brat';

export interface NamedContent {
  name: string;
  content: string;
}

/** One thing to import: a file of one format, or a brat .ann with its .txt. */
export type ImportUnit =
  | { format: Exclude<AnnotationImportFormat, 'brat'>; file: NamedContent }
  | { format: 'brat'; file: NamedContent; brat: BratInput };

export interface ImportPlan {
  units: ImportUnit[];
  /** Files that cannot be imported as given, each with the reason. */
  refused: Array<{ file: string; message: string }>;
}

const extension = (name: string) => /\.([^./\\]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
const stem = (name: string) => name.replace(/\.[^./\\]+$/, '');

/** The format of one file, or null when neither its name nor its content says. */
export function detectAnnotationFormat(
  name: string,
  content: string,
): AnnotationImportFormat | null {
  switch (extension(name)) {
    case 'jsonl':
    case 'ndjson':
      return 'jsonl';
    case 'ann':
      return 'brat';
    case 'jsonld':
      return 'webanno';
    case 'json':
      return jsonFormat(content);
    default:
      return null;
  }
}

function jsonFormat(content: string): AnnotationImportFormat | null {
  // The head is enough: every one of these says what it is in its first keys.
  const head = content.slice(0, 4000);
  if (/"format"\s*:\s*\{\s*"name"\s*:\s*"annotation-workbench"/.test(head)) return 'json';
  if (/"@context"|"type"\s*:\s*"(?:Annotation|AnnotationPage|AnnotationCollection)"/.test(head)) {
    return 'webanno';
  }
  const firstLine = content.split('\n', 1)[0] ?? '';
  if (/"text"\s*:/.test(firstLine) && /"spans"\s*:/.test(content)) return 'jsonl';
  return null;
}

/**
 * Groups chosen files into import units: each file is one, except that a brat .ann takes the
 * .txt of the same name (its document text) along. `format` forces one format for every file
 * (the CLI's --format); .txt files are then only ever brat texts.
 */
export function planAnnotationImport(
  files: readonly NamedContent[],
  format?: AnnotationImportFormat,
): ImportPlan {
  const units: ImportUnit[] = [];
  const refused: ImportPlan['refused'] = [];
  const texts = new Map(
    files.filter((f) => extension(f.name) === 'txt').map((f) => [stem(f.name), f]),
  );
  const usedTexts = new Set<string>();
  for (const file of files) {
    if (extension(file.name) === 'txt') continue;
    const detected = format ?? detectAnnotationFormat(file.name, file.content);
    if (detected === null) {
      refused.push({
        file: file.name,
        message:
          'not an annotation file the workbench reads (.json workbench export, .jsonl spaCy/Prodigy, .jsonld W3C Web Annotation, brat .ann with its .txt)',
      });
      continue;
    }
    if (detected !== 'brat') {
      units.push({ format: detected, file });
      continue;
    }
    const txt = texts.get(stem(file.name));
    if (!txt) {
      refused.push({
        file: file.name,
        message: `a brat .ann needs its text beside it: choose ${stem(file.name)}.txt too`,
      });
      continue;
    }
    usedTexts.add(txt.name);
    units.push({
      format: 'brat',
      file,
      brat: { path: file.name, ann: file.content, txt: txt.content },
    });
  }
  for (const txt of texts.values()) {
    if (usedTexts.has(txt.name)) continue;
    refused.push({
      file: txt.name,
      message: `a .txt is read only as the text of a brat .ann of the same name; there is no ${stem(txt.name)}.ann (to import articles, use Import articles…)`,
    });
  }
  return { units, refused };
}
