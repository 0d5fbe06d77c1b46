/**
 * The project folder named on the command line (`annotation-workbench ~/corpora/election`), if
 * any. Pure, so the argv conventions are tested without Electron.
 */

/**
 * `argv` is `process.argv`. A packaged app gets `[exe, ...args]`; an unpackaged one started as
 * `electron <app>` (`process.defaultApp`) gets `[electron, <app>, ...args]`. Switches
 * (`--inspect`, Chromium flags) are skipped; the first remaining argument is the folder.
 */
export function projectDirFromArgv(argv: readonly string[], isDefaultApp: boolean): string | null {
  const args = argv.slice(isDefaultApp ? 2 : 1);
  return args.find((arg) => !arg.startsWith('-') && arg !== '') ?? null;
}
