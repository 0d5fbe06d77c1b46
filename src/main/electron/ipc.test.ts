/**
 * The IPC wiring, with Electron replaced by a recording fake (the binary cannot run here): what
 * reaches the workbench handlers, and what a call from a wrong frame gets back.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { METHOD_NAMES, type ProjectInfo, type WorkbenchHandlers } from '../../shared/api';
import { ipcChannel } from '../../shared/bridge';
import { APP_ENTRY_URL, APP_ORIGIN } from '../shell/app-origin';
import type { TrustedWindow } from '../shell/ipc-guard';

type Listener = (event: unknown, args: unknown) => Promise<unknown>;
const registered = new Map<string, Listener>();

vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, listener: Listener) => registered.set(channel, listener),
  },
}));

const { registerIpcHandlers } = await import('./ipc');

const project = { name: 'p', annotator: 'ana' } as ProjectInfo;

function frameEvent(options: { contentsId?: number; url?: string | null; top?: boolean } = {}) {
  const url = options.url === undefined ? APP_ENTRY_URL : options.url;
  return {
    sender: { id: options.contentsId ?? 1 },
    senderFrame: url === null ? null : { url, parent: options.top === false ? {} : null },
  };
}

describe('registerIpcHandlers', () => {
  let handlers: WorkbenchHandlers | null;
  let window: TrustedWindow | null;
  const setAnnotator = vi.fn(async ({ name }: { name: string }) => ({
    ...project,
    annotator: name,
  }));

  beforeEach(() => {
    registered.clear();
    setAnnotator.mockClear();
    handlers = { getProject: async () => project, setAnnotator } as unknown as WorkbenchHandlers;
    window = { webContentsId: 1, appOrigin: APP_ORIGIN };
    registerIpcHandlers({ handlers: () => handlers, trustedWindow: () => window });
  });

  const invoke = (method: string, event: unknown, args: unknown) => {
    const listener = registered.get(ipcChannel(method as never));
    if (!listener) throw new Error(`no handler for ${method}`);
    return listener(event, args);
  };

  it('registers exactly one channel per operation', () => {
    expect([...registered.keys()].sort()).toEqual(METHOD_NAMES.map(ipcChannel).sort());
  });

  it('dispatches a call from the app window to the session, validating the argument', async () => {
    expect(await invoke('getProject', frameEvent(), {})).toEqual({ ok: true, value: project });
    expect(await invoke('setAnnotator', frameEvent(), { name: 'ben' })).toEqual({
      ok: true,
      value: { ...project, annotator: 'ben' },
    });
    const bad = await invoke('setAnnotator', frameEvent(), { name: '../../etc' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    expect(setAnnotator).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['another window', frameEvent({ contentsId: 2 })],
    ['a subframe', frameEvent({ top: false })],
    ['a page from the web', frameEvent({ url: 'https://example.org/' })],
    ['a vanished frame', frameEvent({ url: null })],
  ])(
    'refuses a call from %s with an error value, never reaching the session',
    async (_n, event) => {
      const result = await invoke('setAnnotator', event, { name: 'mallory' });
      expect(result).toEqual({
        ok: false,
        error: {
          code: 'invalid_argument',
          message: 'setAnnotator: refused a call from outside the app.',
        },
      });
      expect(setAnnotator).not.toHaveBeenCalled();
    },
  );

  it('refuses a frame whose properties throw (disposed mid-call) instead of throwing', async () => {
    const event = {
      sender: { id: 1 },
      get senderFrame(): never {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    };
    expect(await invoke('getProject', event, {})).toMatchObject({ ok: false });
  });

  it('answers "unavailable" while no project is open, and refuses everything without a window', async () => {
    handlers = null;
    expect(await invoke('getProject', frameEvent(), {})).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
    window = null;
    expect(await invoke('getProject', frameEvent(), {})).toMatchObject({
      ok: false,
      error: { code: 'invalid_argument' },
    });
  });
});
