/**
 * Typed errors of the CLI, on the shared BaseError (short message, details, cause), each with
 * its exit code and a hint that says what to do. classify.ts maps foreign errors onto them.
 */
import { BaseError, type BaseErrorOptions } from '@interfold/ring';
import { ExitCode } from './exitCodes.js';

export type CliErrorOptions = BaseErrorOptions & {
  /** What the user should do about it (printed after the message). */
  hint?: string;
};

export class CliError extends BaseError {
  override name = 'CliError';
  readonly exitCode: ExitCode = ExitCode.Internal;
  readonly hint: string | undefined;
  constructor(shortMessage: string, options: CliErrorOptions = {}) {
    super(shortMessage, options);
    this.hint = options.hint;
  }
}

/** Bad command line: unknown command or flag, missing or malformed value. */
export class UsageError extends CliError {
  override name = 'UsageError';
  override readonly exitCode = ExitCode.Usage;
}

/** The RPC endpoint is unreachable, slow, or serves another chain. */
export class NetworkError extends CliError {
  override name = 'NetworkError';
  override readonly exitCode = ExitCode.Network;
}

/** A transaction or call reverted; `errorName` is the decoded custom error when known. */
export class RevertError extends CliError {
  override name = 'RevertError';
  override readonly exitCode = ExitCode.Revert;
}

/** A file the command needs is missing or malformed. */
export class ConfigError extends CliError {
  override name = 'ConfigError';
  override readonly exitCode = ExitCode.Config;
}

/** The E3 failed on chain, or its result differs from the expected one. */
export class E3FailedError extends CliError {
  override name = 'E3FailedError';
  override readonly exitCode = ExitCode.E3Failed;
}

/** A wait ran past its limit. */
export class WaitTimeoutError extends CliError {
  override name = 'WaitTimeoutError';
  override readonly exitCode = ExitCode.Timeout;
}

/** The E3 is not yet where the command needs it (no key, no result): wait, or use --wait. */
export class NotReadyError extends CliError {
  override name = 'NotReadyError';
  override readonly exitCode = ExitCode.NotReady;
}

/** SIGINT or SIGTERM arrived; everything started has been stopped. */
export class InterruptedError extends CliError {
  override name = 'InterruptedError';
  override readonly exitCode = ExitCode.Interrupted;
}

/** The text printed on stderr for an error: message, details, hint (and the stack when E3_DEBUG=1). */
export function formatError(e: CliError, debug = process.env.E3_DEBUG === '1'): string {
  const lines = [`error: ${e.shortMessage}`];
  if (e.details) lines.push(`  ${e.details.split('\n').join('\n  ')}`);
  if (e.hint) lines.push(`  → ${e.hint}`);
  if (debug) {
    let cur: unknown = e;
    while (cur instanceof Error) {
      lines.push(cur.stack ?? String(cur));
      cur = cur.cause;
    }
  }
  return lines.join('\n');
}
