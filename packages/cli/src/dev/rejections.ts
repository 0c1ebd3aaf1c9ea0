/**
 * Who decides what an unhandled promise rejection does in the `e3` process: the CLI. solc-js
 * (loaded lazily by the circuits and contracts packages) installs a handler that rethrows, which
 * kills the process on the first stray rejection — e.g. bb.js's own connection attempt that the
 * circuits package already retried after a slow native start on a loaded machine — and skips every
 * cleanup. The CLI replaces it: a stray rejection is printed as a warning; real failures still
 * reach the awaited call that caused them.
 */
let out: NodeJS.WritableStream = process.stderr;

const onUnhandled = (reason: unknown): void => {
  const msg = reason instanceof Error ? reason.message : String(reason);
  out.write(`warning: a background task failed (ignored): ${msg.split('\n')[0]}\n`);
};

export function adoptUnhandledRejections(stderr: NodeJS.WritableStream): void {
  out = stderr;
  for (const l of process.listeners('unhandledRejection')) {
    if (l !== onUnhandled) process.off('unhandledRejection', l as (...args: unknown[]) => void);
  }
  if (!process.listeners('unhandledRejection').includes(onUnhandled)) process.on('unhandledRejection', onUnhandled);
}
