/**
 * One party of the DKG (spec 003, P1), holding its own secrets across the rounds:
 *
 *   transportPublicKey()  C0: the individual key pair's public key
 *   generate()            C1 + C2: sk_i, pk share, smudging contribution, Shamir sharings of sk_i,
 *                         esm_i and the mask ρ_i, hash commitment per recipient
 *   encryptShares()       C3: one transport ciphertext per limb per shared polynomial per recipient
 *   receive()             C4 (checks): decrypt, range-check, compare with the commitment
 *   maskedPolynomial()    the dealer's Z_i for the codeword check (consistency.ts)
 *   answerComplaint() / revealShares(): the dispute answers of complaint.ts and consistency.ts
 *                         (these checks stand in for the ZK proofs for now)
 *   finalize(A)           C4 (aggregation): s_j = Σ_{i ∈ A} y^{sk}_{i,j}, esm_j = Σ_{i ∈ A} y^{esm}_{i,j}
 *
 * Every secret is drawn from the OS CSPRNG unless a source is injected (reproducible tests).
 * Fault injection lives in tests (test/adversary.ts subclasses this class), never here.
 * Witnesses for the circuits are exposed: `witness` (sk_i, e_i, e_sm, the sharing polynomials)
 * and `encryptionRandomness(k)` (u, e0, e1 of each transport ciphertext).
 */
import type { PublicKey, SecretKey } from '@interfold/bfv';
import { cryptoSource, polyAdd, type RandomSource, type RnsPoly } from '@interfold/ring';
import { shareCommitment, type ShareTriple, equalBytes } from './commit.js';
import { checkMaskedPolynomial, maskedPolynomial, type ConsistencyChallenge } from './consistency.js';
import { tripleLimbs } from './complaint.js';
import { DisposedError, ProtocolError, QuorumError, ShareVerificationError } from './errors.js';
import { ThresholdKeyShare } from './keyshare.js';
import {
  ComplaintReason,
  type Complaint,
  type MaskedPolynomial,
  type EncryptedShareBundle,
  type PkShare,
  type ShareCommitments,
  type ShareOpening,
  type ShareReveal,
  type TransportPublicKey,
} from './messages.js';
import { PkShareProtocol } from './pk-share.js';
import type { Session } from './session.js';
import { shamirShare, type ShamirSharing } from './shamir.js';
import { sampleSmudgingContribution, type SmudgingContribution } from './smudging.js';
import { TransportKeyPair, encryptLimb, type EncryptionRandomness } from './transport.js';

export type DealerWitness = {
  readonly skContribution: SecretKey;
  /** Noise of the pk share (C1). */
  readonly e: Int32Array;
  readonly smudging: SmudgingContribution;
  readonly sharings: { readonly sk: ShamirSharing; readonly esm: ShamirSharing; readonly mask: ShamirSharing };
};

export class DkgParty {
  readonly transportKey: TransportKeyPair;
  private readonly src: RandomSource;
  private dealt: DealerWitness | undefined;
  private readonly randomness = new Map<number, EncryptionRandomness[]>();
  /** Shares received, by dealer (including this party's own). */
  private readonly received = new Map<number, ShareTriple>();
  private disposed = false;

  constructor(
    readonly session: Session,
    readonly id: number,
    opts: { src?: RandomSource } = {},
  ) {
    if (!session.committee.has(id)) throw new ProtocolError('Party id outside the committee', { details: `id ${id}, n = ${session.n}` });
    this.src = opts.src ?? cryptoSource;
    this.transportKey = TransportKeyPair.generate(session.transport, id, this.src);
  }

  transportPublicKey(): TransportPublicKey {
    return Object.freeze({ party: this.id, pk: this.transportKey.pk });
  }

