/**
 * The multiparty relinearisation-key protocol RKG of Mouchet, Troncoso-Pastoriza, Bossuat, Hubaux,
 * "Multiparty homomorphic encryption from ring-learning-with-errors", PoPETs 2021(4), §4.3
 * (Protocol 2, "RelinKeyGen"), run by the members of the authorised set A on their secret-key
 * contributions sk_i (the C1 secrets of spec 003 P1), giving a relinearisation key for
 * s = Σ_{i∈A} sk_i in exactly the structure bfv's `relinearize` consumes (bfv/src/relin.ts: one
 * RNS digit per limb, gadget g_d ≡ δ_dl (mod q_l), k0_d + k1_d·s = g_d·s² + small).
 *
 * Lattigo-style verbs (drlwe RKGProtocol), with a_d the common random polynomials of the E3:
 *   genEphemeral          u_i ternary (kept, encrypted at rest, between the two rounds)
 *   genShareRound1        h0_{i,d} = −u_i·a_d + g_d·sk_i + e0_{i,d},   h1_{i,d} = sk_i·a_d + e1_{i,d}
 *   aggregateRound1       h0_d = Σ h0_{i,d},   h1_d = Σ h1_{i,d}
 *   genShareRound2        h0'_{i,d} = sk_i·h0_d + e2_{i,d},   h1'_{i,d} = (u_i − sk_i)·h1_d + e3_{i,d}
 *   finalize              rlk_d = (Σ h0'_{i,d} + Σ h1'_{i,d},  h1_d)
 * Then k0_d + k1_d·s = g_d·s² + s·e0 + u·e1 + e2 + e3 (noise bound: mul-noise.ts).
 *
 * Every member of A must take part in both rounds (s has a term from each). The public checks here
 * are structural; the RLWE relations each share must satisfy in the party's committed small
 * secrets are rlk-check.ts (the statement a C1-like proof establishes).
 */
import { RelinKey, SecretKey, genSecretKey, type BfvParameters } from '@interfold/bfv';
import { SeededSource, bytesToHex, cryptoSource, polyAdd, polyMulPointwise, polySub, sampleCbd, type RandomSource, type RnsPoly } from '@interfold/ring';
import { ProtocolError, RlkShareError } from './rlk-errors.js';

export const RLK_CRP_DOMAIN = 'interfold/threshold/rlk-crp/v1';

/** Round-1 share of party i: per digit d, (h0_{i,d}, h1_{i,d}), coefficient form. */
export type RlkRound1Share = { readonly party: number; readonly h0: readonly RnsPoly[]; readonly h1: readonly RnsPoly[] };
/** Round-2 share of party i: per digit d, (h0'_{i,d}, h1'_{i,d}), coefficient form. */
export type RlkRound2Share = { readonly party: number; readonly h0: readonly RnsPoly[]; readonly h1: readonly RnsPoly[] };
/** The round-1 aggregate (h0_d, h1_d) over the participants, and who they were. */
export type RlkRound1Aggregate = { readonly parties: readonly number[]; readonly h0: readonly RnsPoly[]; readonly h1: readonly RnsPoly[] };

/** Noise of each round (the witness of rlk-check.ts). */
export type RlkRound1Noise = { readonly e0: readonly Int32Array[]; readonly e1: readonly Int32Array[] };
export type RlkRound2Noise = { readonly e2: readonly Int32Array[]; readonly e3: readonly Int32Array[] };

/** a_1..a_L of an E3: derived from its seed like `a` (crp.ts), under a separate domain per digit. */
export function rlkCommonPolys(params: BfvParameters, seed: Uint8Array | string): RnsPoly[] {
  return Array.from({ length: params.L }, (_, d) => params.ring.sampleUniform(new SeededSource(seed, `${RLK_CRP_DOMAIN}/${bytesToHex(params.fingerprint)}/${d}`), false));
}

/** Adds g_d·x: x into limb d only (g_d ≡ 1 mod q_d, ≡ 0 mod q_l for l ≠ d). */
function addGadget(params: BfvParameters, acc: RnsPoly, x: RnsPoly, d: number): void {
  const m = params.ring.moduli[d];
  const a = acc.limbs[d], b = x.limbs[d];
  for (let k = 0; k < params.N; k++) a[k] = m.add(a[k], b[k]);
}

export class RlkProtocol {
  private readonly aNtt: RnsPoly[];

  constructor(
    readonly params: BfvParameters,
    /** a_1..a_L, coefficient form (rlkCommonPolys). */
    readonly a: readonly RnsPoly[],
  ) {
    if (a.length !== params.L) throw new RlkShareError('One common polynomial per RNS digit is needed', { details: `${a.length} ≠ L = ${params.L}` });
    for (const p of a) {
      params.ring.check(p);
      if (p.isNtt) throw new RlkShareError('Common polynomials must be in coefficient form');
    }
    this.aNtt = a.map((p) => p.clone().toNtt());
  }

  /** u_i: a fresh ternary ephemeral secret (OS CSPRNG). */
  genEphemeral(src: RandomSource = cryptoSource): SecretKey {
    return genSecretKey(this.params, src);
  }

  private noise(src: RandomSource): { poly: RnsPoly; e: Int32Array } {
    const e = sampleCbd(this.params.N, src);
    return { poly: this.params.ring.fromSigned(e), e };
  }

