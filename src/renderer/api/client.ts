/**
 * The renderer's one way to reach the main side. In Electron that is `window.workbench` (the
 * preload's bridge over IPC); in browser mode it is the loopback HTTP server of `serve`, which
 * wants the per-run token that arrived in the URL fragment (`#token=…`).
 *
 * Either way every call resolves to an ApiResult: failures are values with a message a person can
 * act on, including "the server is gone".
 */
import {
  METHOD_NAMES,
  type ApiResult,
  type MethodName,
  type WorkbenchClient,
} from '../../shared/api';
import type { MenuCommand, WorkbenchBridge } from '../../shared/bridge';

export type RendererClient = WorkbenchClient & {
  /** Menu commands from the Electron shell; browser mode has no menu, so nothing ever arrives. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
};

/** The parts of `window` the client uses, so tests can supply their own. */
export interface ClientHost {
  workbench?: WorkbenchBridge;
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState' | 'state'>;
  sessionStorage: Pick<Storage, 'getItem' | 'setItem'>;
  fetch: typeof fetch;
}

/** Survives reloads of the tab (the fragment is gone after the first load), not the tab itself. */
const TOKEN_STORAGE_KEY = 'workbench.token';

export function createClient(host: ClientHost = window): RendererClient {
  return host.workbench ?? createHttpClient(host);
}

function createHttpClient(host: ClientHost): RendererClient {
  const token = takeToken(host);
  const call = async (method: MethodName, args: unknown): Promise<ApiResult<unknown>> => {
    let response: Response;
    try {
      response = await host.fetch(`/api/${method}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(args ?? {}),
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return unavailable(
        `The workbench server is not reachable: ${reason}. Is serve still running?`,
      );
    }
    const body: unknown = await response.json().catch(() => null);
    return isApiResult(body)
      ? body
      : unavailable(`The workbench server gave no result for ${method} (HTTP ${response.status}).`);
  };

  const operations = Object.fromEntries(
    METHOD_NAMES.map((method) => [method, (args: unknown) => call(method, args)]),
  ) as WorkbenchClient;
  return { ...operations, onMenuCommand: () => () => {} };
}

/**
 * The token from `#token=…`, remembered in sessionStorage and removed from the address bar (so
 * it is not bookmarked, shared in a screenshot or kept in history), or the one remembered from
 * an earlier load of this tab. A fresh fragment wins: it comes from the server now running.
 */
function takeToken(host: ClientHost): string {
  const fromHash = new URLSearchParams(host.location.hash.replace(/^#/, '')).get('token');
  if (fromHash) {
    host.sessionStorage.setItem(TOKEN_STORAGE_KEY, fromHash);
    host.history.replaceState(
      host.history.state,
      '',
      host.location.pathname + host.location.search,
    );
    return fromHash;
  }
  return host.sessionStorage.getItem(TOKEN_STORAGE_KEY) ?? '';
}

function unavailable(message: string): ApiResult<never> {
  return { ok: false, error: { code: 'unavailable', message } };
}

function isApiResult(value: unknown): value is ApiResult<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  if (value.ok === true) return 'value' in value;
  return (
    value.ok === false &&
    'error' in value &&
    typeof value.error === 'object' &&
    value.error !== null &&
    'message' in value.error &&
    typeof value.error.message === 'string'
  );
}
