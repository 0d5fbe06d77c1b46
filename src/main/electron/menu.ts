/**
 * The application menu's actions: native dialogs around the workbench session. The menu's shape
 * lives in shell/menu-template.ts; this file only does what needs Electron.
 */
import { basename, join } from 'node:path';
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
import type { WorkbenchSession } from '../services/workbench';
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
      exportDataset: () => void run(host, 'export the dataset', () => exportDataset(host)),
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

async function exportDataset(host: MenuHost): Promise<void> {
  const session = requireSession(host);
  const choice = await showSaveDialog(host, {
    title: 'Export Dataset',
    defaultPath: join(app.getPath('documents'), `${basename(session.projectDir)}.json`),
    filters: [{ name: 'Workbench dataset (JSON)', extensions: ['json'] }],
  });
  if (choice.canceled || choice.filePath === undefined || choice.filePath === '') return;
  await session.exportToFile('json', choice.filePath);
  await showMessage(host, {
    type: 'info',
    message: 'Exported the dataset.',
    detail: choice.filePath,
  });
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

function showSaveDialog(host: MenuHost, options: SaveDialogOptions) {
  const window = host.window();
  return window ? dialog.showSaveDialog(window, options) : dialog.showSaveDialog(options);
}

async function showMessage(host: MenuHost, options: MessageBoxOptions): Promise<void> {
  const window = host.window();
  const withButton = { ...options, buttons: ['OK'] };
  await (window ? dialog.showMessageBox(window, withButton) : dialog.showMessageBox(withButton));
}
