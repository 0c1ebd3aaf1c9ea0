/**
 * The witness of a public-key encryption, as the user-encryption (GRECO-style) and C3 circuits of
 * spec 003 consume it. Per limb i, exactly over Z[X] (no reduction anywhere):
 *
 *   ct0_i = pk0_i·u + e0 + k1·k0_i + r1_i·q_i + r2_i·(X^N + 1)
 *   ct1_i = pk1_i·u + e1 +           p1_i·q_i + p2_i·(X^N + 1)
 *
 * with pk0_i, pk1_i, ct0_i, ct1_i the CENTERED representatives in [−(q_i−1)/2, (q_i−1)/2],
 * u ternary, e0, e1 ∈ [−21, 21] (CBD), k1 = [Q·m]_t ∈ [0, t), k0_i = (−t)^{-1} mod q_i ∈ [0, q_i).
 * r1_i, p1_i have N coefficients; r2_i, p2_i have N − 1 (the product of two degree-(N−1)
 * polynomials has degree 2N − 2). `encryptionWitnessBounds` gives analytic bounds for each, which
 * the circuit range-checks; `checkEncryptionWitness` verifies all of it in TypeScript.
 */
import { CBD_ETA, exactNegacyclicMul, invMod, type RnsPoly } from '@interfold/ring';
import { InvalidParameterError } from './errors.js';
import type { Ciphertext, Plaintext, PublicKey } from './objects.js';
import type { BfvParameters } from './parameters.js';

export type EncryptionWitness = {
  /** The message coefficients, in [0, t). */
  readonly m: bigint[];
  readonly k1: bigint[];
  readonly u: bigint[];
  readonly e0: bigint[];
  readonly e1: bigint[];
  /** k0_i per limb. */
  readonly k0: bigint[];
  /** Centered public polynomials, per limb. */
  readonly pk0: bigint[][];
  readonly pk1: bigint[][];
  readonly ct0: bigint[][];
  readonly ct1: bigint[][];
  /** Quotients, per limb. */
  readonly r1: bigint[][];
  readonly r2: bigint[][];
  readonly p1: bigint[][];
  readonly p2: bigint[][];
};

export type Range = { readonly min: bigint; readonly max: bigint };

export type EncryptionWitnessBounds = {
  readonly u: Range;
  readonly e0: Range;
  readonly e1: Range;
  readonly k1: Range;
  readonly m: Range;
  readonly r1: readonly Range[];
  readonly r2: readonly Range[];
  readonly p1: readonly Range[];
  readonly p2: readonly Range[];
};

/** Centered representatives of one limb of a coefficient-form polynomial. */
export function centeredLimb(p: RnsPoly, i: number): bigint[] {
  const m = p.ctx.moduli[i];
  const half = (m.q - 1) / 2;
  return Array.from(p.limbs[i], (v) => BigInt(v > half ? v - m.q : v));
}

const floorDiv = (a: bigint, b: bigint) => (a >= 0n ? a / b : -((-a + b - 1n) / b));
const ceilDiv = (a: bigint, b: bigint) => -floorDiv(-a, b);

/**
 * Analytic bounds (not measured ones). With h_i = (q_i − 1)/2, B = 21:
 * - pk·u over Z has coefficients of magnitude ≤ N·h_i; its high half (the r2/p2 quotient, negated)
 *   sums at most N − 1 products: |r2|, |p2| ≤ (N − 1)·h_i.
 * - r1_i·q_i = ct0 − rem(pk0·u) − e0 − k1·k0_i with |ct0| ≤ h_i, |rem| ≤ N·h_i, |e0| ≤ B and
 *   0 ≤ k1·k0_i ≤ (t − 1)(q_i − 1):  r1_i ∈ [⌊−(h_i + N·h_i + B + (t−1)(q_i−1))/q_i⌋, ⌈(h_i + N·h_i + B)/q_i⌉].
 * - p1_i likewise without the message term: |p1_i| ≤ ⌈(h_i + N·h_i + B)/q_i⌉.
 */
export function encryptionWitnessBounds(params: BfvParameters): EncryptionWitnessBounds {
  const N = BigInt(params.N);
  const B = BigInt(CBD_ETA);
  const t = params.t;
  const r1: Range[] = [], r2: Range[] = [], p1: Range[] = [], p2: Range[] = [];
  for (const q of params.moduli) {
    const h = (q - 1n) / 2n;
    const hi = ceilDiv(h + N * h + B, q);
    r1.push({ min: floorDiv(-(h + N * h + B + (t - 1n) * (q - 1n)), q), max: hi });
    p1.push({ min: -hi, max: hi });
    const qb = (N - 1n) * h;
    r2.push({ min: -qb, max: qb });
    p2.push({ min: -qb, max: qb });
  }
  return {
    u: { min: -1n, max: 1n },
    e0: { min: -B, max: B },
    e1: { min: -B, max: B },
    k1: { min: 0n, max: t - 1n },
    m: { min: 0n, max: t - 1n },
    r1,
    r2,
    p1,
    p2,
  };
}

