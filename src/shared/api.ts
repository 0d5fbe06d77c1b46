/**
 * The API contract: every operation the UI may ask of the main side, with zod schemas for its
 * argument and its result. The IPC handlers, the preload, the HTTP transport and the renderer's
 * client are all derived from this one table, so a method exists everywhere or nowhere.
 *
 * Errors cross the boundary as values (`ApiResult`), with a message a person can act on.
 */
import { z } from 'zod';
import {
  Annotation,
  AnnotatorName,
  AttributeValue,
  Attributes,
  Codebook,
  DocStatus,
  DocumentMeta,
  DocumentRecord,
  Id,
  Relation,
} from './model';

export const ProjectInfo = z.object({
  name: z.string(),
  /** Absolute folder of the project. */
  path: z.string(),
  /** Who is annotating; null until the person has confirmed a name. */
  annotator: AnnotatorName.nullable(),
  /** Suggested name (the OS user, made safe as a folder name). */
  suggestedAnnotator: AnnotatorName,
  /** Things the person must know, e.g. a file recovered from its backup. */
  warnings: z.array(z.string()),
  /** How the UI is connected: a desktop window, or a browser tab talking to `serve`. */
  shell: z.enum(['electron', 'browser']),
});
export type ProjectInfo = z.infer<typeof ProjectInfo>;

export const DocumentSummary = z.object({
  id: Id,
  title: z.string(),
  meta: DocumentMeta,
  /** Length of the text in UTF-16 code units. */
  length: z.number().int().nonnegative(),
  /** Spans in the current annotator's layer. */
  annotationCount: z.number().int().nonnegative(),
  status: DocStatus,
});
export type DocumentSummary = z.infer<typeof DocumentSummary>;

export const Layer = z.object({
  doc: Id,
  annotator: AnnotatorName,
  status: DocStatus,
  memo: z.string(),
  annotations: z.array(Annotation),
  relations: z.array(Relation),
});
export type Layer = z.infer<typeof Layer>;

/** What the UI sends to create a span. The store fills in quote/context, times and annotator. */
export const AnnotationDraft = z.object({
  doc: Id,
  label: z.string().min(1),
  start: z.number().int().nonnegative(),
  end: z.number().int().positive(),
  attributes: Attributes.default({}),
  /** Set only when re-creating a deleted span (undo): the same id comes back. */
  id: Id.optional(),
});
export type AnnotationDraft = z.input<typeof AnnotationDraft>;

export const AnnotationPatch = z
  .object({
    label: z.string().min(1),
    start: z.number().int().nonnegative(),
    end: z.number().int().positive(),
    attributes: z.record(z.string(), AttributeValue),
    entity: Id.nullable(),
    note: z.string(),
  })
  .partial();
export type AnnotationPatch = z.infer<typeof AnnotationPatch>;

export const ImportFile = z.object({
  /** Base name, used for the format (by extension) and for messages. */
  name: z.string().min(1).max(255),
  content: z.string(),
});

export const ImportReport = z.object({
  imported: z.array(DocumentSummary),
  /** Files that were not imported, each with the reason. */
  rejected: z.array(z.object({ file: z.string(), message: z.string() })),
});
export type ImportReport = z.infer<typeof ImportReport>;

export const ExportFormat = z.enum(['json']);
export type ExportFormat = z.infer<typeof ExportFormat>;

export const ExportResult = z.object({
  fileName: z.string(),
  mediaType: z.string(),
  content: z.string(),
});
export type ExportResult = z.infer<typeof ExportResult>;

const Empty = z.object({}).strict();

function method<A extends z.ZodType, R extends z.ZodType>(args: A, result: R) {
  return { args, result };
}

export const api = {
  getProject: method(Empty, ProjectInfo),
  setAnnotator: method(z.object({ name: AnnotatorName }).strict(), ProjectInfo),
  listDocuments: method(Empty, z.array(DocumentSummary)),
  getDocument: method(z.object({ id: Id }).strict(), DocumentRecord),
  getCodebook: method(Empty, Codebook),
  getLayer: method(z.object({ doc: Id }).strict(), Layer),
  createAnnotation: method(AnnotationDraft.strict(), Annotation),
  updateAnnotation: method(
    z.object({ doc: Id, id: Id, patch: AnnotationPatch.strict() }).strict(),
    Annotation,
  ),
  deleteAnnotation: method(
    z.object({ doc: Id, id: Id }).strict(),
    /** The removed span and the relations removed with it, so that undo can restore them. */
    z.object({ annotation: Annotation, relations: z.array(Relation) }),
  ),
  restoreAnnotation: method(
    z.object({ annotation: Annotation, relations: z.array(Relation) }).strict(),
    Annotation,
  ),
  importDocuments: method(
    z.object({ files: z.array(ImportFile).min(1).max(500) }).strict(),
    ImportReport,
  ),
  exportDataset: method(z.object({ format: ExportFormat }).strict(), ExportResult),
} as const;

export type Api = typeof api;
export type MethodName = keyof Api;
export const METHOD_NAMES = Object.keys(api) as MethodName[];
export type ArgsOf<M extends MethodName> = z.input<Api[M]['args']>;
export type ResultOf<M extends MethodName> = z.output<Api[M]['result']>;

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(api, name);
}

// ---------------------------------------------------------------------------------------------
// Results as values

export const ErrorCode = z.enum([
  'invalid_argument',
  'not_found',
  'conflict',
  'unavailable',
  'io',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ApiError = z.object({ code: ErrorCode, message: z.string() });
export type ApiError = z.infer<typeof ApiError>;

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Thrown inside services; transports turn it into `{ ok: false, error }`. */
export class WorkbenchError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'WorkbenchError';
  }
}

/** The client-side interface: one async function per method. */
export type WorkbenchClient = {
  [M in MethodName]: (args: ArgsOf<M>) => Promise<ApiResult<ResultOf<M>>>;
};

/** The server-side interface the services implement. */
export type WorkbenchHandlers = {
  [M in MethodName]: (args: z.output<Api[M]['args']>) => Promise<ResultOf<M>>;
};

/** Describes a zod failure in one sentence a person can act on. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const where = issue.path.length ? issue.path.join('.') : 'value';
      return `${where}: ${issue.message}`;
    })
    .join('; ');
}

/**
 * Validates the argument, runs the handler, validates the result: the one place where
 * both transports turn calls into values. Unknown failures become `internal` errors whose
 * message is kept (the person sees what went wrong), never a crash of the transport.
 */
export async function dispatch(
  handlers: WorkbenchHandlers,
  name: string,
  rawArgs: unknown,
): Promise<ApiResult<unknown>> {
  if (!isMethodName(name)) {
    return { ok: false, error: { code: 'not_found', message: `No such operation: ${name}` } };
  }
  const parsed = api[name].args.safeParse(rawArgs ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      error: {
        code: 'invalid_argument',
        message: `${name}: ${describeZodError(parsed.error)}`,
      },
    };
  }
  try {
    const handler = handlers[name] as (args: unknown) => Promise<unknown>;
    const value = await handler(parsed.data);
    return { ok: true, value };
  } catch (error) {
    if (error instanceof WorkbenchError) {
      return { ok: false, error: { code: error.code, message: error.message } };
    }
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: 'internal', message: `${name} failed: ${message}` } };
  }
}
