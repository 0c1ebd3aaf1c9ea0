/**
 * Exit codes of `e3` (docs/CLI.md lists them). Distinct per cause so scripts can branch:
 * a usage mistake is fixed by the caller, an RPC failure by retrying or fixing the URL, a revert
 * by reading its reason, a configuration problem by fixing a file.
 */
export const ExitCode = {
  Ok: 0,
  /** A bug or an error no other code describes. */
  Internal: 1,
  /** Unknown command or flag, missing or malformed value. */
  Usage: 2,
  /** The RPC endpoint does not answer, answers for another chain, or the request failed in transit. */
  Network: 3,
  /** A transaction or call reverted on chain (the decoded custom error is printed). */
  Revert: 4,
  /** A file the command needs (deployment, keystore, config, password) is missing or malformed. */
  Config: 5,
  /** The E3 failed on chain, or its result is not the expected one. */
  E3Failed: 6,
  /** A wait (stage, result, daemon start) ran past its limit. */
  Timeout: 7,
  /** The E3 is not yet in the stage the command needs (no key yet, no result yet). */
  NotReady: 8,
  /** Stopped by SIGINT / SIGTERM (128 + SIGINT). */
  Interrupted: 130,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
