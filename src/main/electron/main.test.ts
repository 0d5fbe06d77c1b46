/**
 * The composition root, run against a recording fake of Electron (the binary cannot run here)
 * and a fake workbench session: start-up order, the window, IPC reaching the open project,
 * File → Open Project, and quitting only after the session has closed.
 */
import { EventEmitter } from 'node:events';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { WorkbenchSession } from '../services/workbench';
import { APP_ENTRY_URL, APP_SCHEME } from '../shell/app-origin';

// ---- fake Electron ----------------------------------------------------------------------------

class FakeWebContents extends EventEmitter {
  readonly id = 41;
  readonly send = vi.fn();
  readonly reload = vi.fn();
}

class FakeBrowserWindow extends EventEmitter {
  static created: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly show = vi.fn();
  readonly loadURL = vi.fn(async () => {});
  constructor(readonly options: { webPreferences: Record<string, unknown> }) {
    super();
    FakeBrowserWindow.created.push(this);
  }
}

const app = Object.assign(new EventEmitter(), {
  isPackaged: false,
  enableSandbox: vi.fn(),
  requestSingleInstanceLock: vi.fn(() => true),
  whenReady: () => Promise.resolve(),
  getPath: (name: string) => `/fake/${name}`,
  quit: vi.fn(),
  exit: vi.fn(),
});
const ipcHandlers = new Map<string, (event: unknown, args: unknown) => Promise<unknown>>();
type MenuItem = { label?: string; click?: () => void; submenu?: MenuItem[] };
let menu: MenuItem[] = [];
const dialog = {
  showOpenDialog: vi.fn(),
  showSaveDialog: vi.fn(),
  showMessageBox: vi.fn(async () => ({ response: 0 })),
  showErrorBox: vi.fn(),
};
const protocol = { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() };

vi.mock('electron', () => ({
  app,
  BrowserWindow: FakeBrowserWindow,
  dialog,
  protocol,
  ipcMain: { handle: (channel: string, f: never) => ipcHandlers.set(channel, f) },
  Menu: {
    buildFromTemplate: (template: MenuItem[]) => template,
    setApplicationMenu: (template: MenuItem[]) => (menu = template),
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      webRequest: { onHeadersReceived: vi.fn() },
    },
  },
  shell: { openExternal: vi.fn() },
}));

// ---- fake workbench ---------------------------------------------------------------------------

const sessions: Array<WorkbenchSession & { close: ReturnType<typeof vi.fn> }> = [];
const openWorkbench = vi.fn(async ({ projectDir }: { projectDir: string }) => {
  const session = {
    projectDir,
    handlers: { getProject: async () => ({ path: projectDir }) },
    importPaths: vi.fn(),
    exportTo: vi.fn(),
    close: vi.fn(async () => {}),
  } as unknown as WorkbenchSession & { close: ReturnType<typeof vi.fn> };
  sessions.push(session);
  return session;
});
vi.mock('../services/workbench', () => ({ openWorkbench }));
vi.mock('../project/bundled', () => ({
  ensureDefaultProject: async (userData: string) => `${userData}/projects/default`,
  bundledCorpusDir: () => '/bundle/corpus',
  bundledCodebookPath: () => '/bundle/resources/codebook.default.json',
}));

// ---- start the app ----------------------------------------------------------------------------

const savedArgv = process.argv;
const savedDefaultApp = (process as { defaultApp?: boolean }).defaultApp;
process.argv = ['/usr/bin/electron', '.'];
(process as { defaultApp?: boolean }).defaultApp = true;
delete process.env.ELECTRON_RENDERER_URL;
await import('./main');
await vi.waitFor(() => expect(FakeBrowserWindow.created).toHaveLength(1));
const window = FakeBrowserWindow.created[0]!;

afterAll(() => {
  process.argv = savedArgv;
  (process as { defaultApp?: boolean }).defaultApp = savedDefaultApp;
});

