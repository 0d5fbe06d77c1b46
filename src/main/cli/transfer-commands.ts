/**
 * The CLI's `export` and `import-annotations`: the same services as the app's Export… and Import
 * annotations… dialogs, reading and writing the files as they are (blind coding is the app's
 * guard, not the files').
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, join, relative, resolve, sep } from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import type { ExportLayers, ExportRequest } from '../../shared/api';
import { AnnotationImportFormat, ExportFormat, WorkbenchError } from '../../shared/api';
import { exportFormatInfo } from '../../shared/formats/export-formats';
import type { NamedContent } from '../../shared/formats/import-detect';
import { defaultSettingsDir } from '../services/user-settings';
import { openWorkbench } from '../services/workbench';
import { UsageError, type CliIo } from './cli-io';

export const TRANSFER_USAGE = `  export <dir> --format FORMAT --out PATH [--annotator NAME | --curated] [--docs id,id]
         [--labels L,L]
      Export annotations; offsets are Unicode code points. FORMAT is json, jsonl or webanno (a
      file at PATH), or csv, brat, conll or graphml (a folder at PATH: new, empty, or holding an
      earlier export of the same format). Default: every annotator's layers; --annotator: one
      annotator's; --curated: the adjudicated gold layer. --labels: CoNLL's labels (default all).
  import-annotations <dir> <path> --format json|jsonl|webanno|brat [--annotator NAME]
      Import annotations: a workbench JSON export (colleagues' layers as they made them), spaCy/
      Prodigy JSONL, W3C Web Annotation, or brat (a folder of .ann/.txt, or one .ann with its .txt
      beside it). Spans go into the annotator's layer the file names (--annotator: into NAME's);
      spans already there are not added again; a file is imported whole or not at all.`;

type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface TransferCommand {
  name: string;
  minPositionals: number;
  options: NonNullable<ParseArgsConfig['options']>;
  run(positionals: string[], values: Values, io: CliIo): Promise<number>;
}

/** A comma-separated option as a list; undefined when absent; a usage error when empty. */
function listOption(values: Values, name: string): string[] | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const items = String(raw)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (items.length === 0)
    throw new UsageError(`--${name} needs one or more names, comma-separated.`);
  return items;
}

function session(dir: string) {
  return openWorkbench({
    projectDir: resolve(dir),
    settingsDir: process.env.WORKBENCH_SETTINGS_DIR ?? defaultSettingsDir(),
    shell: 'browser',
  });
}

const exportCommand: TransferCommand = {
  name: 'export',
  minPositionals: 1,
  options: {
    format: { type: 'string' },
    out: { type: 'string' },
    annotator: { type: 'string' },
    curated: { type: 'boolean' },
    docs: { type: 'string' },
    labels: { type: 'string' },
  },
  async run(pos, values, io) {
    const format = ExportFormat.safeParse(values.format);
    if (!format.success) {
      throw new UsageError(
        `--format must be one of: ${ExportFormat.options.join(', ')} (got ${JSON.stringify(values.format ?? null)}).`,
      );
    }
    const info = exportFormatInfo(format.data);
    if (typeof values.out !== 'string' || values.out === '') {
      throw new UsageError(
        `--out is required: the ${info.output === 'file' ? 'file' : 'folder'} to write the ${info.title} export to.`,
      );
    }
    if (values.curated && values.annotator !== undefined) {
      throw new UsageError(
        '--annotator and --curated exclude each other: export one annotator, or the gold layer.',
      );
    }
    const labels = listOption(values, 'labels');
    if (labels && format.data !== 'conll') {
      throw new UsageError(
        '--labels is for --format conll (the labels IOB2 tags); other formats export every label.',
      );
    }
    const layers: ExportLayers = values.curated
      ? { kind: 'curated' }
      : values.annotator !== undefined
        ? { kind: 'annotator', annotator: String(values.annotator) }
        : { kind: 'all' };
    const docs = listOption(values, 'docs');
    const request: ExportRequest = {
      format: format.data,
      layers,
      ...(docs && { docs }),
      ...(labels && { labels }),
    };
    const out = resolve(values.out);
    const workbench = await session(pos[0]!);
    try {
      const { summary, written } = await workbench.exportTo(request, out);
      io.out(
        `Wrote ${info.output === 'file' ? out : `${written.written} file(s) to ${out}`}: ${summary.documents} document(s), ${summary.layers} layer(s), ${summary.spans} span(s), ${summary.relations} relation(s).`,
      );
      for (const path of written.removed) io.out(`removed ${path} (no longer in the export)`);
      for (const note of summary.notes) io.out(`note: ${note}`);
    } finally {
      await workbench.close();
    }
    return 0;
  },
};

