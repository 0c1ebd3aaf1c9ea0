/**
 * Configuration of the ZK toolchain.
 *
 * - cacheDir: where compiled artifacts, verification keys, compiled verifiers and the development
 *   CRS are cached (outside the repository): $INTERFOLD_CACHE, else ~/.cache/interfold.
 * - crsPath: a directory holding the Aztec ceremony points (bn254_g1.dat, bn254_g2.dat, as bb
 *   lays them out). When set, proofs use it. When unset, a deterministic INSECURE development CRS
 *   is generated and cached, with a loud warning.
 * - production: refuse the development CRS (a configuration error, not a warning).
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export type ZkConfig = {
  cacheDir?: string;
  crsPath?: string;
  production?: boolean;
  /** Prover threads (native bb). Defaults to the number of CPUs, at most 16. */
  threads?: number;
  /** Where warnings go (defaults to console.warn). */
  warn?: (message: string) => void;
};

export type ResolvedZkConfig = {
  cacheDir: string;
  crsPath: string | undefined;
  production: boolean;
  threads: number | undefined;
  warn: (message: string) => void;
};

export function resolveConfig(config: ZkConfig = {}): ResolvedZkConfig {
  return {
    cacheDir: config.cacheDir ?? process.env.INTERFOLD_CACHE ?? join(homedir(), '.cache', 'interfold'),
    crsPath: config.crsPath ?? process.env.INTERFOLD_CRS_PATH,
    production: config.production ?? process.env.INTERFOLD_PRODUCTION === '1',
    threads: config.threads,
    warn: config.warn ?? ((m: string) => console.warn(m)),
  };
}
