/**
 * The application menu's actions: native dialogs around the workbench session. The menu's shape
 * lives in shell/menu-template.ts; this file only does what needs Electron. Export… and Import
 * Annotations… open the window's own dialogs (one UI for menu and button); the save dialog an
 * export then needs is `exportTargetChooser`'s.
 */
import {
  app,
  dialog,
  Menu,
  type BrowserWindow,
  type MessageBoxOptions,
  type OpenDialogOptions,
  type SaveDialogOptions,
} from 'electron';
import { MENU_COMMAND_CHANNEL, type MenuCommand } from '../../shared/bridge';
import type { ExportTargetChooser } from '../services/export-handlers';
import type { WorkbenchSession } from '../services/workbench';
import { exportSaveDialog } from '../shell/export-save-dialog';
import { summarizeImport } from '../shell/import-summary';
import { buildMenuTemplate } from '../shell/menu-template';

export interface MenuHost {
  window(): BrowserWindow | null;
  session(): WorkbenchSession | null;
  /** Opens the project in `dir` in place of the current one (main.ts owns the session). */
  openProject(dir: string): Promise<void>;
}

export function installMenu(host: MenuHost, isDevelopment: boolean): void {
  const send = (command: MenuCommand) => {
    host.window()?.webContents.send(MENU_COMMAND_CHANNEL, command);
  };

  const template = buildMenuTemplate(
    {
      openProject: () => void run(host, 'open the project', () => openProject(host)),
      importArticles: () =>
        void run(host, 'import the articles', () =>
          importArticles(host, () => send('documents-changed')),
        ),
      exportDataset: () => send('export'),
      importAnnotations: () => send('import-annotations'),
      undo: () => send('undo'),
      redo: () => send('redo'),
    },
    { platform: process.platform, isDevelopment },
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

/** Runs a menu action; a failure is shown to the person, with the message that says why. */
async function run(host: MenuHost, what: string, action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    await showMessage(host, { type: 'error', message: `Could not ${what}.`, detail });
  }
}

async function openProject(host: MenuHost): Promise<void> {
  const choice = await showOpenDialog(host, {
    title: 'Open Project',
    buttonLabel: 'Open',
    properties: ['openDirectory', 'createDirectory'],
  });
  const dir = choice.filePaths[0];
  if (choice.canceled || dir === undefined) return;
  await host.openProject(dir);
}

async function importArticles(host: MenuHost, documentsChanged: () => void): Promise<void> {
  const session = requireSession(host);
  const choice = await showOpenDialog(host, {
    title: 'Import Articles',
    buttonLabel: 'Import',
    properties: ['openFile', 'multiSelections'],
    filters: [
      {
        name: 'Articles and corpora',
        extensions: ['txt', 'md', 'markdown', 'html', 'htm', 'json', 'jsonl'],
      },
    ],
  });
  if (choice.canceled || choice.filePaths.length === 0) return;
  const report = await session.importPaths(choice.filePaths);
  if (report.imported.length > 0) documentsChanged();
  await showMessage(host, summarizeImport(report));
}

/** The save dialog of the window's Export… (saveExport): where the file or folder goes. */
export function exportTargetChooser(host: Pick<MenuHost, 'window'>): ExportTargetChooser {
  return async ({ name, format }) => {
    const options = exportSaveDialog(format, name, app.getPath('documents'));
    const choice = await showSaveDialog(host, options);
    return choice.canceled || !choice.filePath ? null : choice.filePath;
  };
}

function requireSession(host: MenuHost): WorkbenchSession {
  const session = host.session();
  if (session === null) throw new Error('The project is still opening; try again in a moment.');
  return session;
}

// Dialogs are modal to the app window when there is one (on macOS the menu outlives windows).

function showOpenDialog(host: MenuHost, options: OpenDialogOptions) {
  const window = host.window();
  return window ? dialog.showOpenDialog(window, options) : dialog.showOpenDialog(options);
}

function showSaveDialog(host: Pick<MenuHost, 'window'>, options: SaveDialogOptions) {
  const window = host.window();
  return window ? dialog.showSaveDialog(window, options) : dialog.showSaveDialog(options);
}

async function showMessage(host: MenuHost, options: MessageBoxOptions): Promise<void> {
  const window = host.window();
  const withButton = { ...options, buttons: ['OK'] };
  await (window ? dialog.showMessageBox(window, withButton) : dialog.showMessageBox(withButton));
}