const importCommand: TransferCommand = {
  name: 'import-annotations',
  minPositionals: 2,
  options: { format: { type: 'string' }, annotator: { type: 'string' } },
  async run(pos, values, io) {
    const format = AnnotationImportFormat.safeParse(values.format);
    if (!format.success) {
      throw new UsageError(
        `--format must be one of: ${AnnotationImportFormat.options.join(', ')} (got ${JSON.stringify(values.format ?? null)}).`,
      );
    }
    const files = await readInput(resolve(pos[1]!), format.data);
    const annotator = values.annotator === undefined ? undefined : String(values.annotator);
    const workbench = await session(pos[0]!);
    let refused = 0;
    try {
      const report = await workbench.importAnnotations({ files, format: format.data, annotator });
      for (const file of report.files) {
        if (!file.ok) {
          refused++;
          io.err(`refused  ${file.file}: nothing imported from it`);
          for (const problem of file.problems) io.err(`  ${problem}`);
          continue;
        }
        io.out(`imported ${file.file}`);
        for (const a of file.annotators) {
          const parts = [`${a.added} span(s) added`];
          if (a.unchanged !== undefined) parts.push(`${a.unchanged} already there`);
          if (a.changed) parts.push(`${a.changed} changed`);
          if (a.removed) parts.push(`${a.removed} removed`);
          parts.push(`${a.relationsAdded} relation(s) added`);
          io.out(`  ${a.annotator}: ${parts.join(', ')} in ${a.documents} document(s)`);
        }
        for (const note of file.notes) io.out(`  note: ${note}`);
      }
      io.out(`${report.files.length - refused} file(s) imported, ${refused} refused.`);
    } finally {
      await workbench.close();
    }
    return refused > 0 ? 1 : 0;
  },
};

/**
 * The files at `path`: the file itself; for brat, a folder's .ann files with their .txt (named
 * by their path inside the folder, whose first folder names the annotator, as a brat export
 * writes them), or one .ann with the .txt beside it.
 */
async function readInput(path: string, format: AnnotationImportFormat): Promise<NamedContent[]> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new WorkbenchError('not_found', `No such file or folder: ${path}`);
  const read = async (file: string, name: string) => ({
    name,
    content: await readFile(file, 'utf8'),
  });
  if (format !== 'brat') {
    if (info.isDirectory()) {
      throw new WorkbenchError(
        'invalid_argument',
        `${path} is a folder; --format ${format} reads one file (only brat reads a folder).`,
      );
    }
    return [await read(path, basename(path))];
  }
  if (!info.isDirectory()) {
    if (!path.endsWith('.ann')) {
      throw new WorkbenchError(
        'invalid_argument',
        `${path} is not a brat .ann file (or a folder of them).`,
      );
    }
    const txt = path.replace(/\.ann$/, '.txt');
    const files = [await read(path, basename(path))];
    if (await stat(txt).catch(() => null)) files.push(await read(txt, basename(txt)));
    return files;
  }
  const entries = (await readdir(path, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile() && /\.(ann|txt)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
  const anns = new Set(entries.filter((f) => f.endsWith('.ann')));
  const files: NamedContent[] = [];
  for (const full of entries) {
    // A .txt without an .ann of the same name is not brat data (a README, notes): left out.
    if (full.endsWith('.txt') && !anns.has(full.replace(/\.txt$/, '.ann'))) continue;
    files.push(await read(full, relative(path, full).split(sep).join('/')));
  }
  if (!files.some((f) => f.name.endsWith('.ann'))) {
    throw new WorkbenchError('not_found', `${path} holds no brat .ann file.`);
  }
  return files.sort((a, b) => (a.name < b.name ? -1 : 1));
}

export const TRANSFER_COMMANDS: readonly TransferCommand[] = [exportCommand, importCommand];
