/**
 * The application menu as plain data (structurally Electron's MenuItemConstructorOptions[]), so
 * its shape — which items exist in production, which shortcuts the renderer keeps — is tested
 * without Electron. src/main/electron/menu.ts supplies the actions and builds the real menu.
 */

/** The Electron menu roles this menu uses: behaviour Electron implements natively. */
export type MenuRole =
  | 'appMenu'
  | 'windowMenu'
  | 'quit'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'selectAll'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'reload'
  | 'forceReload'
  | 'toggleDevTools';

export interface MenuItemSpec {
  label?: string;
  role?: MenuRole;
  type?: 'separator';
  accelerator?: string;
  /**
   * False shows the shortcut in the menu without capturing the keystroke, so the key reaches the
   * renderer, which handles it (and text fields keep their own undo).
   */
  registerAccelerator?: boolean;
  click?: () => void;
  submenu?: MenuItemSpec[];
}

export interface MenuActions {
  openProject(): void;
  importArticles(): void;
  /** Opens the window's Export dialog. */
  exportDataset(): void;
  /** Opens the window's Import annotations dialog. */
  importAnnotations(): void;
  undo(): void;
  redo(): void;
}

export interface MenuContext {
  /** `process.platform`: macOS puts Quit in the application menu and wants a Window menu. */
  platform: string;
  /** Reload and developer tools exist only in development. */
  isDevelopment: boolean;
}

const separator: MenuItemSpec = { type: 'separator' };
const quit: MenuItemSpec = { role: 'quit' };

export function buildMenuTemplate(actions: MenuActions, context: MenuContext): MenuItemSpec[] {
  const mac = context.platform === 'darwin';

  const file: MenuItemSpec = {
    label: 'File',
    submenu: [
      { label: 'Open Project…', accelerator: 'CmdOrCtrl+O', click: actions.openProject },
      { label: 'Import Articles…', click: actions.importArticles },
      { label: 'Import Annotations…', click: actions.importAnnotations },
      { label: 'Export…', click: actions.exportDataset },
      ...(mac ? [] : [separator, quit]),
    ],
  };

  // Undo belongs to the renderer (it holds the command history), so the items only forward.
  const edit: MenuItemSpec = {
    label: 'Edit',
    submenu: [
      {
        label: 'Undo',
        accelerator: 'CmdOrCtrl+Z',
        registerAccelerator: false,
        click: actions.undo,
      },
      {
        label: 'Redo',
        accelerator: 'CmdOrCtrl+Shift+Z',
        registerAccelerator: false,
        click: actions.redo,
      },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };

  const developerItems: MenuItemSpec[] = context.isDevelopment
    ? [separator, { role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }]
    : [];
  const view: MenuItemSpec = {
    label: 'View',
    submenu: [
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
      ...developerItems,
    ],
  };

  return mac ? [{ role: 'appMenu' }, file, edit, view, { role: 'windowMenu' }] : [file, edit, view];
}
