/**
 * The options of the app window, as plain data (structurally Electron's
 * BrowserWindowConstructorOptions) so the security settings are tested without Electron.
 */

export interface SecureWebPreferences {
  preload: string;
  /** The renderer is an ordinary Chromium sandboxed process; the preload gets no Node. */
  sandbox: true;
  /** The preload's world is separate from the page's; only contextBridge crosses. */
  contextIsolation: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webviewTag: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  /** No experimental Blink features, no navigation to arbitrary files by drag and drop. */
  experimentalFeatures: false;
  navigateOnDragDrop: false;
  /**
   * Articles are read, not written: squiggles would only clutter them, and the spellchecker
   * downloads dictionaries from a Google CDN on first use.
   */
  spellcheck: false;
}

export interface WindowOptions {
  title: string;
  /** Logical pixels. */
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  /** Shown on 'ready-to-show', so the person never sees an empty white window. */
  show: false;
  backgroundColor: string;
  webPreferences: SecureWebPreferences;
}

export const WINDOW_TITLE = 'Annotation Workbench';

/** `preloadPath` is the absolute path of the built preload (out/preload/index.cjs). */
export function createWindowOptions(preloadPath: string): WindowOptions {
  return {
    title: WINDOW_TITLE,
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 500,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}
