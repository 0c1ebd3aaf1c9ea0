/**
 * C7 inputs (spec 003 P4, "Final Decryption"): from the S = T+1 decryption shares of the parties
 * ids (ascending), the Lagrange coefficients per limb, the interpolated phase lifted by CRT, its
 * BFV decoding m_k = round(t u_k / Q) mod t, and every quotient the circuit checks.
 */
import type { InputMap } from '@noir-lang/noir_js';
import { invMod } from '@interfold/ring';
import { CircuitInputError } from '../errors.js';
import { fieldToHex } from '../poseidon2/field.js';
import { pack } from '../poseidon2/pack.js';
import { shiftedRnsCoefficients, type RnsPoly } from '../commitments/rns.js';
import { ID_BITS, type C7Layout } from './layout.js';
import { decryptionShareCommitment } from './shareWitness.js';

export type DecodePublicInputs = { ids: number[]; dCommitments: bigint[]; plaintextPacked: bigint[] };

export const c7PublicInputList = (p: DecodePublicInputs): bigint[] => [...p.ids.map(BigInt), ...p.dCommitments, ...p.plaintextPacked];

const mod = (a: bigint, q: bigint) => ((a % q) + q) % q;

/** L_i(0) = prod_{j != i} (-x_j)/(x_i - x_j) mod q, in the order of ids. */
export function lagrangeCoefficients(ids: readonly number[], q: bigint): bigint[] {
  return ids.map((xi, i) => {
    let num = 1n;
    let den = 1n;
    ids.forEach((xj, j) => {
      if (j === i) return;
      num *= -BigInt(xj);
      den *= BigInt(xi - xj);
    });
    return mod(num * invMod(den, q), q);
  });
}

export function checkDecryptingSet(ids: readonly number[], S: number): void {
  if (ids.length !== S) throw new CircuitInputError(`C7 needs exactly ${S} shares`, { details: `got ${ids.length}` });
  for (const [i, x] of ids.entries()) {
    if (!Number.isSafeInteger(x) || x < 1 || x >= 1 << ID_BITS) throw new CircuitInputError(`party id out of [1, 2^${ID_BITS})`, { details: `${x}` });
    if (i > 0 && x <= ids[i - 1]!) throw new CircuitInputError('party ids must be strictly ascending', { details: ids.join(',') });
  }
}

/** Packs the plaintext (values in [0, t)) the way C7 outputs it. */
export function packPlaintext(m: readonly bigint[], l: C7Layout): bigint[] {
  if (m.length !== l.N) throw new CircuitInputError(`plaintext must have ${l.N} coefficients`);
  for (const x of m) if (x < 0n || x >= l.t) throw new CircuitInputError('plaintext coefficient out of [0, t)', { details: `${x}` });
  return pack(m, l.m.width);
}

export type DecodeOverrides = {
  /** Replace the Lagrange coefficients (negative tests). */
  lambda?: bigint[][];
  /** Replace the plaintext (negative tests); the quotients are computed for the true one. */
  plaintext?: bigint[];
};

/**
 * Circuit inputs for the shares d (centred, per limb) of the parties ids. Returns the decoded
 * plaintext too. `over` lets negative tests substitute values the circuit must refuse.
 */
export function buildC7Inputs(
  ids: readonly number[],
  shares: readonly RnsPoly[],
  l: C7Layout,
  over: DecodeOverrides = {},
): { inputs: InputMap; publicInputs: DecodePublicInputs; plaintext: bigint[] } {
  checkDecryptingSet(ids, l.S);
  if (shares.length !== l.S) throw new CircuitInputError(`need ${l.S} shares`);
  const { N, L, moduli, Q, t } = l;
  const dS = shiftedRnsCoefficients(shares, moduli, N);
  const dCommitments = shares.map((d) => decryptionShareCommitment(d, l));
  const lambda = over.lambda ?? moduli.map((q) => lagrangeCoefficients(ids, q)); // [limb][party]
  const kappa: bigint[] = [];
  const lambdaFlat: bigint[] = [];
  for (let i = 0; i < l.S; i++) {
    let num = 1n;
    let den = 1n;
    for (let j = 0; j < l.S; j++) {
      if (j === i) continue;
      num *= -BigInt(ids[j]!);
      den *= BigInt(ids[i]! - ids[j]!);
    }
    for (let li = 0; li < L; li++) {
      const lam = lambda[li]![i]!;
      lambdaFlat.push(lam);
      const k = (lam * den - num) / moduli[li]!; // inexact for a wrong coefficient: the circuit refuses
      kappa.push(k + l.kappaBound);
    }
  }
  // CRT basis: Q_l = Q/q_l, Q_l^{-1} mod q_l.
  const qHat = moduli.map((q) => Q / q);
  const qHatInv = moduli.map((q, li) => invMod(qHat[li]!, q));
  const u: bigint[] = [];
  const rc: bigint[] = new Array<bigint>(L * N);
  const mp: bigint[] = [];
  const rho: bigint[] = [];
  const plaintext: bigint[] = [];
  for (let k = 0; k < N; k++) {
    const acc = moduli.map((_, li) => {
      let a = 0n;
      for (let i = 0; i < l.S; i++) a += lambda[li]![i]! * shares[i]![li]![k]!;
      return a;
    });
    let x = 0n;
    moduli.forEach((q, li) => (x += mod(acc[li]!, q) * qHatInv[li]! * qHat[li]!));
    x = mod(x, Q);
    u.push(x);
    moduli.forEach((q, li) => (rc[li * N + k] = (x - acc[li]!) / q + l.rcBound));
    const num = t * x + Q / 2n;
    mp.push(num / Q);
    rho.push(num % Q);
    plaintext.push((num / Q) % t);
  }
  const m = over.plaintext ?? plaintext;
  const publicInputs = { ids: [...ids], dCommitments, plaintextPacked: packPlaintext(m, l) };
  const inputs: InputMap = {
    d_s: dS.map(fieldToHex),
    lambda: lambdaFlat.map(fieldToHex),
    kappa_s: kappa.map(fieldToHex),
    u: u.map(fieldToHex),
    rc_s: rc.map(fieldToHex),
    mp: mp.map(fieldToHex),
    rho: rho.map(fieldToHex),
    m: m.map(fieldToHex),
    ids: ids.map((x) => fieldToHex(BigInt(x))),
    d_commitments: dCommitments.map(fieldToHex),
  };
  return { inputs, publicInputs, plaintext };
}
