/**
 * The codeword check of a dealer's sharing without ZK (the statement of spec 003 C2, "the shares
 * form a valid Reed–Solomon codeword", checked interactively instead of proved).
 *
 * Recipients cannot compare their shares in the clear (T + 1 of them reveal the secret), so each
 * dealer i also shares a uniformly random mask ρ_i with degree T. Once every dealer has published
 * its pk share and its share commitments, a public challenge (γ1, γ2) per dealer and per limb is
 * derived from that transcript (Fiat–Shamir), and dealer i publishes the whole polynomial
 *     Z_i(x) = ρ_i(x) + γ1·f_i(x) + γ2·g_i(x)      (f: secret-key sharing, g: smudging sharing)
 * as its T + 1 coefficients. Each recipient k checks Z_i(k) = ρ_i(k) + γ1·f_i(k) + γ2·g_i(k) from
 * the shares it decrypted, and complains on a mismatch.
 *
 * Privacy: for any f', g' agreeing with f, g on the corrupt parties' ids, ρ' = ρ + γ1(f − f') +
 * γ2(g − g') maps the view (Z, corrupt shares) bijectively onto itself, and ρ is uniform: Z reveals
 * nothing about f(0) or g(0).
 * Soundness: if the honest recipients' shares of f or g do not lie on one degree-T polynomial, some
 * honest recipient's check fails except with probability ≤ 1/q_j ≈ 2^−50 over γ (fixed by the
 * commitments before γ is known; a dealer grinding its commitments needs ~2^50 sharings).
 * Disputes (complaint of reason CodewordMismatch) are decided by the accuser revealing its shares
 * from that dealer: they must match the dealer's commitment; then anyone recomputes the check. If it
 * fails, the dealer is at fault; if it holds, the complaint was false. Only the accuser's share
 * becomes public — harmless as in complaint.ts — so a lying recipient can only implicate itself.
 */
import type { BfvParameters } from '@interfold/bfv';
import { ByteWriter, SeededSource, bytesToHex, sampleUniformInto, type RnsPoly } from '@interfold/ring';
import { sha3 } from './hash.js';
import { equalBytes, polyBytes, shareCommitment, type ShareTriple } from './commit.js';
import type { ComplaintVerdict } from './complaint.js';
import type { Complaint, MaskedPolynomial, PkShare, ShareCommitments, ShareReveal } from './messages.js';
import type { Session } from './session.js';
import type { ShamirSharing } from './shamir.js';

export const CHALLENGE_DOMAIN = 'interfold/threshold/codeword-challenge/v1';

/** The public challenge of the codeword check: a transcript digest and γ per dealer per limb. */
export class ConsistencyChallenge {
  constructor(
    readonly params: BfvParameters,
    readonly digest: Uint8Array,
  ) {}

  /** [γ1, γ2] for each limb, for one dealer. */
  gammas(dealer: number): [number, number][] {
    const src = new SeededSource(Uint8Array.from([...this.digest, dealer & 0xff, dealer >>> 8]), `${CHALLENGE_DOMAIN}/${bytesToHex(this.params.fingerprint)}`);
    return this.params.ring.moduli.map((m) => {
      const g = sampleUniformInto(new Float64Array(2), m, src);
      return [g[0], g[1]];
    });
  }
}

/** The transcript digest over the session id, every pk share and every commitment (dealers ascending). */
export function deriveChallenge(session: Session, pkShares: readonly PkShare[], commitments: readonly ShareCommitments[]): ConsistencyChallenge {
  const w = new ByteWriter(1 << 16);
  w.varBytes(new TextEncoder().encode(CHALLENGE_DOMAIN)).bytes(session.id);
  const pks = new Map(pkShares.map((p) => [p.party, p]));
  for (const c of [...commitments].sort((x, y) => x.dealer - y.dealer)) {
    w.u16(c.dealer);
    const pk = pks.get(c.dealer);
    w.bytes(pk ? sha3(polyBytes(pk.p0)) : new Uint8Array(32));
    w.u16(c.entries.length);
    for (const e of c.entries) w.u16(e.recipient).bytes(e.digest);
  }
  return new ConsistencyChallenge(session.params, sha3(w.finish()));
}

