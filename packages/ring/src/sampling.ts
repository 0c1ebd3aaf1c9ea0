/**
 * Samplers for RLWE: uniform residues, ternary secrets, centered-binomial noise and wide
 * uniform integers (smudging). Each draws only from the RandomSource it is given.
 *
 * Noise distribution: the centered binomial CBD(η) = Σ_{i<η} (b_i − b'_i) with η = 21 has
 * variance η/2 = 10.5, i.e. σ ≈ 3.24 — the σ ≈ 3.2 of the HE security standard
 * [Albrecht et al., "Homomorphic Encryption Standard", 2018, §2.1] — and a hard bound
 * |e| ≤ η = 21, which is what the ZK range checks (C1, C3, user encryption) need.
 */
import { InvalidParameterError } from './errors.js';
import type { Modulus } from './modulus.js';
import type { RandomSource } from './random.js';

export const CBD_ETA = 21;
export const CBD_SIGMA = Math.sqrt(CBD_ETA / 2);

/** `n` coefficients from {−1, 0, 1}, each with probability 1/3 (rejection of 2-bit value 3). */
export function sampleTernary(n: number, src: RandomSource): Int32Array {
  const out = new Int32Array(n);
  let i = 0;
  const bytes = new Uint8Array(Math.max(64, Math.ceil(n / 3)));
  while (i < n) {
    src.fill(bytes);
    for (let b = 0; b < bytes.length && i < n; b++) {
      let v = bytes[b];
      for (let k = 0; k < 4 && i < n; k++, v >>>= 2) {
        const c = v & 3;
        if (c !== 3) out[i++] = c - 1;
      }
    }
  }
  return out;
}

function popcount32(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** `n` coefficients from the centered binomial distribution CBD(η), η ≤ 32. */
export function sampleCbd(n: number, src: RandomSource, eta = CBD_ETA): Int32Array {
  if (!Number.isInteger(eta) || eta < 1 || eta > 32) {
    throw new InvalidParameterError('CBD parameter out of range', { details: `eta = ${eta}` });
  }
  const out = new Int32Array(n);
  const words = new Uint32Array(2 * n);
  src.fill(new Uint8Array(words.buffer));
  const mask = eta === 32 ? 0xffffffff : (1 << eta) - 1;
  for (let i = 0; i < n; i++) {
    out[i] = popcount32(words[2 * i] & mask) - popcount32(words[2 * i + 1] & mask);
  }
  return out;
}

/**
 * `n` residues uniform in [0, q) for q < 2^50, by rejection of 56-bit draws masked to the bit
 * length of q (acceptance ≥ 1/2), written into `out`.
 */
export function sampleUniformInto(out: Float64Array, m: Modulus, src: RandomSource): Float64Array {
  const n = out.length;
  // q has `bits` bits: a draw is hi·2^24 + lo with hi masked to bits − 24 bits (or lo masked).
  const hiBits = Math.max(0, m.bits - 24);
  const hiMask = 2 ** hiBits - 1;
  const loMask = m.bits >= 24 ? 0xffffff : 2 ** m.bits - 1;
  const bytes = new Uint8Array(7 * Math.max(64, n));
  let i = 0;
  while (i < n) {
    src.fill(bytes);
    for (let off = 0; off + 7 <= bytes.length && i < n; off += 7) {
      const lo = (bytes[off] | (bytes[off + 1] << 8) | (bytes[off + 2] << 16)) & loMask;
      const hi = (bytes[off + 3] | (bytes[off + 4] << 8) | (bytes[off + 5] << 16) | (bytes[off + 6] << 24)) >>> 0;
      const v = (hi & hiMask) * 16777216 + lo;
      if (v < m.q) out[i++] = v;
    }
  }
  return out;
}

/**
 * `n` integers uniform in [−B, B] as bigints (B may exceed 2^53: smudging noise needs ~2^100).
 * Rejection sampling over the bit length of 2B+1.
 */
export function sampleUniformBig(n: number, bound: bigint, src: RandomSource): bigint[] {
  if (bound < 0n) throw new InvalidParameterError('Negative bound', { details: `B = ${bound}` });
  const range = 2n * bound + 1n;
  const bits = range.toString(2).length;
  const nBytes = Math.ceil(bits / 8);
  const topMask = (1 << (bits - 8 * (nBytes - 1))) - 1;
  const out = new Array<bigint>(n);
  const buf = new Uint8Array(nBytes);
  for (let i = 0; i < n; ) {
    src.fill(buf);
    buf[nBytes - 1] &= topMask;
    let v = 0n;
    for (let k = nBytes - 1; k >= 0; k--) v = (v << 8n) | BigInt(buf[k]);
    if (v < range) out[i++] = v - bound;
  }
  return out;
}
