/**
 * Secret-key contributions and pk shares (spec 003, P1 "Generation", C1; P2 "Public Key
 * Aggregation", C5), as a Lattigo-style protocol object:
 *   genShare:        sk_i ternary, pk share (−a·sk_i + e_i, a) with the session's common a;
 *   checkShare:      the public checks possible without the C1 proof (see below);
 *   aggregateShares: pk = (Σ_{i ∈ A} p0_i, a)   (C5).
 *
 * What `checkShare` can and cannot see without ZK: it checks the party id, that p1 is exactly the
 * common a, and (through the decoder) that every residue is in range. It cannot check that p0 was
 * made from the sk_i that the party Shamir-shares, nor that e_i is small: that is C1's job. A
 * party that publishes a well-formed but wrong p0 yields a threshold key whose decryption fails,
 * detected at decryption, not attributed (docs/SECURITY.md section of this package's report).
 */
import { PublicKey, SecretKey, genPublicKeyWithWitness, genSecretKey, type BfvParameters } from '@interfold/bfv';
import { cryptoSource, exactNegacyclicMul, polyAdd, type RandomSource, type RnsPoly } from '@interfold/ring';
import { InvalidPkShareError } from './errors.js';
import type { PkShare } from './messages.js';

export class PkShareProtocol {
  constructor(
    readonly params: BfvParameters,
    /** The common random polynomial (coefficient form). */
    readonly a: RnsPoly,
  ) {
    params.ring.check(a);
    if (a.isNtt) throw new InvalidPkShareError('The common polynomial must be in coefficient form');
  }

  /** A fresh ternary secret-key contribution sk_i (OS CSPRNG). */
  genContribution(src: RandomSource = cryptoSource): SecretKey {
    return genSecretKey(this.params, src);
  }

  /** The pk share of sk_i and its noise e_i (the C1 witness). */
  genShare(party: number, sk: SecretKey, src: RandomSource = cryptoSource): { share: PkShare; e: Int32Array } {
    const { pk, e } = genPublicKeyWithWitness(this.params, sk, { a: this.a, src });
    return { share: Object.freeze({ party, p0: pk.p0, p1: pk.p1 }), e };
  }

  /** Throws InvalidPkShareError unless the share is from `party` and uses the common a. */
  checkShare(share: PkShare, party?: number): void {
    if (party !== undefined && share.party !== party) {
      throw new InvalidPkShareError('pk share from the wrong party', { details: `expected ${party}, got ${share.party}` });
    }
    try {
      this.params.ring.check(share.p0);
      this.params.ring.check(share.p1);
    } catch (e) {
      throw new InvalidPkShareError('pk share belongs to another ring', { cause: e });
    }
    if (share.p0.isNtt || share.p1.isNtt) throw new InvalidPkShareError('pk share must be in coefficient form');
    if (!share.p1.equals(this.a)) {
      throw new InvalidPkShareError('pk share does not use the common polynomial a', { details: `party ${share.party}` });
    }
  }

  /** pk = (Σ p0_i, a) over the given shares (the authorised set), each checked. */
  aggregateShares(shares: readonly PkShare[]): PublicKey {
    if (shares.length === 0) throw new InvalidPkShareError('No pk shares to aggregate');
    const seen = new Set<number>();
    const p0 = this.params.ring.zero(false);
    for (const s of shares) {
      this.checkShare(s);
      if (seen.has(s.party)) throw new InvalidPkShareError('Two pk shares from one party', { details: `party ${s.party}` });
      seen.add(s.party);
      polyAdd(p0, s.p0, p0);
    }
    return new PublicKey(this.params, p0, this.a.clone());
  }
}

/**
 * The C1 witness quotients of one limb l: over Z[X], with centred representatives mod q_l,
 *   p0 = −a·sk + e + r2·(X^N + 1) + r1·q_l      (spec 003, C1: "k_0 = −a·sk + e + r_2·(X^N+1) + r_1·q_i").
 * Exact products (slow at N = 8192; computed on demand).
 */
export function pkShareWitness(params: BfvParameters, a: RnsPoly, sk: SecretKey, e: Int32Array, share: PkShare, limb: number) {
  const q = params.moduli[limb];
  const m = params.ring.moduli[limb];
  const centred = (p: RnsPoly) => Array.from(p.limbs[limb], (v) => BigInt(m.center(v)));
  const ac = centred(a);
  const p0 = centred(share.p0);
  const s = sk.small ? Array.from(sk.small, BigInt) : centred(sk.poly);
  const { remainder, quotient } = exactNegacyclicMul(ac, s);
  // −a·sk = −remainder − quotient·(X^N + 1), so r2 = quotient and r1 = (p0 + remainder − e)/q.
  const r2 = quotient;
  const r1 = p0.map((x, k) => {
    const num = x + remainder[k] - BigInt(e[k]);
    if (num % q !== 0n) throw new InvalidPkShareError('pk share witness is not exact (the share does not match sk and e)', { details: `limb ${limb}, coefficient ${k}` });
    return num / q;
  });
  return { a: ac, pk0: p0, sk: s, e: Array.from(e, BigInt), r1, r2 };
}
