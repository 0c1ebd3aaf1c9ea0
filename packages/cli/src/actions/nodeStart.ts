/** `e3 node start`: the daemon's own process entry (packages/node runCiphernodeProcess), in this process. */
import type { Io } from '../args.js';
import { ExitCode } from '../exitCodes.js';
import { CIPHERNODE_EXIT, runCiphernodeProcess } from '../nodeApi.js';

export async function nodeStartAction(v: { config: string; 'password-file'?: string; 'password-env'?: string }, io: Io): Promise<number> {
  const argv = ['--config', v.config];
  if (v['password-file'] !== undefined) argv.push('--password-file', v['password-file']);
  if (v['password-env'] !== undefined) argv.push('--password-env', v['password-env']);
  const code = await runCiphernodeProcess(argv, io.env);
  switch (code) {
    case CIPHERNODE_EXIT.OK:
      return ExitCode.Ok;
    case CIPHERNODE_EXIT.CONFIG:
      return ExitCode.Config;
    case CIPHERNODE_EXIT.STARTUP:
      return ExitCode.Network;
    case CIPHERNODE_EXIT.FORCED:
      return ExitCode.Interrupted;
    default:
      return ExitCode.Internal;
  }
}
