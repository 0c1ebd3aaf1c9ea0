/**
 * The deterministic INSECURE development CRS.
 *
 * A KZG structured reference string is [tau^i]G1 for i < n and [tau]G2. Here tau is derived from
 * a public label, so ANYONE can forge proofs against it: it exists only so that development and
 * CI can prove offline (bb would download the Aztec ceremony points). Being deterministic, every
 * machine derives the same points, so verifiers deployed by one accept proofs made by another.
 * Files are written in bb's layout (bn254_g1.dat: 64-byte big-endian affine points;
 * bn254_g2.dat: 128 bytes), so native bb reads them through CRS_PATH.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { bn254 } from '@noble/curves/bn254.js';
import { buildBn128 } from 'ffjavascript';
import { writeFileAtomic } from '../cache.js';
import { CrsError } from '../errors.js';
import { FR_MODULUS } from '../poseidon2/field.js';

export const DEV_CRS_LABEL = 'interfold-ts/insecure-development-crs/v1';

/** The public (hence insecure) toxic waste of the development CRS. */
export function devTau(): bigint {
  return BigInt('0x' + bytesToHex(sha256(utf8ToBytes(DEV_CRS_LABEL)))) % FR_MODULUS;
}

export type G2Affine = { x: { c0: bigint; c1: bigint }; y: { c0: bigint; c1: bigint } };

export function devG2(): G2Affine {
  const p = bn254.G2.Point.BASE.multiply(devTau()).toAffine();
  return { x: { c0: p.x.c0, c1: p.x.c1 }, y: { c0: p.y.c0, c1: p.y.c1 } };
}

function be32(x: bigint): Uint8Array {
  const out = new Uint8Array(32);
  let v = x;
  for (let i = 31; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

export function encodeG2(g2: G2Affine): Uint8Array {
  const out = new Uint8Array(128);
  out.set(be32(g2.x.c0), 0);
  out.set(be32(g2.x.c1), 32);
  out.set(be32(g2.y.c0), 64);
  out.set(be32(g2.y.c1), 96);
  return out;
}

/** Number of G1 points already in the development CRS at `dir` (0 if none). */
export function devCrsSize(dir: string): number {
  const g1 = join(dir, 'bn254_g1.dat');
  if (!existsSync(g1) || !existsSync(join(dir, 'bn254_g2.dat'))) return 0;
  return Math.floor(statSync(g1).size / 64);
}

/** Points per batch: bounds memory and gives the progress callback a beat (~1 s of work when idle). */
const CHUNK = 1 << 13;

export type DevCrsProgress = (done: number, total: number) => void;

function powMod(b: bigint, e: bigint, m: bigint): bigint {
  let r = 1n;
  let x = b % m;
  for (let k = e; k > 0n; k >>= 1n) {
    if (k & 1n) r = (r * x) % m;
    x = (x * x) % m;
  }
  return r;
}

/**
 * Generates the development CRS at `dir` up to `points` G1 points ([tau^i]G, i < points), with
 * ffjavascript's batched scalar multiplication (WASM, worker threads). An existing CRS is
 * extended, not regenerated: only points `have..points-1` are computed (a first run that needs a
 * larger circuit later pays only for the difference), and the prefix is kept byte for byte.
 * Written atomically (temp file + rename), so a concurrent reader sees the old or the new file.
 */
export async function generateDevCrs(dir: string, points: number, opts: { onProgress?: DevCrsProgress; chunk?: number } = {}): Promise<void> {
  const chunk = opts.chunk ?? CHUNK;
  const g1Path = join(dir, 'bn254_g1.dat');
  const g2Path = join(dir, 'bn254_g2.dat');
  // Keep only points of this very CRS (same [tau]G2): anything else is regenerated.
  const same = existsSync(g2Path) && Buffer.from(encodeG2(devG2())).equals(readFileSync(g2Path));
  const have = same ? Math.min(devCrsSize(dir), points) : 0;
  const prefix = have > 0 ? readFileSync(g1Path).subarray(0, have * 64) : new Uint8Array(0);
  const out = new Uint8Array(points * 64);
  out.set(prefix, 0);
  const tau = devTau();
  const curve = await buildBn128(false);
  try {
    const G = curve.G1;
    const g = G.toAffine(G.g) as Uint8Array;
    for (let start = have; start < points; start += chunk) {
      const count = Math.min(chunk, points - start);
      const buff = new Uint8Array(count * 64);
      for (let i = 0; i < count; i++) buff.set(g, i * 64);
      // Point i of the batch is [first * inc^i]G with first = tau^start, inc = tau.
      const first = powMod(tau, BigInt(start), FR_MODULUS);
      const lem = (await G.batchApplyKey(buff, curve.Fr.e(first), curve.Fr.e(tau), 'affine', 'affine')) as Uint8Array;
      out.set((await G.batchLEMtoU(lem)) as Uint8Array, start * 64);
      opts.onProgress?.(start + count, points);
    }
  } finally {
    await curve.terminate();
  }
  // Sanity: the first point is the generator (1, 2), and the first new point continues the
  // powers of tau from the kept prefix (noble, independent of ffjavascript).
  if (out[31] !== 1 || out[63] !== 2) throw new CrsError('development CRS: the first point is not the generator');
  if (have > 0 && have < points) {
    const at = (k: number) => bn254.G1.Point.fromAffine({ x: readBe(out, 64 * k), y: readBe(out, 64 * k + 32) });
    if (!at(have).equals(at(have - 1).multiply(tau))) throw new CrsError('development CRS: the extension does not continue the kept points', { details: `at point ${have}` });
  }
  writeFileAtomic(g2Path, encodeG2(devG2()));
  writeFileAtomic(g1Path, out);
}

function readBe(b: Uint8Array, off: number): bigint {
  let v = 0n;
  for (let i = 0; i < 32; i++) v = (v << 8n) | BigInt(b[off + i]!);
  return v;
}
