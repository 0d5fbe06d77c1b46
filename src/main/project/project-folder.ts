/**
 * A project folder (DESIGN.md, "Storage"): creating one (`initProject`) and working with an open
 * one (`ProjectFolder`): its settings, its documents (immutable, cached once read), its codebook,
 * and importing new documents. Annotation files are the annotation store's business.
 */
import { lstat, readFile, readdir, rm } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { WorkbenchError, describeZodError } from '../../shared/api';
import { SUPPORTED_EXTENSIONS } from '../../shared/documents/document-content';
import { structureProblems } from '../../shared/documents/structured-text';
import {
  CODEBOOK_FILE_VERSION,
  CODEBOOK_FORMAT,
  Codebook,
  DocumentRecord,
  PROJECT_FORMAT,
  PROJECT_VERSION,
  ProjectSettings,
  SAFE_ID,
} from '../../shared/model';
import { writeFileAtomic } from '../store/atomic-write';
import { DurableJsonFile } from '../store/durable-json-file';
import { SerialQueue } from '../store/serial-queue';
import { bundledCodebookPath } from './bundled-paths';
import { prepareImport, sha256Hex, type ImportFileInput, type Rejection } from './import-files';
import {
  CODEBOOK_FILE,
  DOCUMENTS_DIR,
  PROJECT_FILE,
  checkDocumentId,
  documentFile,
  serialiseJson,
} from './project-layout';
import { listCorpusFolder, readImportFiles } from './read-import-files';
import { resolveInside } from './safe-path';

export interface ImportOutcome {
  readonly imported: DocumentRecord[];
  readonly rejected: Rejection[];
}

export interface OpenProjectOptions {
  /** Receives notices a person must see: a document file that cannot be used, a recovery. */
  onWarning?: (message: string) => void;
}

export class ProjectFolder {
  /**
   * Every document, by id, read once (concurrent first callers share the one read): documents
   * never change after import, and imports add to this map as they write.
   */
  private documents: Promise<Map<string, DocumentRecord>> | null = null;
  private readonly codebookFile: DurableJsonFile<Codebook>;
  private codebook: Codebook | null = null;
  /** Imports and codebook saves, one at a time: ids are handed out against a settled folder. */
  private readonly writes = new SerialQueue();

  private constructor(
    /** Absolute path of the project folder. */
    readonly dir: string,
    readonly settings: ProjectSettings,
    private readonly onWarning: (message: string) => void,
  ) {
    this.codebookFile = new DurableJsonFile(join(dir, CODEBOOK_FILE), {
      schema: Codebook,
      format: CODEBOOK_FORMAT,
      version: CODEBOOK_FILE_VERSION,
      displayPath: CODEBOOK_FILE,
      onWarning,
    });
  }

  /**
   * Opens the project in `dir`. Throws WorkbenchError 'not_found' when `dir` is not a project,
   * and the settings file's own error ('io', 'unavailable') when it cannot be used.
   */
  static async open(dir: string, options: OpenProjectOptions = {}): Promise<ProjectFolder> {
    const root = resolve(dir);
    const onWarning = options.onWarning ?? (() => {});
    if (!(await exists(join(root, PROJECT_FILE)))) {
      throw new WorkbenchError(
        'not_found',
        `${root} is not a workbench project (no ${PROJECT_FILE}). ` +
          'Create one with `npm run cli -- init <dir>`.',
      );
    }
    const settingsFile = new DurableJsonFile(join(root, PROJECT_FILE), {
      schema: ProjectSettings,
      format: PROJECT_FORMAT,
      version: PROJECT_VERSION,
      displayPath: join(root, PROJECT_FILE),
      onWarning,
    });
    const settings = await settingsFile.read();
    if (settings === null) {
      throw new WorkbenchError('not_found', `${join(root, PROJECT_FILE)} has disappeared.`);
    }
    return new ProjectFolder(root, settings, onWarning);
  }

  get name(): string {
    return this.settings.name;
  }