  /** Steps C1 + C2: contributions, pk share, sharings and commitments. */
  generate(): { pkShare: PkShare; commitments: ShareCommitments } {
    this.alive();
    if (this.dealt) throw new ProtocolError('generate() called twice');
    const { session, src, id } = this;
    const { params } = session;
    const proto = new PkShareProtocol(params, session.a);
    const skContribution = proto.genContribution(src);
    const { share, e } = proto.genShare(id, skContribution, src);
    const smudging = sampleSmudgingContribution(params, session.smudging, src);
    const mask = params.ring.sampleUniform(src, false);
    const sharings = this.shareSecrets(skContribution.poly, smudging.poly, mask);
    mask.zeroize();
    this.dealt = { skContribution, e, smudging, sharings };
    const entries = [];
    for (const k of session.committee.ids) {
      const triple = this.tripleFor(k);
      if (k === id) this.received.set(id, triple);
      else entries.push({ recipient: k, digest: shareCommitment(session.id, id, k, triple) });
    }
    return { pkShare: share, commitments: Object.freeze({ dealer: id, entries: Object.freeze(entries) }) };
  }

  /** Shamir sharings (degree T, one share per member) of sk_i, esm_i and the mask ρ_i (C2). */
  protected shareSecrets(sk: RnsPoly, esm: RnsPoly, mask: RnsPoly): DealerWitness['sharings'] {
    const { params, n, T } = this.session;
    return {
      sk: shamirShare(params.ring, sk, n, T, this.src),
      esm: shamirShare(params.ring, esm, n, T, this.src),
      mask: shamirShare(params.ring, mask, n, T, this.src),
    };
  }

  private tripleFor(k: number): ShareTriple {
    const s = this.witness.sharings;
    return { sk: s.sk.shareFor(k), esm: s.esm.shareFor(k), mask: s.mask.shareFor(k) };
  }

  /** The dealer's secrets (C1/C2 witness). */
  get witness(): DealerWitness {
    this.alive();
    if (!this.dealt) throw new ProtocolError('No contribution yet: call generate() first');
    return this.dealt;
  }

  /** The randomness of the transport ciphertexts sent to recipient k (C3 witness). */
  encryptionRandomness(k: number): readonly EncryptionRandomness[] | undefined {
    return this.randomness.get(k);
  }

  /** Step C3: encrypts each recipient's shares under its transport key. */
  encryptShares(transportKeys: ReadonlyMap<number, PublicKey>): EncryptedShareBundle[] {
    this.alive();
    const out: EncryptedShareBundle[] = [];
    const { transport, params } = this.session;
    for (const k of this.session.committee.ids) {
      if (k === this.id) continue;
      const pk = transportKeys.get(k);
      if (!pk) continue; // no transport key: k is already excluded
      const limbs = tripleLimbs(this.tripleFor(k));
      const rs: EncryptionRandomness[] = [];
      const cts = limbs.map((v) => {
        const { ct, randomness } = encryptLimb(transport, pk, v, this.src);
        rs.push(randomness);
        return ct;
      });
      this.randomness.set(k, rs);
      const L = params.L;
      out.push(Object.freeze({ dealer: this.id, recipient: k, sk: cts.slice(0, L), esm: cts.slice(L, 2 * L), mask: cts.slice(2 * L) }));
    }
    return out;
  }

  /**
   * Step C4 (checks): decrypts the bundle from `commitments.dealer`, checks ranges, the commitment,
   * and the codeword check against the dealer's masked polynomial Z. Returns a complaint, or null
   * when the shares are accepted and stored.
   */
  receive(
    commitments: ShareCommitments,
    bundle: EncryptedShareBundle | undefined,
    challenge: ConsistencyChallenge,
    Z: MaskedPolynomial | undefined,
  ): Complaint | null {
    this.alive();
    const dealer = commitments.dealer;
    const complain = (reason: ComplaintReason): Complaint => Object.freeze({ accuser: this.id, dealer, reason });
    return this.checkAndStore(commitments, bundle, challenge, Z, complain);
  }