/** Per-limb a·γ1 + b·γ2 + c for three polynomials (coefficient-wise). */
function combine(params: BfvParameters, mask: RnsPoly, sk: RnsPoly, esm: RnsPoly, gammas: readonly [number, number][]): RnsPoly {
  const out = params.ring.zero(false);
  const N = params.N;
  params.ring.moduli.forEach((m, l) => {
    const g1 = m.shoup(gammas[l][0]);
    const g2 = m.shoup(gammas[l][1]);
    const a = sk.limbs[l], b = esm.limbs[l], c = mask.limbs[l];
    const z = out.limbs[l];
    for (let i = 0; i < N; i++) z[i] = m.add(m.add(c[i], m.mulShoup(a[i], g1)), m.mulShoup(b[i], g2));
  });
  return out;
}

/** z = mask + γ1·sk + γ2·esm of one recipient's shares. */
export function consistencyValue(params: BfvParameters, shares: ShareTriple, gammas: readonly [number, number][]): RnsPoly {
  return combine(params, shares.mask, shares.sk, shares.esm, gammas);
}

/** The dealer's Z_i: coefficient d is ρ_d + γ1·f_d + γ2·g_d. */
export function maskedPolynomial(
  params: BfvParameters,
  dealer: number,
  sharings: { readonly sk: ShamirSharing; readonly esm: ShamirSharing; readonly mask: ShamirSharing },
  gammas: readonly [number, number][],
): MaskedPolynomial {
  const coefficients = sharings.mask.coefficients.map((r, d) => combine(params, r, sharings.sk.coefficients[d], sharings.esm.coefficients[d], gammas));
  return Object.freeze({ dealer, coefficients: Object.freeze(coefficients) });
}

/** Z(x) at a party id (Horner per limb). */
export function evaluateAt(params: BfvParameters, Z: MaskedPolynomial, x: number): RnsPoly {
  const out = params.ring.zero(false);
  const T = Z.coefficients.length - 1;
  const N = params.N;
  params.ring.moduli.forEach((m, l) => {
    const xs = m.shoup(m.reduce(x));
    const z = out.limbs[l];
    const q = m.q;
    z.set(Z.coefficients[T].limbs[l]);
    for (let d = T - 1; d >= 0; d--) {
      const c = Z.coefficients[d].limbs[l];
      for (let i = 0; i < N; i++) {
        const s = m.mulShoup(z[i], xs) + c[i];
        z[i] = s >= q ? s - q : s;
      }
    }
  });
  return out;
}

/** The recipient's check: Z_i(k) equals the value recomputed from its shares. */
export function checkMaskedPolynomial(session: Session, challenge: ConsistencyChallenge, Z: MaskedPolynomial, recipient: number, shares: ShareTriple): boolean {
  if (Z.coefficients.length !== session.T + 1) return false;
  return evaluateAt(session.params, Z, recipient).equals(consistencyValue(session.params, shares, challenge.gammas(Z.dealer)));
}

/** Decides a CodewordMismatch complaint from the accuser's reveal (see file comment). */
export function resolveCodewordComplaint(
  session: Session,
  challenge: ConsistencyChallenge,
  complaint: Complaint,
  reveal: ShareReveal | undefined,
  commitments: ShareCommitments | undefined,
  Z: MaskedPolynomial | undefined,
): ComplaintVerdict {
  const { dealer, accuser } = complaint;
  if (!commitments || !Z || Z.dealer !== dealer) return { faulty: 'dealer', reason: 'no commitments or no masked polynomial published' };
  if (Z.coefficients.length !== session.T + 1) return { faulty: 'dealer', reason: 'masked polynomial of the wrong degree' };
  const entry = commitments.entries.find((e) => e.recipient === accuser);
  if (!entry) return { faulty: 'dealer', reason: 'no commitment for the accuser' };
  if (!reveal || reveal.dealer !== dealer || reveal.recipient !== accuser) return { faulty: 'accuser', reason: 'the accuser did not reveal its shares' };
  if (!equalBytes(shareCommitment(session.id, dealer, accuser, reveal.shares), entry.digest)) {
    return { faulty: 'accuser', reason: 'the revealed shares do not match the commitment' };
  }
  if (!checkMaskedPolynomial(session, challenge, Z, accuser, reveal.shares)) {
    return { faulty: 'dealer', reason: 'the committed shares are not on the published degree-T polynomial' };
  }
  return { faulty: 'accuser', reason: 'the revealed shares pass the codeword check' };
}
