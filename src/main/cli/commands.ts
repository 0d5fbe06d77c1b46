/**
 * The CLI's commands, as a function of argv so tests can drive it in-process.
 * Returns the exit code, or null for a command that keeps running (serve).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { WorkbenchError } from '../../shared/api';
import { agreementText } from '../../shared/review/agreement-table';
import {
  bundledCodebookPath,
  bundledCorpusDir,
  bundledRoot,
  ensureDefaultProject,
} from '../project/bundled';
import { initProject, ProjectFolder } from '../project/project-folder';
import { AnnotationStore } from '../store/annotation-store';
import { startHttpServer } from '../transport/http-server';
import { projectAgreement } from '../services/review-service';
import { defaultSettingsDir } from '../services/user-settings';
import { openWorkbench } from '../services/workbench';
import { ensureRendererBuilt } from './build-renderer';
import { UsageError, type CliIo } from './cli-io';
import { TRANSFER_COMMANDS, TRANSFER_USAGE } from './transfer-commands';

export type { CliIo } from './cli-io';

const USAGE = `Annotation Workbench — command line

Usage: npm run cli -- <command> [options]

  init <dir> [--corpus <folder>] [--name <name>]
      Create a project in <dir> (default corpus: the bundled news articles).
  import <dir> <paths…>
      Import articles (.txt, .md, .html, .json, .jsonl corpora) into the project in <dir>.
  docs <dir> [--json]
      List the project's documents.
${TRANSFER_USAGE}
  agreement <dir> --annotators a,b[,c] [--docs id,id] [--labels L,L] [--json]
      Inter-annotator agreement of the annotators' layers: Krippendorff's alpha_U, Cohen's and
      Fleiss' kappa, span F1 (exact and overlap), overall, per label, per pair, per document.
  serve [<dir>] [--port N]
      Browser mode: serve the app on 127.0.0.1 and print its URL (with a one-run token).
      Without <dir>: your default project, created from the bundled corpus on first use.
`;

const COMMANDS: Record<
  string,
  { options: NonNullable<ParseArgsConfig['options']>; run: Runner; minPositionals: number }
> = {};
type Runner = (
  positionals: string[],
  values: Record<string, string | boolean | (string | boolean)[] | undefined>,
  io: CliIo,
) => Promise<number | null>;

function command(
  name: string,
  minPositionals: number,
  options: NonNullable<ParseArgsConfig['options']>,
  run: Runner,
): void {
  COMMANDS[name] = { options, run, minPositionals };
}

command(
  'init',
  1,
  { corpus: { type: 'string' }, name: { type: 'string' } },
  async (pos, values, io) => {
    const dir = resolve(pos[0]!);
    const corpusDir = values.corpus ? resolve(String(values.corpus)) : bundledCorpusDir();
    await initProject(dir, { corpusDir, name: values.name as string | undefined });
    const project = await ProjectFolder.open(dir);
    const docs = await project.listDocuments();
    io.out(`Created project "${project.name}" in ${dir} with ${docs.length} document(s).`);
    return 0;
  },
);

command('import', 2, {}, async (pos, _values, io) => {
  const project = await ProjectFolder.open(resolve(pos[0]!));
  const report = await project.importPaths(pos.slice(1).map((p) => resolve(p)));
  for (const doc of report.imported) io.out(`imported  ${doc.id}  ${doc.title}`);
  for (const r of report.rejected) io.err(`rejected  ${r.file}: ${r.message}`);
  io.out(`${report.imported.length} imported, ${report.rejected.length} rejected.`);
  return report.rejected.length > 0 ? 1 : 0;
});

command('docs', 1, { json: { type: 'boolean' } }, async (pos, values, io) => {
  const session = await openWorkbench({
    projectDir: resolve(pos[0]!),
    settingsDir: defaultSettingsDir(),
    shell: 'browser',
  });
  const docs = await session.handlers.listDocuments({});
  if (values.json) {
    io.out(JSON.stringify(docs, null, 2));
  } else {
    for (const d of docs) {
      io.out(`${d.id}\t${d.annotationCount} span(s)\t${d.length} chars\t${d.title}`);
    }
  }
  await session.close();
  return 0;
});

for (const c of TRANSFER_COMMANDS) command(c.name, c.minPositionals, c.options, c.run);

command(
  'agreement',
  1,
  {
    annotators: { type: 'string' },
    docs: { type: 'string' },
    labels: { type: 'string' },
    json: { type: 'boolean' },
  },
  async (pos, values, io) => {
    const names = (option: string) =>
      typeof values[option] === 'string'
        ? String(values[option])
            .split(',')
            .map((name) => name.trim())
            .filter((name) => name !== '')
        : undefined;
    const annotators = names('annotators') ?? [];
    if (annotators.length < 2) {
      throw new UsageError(
        '--annotators needs two or more annotator names, comma-separated (e.g. --annotators alice,bob).',
      );
    }
    const project = await ProjectFolder.open(resolve(pos[0]!));
    // The CLI reads the files as they are: blind mode is the app's guard, not the files'.
    const store = new AnnotationStore(project.dir);
    try {
      const report = await projectAgreement(
        { project, store, self: null },
        { annotators, docs: names('docs'), labels: names('labels') },
      );
      if (values.json) io.out(JSON.stringify(report, null, 2));
      else agreementText(report).forEach((line) => io.out(line));
    } finally {
      await store.close();
    }
    return 0;
  },
);

command('serve', 0, { port: { type: 'string' } }, async (pos, values, io) => {
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port must be a whole number from 0 to 65535 (got ${values.port}).`);
  }
  const settingsDir = process.env.WORKBENCH_SETTINGS_DIR ?? defaultSettingsDir();
  const projectDir =
    pos[0] === undefined
      ? await ensureDefaultProject(settingsDir, bundledCorpusDir(), bundledCodebookPath())
      : resolve(pos[0]);
  const session = await openWorkbench({
    projectDir,
    settingsDir,
    shell: 'browser',
  });
  const staticDir = await ensureRendererBuilt(bundledRoot(), io);
  const server = await startHttpServer({ handlers: session.handlers, staticDir, port });
  io.out(`Serving ${projectDir}`);
  io.out(`Open ${server.url}`);
  const stop = async () => {
    await server.close();
    await session.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return null;
});

export async function runCli(argv: string[], io: CliIo): Promise<number | null> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.out(USAGE);
    return name === undefined ? 1 : 0;
  }
  const spec = COMMANDS[name];
  if (!spec) {
    io.err(`Unknown command "${name}".\n\n${USAGE}`);
    return 2;
  }
  try {
    const { positionals, values } = parseArgs({
      args: rest,
      options: spec.options,
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length < spec.minPositionals) {
      throw new UsageError(`"${name}" needs more arguments.`);
    }
    if (name !== 'init' && positionals[0] !== undefined && !existsSync(resolve(positionals[0]))) {
      throw new UsageError(`No such folder: ${resolve(positionals[0]!)}`);
    }
    return await spec.run(positionals, values, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof WorkbenchError) {
      io.err(error.message);
      return 1;
    }
    // parseArgs throws TypeErrors with codes like ERR_PARSE_ARGS_UNKNOWN_OPTION.
    const code = (error as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      io.err(`${(error as Error).message}\n\n${USAGE}`);
      return 2;
    }
    io.err(`Failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
