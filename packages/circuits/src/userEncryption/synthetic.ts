/**
 * A reference builder of valid user-encryption witnesses straight from the statement's equations
 * (exact integer arithmetic via @interfold/ring's exactNegacyclicMul). Used by tests and the
 * benchmark when a witness is needed independently of @interfold/bfv, and to build deliberately
 * bad witnesses (message out of range, etc.). Randomness from crypto.getRandomValues.
 */
import { exactNegacyclicMul } from '@interfold/ring';
import type { RnsPoly } from '../commitments/rns.js';
import type { EncryptionWitness } from './witness.js';
import type { UserEncryptionLayout } from './layout.js';

function randBelow(n: bigint): bigint {
  // Rejection sampling on 64-bit words (n < 2^62 here).
  const limit = (1n << 64n) - ((1n << 64n) % n);
  const buf = new BigUint64Array(1);
  for (;;) {
    crypto.getRandomValues(buf);
    if (buf[0]! < limit) return buf[0]! % n;
  }
}

const centred = (v: bigint, q: bigint) => {
  const r = ((v % q) + q) % q;
  return r > (q - 1n) / 2n ? r - q : r;
};

export function randomTernary(N: number): bigint[] {
  return Array.from({ length: N }, () => randBelow(3n) - 1n);
}

/** Centred binomial with eta = 21 (|e| <= 21). */
export function randomCbd21(N: number): bigint[] {
  const out: bigint[] = [];
  const buf = new Uint8Array(6);
  for (let j = 0; j < N; j++) {
    crypto.getRandomValues(buf);
    let a = 0;
    let b = 0;
    for (let k = 0; k < 21; k++) {
      a += (buf[k >> 3]! >> (k & 7)) & 1;
      b += (buf[(k + 21) >> 3]! >> ((k + 21) & 7)) & 1;
    }
    out.push(BigInt(a - b));
  }
  return out;
}

export function randomRnsPoly(l: UserEncryptionLayout): bigint[][] {
  return l.moduli.map((q) => Array.from({ length: l.N }, () => centred(randBelow(q), q)));
}

/** A public key of the BFV form pk0 = [-a*s + e]_q, pk1 = a. */
export function syntheticPublicKey(l: UserEncryptionLayout): { pk0: bigint[][]; pk1: bigint[][] } {
  const s = randomTernary(l.N);
  const e = randomCbd21(l.N);
  const a = randomRnsPoly(l);
  const pk0 = l.moduli.map((q, i) => {
    const { remainder } = exactNegacyclicMul(a[i]!, s);
    return remainder.map((v, j) => centred(-v + e[j]!, q));
  });
  return { pk0, pk1: a };
}

/**
 * Encrypts the scaled message k1 (coefficients in [0, t) for a valid witness) with fresh u, e0, e1
 * and returns the full witness with the quotients, following
 *   ct0_i = pk0_i*u + e0 + k1*k0_i + r1_i*q_i + r2_i*(X^N+1),  ct1_i = pk1_i*u + e1 + p1_i*q_i + p2_i*(X^N+1).
 */
export function syntheticEncrypt(
  l: UserEncryptionLayout,
  pk: { pk0: RnsPoly; pk1: RnsPoly },
  k1: readonly bigint[],
  randomness?: { u: bigint[]; e0: bigint[]; e1: bigint[] },
): EncryptionWitness {
  const u = randomness?.u ?? randomTernary(l.N);
  const e0 = randomness?.e0 ?? randomCbd21(l.N);
  const e1 = randomness?.e1 ?? randomCbd21(l.N);
  const ct0: bigint[][] = [];
  const ct1: bigint[][] = [];
  const r1: bigint[][] = [];
  const r2: bigint[][] = [];
  const p1: bigint[][] = [];
  const p2: bigint[][] = [];
  l.moduli.forEach((q, i) => {
    const m0 = exactNegacyclicMul(pk.pk0[i]!, u);
    const v0 = m0.remainder.map((x, j) => x + e0[j]! + k1[j]! * l.k0[i]!);
    const c0 = v0.map((x) => centred(x, q));
    ct0.push(c0);
    r1.push(c0.map((c, j) => (c - v0[j]!) / q));
    r2.push(m0.quotient.map((x) => -x));
    const m1 = exactNegacyclicMul(pk.pk1[i]!, u);
    const v1 = m1.remainder.map((x, j) => x + e1[j]!);
    const c1 = v1.map((x) => centred(x, q));
    ct1.push(c1);
    p1.push(c1.map((c, j) => (c - v1[j]!) / q));
    p2.push(m1.quotient.map((x) => -x));
  });
  return { pk0: pk.pk0, pk1: pk.pk1, ct0, ct1, u, e0, e1, k1: [...k1], r1, r2, p1, p2 };
}
