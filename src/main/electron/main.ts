/**
 * The Electron entry point: one instance, one window, one open project. Everything with a rule
 * in it (policies, menu shape, argv, guards) lives in ../shell and is tested without Electron;
 * this file only wires those rules to Electron's objects and the workbench session.
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, protocol, session as electronSession } from 'electron';
import { bundledCodebookPath, bundledCorpusDir, ensureDefaultProject } from '../project/bundled';
import { openWorkbench, type WorkbenchSession } from '../services/workbench';
import { APP_ENTRY_URL, APP_ORIGIN, originOf } from '../shell/app-origin';
import { projectDirFromArgv } from '../shell/argv';
import { contentSecurityPolicy } from '../shell/csp';
import { createWindowOptions } from '../shell/window-options';
import { APP_SCHEME_PRIVILEGES, registerAppProtocol } from './app-protocol';
import { registerIpcHandlers } from './ipc';
import { exportTargetChooser, installMenu } from './menu';
import { hardenSession, hardenWebContents } from './security';

/** out/main → the built preload and renderer beside it. */
const outDir = fileURLToPath(new URL('..', import.meta.url));
const preloadPath = join(outDir, 'preload', 'index.cjs');
const rendererDir = join(outDir, 'renderer');

const isDevelopment = !app.isPackaged;
/** electron-vite dev sets this to its dev server; a packaged app never uses it. */
const devServerUrl = isDevelopment ? process.env.ELECTRON_RENDERER_URL : undefined;
const devServerOrigin = devServerUrl === undefined ? undefined : originOf(devServerUrl);
if (devServerOrigin === null) {
  throw new Error(`ELECTRON_RENDERER_URL is not an http(s) URL: ${devServerUrl}`);
}
const appOrigin = devServerOrigin ?? APP_ORIGIN;
const entryUrl = devServerUrl ?? APP_ENTRY_URL;
const policy = contentSecurityPolicy({ devServerOrigin });

let session: WorkbenchSession | null = null;
let window: BrowserWindow | null = null;
/** Export… in the window saves through the main process's save dialog. */
const chooseExportTarget = exportTargetChooser({ window: () => window });

// Before `ready`: every renderer sandboxed, whatever its webPreferences say; our scheme privileged.
app.enableSandbox();
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

if (app.requestSingleInstanceLock()) {
  app.on('second-instance', focusWindow);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, appOrigin));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (window === null && session !== null) createWindow();
  });
  app.on('will-quit', closeSessionBeforeQuit);
  app.whenReady().then(start).catch(failToStart);
} else {
  // Another instance owns the project files (one writer); it gets focused instead.
  app.quit();
}

async function start(): Promise<void> {
  hardenSession(electronSession.defaultSession, policy);
  registerAppProtocol(rendererDir, policy);
  registerIpcHandlers({
    handlers: () => session?.handlers ?? null,
    trustedWindow: () => window && { webContentsId: window.webContents.id, appOrigin },
  });
  installMenu({ window: () => window, session: () => session, openProject }, isDevelopment);

  const settingsDir = app.getPath('userData');
  const requested = projectDirFromArgv(process.argv, process.defaultApp);
  // Packaged, corpus/ and resources/ are extraResources; unpackaged, they are in the repository.
  const bundledBase = app.isPackaged ? process.resourcesPath : undefined;
  const projectDir =
    requested === null
      ? await ensureDefaultProject(
          settingsDir,
          bundledCorpusDir(bundledBase),
          bundledCodebookPath(bundledBase),
        )
      : resolve(requested);
  session = await openWorkbench({ projectDir, settingsDir, shell: 'electron', chooseExportTarget });
  createWindow();
}

function createWindow(): void {
  const created = new BrowserWindow(createWindowOptions(preloadPath));
  window = created;
  created.once('ready-to-show', () => created.show());
  created.on('closed', () => {
    if (window === created) window = null;
  });
  created.loadURL(entryUrl).catch(failToStart);
}

function focusWindow(): void {
  if (window === null) return;
  if (window.isMinimized()) window.restore();
  window.focus();
}

/** File → Open Project: the new project is opened before the old one is let go. */
async function openProject(dir: string): Promise<void> {
  const next = await openWorkbench({
    projectDir: resolve(dir),
    settingsDir: app.getPath('userData'),
    shell: 'electron',
    chooseExportTarget,
  });
  const previous = session;
  session = next;
  // The renderer starts over on the new project (its undo history belongs to the old one).
  if (window === null) createWindow();
  else window.webContents.reload();
  try {
    await previous?.close();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Opened ${next.projectDir}, but closing the previous project failed: ${message}`,
      { cause: error },
    );
  }
}

/** Quitting waits for the session to finish its writes: no annotation is lost on the way out. */
function closeSessionBeforeQuit(event: Electron.Event): void {
  const closing = session;
  if (closing === null) return;
  event.preventDefault();
  session = null;
  closing
    .close()
    .catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      dialog.showErrorBox('Some changes could not be saved', message);
    })
    .finally(() => app.quit());
}

function failToStart(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  dialog.showErrorBox('Annotation Workbench could not start', message);
  app.exit(1);
}
