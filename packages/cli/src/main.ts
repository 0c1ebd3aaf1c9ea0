/**
 * Process entry of `e3` (bin/e3.mjs and `npm run e3 -- …`). SIGINT/SIGTERM abort the running
 * command through `io.signal`, so it stops what it started before the process exits; a second
 * signal exits at once (the supervisor's exit hook still kills the child process groups).
 */
import { run } from './run.js';
import { ExitCode } from './exitCodes.js';

const controller = new AbortController();
let signals = 0;
const onSignal = (sig: NodeJS.Signals): void => {
  signals++;
  if (signals > 1) {
    process.stderr.write(`\n${sig} again: exiting now\n`);
    process.exit(ExitCode.Interrupted);
  }
  process.stderr.write(`\n${sig}: stopping everything this command started…\n`);
  controller.abort(new Error(sig));
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

const code = await run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, signal: controller.signal });
process.exitCode = controller.signal.aborted && code === ExitCode.Ok ? ExitCode.Interrupted : code;
// Libraries (viem watchers, libp2p, bb) may hold handles open: once the command has returned,
// everything it owns is closed, so exit rather than wait for them.
setTimeout(() => process.exit(), 100).unref();