  /** Round 1 (Mouchet et al. §4.3, RKG step 1). */
  genShareRound1(party: number, sk: SecretKey, u: SecretKey, src: RandomSource = cryptoSource): { share: RlkRound1Share; noise: RlkRound1Noise } {
    const { params } = this;
    const h0: RnsPoly[] = [], h1: RnsPoly[] = [], e0: Int32Array[] = [], e1: Int32Array[] = [];
    for (let d = 0; d < params.L; d++) {
      const n0 = this.noise(src), n1 = this.noise(src);
      const x0 = polySub(n0.poly, polyMulPointwise(this.aNtt[d], u.ntt).fromNtt());
      addGadget(params, x0, sk.poly, d);
      const x1 = polyAdd(polyMulPointwise(this.aNtt[d], sk.ntt).fromNtt(), n1.poly);
      h0.push(x0), h1.push(x1), e0.push(n0.e), e1.push(n1.e);
    }
    return { share: Object.freeze({ party, h0: Object.freeze(h0), h1: Object.freeze(h1) }), noise: { e0, e1 } };
  }

  /** Structural checks of a share from `party` (what a verifier can check without the proof). */
  checkShare(share: RlkRound1Share | RlkRound2Share, party?: number): void {
    if (party !== undefined && share.party !== party) throw new RlkShareError('rlk share from the wrong party', { details: `expected ${party}, got ${share.party}` });
    const L = this.params.L;
    if (share.h0.length !== L || share.h1.length !== L) throw new RlkShareError('rlk share needs one pair per RNS digit', { details: `party ${share.party}` });
    for (const p of [...share.h0, ...share.h1]) {
      try {
        this.params.ring.check(p);
      } catch (e) {
        throw new RlkShareError('rlk share belongs to another ring', { cause: e, details: `party ${share.party}` });
      }
      if (p.isNtt) throw new RlkShareError('rlk share must be in coefficient form', { details: `party ${share.party}` });
    }
  }

  private sum(shares: readonly (RlkRound1Share | RlkRound2Share)[]): { parties: number[]; h0: RnsPoly[]; h1: RnsPoly[] } {
    if (shares.length === 0) throw new ProtocolError('No rlk shares to aggregate');
    const { ring, L } = this.params;
    const h0 = Array.from({ length: L }, () => ring.zero(false));
    const h1 = Array.from({ length: L }, () => ring.zero(false));
    const parties: number[] = [];
    for (const s of shares) {
      this.checkShare(s);
      if (parties.includes(s.party)) throw new RlkShareError('Two rlk shares from one party', { details: `party ${s.party}` });
      parties.push(s.party);
      for (let d = 0; d < L; d++) polyAdd(h0[d], s.h0[d], h0[d]), polyAdd(h1[d], s.h1[d], h1[d]);
    }
    return { parties: parties.sort((x, y) => x - y), h0, h1 };
  }

  /** (h0_d, h1_d) = Σ over the round-1 shares of every member of A. */
  aggregateRound1(shares: readonly RlkRound1Share[]): RlkRound1Aggregate {
    const { parties, h0, h1 } = this.sum(shares);
    return Object.freeze({ parties: Object.freeze(parties), h0: Object.freeze(h0), h1: Object.freeze(h1) });
  }

  /** Round 2 (RKG step 2) on the round-1 aggregate. */
  genShareRound2(party: number, sk: SecretKey, u: SecretKey, agg: RlkRound1Aggregate, src: RandomSource = cryptoSource): { share: RlkRound2Share; noise: RlkRound2Noise } {
    if (!agg.parties.includes(party)) throw new ProtocolError('Round 2 from a party outside the round-1 aggregate', { details: `party ${party}` });
    const uMinusS = polySub(u.ntt, sk.ntt);
    const h0: RnsPoly[] = [], h1: RnsPoly[] = [], e2: Int32Array[] = [], e3: Int32Array[] = [];
    for (let d = 0; d < this.params.L; d++) {
      const n2 = this.noise(src), n3 = this.noise(src);
      h0.push(polyAdd(polyMulPointwise(agg.h0[d].clone().toNtt(), sk.ntt).fromNtt(), n2.poly));
      h1.push(polyAdd(polyMulPointwise(agg.h1[d].clone().toNtt(), uMinusS).fromNtt(), n3.poly));
      e2.push(n2.e), e3.push(n3.e);
    }
    uMinusS.zeroize();
    return { share: Object.freeze({ party, h0: Object.freeze(h0), h1: Object.freeze(h1) }), noise: { e2, e3 } };
  }

  /** rlk_d = (Σ h0'_{i,d} + Σ h1'_{i,d}, h1_d): needs a round-2 share from every round-1 participant. */
  finalize(agg: RlkRound1Aggregate, shares: readonly RlkRound2Share[]): RelinKey {
    const { parties, h0, h1 } = this.sum(shares);
    if (parties.length !== agg.parties.length || parties.some((p, i) => p !== agg.parties[i])) {
      throw new ProtocolError('Round-2 shares must come from exactly the round-1 participants', { details: `round 1 {${agg.parties.join(', ')}}, round 2 {${parties.join(', ')}}` });
    }
    const k0 = h0.map((x, d) => polyAdd(x, h1[d]).toNtt());
    const k1 = agg.h1.map((x) => x.clone().toNtt());
    return new RelinKey(this.params, k0, k1);
  }
}