  private checkAndStore(
    commitments: ShareCommitments,
    bundle: EncryptedShareBundle | undefined,
    challenge: ConsistencyChallenge,
    Z: MaskedPolynomial | undefined,
    complain: (reason: ComplaintReason) => Complaint,
  ): Complaint | null {
    const dealer = commitments.dealer;
    const entry = commitments.entries.find((e) => e.recipient === this.id);
    if (!bundle || !entry || bundle.dealer !== dealer || bundle.recipient !== this.id) return complain(ComplaintReason.Malformed);
    const { params } = this.session;
    const L = params.L;
    if (bundle.sk.length !== L || bundle.esm.length !== L || bundle.mask.length !== L) return complain(ComplaintReason.Malformed);
    const polys: RnsPoly[] = [];
    try {
      for (const group of [bundle.sk, bundle.esm, bundle.mask]) {
        const p = params.ring.zero(false);
        group.forEach((ct, l) => {
          const v = this.transportKey.decryptLimb(ct, params.ring.moduli[l].q);
          (p.limbs[l] as Float64Array).set(v);
          v.fill(0);
        });
        polys.push(p);
      }
    } catch (e) {
      if (e instanceof ShareVerificationError) return complain(ComplaintReason.OutOfRange);
      throw e;
    }
    const triple: ShareTriple = { sk: polys[0], esm: polys[1], mask: polys[2] };
    if (!equalBytes(shareCommitment(this.session.id, dealer, this.id, triple), entry.digest)) {
      for (const p of polys) p.zeroize();
      return complain(ComplaintReason.CommitmentMismatch);
    }
    // Stored even on a codeword complaint: the dispute is decided by revealing exactly these shares.
    this.received.set(dealer, triple);
    if (!Z || Z.dealer !== dealer || !checkMaskedPolynomial(this.session, challenge, Z, this.id, triple)) return complain(ComplaintReason.CodewordMismatch);
    return null;
  }

  /** The opening of the shares sent to the accuser (see complaint.ts), or undefined if silent. */
  answerComplaint(c: Complaint): ShareOpening | undefined {
    this.alive();
    if (c.dealer !== this.id) throw new ProtocolError('Complaint addressed to another dealer');
    const r = this.randomness.get(c.accuser);
    if (!r) return undefined;
    return Object.freeze({ dealer: this.id, recipient: c.accuser, shares: this.tripleFor(c.accuser), randomness: r });
  }

  /** Z_i = ρ_i + γ1·f_i + γ2·g_i for this dealer, after the challenge (consistency.ts). */
  maskedPolynomial(challenge: ConsistencyChallenge): MaskedPolynomial {
    this.alive();
    return maskedPolynomial(this.session.params, this.id, this.witness.sharings, challenge.gammas(this.id));
  }

  /** This party's shares from `dealer` in the clear (only to back its own codeword complaint). */
  revealShares(dealer: number): ShareReveal | undefined {
    this.alive();
    const t = this.received.get(dealer);
    return t ? Object.freeze({ recipient: this.id, dealer, shares: t }) : undefined;
  }

  /** Step C4 (aggregation) over the final authorised set A. */
  finalize(A: readonly number[]): ThresholdKeyShare {
    this.alive();
    const { params, n, T } = this.session;
    if (!A.includes(this.id)) throw new ProtocolError('This party is not in the authorised set');
    if (A.length < T + 1) throw new QuorumError('Authorised set below quorum', { details: `|A| = ${A.length} < T + 1 = ${T + 1}` });
    const sk = params.ring.zero(false);
    const esm = params.ring.zero(false);
    for (const i of A) {
      const t = this.received.get(i);
      if (!t) throw new ProtocolError('Missing shares from an authorised dealer', { details: `dealer ${i}, recipient ${this.id}` });
      polyAdd(sk, t.sk, sk);
      polyAdd(esm, t.esm, esm);
    }
    return new ThresholdKeyShare(this.id, n, T, [...A].sort((x, y) => x - y), sk, esm);
  }

  private alive(): void {
    if (this.disposed) throw new DisposedError('DKG party used after dispose');
  }

  /** Overwrites every secret this party holds (its transport key, contributions, sharings, received shares). */
  dispose(): void {
    this.transportKey.dispose();
    if (this.dealt) {
      this.dealt.skContribution.dispose();
      this.dealt.e.fill(0);
      this.dealt.smudging.poly.zeroize();
      this.dealt.smudging.coeffs.fill(0n);
      this.dealt.sharings.sk.dispose();
      this.dealt.sharings.esm.dispose();
      this.dealt.sharings.mask.dispose();
    }
    for (const t of this.received.values()) for (const p of [t.sk, t.esm, t.mask]) p.zeroize();
    for (const rs of this.randomness.values()) for (const r of rs) (r.u.fill(0), r.e0.fill(0), r.e1.fill(0));
    this.received.clear();
    this.randomness.clear();
    this.disposed = true;
  }
}
