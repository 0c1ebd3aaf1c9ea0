/**
 * The statement each rlk contribution must satisfy, checked from its witness: the C1-like RLWE
 * relations (spec 003 C1: "k_0 = −a·sk + e") in the SAME small secret sk_i as the party's C1 pk
 * share, so a contribution made from any other key, or with large noise, is rejected.
 *
 *   C1 (link)  p0_i        = −a·sk_i + e_i
 *   round 1    h1_{i,d}    = a_d·sk_i + e1_{i,d}
 *              h0_{i,d}    = −a_d·u_i + g_d·sk_i + e0_{i,d}
 *   round 2    h0'_{i,d}   = h0_d·sk_i + e2_{i,d}
 *              h1'_{i,d}   = h1_d·(u_i − sk_i) + e3_{i,d}
 *   with sk_i, u_i ternary and every e in [−η, η] (η = 21), all mod Q.
 *
 * This is what a proof of the contribution establishes (the circuit takes the same witness, with
 * the Z[X] quotients of pk-share.ts `pkShareWitness` per limb); without a proof, the party opens the
 * witness to the checker (a dispute, or a test). It is run here in R_Q: each residual must equal the
 * claimed noise exactly in every limb.
 */
import type { SecretKey, BfvParameters } from '@interfold/bfv';
import { CBD_ETA, polyMulPointwise, polySub, type RnsPoly } from '@interfold/ring';
import type { PkShare } from './messages.js';
import type { RlkProtocol, RlkRound1Aggregate, RlkRound1Share, RlkRound2Share } from './rlk.js';
import { RlkShareError } from './rlk-errors.js';

export type RlkContributionWitness = {
  readonly sk: SecretKey;
  /** Noise of the C1 pk share. */
  readonly ePk: Int32Array;
  readonly u: SecretKey;
  readonly e0: readonly Int32Array[];
  readonly e1: readonly Int32Array[];
};

function ternary(params: BfvParameters, x: SecretKey, what: string): void {
  const s = x.small;
  if (!s || s.length !== params.N || s.some((v) => v < -1 || v > 1)) throw new RlkShareError(`Witness ${what} is not ternary`);
  if (!params.ring.fromSigned(s).equals(x.poly)) throw new RlkShareError(`Witness ${what} does not match its polynomial`);
}

/** residual = lhs − product (mod Q) must be exactly the small e. */
function relation(params: BfvParameters, lhs: RnsPoly, product: RnsPoly, e: Int32Array, what: string, party: number): void {
  if (e.length !== params.N || e.some((v) => v < -CBD_ETA || v > CBD_ETA)) throw new RlkShareError(`Noise of ${what} out of range`, { details: `party ${party}` });
  if (!polySub(lhs, product).equals(params.ring.fromSigned(e))) throw new RlkShareError(`rlk contribution fails ${what}`, { details: `party ${party}` });
}

const times = (x: RnsPoly, yNtt: RnsPoly) => polyMulPointwise(x.clone().toNtt(), yNtt).fromNtt();

/** Round 1 of `party` against its pk share (same sk_i). Throws RlkShareError on any failure. */
export function checkRlkRound1(proto: RlkProtocol, pk: { a: RnsPoly; share: PkShare }, share: RlkRound1Share, w: RlkContributionWitness): void {
  const { params } = proto;
  proto.checkShare(share);
  if (pk.share.party !== share.party) throw new RlkShareError('pk share and rlk share from different parties');
  ternary(params, w.sk, 'sk'), ternary(params, w.u, 'u');
  if (w.e0.length !== params.L || w.e1.length !== params.L) throw new RlkShareError('Witness needs one noise per digit');
  relation(params, pk.share.p0, polySub(params.ring.zero(), times(pk.a, w.sk.ntt)), w.ePk, 'C1 (p0 = −a·sk + e)', share.party);
  for (let d = 0; d < params.L; d++) {
    relation(params, share.h1[d], times(proto.a[d], w.sk.ntt), w.e1[d], `h1[${d}] = a_d·sk + e1`, share.party);
    const rhs = polySub(params.ring.zero(), times(proto.a[d], w.u.ntt));
    const m = params.ring.moduli[d];
    const r = rhs.limbs[d], s = w.sk.poly.limbs[d];
    for (let k = 0; k < params.N; k++) r[k] = m.add(r[k], s[k]);
    relation(params, share.h0[d], rhs, w.e0[d], `h0[${d}] = −a_d·u + g_d·sk + e0`, share.party);
  }
}

/** Round 2 of `party` on the round-1 aggregate, with the same sk_i and u_i as round 1. */
export function checkRlkRound2(proto: RlkProtocol, agg: RlkRound1Aggregate, share: RlkRound2Share, w: { sk: SecretKey; u: SecretKey; e2: readonly Int32Array[]; e3: readonly Int32Array[] }): void {
  const { params } = proto;
  proto.checkShare(share);
  ternary(params, w.sk, 'sk'), ternary(params, w.u, 'u');
  if (w.e2.length !== params.L || w.e3.length !== params.L) throw new RlkShareError('Witness needs one noise per digit');
  const uMinusS = polySub(w.u.ntt, w.sk.ntt);
  for (let d = 0; d < params.L; d++) {
    relation(params, share.h0[d], times(agg.h0[d], w.sk.ntt), w.e2[d], `h0'[${d}] = h0_d·sk + e2`, share.party);
    relation(params, share.h1[d], times(agg.h1[d], uMinusS), w.e3[d], `h1'[${d}] = h1_d·(u − sk) + e3`, share.party);
  }
}

/** Test/diagnostic: the measured worst noise of rlk against s, max_d ‖k0_d + k1_d·s − g_d·s²‖∞. */
export function measureRlkNoise(params: BfvParameters, rlk: { k0: readonly RnsPoly[]; k1: readonly RnsPoly[] }, s: SecretKey): bigint {
  const s2 = polyMulPointwise(s.ntt, s.ntt);
  let max = 0n;
  for (let d = 0; d < params.L; d++) {
    const x = polyMulPointwise(rlk.k1[d], s.ntt);
    const k0 = rlk.k0[d];
    for (let l = 0; l < params.L; l++) {
      const m = params.ring.moduli[l];
      const a = x.limbs[l], b = k0.limbs[l], c = s2.limbs[l];
      for (let k = 0; k < params.N; k++) a[k] = m.sub(m.add(a[k], b[k]), l === d ? c[k] : 0);
    }
    for (const v of params.ring.toBigInts(x.fromNtt(), true)) if ((v < 0n ? -v : v) > max) max = v < 0n ? -v : v;
  }
  return max;
}

