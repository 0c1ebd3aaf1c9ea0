/**
 * `node --import tsx packages/node/bin/ciphernode.ts --config node.json [--password-file f | --password-env NAME]`
 * Runs one ciphernode until SIGINT/SIGTERM (docs/node/daemon.md). Exit codes: see EXIT.
 */
import { runCiphernodeProcess } from '../src/daemon/process.js';

const code = await runCiphernodeProcess(process.argv.slice(2));
process.exit(code);
