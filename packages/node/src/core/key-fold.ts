/**
 * The public key through PkAggregateAdapter (spec 003 P2; issue 9, "Aggregation and the chain";
 * docs/ZK.md "The key fold"; circuits src/aggregate/pk.ts), with proofs on and the E3's
 * pkVerifier = the deployment's adapter:
 *
 *  1. every member's C1 slot carries, besides the EVM-target proof its peers verify at the gate,
 *     the noir-recursive twin of the same statement (the fold verifies it in circuit);
 *  2. once its C1 proof is back, each member signs EIP-712 PkShare(e3Id, party, session,
 *     pkShareCommitment) over the commitment its C1 output, under the adapter's domain, and
 *     gossips it (Phase.PkShareSignature) in the C1/C2 round. Why a signature: a C1 proof names a
 *     party number and a session id (a SHA3 the EVM does not recompute); the member's signature
 *     ties them to its account in this E3's committee. A member of A without a twin and a valid
 *     signature by the end of that round leaves A (dkg.ts KeyGate), so every member of the final
 *     A can be folded and nobody can hold the key back by refusing to sign later;
 *  3. after the DKG the aggregator (fail-over order of A, as every publication) asks for the fold
 *     (a `prove` action 'PKFOLD': the |A| twins and C5 in one proof) and posts publishPublicKey
 *     with the adapter's bundle — only if the fold's public inputs name this session, this E3's
 *     crp, A, the signed commitments and the key this node computed itself.
 *
 * What a bad twin does: the gate checks a twin's claims, not its proof (bb's native verifier
 * needs the ceremony CRS: circuits src/aggregate/recursive.ts), so a member may send a good
 * EVM proof and a bad twin; then no fold over A can be proved, and since the key is a sum over
 * all of A (unlike decryption, where any T + 1 shares do), the E3 fails at its key deadline.
 * A liveness fault, not a safety one: no key without proofs reaches the chain.
 */
import { crpCommitment, sessionField } from '@interfold/circuits';
import { encodePkAggregateBundle } from '@interfold/contracts';
import { BaseError } from '@interfold/ring';
import type { PkShare, Session } from '@interfold/threshold';
import { bytesToHex, getAddress, toHex, type Address, type Hex } from 'viem';
import { Phase, type CoreAction, type PeerMessage, type SignRequest } from '../types.js';
import { encodeEnvelope, recoverDigestSigner, slotOf } from '../wire/envelope.js';
import type { PkShareSignature } from '../wire/payloads.js';
import { c1Claims, decodeProofBundle } from '../proofs/bundle.js';
import type { KeyGate } from './dkg.js';
import { signRequestDigest } from './quorum.js';

/** The `prove` slot of the key fold (never sent: the proof goes on chain). */
export const PKFOLD_SLOT = slotOf(Phase.PkShareSignature, 1);

const w32 = (x: bigint): Hex => toHex(x, { size: 32 });

export type ProvedKeyContext = {
  readonly e3Id: bigint;
  readonly chainId: number;
  /** The deployment's PkAggregateAdapter (the EIP-712 verifying contract of PkShare). */
  readonly adapter: Address;
  readonly session: Session;
  readonly me: number;
  readonly out: CoreAction[];
  readonly addressOf: (party: number) => Address;
};

export type KeyFoldPublication = {
  /** The final A, ascending. */
  readonly authorised: readonly number[];
  readonly pkShare: (party: number) => PkShare | undefined;
  /** A member's signed C1 message (undefined for this node: its own slot is kept here). */
  readonly c1Message: (party: number) => PeerMessage | undefined;
  /** The key this node computed, as posted (publicKeyBytes, pkCommitmentOf). */
  readonly pk: { readonly bytes: Hex; readonly commitment: Hex };
};

export class ProvedKey implements KeyGate {
  /** The session id as a field element (circuits' sessionField): the PkShare message's and the fold's. */
  private readonly sid: bigint;
  private readonly sessionWord: Hex;
  private own: { readonly c1: Uint8Array; readonly commitment: Hex; signature?: Hex } | undefined;
  private readonly received = new Map<number, { readonly value: PkShareSignature; readonly message: PeerMessage }>();
  /** Members whose twin and signature checked (the check recovers a signature: done once). */
  private readonly ok = new Set<number>();
  /** The aggregator's turn (fail-over), the fold request, the transaction. */
  turn = false;
  private asked = false;
  private sent = false;
  onChain = false;

  constructor(private readonly c: ProvedKeyContext) {
    this.sid = sessionField(c.session.id);
    this.sessionWord = w32(this.sid);
  }

  private request(party: number, pkShareCommitment: Hex): SignRequest {
    return {
      primaryType: 'PkShare',
      domain: { name: 'Interfold', version: '1', chainId: this.c.chainId, verifyingContract: this.c.adapter },
      message: { e3Id: this.c.e3Id, party: BigInt(party), session: this.sessionWord, pkShareCommitment },
    };
  }

  /** Step 2: this node's C1 slot is back (with its twin): sign the commitment it output. */
  onOwnC1(proof: Uint8Array): void {
    if (this.own) return;
    const commitment = w32(c1Claims(proof).pkShare);
    this.own = { c1: proof, commitment };
    this.c.out.push({ kind: 'sign', e3Id: this.c.e3Id, id: 'pkshare', request: this.request(this.c.me, commitment) });
  }

  /** This node's own PkShare signature (the daemon signed): the payload to gossip, once. */
  onSigned(signer: Address, signature: Hex): PkShareSignature | undefined {
    const own = this.own;
    if (!own || own.signature) return undefined;
    try {
      if (recoverDigestSigner(signRequestDigest(this.request(this.c.me, own.commitment)), signature) !== getAddress(signer)) return undefined;
    } catch (e) {
      if (e instanceof BaseError) return undefined;
      throw e;
    }
    own.signature = signature;
    return { pkShareCommitment: own.commitment, signature };
  }

