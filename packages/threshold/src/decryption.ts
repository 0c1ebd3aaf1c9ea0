/**
 * Threshold decryption (spec 003, P4, C6 and C7).
 *
 * Decryption share of party j:  d_j = c0 + c1·s_j + esm_j  (per limb, mod q_l).
 * Because s_j and esm_j are evaluations at j of degree-T polynomials S(x), E(x) with S(0) = s and
 * E(0) = E, the d_j are evaluations of D(x) = c0 + c1·S(x) + E(x), and any T + 1 of them give
 *   D(0) = c0 + c1·s + E = Δ·m + v + E          (Lagrange at 0 per limb, lagrange.ts)
 * whose BFV decoding round(t·D(0)/Q) mod t (CRT-exact, bfv roundToPlaintext; the spec's
 * "message = −Q^{-1}·(t·u_global)_Q mod t" with centred representatives) is m while
 * ‖v + E‖∞ < Q/(2t) (smudging.ts). With more than T + 1 shares, the extra ones are redundancy: they
 * must lie on the same degree-T polynomial (parity.ts), which detects a wrong share.
 */
import { encodeCiphertext, roundToPlaintext, type BfvParameters, type Ciphertext, type Plaintext } from '@interfold/bfv';
import { exactNegacyclicMul, polyAdd, polyMulPointwise, type RnsPoly } from '@interfold/ring';
import { sha3 } from './hash.js';
import { equalBytes } from './commit.js';
import { DecryptionShareError, InvalidParameterError, QuorumError } from './errors.js';
import { interpolateAtZero, lagrangeAtZero } from './lagrange.js';
import type { DecryptionShare } from './messages.js';
import { firstParityFailure } from './parity.js';
import type { ThresholdKeyShare } from './keyshare.js';

/** SHA3-256 of the canonical ciphertext bytes: binds a decryption share to one ciphertext. */
export function ciphertextDigest(ct: Ciphertext): Uint8Array {
  return sha3(encodeCiphertext(ct));
}

function checkCiphertext(params: BfvParameters, ct: Ciphertext): void {
  if (ct.size !== 2) {
    throw new InvalidParameterError('Threshold decryption needs a 2-component ciphertext', {
      details: `size ${ct.size}: relinearise first (a 3-component ciphertext would need s_j², a degree-2T sharing)`,
    });
  }
  params.ring.check(ct.c0);
}

/** C6: this party's decryption share of ct. Consumes the smudging share (one ciphertext only). */
export function decryptionShare(params: BfvParameters, key: ThresholdKeyShare, ct: Ciphertext): DecryptionShare {
  checkCiphertext(params, ct);
  const digest = ciphertextDigest(ct);
  key.claimSmudging(digest);
  const d = polyMulPointwise(ct.c1.clone().toNtt(), key.skNtt).fromNtt();
  polyAdd(d, ct.c0, d);
  polyAdd(d, key.esm, d);
  return Object.freeze({ party: key.party, ctDigest: digest, d });
}

/**
 * The C6 witness quotients of one limb: d = c0 + c1·s_j + esm_j + r2·(X^N + 1) + r1·q_l over Z[X],
 * with every polynomial in centred representatives mod q_l. Exact products (slow; on demand).
 */
export function decryptionShareWitness(params: BfvParameters, key: ThresholdKeyShare, ct: Ciphertext, share: DecryptionShare, limb: number) {
  const q = params.moduli[limb];
  const m = params.ring.moduli[limb];
  const centred = (p: RnsPoly) => Array.from(p.limbs[limb], (v) => BigInt(m.center(v)));
  const c0 = centred(ct.c0), c1 = centred(ct.c1), s = centred(key.sk), e = centred(key.esm), d = centred(share.d);
  const { remainder, quotient } = exactNegacyclicMul(c1, s);
  const r2 = quotient.map((x) => -x);
  const r1 = d.map((dk, k) => {
    const num = dk - c0[k] - remainder[k] - e[k];
    if (num % q !== 0n) throw new InvalidParameterError('Decryption share witness is not exact (wrong key share?)');
    return num / q;
  });
  return { c0, c1, sk: s, esm: e, d, r1, r2 };
}

export type CombineOptions = {
  /** When given, every share must carry this ciphertext's digest. */
  readonly ciphertext?: Ciphertext;
};

export type CombinedDecryption = {
  readonly plaintext: Plaintext;
  /** D(0) = c0 + c1·s + E: the smudged phase (for noise measurement). */
  readonly phase: RnsPoly;
  /** The ids whose shares were interpolated (ascending, T + 1 of them). */
  readonly used: readonly number[];
};

/**
 * C7: combines decryption shares. Needs at least T + 1 distinct parties. With more, checks that all
 * lie on one degree-T polynomial first (throws DecryptionShareError otherwise) and interpolates the
 * T + 1 smallest ids (spec 003: "processed in ascending order").
 */
export function combineDecryptionShares(params: BfvParameters, shares: readonly DecryptionShare[], T: number, opts: CombineOptions = {}): CombinedDecryption {
  if (!Number.isInteger(T) || T < 1) throw new InvalidParameterError('T must be a positive integer', { details: `T = ${T}` });
  const byId = new Map<number, DecryptionShare>();
  for (const s of shares) {
    if (byId.has(s.party)) throw new DecryptionShareError('Two decryption shares from one party', { details: `party ${s.party}` });
    byId.set(s.party, s);
  }
  if (byId.size < T + 1) throw new QuorumError('Not enough decryption shares', { details: `${byId.size} < T + 1 = ${T + 1}` });
  const ids = [...byId.keys()].sort((a, b) => a - b);
  const digest = opts.ciphertext ? ciphertextDigest(opts.ciphertext) : byId.get(ids[0])!.ctDigest;
  for (const id of ids) {
    const s = byId.get(id)!;
    if (!equalBytes(s.ctDigest, digest)) throw new DecryptionShareError('Decryption share for another ciphertext', { details: `party ${id}` });
    params.ring.check(s.d);
  }
  const all = ids.map((id) => byId.get(id)!.d);
  if (ids.length > T + 1) {
    const f = firstParityFailure(params.ring, ids, all, T);
    if (f) throw new DecryptionShareError('Decryption shares are inconsistent (not one degree-T polynomial)', { details: `coefficient ${f.coefficient}, limb ${f.limb}` });
  }
  const used = ids.slice(0, T + 1);
  const phase = interpolateAtZero(params.ring, used, all.slice(0, T + 1));
  return { plaintext: roundToPlaintext(params, phase), phase, used };
}

/**
 * The C7 witness: the Lagrange coefficients per limb, the interpolated limbs u^(l), their CRT lift
 * u_global ∈ [0, Q), and the quotients r^(l) with u^(l) + r^(l)·q_l = u_global (spec 003, C7).
 */
export function combinationWitness(params: BfvParameters, combined: CombinedDecryption) {
  const lagrange = params.ring.moduli.map((m) => lagrangeAtZero(combined.used, m));
  const uGlobal = params.ring.toBigInts(combined.phase, false);
  const limbs = params.ring.moduli.map((_, l) => Array.from(combined.phase.limbs[l], BigInt));
  const r = limbs.map((u, l) => u.map((x, k) => (uGlobal[k] - x) / params.moduli[l]));
  return { ids: combined.used, lagrange, limbs, uGlobal, r };
}
