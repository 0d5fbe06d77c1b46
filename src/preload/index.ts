/**
 * The preload: exposes `window.workbench`, one named function per API operation and the menu
 * subscription — never ipcRenderer itself or a generic `invoke(channel)`, so a compromised page
 * can do exactly what the UI can do and no more. Runs sandboxed, bundled as CommonJS.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { WorkbenchClient } from '../shared/api';
import {
  BRIDGE_METHODS,
  MENU_COMMAND_CHANNEL,
  ipcChannel,
  isMenuCommand,
  type MenuCommand,
  type WorkbenchBridge,
} from '../shared/bridge';

const operations = Object.fromEntries(
  BRIDGE_METHODS.map((method) => {
    const channel = ipcChannel(method);
    // Exactly one argument crosses, whatever the page passes; the main side validates it.
    return [method, (args: unknown) => ipcRenderer.invoke(channel, args)];
  }),
) as WorkbenchClient;

const bridge: WorkbenchBridge = {
  ...operations,
  onMenuCommand(listener: (command: MenuCommand) => void): () => void {
    // The page never sees the IPC event (it holds `sender`, i.e. ipcRenderer).
    const forward = (_event: IpcRendererEvent, command: unknown) => {
      if (isMenuCommand(command)) listener(command);
    };
    ipcRenderer.on(MENU_COMMAND_CHANNEL, forward);
    return () => {
      ipcRenderer.off(MENU_COMMAND_CHANNEL, forward);
    };
  },
};

contextBridge.exposeInMainWorld('workbench', bridge);
