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
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { bn254 } from '@noble/curves/bn254.js';
import { buildBn128 } from 'ffjavascript';
import { writeFileAtomic } from '../cache.js';
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

/**
 * Generates (or extends) the development CRS at `dir` to at least `points` G1 points, using
 * ffjavascript's batched scalar multiplication (G, tau G, tau^2 G, ...).
 */
export async function generateDevCrs(dir: string, points: number): Promise<void> {
  const curve = await buildBn128(false);
  try {
    const G = curve.G1;
    const g = G.toAffine(G.g) as Uint8Array;
    const buff = new Uint8Array(points * 64);
    for (let i = 0; i < points; i++) buff.set(g, i * 64);
    const lem = (await G.batchApplyKey(buff, curve.Fr.e(1n), curve.Fr.e(devTau()), 'affine', 'affine')) as Uint8Array;
    const be = (await G.batchLEMtoU(lem)) as Uint8Array;
    // Sanity: the first point is the generator (1, 2).
    if (be[31] !== 1 || be[63] !== 2) throw new Error('development CRS: first point is not the generator');
    writeFileAtomic(join(dir, 'bn254_g2.dat'), encodeG2(devG2()));
    writeFileAtomic(join(dir, 'bn254_g1.dat'), be);
  } finally {
    await curve.terminate();
  }
}
