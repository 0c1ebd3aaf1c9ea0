/**
 * Noise measurement given the secret key (tests, docs, and smudging-bound checks): the error v
 * in  c0 + c1·s (+ c2·s²) = (Q·m − [Q·m]_t)/t + v  (mod Q), and the remaining budget
 * log2(Q/(2t)) − log2‖v‖∞: decryption is correct while ‖t·v − k1‖∞ < Q/2, i.e. while it is positive.
 */
import type { RnsPoly } from '@interfold/ring';
import type { Ciphertext, SecretKey } from './objects.js';
import type { BfvParameters } from './parameters.js';
import { phase } from './decrypt.js';
import { roundToPlaintext } from './scaling.js';

export type NoiseMeasurement = {
  /** ‖v‖∞ as an integer. */
  readonly maxAbs: bigint;
  /** log2 ‖v‖∞ (−Infinity for zero noise). */
  readonly bits: number;
  /** log2(Q/(2t)) − log2 ‖v‖∞: bits of noise left before decryption fails. */
  readonly budgetBits: number;
};

export function log2Big(x: bigint): number {
  if (x <= 0n) return -Infinity;
  const s = x.toString(2);
  const head = Number.parseInt(s.slice(0, 53), 2);
  return Math.log2(head) + Math.max(0, s.length - 53);
}

/** The noise of ct (relative to its own decryption). */
export function measureNoise(params: BfvParameters, sk: SecretKey, ct: Ciphertext): NoiseMeasurement {
  return measurePhaseNoise(params, phase(params, sk, ct));
}

/** The noise of a phase x = c0 + c1·s (+ smudging, for threshold decryption): see file comment. */
export function measurePhaseNoise(params: BfvParameters, x: RnsPoly): NoiseMeasurement {
  const pt = roundToPlaintext(params, x);
  const Q = params.Q;
  const t = params.t;
  const qModT = Q % t;
  const xs = params.ring.toBigInts(x, false);
  let max = 0n;
  for (let k = 0; k < params.N; k++) {
    const m = BigInt(pt.coeffs[k]);
    const k1 = (m * qModT) % t;
    const scaled = (Q * m - k1) / t;
    let v = (xs[k] - scaled) % Q;
    if (v < 0n) v += Q;
    if (v > Q / 2n) v -= Q;
    const a = v < 0n ? -v : v;
    if (a > max) max = a;
  }
  const bits = log2Big(max);
  return { maxAbs: max, bits, budgetBits: log2Big(Q / (2n * t)) - bits };
}
