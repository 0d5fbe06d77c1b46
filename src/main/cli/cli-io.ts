/**
 * What every CLI command shares: its output, and the error that means "the command line was
 * wrong" (printed with the usage, exit code 2) rather than "the work failed" (exit code 1).
 */
export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

export class UsageError extends Error {}