  /** A member's gossiped signature (the first per member counts; it is checked against its C1 in `check`). */
  onSignature(party: number, value: PkShareSignature, message: PeerMessage): void {
    if (party !== this.c.me && !this.received.has(party)) this.received.set(party, { value, message });
  }

  /** KeyGate: whether `party`'s C1 slot has its twin and its signature is its own, over its C1 commitment. */
  check(party: number, c1: PeerMessage | undefined): 'ok' | 'pending' | { readonly reason: string; readonly evidence: readonly Uint8Array[] } {
    if (party === this.c.me) return this.own?.signature ? 'ok' : 'pending';
    if (this.ok.has(party)) return 'ok';
    const s = this.received.get(party);
    if (!c1 || !s) return 'pending';
    let claims;
    try {
      claims = c1Claims(c1.proof);
    } catch (e) {
      if (e instanceof BaseError) return { reason: `C1 slot: ${e.shortMessage}`, evidence: [encodeEnvelope(c1)] };
      throw e;
    }
    if (!claims.twin) return { reason: 'the C1 slot carries no recursive twin', evidence: [encodeEnvelope(c1)] };
    if (w32(claims.pkShare) !== s.value.pkShareCommitment.toLowerCase()) {
      return { reason: 'the PkShare signature is over another commitment than its C1 output', evidence: [encodeEnvelope(c1), encodeEnvelope(s.message)] };
    }
    let signer: Address | undefined;
    try {
      signer = recoverDigestSigner(signRequestDigest(this.request(party, s.value.pkShareCommitment)), s.value.signature);
    } catch (e) {
      if (!(e instanceof BaseError)) throw e;
    }
    if (signer !== getAddress(this.c.addressOf(party))) return { reason: 'the PkShare signature is not by the member', evidence: [encodeEnvelope(s.message)] };
    this.ok.add(party);
    return 'ok';
  }

  /** Step 3: the aggregator's turn with the DKG done: ask for the fold over A (once). */
  tryProve(p: KeyFoldPublication): void {
    if (!this.turn || this.asked || this.onChain || !this.own) return;
    const A = [...p.authorised].sort((x, y) => x - y);
    const proofs: Uint8Array[] = [];
    const pkShares: PkShare[] = [];
    for (const party of A) {
      const slot = party === this.c.me ? this.own.c1 : p.c1Message(party)?.proof;
      const share = p.pkShare(party);
      if (!slot || !share || this.check(party, p.c1Message(party)) !== 'ok') return; // A passed the KeyGate: not reached
      proofs.push(slot);
      pkShares.push(share);
    }
    this.asked = true;
    this.c.out.push({ kind: 'phase', e3Id: this.c.e3Id, phase: 'dkg', detail: `folding the C1 proofs of A = {${A.join(', ')}} with C5` });
    this.c.out.push({ kind: 'prove', e3Id: this.c.e3Id, phase: Phase.PkShareSignature, slot: PKFOLD_SLOT, statement: { circuit: 'PKFOLD', session: this.c.session, authorised: A, pkShares, proofs } });
  }

  /**
   * The fold is back: post the key with the adapter's bundle. False if `slot` is not the fold's.
   * The fold's public inputs [session, crp, ids, pkShareCommitments, pkCommitment] must be this
   * E3's and this node's own view (its A, the signed commitments, its key): else nothing is posted.
   */
  onProved(slot: bigint, proof: Uint8Array, p: KeyFoldPublication): boolean {
    if (slot !== PKFOLD_SLOT) return false;
    if (this.sent || this.onChain) return true;
    const note = (detail: string) => this.c.out.push({ kind: 'phase', e3Id: this.c.e3Id, phase: 'dkg', detail });
    if (proof.length === 0) {
      note('the key fold could not be proved (a bad recursive C1 twin?): the key is not posted');
      return true;
    }
    const A = [...p.authorised].sort((x, y) => x - y);
    const commitments = A.map((party) => (party === this.c.me ? this.own?.commitment : this.received.get(party)?.value.pkShareCommitment));
    const signatures = A.map((party) => (party === this.c.me ? this.own?.signature : this.received.get(party)?.value.signature));
    const [fold] = decodeProofBundle(proof);
    const s = this.c.session;
    const expected = [this.sid, crpCommitment(s.params, s.a), ...A.map(BigInt), ...commitments.map((x) => (x ? BigInt(x) : -1n)), BigInt(p.pk.commitment)];
    const pi = fold?.publicInputs ?? [];
    if (commitments.includes(undefined) || signatures.includes(undefined) || pi.length !== expected.length || pi.some((v, i) => v !== expected[i])) {
      note('the key fold is not over this session, A, the signed commitments and this node’s key: not posted');
      return true;
    }
    const proofBytes = (fold as { proof: Uint8Array }).proof;
    const bundle = encodePkAggregateBundle({
      session: this.sessionWord,
      crpCommitment: w32(expected[1]!),
      ids: A.map(BigInt),
      pkShareCommitments: commitments as Hex[],
      shareSignatures: signatures as Hex[],
      foldProof: bytesToHex(proofBytes),
    });
    this.sent = true;
    this.c.out.push({ kind: 'tx', e3Id: this.c.e3Id, tx: { fn: 'publishPublicKey', e3Id: this.c.e3Id, publicKey: p.pk.bytes, pkCommitment: p.pk.commitment, proof: bundle } });
    return true;
  }
}
