/**
 * Fault injection for tests and demonstrations, outside the protocol objects: a DkgParty subclass
 * that deviates where an Adversary says, plugged into runDkg / simulateE3 through `parties`.
 * Each hook sees the honest value and returns what the party actually publishes.
 */
import type { PublicKey } from '@interfold/bfv';
import type { RandomSource, RnsPoly } from '@interfold/ring';
import {
  ComplaintReason,
  DkgParty,
  type Complaint,
  type ConsistencyChallenge,
  type DealerWitness,
  type EncryptedShareBundle,
  type MaskedPolynomial,
  type PkShare,
  type Session,
  type ShareCommitments,
  type ShareOpening,
} from '../src/index.js';

export type Adversary = {
  /** Replace the published pk share. */
  pkShare?(share: PkShare): PkShare;
  /** Modify the sharings before they are committed (e.g. an off-polynomial share). */
  sharings?(s: DealerWitness['sharings']): void;
  /** Replace the bundle sent to one recipient after committing. */
  bundle?(b: EncryptedShareBundle): EncryptedShareBundle;
  /** Complain falsely against these dealers (after processing their shares honestly). */
  falseComplaints?: readonly number[];
  /** The reason given in false complaints (default CommitmentMismatch). */
  falseComplaintReason?: ComplaintReason;
  /** Publish a masked polynomial that does not match the committed sharings. */
  wrongMaskedPolynomial?: boolean;
  /** Refuse to answer complaints. */
  silent?: boolean;
};

export class AdversarialParty extends DkgParty {
  constructor(
    session: Session,
    id: number,
    private readonly adversary: Adversary,
    src?: RandomSource,
  ) {
    super(session, id, { src });
  }

  protected override shareSecrets(sk: RnsPoly, esm: RnsPoly, mask: RnsPoly): DealerWitness['sharings'] {
    const s = super.shareSecrets(sk, esm, mask);
    this.adversary.sharings?.(s);
    return s;
  }

  override generate(): { pkShare: PkShare; commitments: ShareCommitments } {
    const g = super.generate();
    return this.adversary.pkShare ? { ...g, pkShare: this.adversary.pkShare(g.pkShare) } : g;
  }

  override encryptShares(transportKeys: ReadonlyMap<number, PublicKey>): EncryptedShareBundle[] {
    const bundles = super.encryptShares(transportKeys);
    const f = this.adversary.bundle;
    return f ? bundles.map((b) => f(b)) : bundles;
  }

  override receive(commitments: ShareCommitments, bundle: EncryptedShareBundle | undefined, challenge: ConsistencyChallenge, Z: MaskedPolynomial | undefined): Complaint | null {
    const honest = super.receive(commitments, bundle, challenge, Z);
    const dealer = commitments.dealer;
    if (this.adversary.falseComplaints?.includes(dealer)) {
      return Object.freeze({ accuser: this.id, dealer, reason: this.adversary.falseComplaintReason ?? ComplaintReason.CommitmentMismatch });
    }
    return honest;
  }

  override answerComplaint(c: Complaint): ShareOpening | undefined {
    return this.adversary.silent ? undefined : super.answerComplaint(c);
  }

  override maskedPolynomial(challenge: ConsistencyChallenge): MaskedPolynomial {
    const Z = super.maskedPolynomial(challenge);
    if (this.adversary.wrongMaskedPolynomial) {
      const c = Z.coefficients[1];
      c.limbs[0][0] = (c.limbs[0][0] + 1) % this.session.params.ring.moduli[0].q;
    }
    return Z;
  }
}

/** The `parties` option of runDkg / simulateE3 for these adversaries (honest parties elsewhere). */
export const adversarial =
  (adversaries: Readonly<Record<number, Adversary>>) =>
  (session: Session, id: number, src: RandomSource | undefined): DkgParty =>
    adversaries[id] ? new AdversarialParty(session, id, adversaries[id], src) : new DkgParty(session, id, { src });