  /** Every usable document, sorted by id; a file that cannot be used is skipped with a warning. */
  async listDocuments(): Promise<DocumentRecord[]> {
    const documents = await this.loadDocuments();
    return [...documents.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  async getDocument(id: string): Promise<DocumentRecord> {
    checkDocumentId(id);
    const document = (await this.loadDocuments()).get(id);
    if (!document) {
      throw new WorkbenchError('not_found', `There is no document "${id}" in this project.`);
    }
    return document;
  }

  async getCodebook(): Promise<Codebook> {
    if (this.codebook) return this.codebook;
    const codebook = await this.codebookFile.read();
    if (codebook === null) {
      throw new WorkbenchError(
        'not_found',
        `The project has no ${CODEBOOK_FILE}. Copy resources/codebook.default.json to ` +
          `${join(this.dir, CODEBOOK_FILE)}, or restore the project's own from a backup.`,
      );
    }
    this.codebook = codebook;
    return codebook;
  }

  /**
   * Validates and stores the codebook (the previous version becomes codebook.json.bak). The
   * caller sets `revision`; this does not bump it. Returns the codebook as stored.
   */
  async saveCodebook(codebook: Codebook): Promise<Codebook> {
    const parsed = Codebook.safeParse(codebook);
    if (!parsed.success) {
      throw new WorkbenchError(
        'invalid_argument',
        `The codebook was not saved: ${describeZodError(parsed.error)}.`,
      );
    }
    return this.writes.run(async () => {
      await this.codebookFile.write(parsed.data);
      this.codebook = parsed.data;
      return parsed.data;
    });
  }

  /**
   * Imports documents: each file becomes a document (written once to documents/<id>.json) or
   * a rejection with its reason; a rejected file changes nothing on disk.
   */
  async importFiles(files: readonly ImportFileInput[]): Promise<ImportOutcome> {
    return this.writes.run(async () => {
      const documents = await this.loadDocuments();
      // Every file in documents/ blocks its id, readable or not: a damaged file is never replaced.
      const taken = [...documents.keys(), ...(await this.documentFileIds())];
      const prepared = prepareImport(files, taken, new Date().toISOString());
      const imported: DocumentRecord[] = [];
      const rejected = [...prepared.rejected];
      for (const record of prepared.documents) {
        try {
          await writeFileAtomic(
            await resolveInside(this.dir, documentFile(record.id)),
            serialiseJson(record),
          );
        } catch (error) {
          rejected.push({
            file: record.sourceFile ?? record.id,
            message: `"${record.sourceFile}" could not be saved: ${(error as Error).message}`,
          });
          continue;
        }
        documents.set(record.id, record);
        imported.push(record);
      }
      return { imported, rejected };
    });
  }

  /** Reads the files at `paths` (with their sidecars) and imports them; see readImportFiles. */
  async importPaths(paths: readonly string[]): Promise<ImportOutcome> {
    const read = await readImportFiles(paths);
    const outcome = await this.importFiles(read.files);
    return { imported: outcome.imported, rejected: [...read.rejected, ...outcome.rejected] };
  }

  private loadDocuments(): Promise<Map<string, DocumentRecord>> {
    this.documents ??= this.readAllDocuments();
    return this.documents;
  }

  private async readAllDocuments(): Promise<Map<string, DocumentRecord>> {
    const documents = new Map<string, DocumentRecord>();
    for (const id of await this.documentFileIds()) {
      const record = await this.readDocument(id);
      if (record) documents.set(id, record);
    }
    return documents;
  }

  /** Ids of the files in documents/ (temp files and other names are not documents). */
  private async documentFileIds(): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(await resolveInside(this.dir, DOCUMENTS_DIR));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return names
      .filter((name) => name.endsWith('.json'))
      .map((name) => name.slice(0, -'.json'.length))
      .filter((id) => SAFE_ID.test(id))
      .sort();
  }

  /** The document in documents/<id>.json, or null (with a warning) when it cannot be used. */
  private async readDocument(id: string): Promise<DocumentRecord | null> {
    const shown = documentFile(id);
    const skip = (why: string): null => {
      this.onWarning(
        `${shown} cannot be used (${why}); the document is left out until the file is fixed. ` +
          'Its annotations are kept.',
      );
      return null;
    };
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(await resolveInside(this.dir, shown), 'utf8'));
    } catch (error) {
      if (error instanceof WorkbenchError) return skip(error.message);
      return skip(
        error instanceof SyntaxError ? `not valid JSON: ${error.message}` : String(error),
      );
    }
    const parsed = DocumentRecord.safeParse(raw);
    if (!parsed.success) return skip(describeZodError(parsed.error));
    const record = parsed.data;
    if (record.id !== id) return skip(`its id is "${record.id}", not "${id}"`);
    const problems = structureProblems(record);
    if (problems.length > 0) return skip(problems.slice(0, 2).join('; '));
    if (sha256Hex(record.text) !== record.sha256) {
      // Still usable: stored spans carry their quote and context and can be re-anchored.
      this.onWarning(
        `${shown}: the text no longer matches its SHA-256 — it was edited after import, so ` +
          'annotation offsets may no longer point at the words they were made on.',
      );
    }
    return record;
  }
}