function menuItem(label: string): MenuItem {
  const all = (items: MenuItem[]): MenuItem[] =>
    items.flatMap((item) => [item, ...all(item.submenu ?? [])]);
  const item = all(menu).find((candidate) => candidate.label === label);
  if (!item) throw new Error(`no menu item ${label}`);
  return item;
}

const fromWindow = { sender: { id: 41 }, senderFrame: { url: APP_ENTRY_URL, parent: null } };

describe('the Electron main process', () => {
  it('sandboxes every renderer and privileges its scheme before the app is ready', () => {
    expect(app.enableSandbox).toHaveBeenCalled();
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({ scheme: APP_SCHEME }),
    ]);
    expect(protocol.handle).toHaveBeenCalledWith(APP_SCHEME, expect.any(Function));
  });

  it('opens the default project and shows the app in a sandboxed window once painted', async () => {
    expect(openWorkbench).toHaveBeenCalledWith({
      projectDir: '/fake/userData/projects/default',
      settingsDir: '/fake/userData',
      shell: 'electron',
      chooseExportTarget: expect.any(Function),
    });
    expect(window.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    });
    expect(String(window.options.webPreferences.preload)).toMatch(/[/\\]preload[/\\]index\.cjs$/);
    expect(window.loadURL).toHaveBeenCalledWith(APP_ENTRY_URL);
    expect(window.show).not.toHaveBeenCalled();
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalled();
  });

  it('answers IPC from the window with the open project', async () => {
    const getProject = ipcHandlers.get('workbench:getProject')!;
    expect(await getProject(fromWindow, {})).toEqual({
      ok: true,
      value: { path: '/fake/userData/projects/default' },
    });
  });

  it('File → Open Project opens the new project, reloads the renderer, closes the old one', async () => {
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/data/election'] });
    menuItem('Open Project…').click?.();
    await vi.waitFor(() => expect(sessions).toHaveLength(2));
    await vi.waitFor(() => expect(sessions[0]!.close).toHaveBeenCalled());
    expect(window.webContents.reload).toHaveBeenCalled();
    const getProject = ipcHandlers.get('workbench:getProject')!;
    expect(await getProject(fromWindow, {})).toEqual({
      ok: true,
      value: { path: '/data/election' },
    });
  });

  it('File → Export… and Import Annotations… open the dialogs of the window', () => {
    menuItem('Export…').click?.();
    menuItem('Import Annotations…').click?.();
    expect(window.webContents.send).toHaveBeenCalledWith('workbench-menu:command', 'export');
    expect(window.webContents.send).toHaveBeenCalledWith(
      'workbench-menu:command',
      'import-annotations',
    );
  });

  it('saves an export where the person chooses in the save dialog, modal to the window', async () => {
    const chooser = openWorkbench.mock.calls[0]![0] as unknown as {
      chooseExportTarget: (r: unknown) => Promise<string | null>;
    };
    const { exportFormatInfo } = await import('../../shared/formats/export-formats');
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: '/data/out-brat' });
    const path = await chooser.chooseExportTarget({
      name: 'project-brat',
      format: exportFormatInfo('brat'),
    });
    expect(path).toBe('/data/out-brat');
    expect(dialog.showSaveDialog).toHaveBeenCalledWith(
      window,
      expect.objectContaining({
        defaultPath: '/fake/documents/project-brat',
        nameFieldLabel: 'Folder name',
      }),
    );
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    expect(
      await chooser.chooseExportTarget({ name: 'p.json', format: exportFormatInfo('json') }),
    ).toBeNull();
  });

  it('Edit → Undo is forwarded to the renderer', () => {
    menuItem('Undo').click?.();
    expect(window.webContents.send).toHaveBeenCalledWith('workbench-menu:command', 'undo');
  });

  it('quits only after the open session has closed', async () => {
    const event = { preventDefault: vi.fn() };
    app.emit('will-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(sessions[1]!.close).toHaveBeenCalled();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalled());

    // The second will-quit (from app.quit) goes through.
    const again = { preventDefault: vi.fn() };
    app.emit('will-quit', again);
    expect(again.preventDefault).not.toHaveBeenCalled();
  });
});
