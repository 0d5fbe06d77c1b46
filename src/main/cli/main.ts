/**
 * Command line: the same services as the app, without Electron.
 *   npm run cli -- <command> [options]
 * Every failure prints one message a person can act on and exits non-zero, having changed nothing.
 */
import { runCli } from './commands';

const code = await runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
});
if (code !== null) process.exitCode = code;
