/**
 * The ciphernode as an operating-system process: configuration from file + environment + flags,
 * start, then SIGINT/SIGTERM → close in reverse order. Exit codes (for supervisors and the CLI):
 */
import { ConfigError, loadConfig } from '../config/index.js';
import { KeystoreError } from '../keystore/index.js';
import { createLogger } from '../log/index.js';
import { startNode, type Ciphernode } from './ciphernode.js';
import { StartupError } from './errors.js';

export const EXIT = Object.freeze({
  /** Closed cleanly after a signal. */
  OK: 0,
  /** A fatal error while running. */
  RUNTIME: 1,
  /** The configuration is invalid (the message names the field). */
  CONFIG: 2,
  /** A start step failed: keystore (wrong password...), store, chain, network, HTTP. */
  STARTUP: 3,
  /** A second signal while closing: forced. */
  FORCED: 130,
});

export async function runCiphernodeProcess(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let config;
  try {
    config = loadConfig({ argv, env });
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    return e instanceof ConfigError ? EXIT.CONFIG : EXIT.STARTUP;
  }
  const logger = createLogger({ level: config.logLevel, bindings: { service: 'ciphernode' } });
  let node: Ciphernode;
  try {
    node = await startNode({ config, logger });
  } catch (e) {
    logger.fatal('start failed', { error: e });
    return e instanceof StartupError || e instanceof KeystoreError ? EXIT.STARTUP : EXIT.RUNTIME;
  }
  return new Promise<number>((resolve) => {
    let closing = false;
    const stop = (signal: string) => {
      if (closing) {
        logger.warn('second signal: exiting now', { signal });
        resolve(EXIT.FORCED);
        return;
      }
      closing = true;
      logger.info('closing', { signal });
      node.close().then(
        () => resolve(EXIT.OK),
        (error: unknown) => {
          logger.error('close failed', { error });
          resolve(EXIT.RUNTIME);
        },
      );
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
    node.events.on('txError', ({ fn, error }) => {
      if (fn === 'watch') {
        logger.fatal('chain watcher stopped', { error });
        stop('fatal');
      }
    });
  });
}