/** Builds the witness from the encryption's own values (called by encryptWithWitness). */
export function buildEncryptionWitness(
  params: BfvParameters,
  pk: PublicKey,
  ct: Ciphertext,
  pt: Plaintext,
  k1f: Float64Array,
  uArr: Int32Array,
  e0Arr: Int32Array,
  e1Arr: Int32Array,
): EncryptionWitness {
  const L = params.L;
  const u = Array.from(uArr, BigInt);
  const e0 = Array.from(e0Arr, BigInt);
  const e1 = Array.from(e1Arr, BigInt);
  const k1 = Array.from(k1f, BigInt);
  const k0 = params.k0.map((c) => BigInt(c.w));
  const pk0: bigint[][] = [], pk1: bigint[][] = [], ct0: bigint[][] = [], ct1: bigint[][] = [];
  const r1: bigint[][] = [], r2: bigint[][] = [], p1: bigint[][] = [], p2: bigint[][] = [];
  for (let i = 0; i < L; i++) {
    const q = params.moduli[i];
    pk0.push(centeredLimb(pk.p0, i));
    pk1.push(centeredLimb(pk.p1, i));
    ct0.push(centeredLimb(ct.c0, i));
    ct1.push(centeredLimb(ct.c1, i));
    const a = exactNegacyclicMul(pk0[i], uArr);
    const b = exactNegacyclicMul(pk1[i], uArr);
    r2.push(a.quotient.map((x) => -x));
    p2.push(b.quotient.map((x) => -x));
    r1.push(ct0[i].map((c, k) => exactDiv(c - a.remainder[k] - e0[k] - k1[k] * k0[i], q, 'r1')));
    p1.push(ct1[i].map((c, k) => exactDiv(c - b.remainder[k] - e1[k], q, 'p1')));
  }
  return { m: Array.from(pt.coeffs, BigInt), k1, u, e0, e1, k0, pk0, pk1, ct0, ct1, r1, r2, p1, p2 };
}

function exactDiv(a: bigint, q: bigint, what: string): bigint {
  if (a % q !== 0n) throw new InvalidParameterError(`Witness quotient ${what} is not exact (internal error)`);
  return a / q;
}

/**
 * Verifies a witness completely in TypeScript: lengths, every bound, k1 = [Q·m]_t, and both
 * equations of every limb over Z[X] (exact products). Returns a list of failures (empty = valid).
 * The tests use it; so can anyone who wants to check a witness before proving.
 */
export function checkEncryptionWitness(params: BfvParameters, w: EncryptionWitness): string[] {
  const errs: string[] = [];
  const N = params.N;
  const L = params.L;
  const b = encryptionWitnessBounds(params);
  const inRange = (name: string, xs: readonly bigint[], r: Range, len: number) => {
    if (xs.length !== len) errs.push(`${name}: length ${xs.length} ≠ ${len}`);
    const bad = xs.findIndex((x) => x < r.min || x > r.max);
    if (bad >= 0) errs.push(`${name}[${bad}] = ${xs[bad]} outside [${r.min}, ${r.max}]`);
  };
  inRange('u', w.u, b.u, N);
  inRange('e0', w.e0, b.e0, N);
  inRange('e1', w.e1, b.e1, N);
  inRange('k1', w.k1, b.k1, N);
  inRange('m', w.m, b.m, N);
  const qModT = params.Q % params.t;
  w.m.forEach((m, k) => {
    if ((m * qModT) % params.t !== w.k1[k]) errs.push(`k1[${k}] ≠ [Q·m]_t`);
  });
  for (const [name, arr] of [['pk0', w.pk0], ['pk1', w.pk1], ['ct0', w.ct0], ['ct1', w.ct1], ['r1', w.r1], ['r2', w.r2], ['p1', w.p1], ['p2', w.p2]] as const) {
    if (arr.length !== L) errs.push(`${name}: ${arr.length} limbs ≠ ${L}`);
  }
  if (errs.length) return errs;
  for (let i = 0; i < L; i++) {
    const q = params.moduli[i];
    const h = (q - 1n) / 2n;
    for (const [name, p] of [['pk0', w.pk0[i]], ['pk1', w.pk1[i]], ['ct0', w.ct0[i]], ['ct1', w.ct1[i]]] as const) {
      inRange(`${name}_${i}`, p, { min: -h, max: h }, N);
    }
    inRange(`r1_${i}`, w.r1[i], b.r1[i], N);
    inRange(`p1_${i}`, w.p1[i], b.p1[i], N);
    inRange(`r2_${i}`, w.r2[i], b.r2[i], N - 1);
    inRange(`p2_${i}`, w.p2[i], b.p2[i], N - 1);
    if (w.k0[i] !== invMod(-params.t, q)) errs.push(`k0_${i} ≠ (−t)^{-1} mod q_${i}`);
    if (errs.length) return errs;
    const a = exactNegacyclicMul(w.pk0[i], w.u);
    const c = exactNegacyclicMul(w.pk1[i], w.u);
    for (let k = 0; k < N; k++) {
      // pk0·u = rem + quo·(X^N+1), so ct0 − (rem + e0 + k1·k0 + r1·q) = (quo + r2)·(X^N+1). The left
      // side has degree < N, so both must vanish: quo + r2 = 0 and the low coefficients agree.
      const r2k = k < N - 1 ? w.r2[i][k] : 0n;
      const p2k = k < N - 1 ? w.p2[i][k] : 0n;
      const rhs0 = a.remainder[k] + w.e0[k] + w.k1[k] * w.k0[i] + w.r1[i][k] * q;
      const rhs1 = c.remainder[k] + w.e1[k] + w.p1[i][k] * q;
      if (w.ct0[i][k] !== rhs0) errs.push(`limb ${i}: ct0 equation fails at coefficient ${k}`);
      if (w.ct1[i][k] !== rhs1) errs.push(`limb ${i}: ct1 equation fails at coefficient ${k}`);
      // The high half: pk0·u's coefficient N+k must be cancelled by r2_k·X^N.
      if (k < N - 1 && a.quotient[k] + r2k !== 0n) errs.push(`limb ${i}: r2 quotient wrong at ${k}`);
      if (k < N - 1 && c.quotient[k] + p2k !== 0n) errs.push(`limb ${i}: p2 quotient wrong at ${k}`);
      if (errs.length > 8) return errs;
    }
  }
  return errs;
}