export interface InitProjectOptions {
  /** A folder of .txt/.md files (and <name>.meta.json sidecars) to import; none: empty project. */
  corpusDir?: string;
  /** Default: the bundled resources/codebook.default.json. */
  codebookPath?: string;
  /** Default: the folder's name. */
  name?: string;
}

/**
 * Creates a project in `dir` (created if missing). Refuses a folder that is already a project
 * or is not empty; refuses an invalid codebook and a corpus with any file that cannot be
 * imported (listing every one). Everything is checked before anything is written, and
 * workbench.json, which makes the folder a project, is written last: a failure leaves the
 * folder as it was.
 */
export async function initProject(dir: string, options: InitProjectOptions = {}): Promise<void> {
  const root = resolve(dir);
  const existed = await checkCanInit(root);
  const codebook = await readCodebookFile(options.codebookPath ?? bundledCodebookPath());
  const created = new Date().toISOString();
  const documents = options.corpusDir ? await readCorpus(options.corpusDir, created) : [];
  const settings: ProjectSettings = {
    format: PROJECT_FORMAT,
    version: PROJECT_VERSION,
    name: options.name?.trim() || basename(root),
    created,
  };

  // writeFileAtomic creates the folders it writes into, durably.
  try {
    await writeFileAtomic(join(root, CODEBOOK_FILE), serialiseJson(codebook));
    for (const record of documents) {
      await writeFileAtomic(
        await resolveInside(root, documentFile(record.id)),
        serialiseJson(record),
      );
    }
    await writeFileAtomic(join(root, PROJECT_FILE), serialiseJson(settings));
  } catch (error) {
    // Undo only what this call made: the folder itself if it created it, else its entries.
    if (existed) {
      for (const entry of [PROJECT_FILE, CODEBOOK_FILE, DOCUMENTS_DIR]) {
        await rm(join(root, entry), { recursive: true, force: true });
      }
    } else {
      await rm(root, { recursive: true, force: true });
    }
    throw error;
  }
}

/** Whether `root` exists (and is an empty folder); throws when a project cannot go there. */
async function checkCanInit(root: string): Promise<boolean> {
  let entries: string[];
  try {
    const info = await lstat(root);
    if (!info.isDirectory()) {
      throw new WorkbenchError(
        'conflict',
        `${root} is a file, not a folder; choose another place.`,
      );
    }
    entries = await readdir(root);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  if (entries.includes(PROJECT_FILE)) {
    throw new WorkbenchError(
      'conflict',
      `${root} is already a workbench project; open it instead of creating it again.`,
    );
  }
  if (entries.length > 0) {
    throw new WorkbenchError(
      'conflict',
      `${root} is not empty and is not a workbench project (no ${PROJECT_FILE}). ` +
        'Choose a new or empty folder.',
    );
  }
  return true;
}

async function readCodebookFile(path: string): Promise<Codebook> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new WorkbenchError('not_found', `No codebook at ${path}.`);
    throw new WorkbenchError(
      'invalid_argument',
      `The codebook ${path} cannot be read: ${(error as Error).message}`,
    );
  }
  const parsed = Codebook.safeParse(raw);
  if (!parsed.success) {
    throw new WorkbenchError(
      'invalid_argument',
      `The codebook ${path} is not valid: ${describeZodError(parsed.error)}.`,
    );
  }
  return parsed.data;
}

/** All documents of a corpus folder, or an error listing every file that cannot be imported. */
async function readCorpus(corpusDir: string, importedAt: string): Promise<DocumentRecord[]> {
  const folder = resolve(corpusDir);
  let paths: string[];
  try {
    paths = await listCorpusFolder(folder);
  } catch (error) {
    throw new WorkbenchError(
      'not_found',
      `The corpus folder ${folder} cannot be read: ${(error as Error).message}`,
    );
  }
  const read = await readImportFiles(paths);
  const prepared = prepareImport(read.files, [], importedAt);
  const rejected = [...read.rejected, ...prepared.rejected];
  if (rejected.length > 0) {
    throw new WorkbenchError(
      'invalid_argument',
      `The project was not created: ${rejected.length} file(s) in ${folder} cannot be imported.\n` +
        rejected.map((r) => `  - ${r.message}`).join('\n'),
    );
  }
  if (prepared.documents.length === 0) {
    throw new WorkbenchError(
      'invalid_argument',
      `The corpus folder ${folder} holds no ${SUPPORTED_EXTENSIONS.join(', ')} files.`,
    );
  }
  return prepared.documents;
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
