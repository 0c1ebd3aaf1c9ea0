/**
 * Chooses the CRS for proving: the configured Aztec ceremony points, or the (cached, generated on
 * demand) insecure development CRS, refused in production configurations.
 */
import { existsSync, readFileSync, statSync, mkdirSync, openSync, closeSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { ResolvedZkConfig } from '../config.js';
import { CrsError } from '../errors.js';
import { devCrsSize, generateDevCrs, type DevCrsProgress, type G2Affine } from './devCrs.js';

export type Crs = {
  kind: 'ceremony' | 'development';
  /** Directory bb reads (CRS_PATH). */
  path: string;
  /** [tau]G2 of this CRS: the constant the Solidity verifiers must carry. */
  g2: G2Affine;
  points: number;
};

function readBe(b: Uint8Array, off: number): bigint {
  let v = 0n;
  for (let i = 0; i < 32; i++) v = (v << 8n) | BigInt(b[off + i]!);
  return v;
}

export function decodeG2(bytes: Uint8Array): G2Affine {
  if (bytes.length !== 128) throw new CrsError('bn254_g2.dat must be 128 bytes', { details: `got ${bytes.length}` });
  return {
    x: { c0: readBe(bytes, 0), c1: readBe(bytes, 32) },
    y: { c0: readBe(bytes, 64), c1: readBe(bytes, 96) },
  };
}

export const DEV_CRS_WARNING =
  '\n*** WARNING: INSECURE DEVELOPMENT CRS ***\n' +
  'No CRS path is configured (ZkConfig.crsPath / INTERFOLD_CRS_PATH), so proofs use a\n' +
  'deterministic development CRS whose secret is PUBLIC: anyone can forge proofs against it.\n' +
  'Never use it for anything of value. Configure the Aztec ceremony points for production.\n';

let warned = false;
let progressListener: DevCrsProgress | undefined;

/**
 * Follows development-CRS generation in this process (points done, total), e.g. for a progress
 * line (`e3 dev`); `undefined` stops. Generation happens once per machine, then it is cached.
 */
export function onDevCrsProgress(listener: DevCrsProgress | undefined): void {
  progressListener = listener;
}

async function withLock<T>(lockPath: string, fn: () => Promise<T>): Promise<T> {
  // A crude cross-process lock (test files may run in parallel): O_EXCL lock file, polled.
  for (let i = 0; ; i++) {
    try {
      closeSync(openSync(lockPath, 'wx'));
      break;
    } catch {
      // A lock older than 30 minutes is left by a killed process: take it over.
      try {
        if (Date.now() - statSync(lockPath).mtimeMs > 30 * 60_000) unlinkSync(lockPath);
      } catch {
        /* gone meanwhile */
      }
      if (i > 9000) throw new CrsError('timed out waiting for the development CRS lock', { details: lockPath });
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return await fn();
  } finally {
    try {
      unlinkSync(lockPath);
    } catch {
      /* already gone */
    }
  }
}

/** Returns a CRS with at least `points` G1 points. */
export async function resolveCrs(cfg: ResolvedZkConfig, points: number): Promise<Crs> {
  if (cfg.crsPath) {
    const g1 = join(cfg.crsPath, 'bn254_g1.dat');
    const g2 = join(cfg.crsPath, 'bn254_g2.dat');
    if (!existsSync(g1) || !existsSync(g2)) {
      throw new CrsError('configured CRS path lacks bn254_g1.dat / bn254_g2.dat', { details: cfg.crsPath });
    }
    const have = Math.floor(statSync(g1).size / 64);
    if (have < points) {
      throw new CrsError('configured CRS is too small for this circuit', { details: `${have} points < ${points} needed` });
    }
    return { kind: 'ceremony', path: cfg.crsPath, g2: decodeG2(readFileSync(g2)), points: have };
  }
  if (cfg.production) {
    throw new CrsError('production configuration refuses the insecure development CRS', {
      details: 'set ZkConfig.crsPath (or INTERFOLD_CRS_PATH) to the Aztec ceremony points',
    });
  }
  if (!warned) {
    cfg.warn(DEV_CRS_WARNING);
    warned = true;
  }
  const dir = join(cfg.cacheDir, 'dev-crs');
  mkdirSync(dir, { recursive: true });
  if (devCrsSize(dir) < points) {
    await withLock(join(dir, '.lock'), async () => {
      if (devCrsSize(dir) >= points) return;
      // Only what the circuit needs (its dyadic size + 1), rounded to a power of two plus one so
      // slightly larger circuits reuse it; a larger circuit later extends it (generateDevCrs).
      let size = 1;
      while (size + 1 < points) size *= 2;
      const have = devCrsSize(dir);
      const t0 = performance.now();
      cfg.warn(`development CRS: generating points ${have.toLocaleString('en-US')}..${(size + 1).toLocaleString('en-US')} in ${dir} (once per machine, then cached)`);
      await generateDevCrs(dir, size + 1, { onProgress: (done, total) => progressListener?.(done, total) });
      cfg.warn(`development CRS: ${(size + 1).toLocaleString('en-US')} points ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    });
  }
  const g2bytes = readFileSync(join(dir, 'bn254_g2.dat'));
  return { kind: 'development', path: dir, g2: decodeG2(g2bytes), points: devCrsSize(dir) };
}
