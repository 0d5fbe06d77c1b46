/**
 * The Electron bridge: what the preload exposes as `window.workbench`, and the IPC channel names
 * the preload and the main process agree on. Shared because the preload may import only
 * src/shared and the renderer must never import the preload.
 *
 * Deliberately free of zod (type-only import of the contract): the sandboxed preload is bundled
 * on its own and should stay a few kilobytes.
 */
import type { MethodName, WorkbenchClient } from './api';

/** Commands the application menu sends to the renderer, which owns undo and the document list. */
export const MENU_COMMANDS = [
  'undo',
  'redo',
  'documents-changed',
  'export',
  'import-annotations',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}

/** `window.workbench`: one named method per API operation, plus the menu subscription. */
export type WorkbenchBridge = WorkbenchClient & {
  /** Calls `listener` for every menu command; returns the function that unsubscribes. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
};

/**
 * Every operation of the contract, spelled out so the preload needs no zod. The mapped type makes
 * the compiler reject a missing or an extra name; bridge.test.ts checks the order-free equality
 * with METHOD_NAMES at run time as well.
 */
const BRIDGE_METHOD_TABLE: { readonly [M in MethodName]: true } = {
  getProject: true,
  setAnnotator: true,
  listDocuments: true,
  getDocument: true,
  getCodebook: true,
  getLayer: true,
  createAnnotation: true,
  updateAnnotation: true,
  deleteAnnotation: true,
  restoreAnnotation: true,
  importDocuments: true,
  exportDataset: true,
  // Statements
  createRelation: true,
  deleteRelation: true,
  setDocumentStatus: true,
  // Actor registry and "annotate all occurrences"
  listEntities: true,
  createEntity: true,
  updateEntity: true,
  deleteEntities: true,
  restoreEntities: true,
  mergeEntities: true,
  unmergeEntities: true,
  findOccurrences: true,
  acceptSuggestions: true,
  retractSuggestions: true,
  // Annotation list and document memo
  listAnnotations: true,
  setDocumentMemo: true,
  // Research exports and annotation imports
  startExport: true,
  exportProgress: true,
  cancelExport: true,
  takeExport: true,
  saveExport: true,
  importAnnotations: true,
  // Review: colleagues' layers, blind mode, adjudication, agreement
  getReviewState: true,
  setReviewOpen: true,
  importLayers: true,
  listReviewDocuments: true,
  getReview: true,
  adjudicate: true,
  setReviewStatus: true,
  restoreCurated: true,
  computeAgreement: true,
  // Codebook editor
  previewCodebookChange: true,
  applyCodebookChange: true,
  saveCodebook: true,
  importCodebook: true,
  exportCodebook: true,
};
export const BRIDGE_METHODS = Object.keys(BRIDGE_METHOD_TABLE) as MethodName[];

/** The IPC channel of one API operation (renderer → main, `ipcRenderer.invoke`). */
export function ipcChannel(method: MethodName): `workbench:${MethodName}` {
  return `workbench:${method}`;
}

/** The one channel on which the main process sends menu commands (main → renderer). */
export const MENU_COMMAND_CHANNEL = 'workbench-menu:command';
