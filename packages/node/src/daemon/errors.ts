/** Typed errors of the daemon (lifecycle, log records). */
import { BaseError } from '@interfold/ring';

export class DaemonError extends BaseError {
  override name = 'DaemonError';
}

/** A start step failed (store, keystore, chain, network, http); `details` names the step. */
export class StartupError extends DaemonError {
  override name = 'StartupError';
}

/** A record of this node's own E3 log does not decode (corruption or a format change). */
export class LogRecordError extends DaemonError {
  override name = 'LogRecordError';
}

/** A program module named in the config cannot be imported, lacks `createProgram`, or returns no valid Program. */
export class ProgramModuleError extends StartupError {
  override name = 'ProgramModuleError';
}
