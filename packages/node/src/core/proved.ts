/**
 * The links between proved steps (spec 003 P2, P4; issues 9, 10), checked by the core on the
 * public inputs of proofs the gate has already verified (src/proofs): a member's C4a/C4b (on its
 * PkAttestation) must sum exactly the share commitments the dealers of A output in their C2a/C2b
 * (slot = the member's party id), and its C6 (on its DecryptionShare) must be for the output
 * ciphertext on chain and use the key share and smudging share its C4 committed. A share that
 * fails is not used; the signed envelopes are the evidence. The C1 → C2 link is dkg.ts's.
 */
import type { BfvParameters, Ciphertext } from '@interfold/bfv';
import { centredOutput, ciphertextCommitment as c6CiphertextCommitment, decryptionLayout } from '@interfold/circuits';
import { BaseError } from '@interfold/ring';
import { Phase, type PeerMessage } from '../types.js';
import { encodeEnvelope } from '../wire/envelope.js';
import { c2Claims, c4Claims, c6Claims, type C2Claim } from '../proofs/bundle.js';

export type LinkVerdict = 'ok' | 'pending' | 'dropped' | { readonly reason: string; readonly evidence: readonly Uint8Array[] };

type C2 = { readonly sk: C2Claim; readonly esm: C2Claim };

export class ProvedLinks {
  private readonly attestations = new Map<number, PeerMessage>();
  private readonly shares = new Map<number, PeerMessage>();
  /** Parties whose decryption share is not used (a rejected proof or a failed link). */
  private readonly dropped = new Set<number>();
  private readonly linked = new Set<number>();
  private ownC2: C2 | undefined;
  /** This node's own C4 and C6 proof slots (the key-share table and the decryption bundle need them). */
  private ownC4: Uint8Array | undefined;
  private ownC6: Uint8Array | undefined;
  private readonly c4Linked = new Set<number>();
  private output: { ct: Ciphertext; commitment: bigint } | undefined;

  constructor(
    private readonly params: BfvParameters,
    private readonly me: number,
    private readonly dkg: { c2Message(dealer: number): PeerMessage | undefined },
  ) {}

  /** This node's own proofs as they come back from the prover (its C2 claims feed the C4 links of others). */
  onOwnProof(phase: Phase, proof: Uint8Array): void {
    if (phase === Phase.ShareCommitments) this.ownC2 = c2Claims(proof);
    if (phase === Phase.PkAttestation) this.ownC4 = proof;
    if (phase === Phase.DecryptionShare) this.ownC6 = proof;
  }

  onAttestation(party: number, m: PeerMessage): void {
    if (!this.attestations.has(party)) this.attestations.set(party, m);
  }

  onShare(party: number, m: PeerMessage): void {
    if (!this.shares.has(party)) this.shares.set(party, m);
  }

  /** A rejected proof: the party's share is not used. True the first time (exclude it then). */
  reject(party: number): boolean {
    if (this.dropped.has(party)) return false;
    this.dropped.add(party);
    return true;
  }

  private c2Of(dealer: number): C2 | undefined {
    if (dealer === this.me) return this.ownC2;
    const m = this.dkg.c2Message(dealer);
    return m ? c2Claims(m.proof) : undefined;
  }

  private outputCommitment(ct: Ciphertext): bigint {
    if (this.output?.ct !== ct) this.output = { ct, commitment: c6CiphertextCommitment(centredOutput(this.params, ct), decryptionLayout(this.params)) };
    return this.output.commitment;
  }

  /** Whether `party`'s decryption share for `ct` may be combined (A ascending: the final authorised set). */
  checkShare(party: number, A: readonly number[], ct: Ciphertext): LinkVerdict {
    if (this.dropped.has(party)) return 'dropped';
    if (this.linked.has(party)) return 'ok';
    const att = this.attestations.get(party);
    const share = this.shares.get(party);
    if (!att || !share) return 'pending';
    const bad = (reason: string, ...evidence: PeerMessage[]): LinkVerdict => {
      this.dropped.add(party);
      return { reason, evidence: evidence.map(encodeEnvelope) };
    };
    const v4 = this.checkAttestation(party, A);
    if (v4 !== 'ok') return v4;
    try {
      const c4 = c4Claims(att.proof);
      const c6 = c6Claims(share.proof);
      if (c6.ct !== this.outputCommitment(ct)) return bad('C6 is for another ciphertext than the output on chain', share);
      if (c6.sk !== c4.sk.agg || c6.esm !== c4.esm.agg) return bad('C6 uses another key share or smudging share than its C4 committed', share, att);
    } catch (e) {
      if (e instanceof BaseError) return bad(`proof bundle: ${e.shortMessage}`, share, att);
      throw e;
    }
    this.linked.add(party);
    return 'ok';
  }

  /** Whether `party`'s C4 (on its PkAttestation) sums exactly the C2 shares the dealers of A committed to it. */
  checkAttestation(party: number, A: readonly number[]): LinkVerdict {
    if (this.dropped.has(party)) return 'dropped';
    if (party === this.me) return this.ownC4 ? 'ok' : 'pending';
    if (this.c4Linked.has(party)) return 'ok';
    const att = this.attestations.get(party);
    if (!att) return 'pending';
    const bad = (reason: string, ...evidence: PeerMessage[]): LinkVerdict => {
      this.dropped.add(party);
      return { reason, evidence: evidence.map(encodeEnvelope) };
    };
    try {
      const c4 = c4Claims(att.proof);
      const dealers = [...A].sort((x, y) => x - y);
      for (const kind of ['sk', 'esm'] as const) {
        if (c4[kind].shares.length !== dealers.length) return bad('C4 is over another authorised set', att);
        for (const [k, i] of dealers.entries()) {
          const c2 = this.c2Of(i);
          if (!c2) return 'pending';
          if (c4[kind].shares[k] !== c2[kind].shares[party - 1]) {
            const dealerMsg = i === this.me ? undefined : this.dkg.c2Message(i);
            return bad(`C4${kind === 'sk' ? 'a' : 'b'} does not sum the shares dealer ${i} committed`, att, ...(dealerMsg ? [dealerMsg] : []));
          }
        }
      }
    } catch (e) {
      if (e instanceof BaseError) return bad(`proof bundle: ${e.shortMessage}`, att);
      throw e;
    }
    this.c4Linked.add(party);
    return 'ok';
  }

  /** The C4 key-share and smudging-share commitments of a party whose C4 linked (checkAttestation 'ok'). */
  keyShareRow(party: number): { readonly sk: bigint; readonly esm: bigint } | undefined {
    const bytes = party === this.me ? this.ownC4 : this.c4Linked.has(party) ? this.attestations.get(party)?.proof : undefined;
    if (!bytes) return undefined;
    const c4 = c4Claims(bytes);
    return { sk: c4.sk.agg, esm: c4.esm.agg };
  }

  /** The C6 proof slot of a party whose share linked (checkShare 'ok'), or this node's own. */
  shareProof(party: number): Uint8Array | undefined {
    if (party === this.me) return this.ownC6;
    return this.linked.has(party) ? this.shares.get(party)?.proof : undefined;
  }
}
