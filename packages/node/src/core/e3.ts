/**
 * One E3 as seen by one committee member (SYSTEM.md §3 steps 4–10; spec 003 P1–P4): the DKG
 * (dkg.ts), the key publication with its T + 1 attestations, the check of the compute provider's
 * output against its own recomputation, its one decryption share, the combination and the
 * plaintext publication, aggregator fail-over, chain-deadline markFailed, and erasure.
 *
 * Aggregator: the k-th member of the final authorised set A (ascending party id) publishes from
 * k · failover after the value is ready, if it is not on chain yet (the lowest live id first).
 */
import type { Ciphertext, PublicKey } from '@interfold/bfv';
import { AttestationKind, decryptionAttestationHash, encodeQuorumProof, pkAttestationHash, sortSigned } from '@interfold/contracts';
import { BaseError } from '@interfold/ring';
import {
  ciphertextDigest,
  combineDecryptionShares,
  decryptionShare,
  DecryptionShareError,
  equalBytes,
  Session,
  type DecryptionShare,
  type ThresholdKeyShare,
} from '@interfold/threshold';
import * as S from '@interfold/threshold';
import { bytesToHex, getAddress, hexToBytes, keccak256, type Address, type Hex } from 'viem';
import { Phase, type ChainEvent, type CoreAction, type E3Phase, type PeerMessage, type ProveStatement, type SignRequest } from '../types.js';
import { encodeEnvelope, slotOf } from '../wire/envelope.js';
import {
  encodeDecryptionAttestation,
  encodeKeySharesAttestation,
  encodeOutputRejection,
  encodePkAttestation,
  encodePkShareSignature,
  type DecryptionAttestation,
  type OutputRejection,
  type PkAttestation,
} from '../wire/payloads.js';
import { ProvedLinks } from './proved.js';
import { ProvedDecryption } from './decryption-proof.js';
import { ProvedKey } from './key-fold.js';
import type { EnvelopeContext, VerifiedMessage } from '../wire/verify.js';
import { ciphertextCommitment, ciphertextFromBytes, ciphertextToBytes } from './ciphertext.js';
import { FOLD_FAILOVER, type CoreConfig, type CoreTimeouts } from './config.js';
import { DkgDriver } from './dkg.js';
import { CoreError } from './errors.js';
import type { InputLog } from './inputs.js';
import type { ParamSet } from './params.js';
import type { Program, ProgramContext } from './program.js';
import { evaluationOf, evaluationRecord, extraRounds } from './evaluation.js';
import { encodePlaintextOutput, pkCommitmentOf, publicKeyBytes } from './publication.js';
import { Quorum } from './quorum.js';
import type { E3Secrets } from './secrets.js';

export type E3Request = Extract<ChainEvent, { name: 'E3Requested' }>;
export type CommitteeEvent = Extract<ChainEvent, { name: 'CommitteeFinalized' }>;
type OutputEvent = Extract<ChainEvent, { name: 'CiphertextOutputPublished' }>;

export type DutyContext = {
  readonly cfg: CoreConfig;
  readonly timeouts: CoreTimeouts;
  readonly request: E3Request;
  readonly committee: CommitteeEvent;
  readonly me: number;
  readonly set: ParamSet;
  readonly session: Session;
  readonly program: Program;
  readonly inputs: InputLog;
  readonly secrets: E3Secrets;
  readonly envelope: EnvelopeContext;
  readonly maxInputs: number;
};

/** One publication by T + 1 signatures with aggregator fail-over (key, plaintext, rejection). */
type Publication = { quorum: Quorum; turn: boolean; sent: boolean; onChain: boolean };

export class E3Duty {
  readonly e3Id: bigint;
  readonly out: CoreAction[] = [];
  phase: E3Phase = 'dkg';
  private readonly dkg: DkgDriver;
  private keyShare: ThresholdKeyShare | undefined;
  private authorised: readonly number[] = [];
  private pk: { bytes: Hex; hash: Hex; commitment: Hex } | undefined;
  /** The output on chain; `ct`/`digest` only when this node recomputed the same (else it rejects). */
  private output: { event: OutputEvent; ct?: Ciphertext; digest?: Uint8Array } | undefined;
  private ownShare: Uint8Array | undefined;
  private readonly shares = new Map<number, DecryptionShare>();
  private plaintext: Hex | undefined;
  private readonly pending = { pk: new Map<number, PkAttestation>(), reject: new Map<number, OutputRejection>(), pt: new Map<number, DecryptionAttestation>() };
  private readonly pub: { pk?: Publication; reject?: Publication; pt?: Publication } = {};
  private finished = false;
  private combineScheduled = false;
  /** What the chain has reached, from its events (whether or not this node took part). */
  private readonly chain = { key: false, output: false, plaintext: false };
  /** Messages waiting for their proof (a `prove` action is out), by slot. */
  private readonly awaitingProof = new Map<bigint, { phase: Phase; payload: Uint8Array }>();
  /** Proofs on: the C2 → C4 → C6 links over the proofs the gate verified (proved.ts). */
  private readonly links: ProvedLinks | undefined;
  /**
   * Proofs on and the E3's decryptionVerifier is the DecryptionProofAdapter (the plaintext goes on
   * chain with C6 + C7) or the DecryptionAggregateAdapter (with the fold): decryption-proof.ts.
   */
  private readonly proved: ProvedDecryption | undefined;
  /** Proofs on and the E3's pkVerifier is the PkAggregateAdapter: the key goes on chain with the key fold (key-fold.ts). */
  private readonly provedKey: ProvedKey | undefined;
  /** Depth ≥ 1 / masks: the rlk and the masks of the final A (rlk.ts), for this node's compute and recompute. */
  evaluation: Pick<ProgramContext, 'evaluationKey' | 'masks'> = {};

  constructor(private readonly c: DutyContext) {
    this.e3Id = c.request.e3Id;
    const proofsOn = c.cfg.proofs.policy(Phase.DecryptionShare) === 'REQUIRED';
    const start = Number(c.committee.blockTimestamp) * 1000;
    const pkVerifier = c.request.params.pkVerifier.toLowerCase();
    this.provedKey =
      c.cfg.proofs.policy(Phase.PkShare) === 'REQUIRED' && c.cfg.pkAggregateAdapter?.toLowerCase() === pkVerifier
        ? new ProvedKey({ e3Id: this.e3Id, chainId: c.cfg.chainId, adapter: getAddress(pkVerifier), session: c.session, me: c.me, out: this.out, addressOf: (p) => this.addressOf(p) })
        : undefined;
    this.dkg = new DkgDriver(c.session, c.me, c.secrets.stream(), start, c.timeouts, c.envelope, { ...c.set, n: c.session.n, T: c.session.T }, {
      send: (phase, sub, payload, to, statement) => this.send(phase, sub, payload, to, statement),
      exclude: (party, reason, evidence) => this.exclude(party, reason, evidence),
      schedule: (name, at) => this.out.push({ kind: 'schedule', e3Id: this.e3Id, name, at }),
    }, c.cfg.proofs.policy(Phase.PkShare) === 'REQUIRED', extraRounds(c), this.provedKey);
    this.links = proofsOn ? new ProvedLinks(c.set.params, c.me, this.dkg) : undefined;
    const verifier = c.request.params.decryptionVerifier.toLowerCase();
    const mode = c.cfg.decryptionProofAdapter?.toLowerCase() === verifier ? 'proofs' : c.cfg.decryptionAggregateAdapter?.toLowerCase() === verifier ? 'fold' : undefined;
    this.proved =
      this.links && mode
        ? new ProvedDecryption({
            mode,
            e3Id: this.e3Id,
            chainId: c.cfg.chainId,
            adapter: getAddress(verifier),
            session: c.session,
            me: c.me,
            links: this.links,
            out: this.out,
            addressOf: (p) => this.addressOf(p),
            exclude: (p, reason, evidence) => this.exclude(p, reason, evidence),
          })
        : undefined;
  }

  begin(now: number): void {
    const s = this.c.request.schedule;
    const stagger = (this.c.me - 1) * this.c.timeouts.failover + this.c.timeouts.deadlineGrace;
    this.schedule('deadline:key', Number(s.keyDeadline) * 1000 + stagger);
    this.schedule('deadline:compute', Number(s.computeDeadline) * 1000 + stagger);
    this.schedule('deadline:decryption', Number(s.decryptionDeadline) * 1000 + stagger);
    this.setPhase('dkg', `party ${this.c.me} of ${this.c.session.n}, T = ${this.c.session.T}`);
    this.dkg.begin(now);
    this.afterDkg(now);
  }

  private addressOf(party: number): Address {
    return getAddress(this.c.committee.members[party - 1]);
  }

  private schedule(name: string, at: number): void {
    this.out.push({ kind: 'schedule', e3Id: this.e3Id, name, at });
  }

  private setPhase(phase: E3Phase, detail?: string): void {
    this.phase = phase;
    this.out.push(detail === undefined ? { kind: 'phase', e3Id: this.e3Id, phase } : { kind: 'phase', e3Id: this.e3Id, phase, detail });
  }

  private exclude(party: number, reason: string, evidence?: readonly Uint8Array[]): void {
    this.out.push(evidence?.length ? { kind: 'exclude', e3Id: this.e3Id, party: this.addressOf(party), reason, evidence } : { kind: 'exclude', e3Id: this.e3Id, party: this.addressOf(party), reason });
  }

  /**
   * A phase whose proof is REQUIRED waits for it: the core asks for the proof (`prove`, run off
   * the core by the daemon) and sends the message when the `proved` answer comes back.
   */
  private send(phase: Phase, sub: number, payload: Uint8Array, to?: number, statement?: ProveStatement): void {
    const slot = slotOf(phase, sub);
    if (this.c.cfg.proofs.policy(phase) === 'REQUIRED') {
      if (!statement || to !== undefined) throw new CoreError('A proved phase is sent without its statement or directly', { details: `phase ${phase}` });
      this.awaitingProof.set(slot, { phase, payload });
      // Key-fold E3s: C1 is also proved in the noir-recursive target, for the aggregator's fold.
      const st = statement.circuit === 'C1' && this.provedKey ? { ...statement, recursive: true } : statement;
      this.out.push({ kind: 'prove', e3Id: this.e3Id, phase, slot, statement: st });
      return;
    }
    const message = { phase, slot, payload, proof: new Uint8Array(0) };
    this.out.push(to === undefined ? { kind: 'send', e3Id: this.e3Id, message } : { kind: 'send', e3Id: this.e3Id, message, to: this.addressOf(to) });
  }

  /** The proof of an awaited message: send it now (a proof for nothing awaited is ignored). */
  onProved(slot: bigint, proof: Uint8Array, now: number): void {
    const key = this.provedKey && this.keyPublication();
    if (key && this.provedKey?.onProved(slot, proof, key)) return;
    if (this.proved?.onProved(slot, proof)) {
      this.tryPublish(now); // a fold that failed is asked again if more shares are in by now
      return;
    }
    const w = this.awaitingProof.get(slot);
    if (!w || proof.length === 0) return;
    this.awaitingProof.delete(slot);
    this.links?.onOwnProof(w.phase, proof);
    if (w.phase === Phase.PkShare) this.provedKey?.onOwnC1(proof);
    this.out.push({ kind: 'send', e3Id: this.e3Id, message: { phase: w.phase, slot, payload: w.payload, proof } });
    this.tryPublish(now);
  }

  /**
   * A signed message whose proof the gate rejected (evidence: its envelope). DKG phases: the
   * sender leaves A. PkAttestation (C4) or DecryptionShare (C6): its decryption share is not used.
   */
  onRejected(party: number, message: PeerMessage, reason: string, now: number): void {
    if (this.finished || party === this.c.me) return;
    if (message.phase === Phase.PkAttestation || message.phase === Phase.DecryptionShare) {
      if (this.links?.reject(party)) this.exclude(party, `decryption: ${reason}`, [encodeEnvelope(message)]);
      this.shares.delete(party);
      this.tryPublish(now);
      return;
    }
    this.dkg.onBadProof(party, message, reason, now);
    this.afterDkg(now);
  }

  private sign(id: string, request: SignRequest): void {
    this.out.push({ kind: 'sign', e3Id: this.e3Id, id, request });
  }

  private domain(verifyingContract: Address) {
    return { name: 'Interfold', version: '1', chainId: this.c.cfg.chainId, verifyingContract } as const;
  }

  private rank(): number {
    return this.authorised.indexOf(this.c.me);
  }

  private publication(request: SignRequest, now: number, timer: string, step = this.c.timeouts.failover): Publication {
    const p: Publication = { quorum: new Quorum(request, this.c.session.T + 1), turn: this.rank() === 0, sent: false, onChain: false };
    if (!p.turn) this.schedule(timer, now + this.rank() * step);
    return p;
  }

  /** The fail-over step of a publication that needs a fold proof (config.ts foldFailover). */
  private get foldStep(): number {
    return Math.max(this.c.timeouts.failover, this.c.timeouts.foldFailover ?? FOLD_FAILOVER);
  }

  // ------------------------------------------------------------------------------ inputs

  onMessage(v: VerifiedMessage, now: number): void {
    if (this.finished) return;
    const p = v.payload;
    switch (p.phase) {
      case Phase.PkAttestation:
        if (!this.pending.pk.has(v.party)) {
          this.pending.pk.set(v.party, p.value);
          this.links?.onAttestation(v.party, v.message);
        }
        break;
      case Phase.OutputRejection:
        if (!this.pending.reject.has(v.party)) this.pending.reject.set(v.party, p.value);
        break;
      case Phase.DecryptionAttestation:
        if (!this.pending.pt.has(v.party)) this.pending.pt.set(v.party, p.value);
        break;
      case Phase.KeySharesAttestation:
        this.proved?.onAttestation(v.party, p.value);
        break;
      case Phase.PkShareSignature:
        // Part of the C1/C2 round in key-fold E3s: it may end that round (dkg.ts KeyGate).
        this.provedKey?.onSignature(v.party, p.value, v.message);
        this.dkg.advance(now);
        this.afterDkg(now);
        break;
      case Phase.DecryptionShare:
        if (!this.shares.has(v.party)) this.links?.onShare(v.party, v.message);
        this.onShare(v.party, p.value);
        break;
      default:
        this.dkg.onMessage(v.party, v.message, p, now);
        this.afterDkg(now);
        return;
    }
    this.tryPublish(now);
  }

  /** A signed bundle addressed to this party that does not decode (evidence against its dealer). */
  onUndecodableBundle(party: number, message: PeerMessage, now: number): void {
    if (this.finished) return;
    this.dkg.onUndecodableBundle(party, message, now);
    this.afterDkg(now);
  }

  onTimer(name: string, now: number): void {
    if (this.finished) return;
    if (name.startsWith('dkg:')) {
      this.dkg.onTimer(now);
      this.afterDkg(now);
      return;
    }
    if (name === 'combine') this.tryCombine(now, true);
    if (name === 'publish-pk' && this.pub.pk) this.pub.pk.turn = true;
    if (name === 'publish-pk' && this.provedKey) this.provedKey.turn = true;
    if (name === 'publish-reject' && this.pub.reject) this.pub.reject.turn = true;
    if (name === 'publish-pt' && this.pub.pt) this.pub.pt.turn = true;
    if (name === 'publish-pt' && this.proved) this.proved.turn = true;
    const mark = () => this.out.push({ kind: 'tx', e3Id: this.e3Id, tx: { fn: 'markFailed', e3Id: this.e3Id } });
    // Permissionless markFailed once the chain's deadline for its current stage has passed.
    if (name === 'deadline:key' && !this.chain.key) mark();
    if (name === 'deadline:compute' && this.chain.key && !this.chain.output) mark();
    if (name === 'deadline:decryption' && this.chain.output && !this.chain.plaintext) mark();
    this.tryPublish(now);
  }

  onSigned(id: string, signer: Address, signature: Hex, now: number): void {
    if (this.finished) return;
    if (id === 'pkshare') {
      const a = this.provedKey?.onSigned(signer, signature);
      if (a) this.send(Phase.PkShareSignature, 0, encodePkShareSignature(a));
      this.dkg.advance(now);
      this.afterDkg(now);
      this.tryPublish(now);
      return;
    }
    if (id === 'keyshares') {
      const a = this.proved?.onSigned(signer, signature);
      if (a) this.send(Phase.KeySharesAttestation, 0, encodeKeySharesAttestation(a));
      this.tryPublish(now);
      return;
    }
    const pub = id === 'pk' ? this.pub.pk : id === 'reject' ? this.pub.reject : id === 'pt' ? this.pub.pt : undefined;
    if (!pub || !pub.quorum.add(signer, signature)) return;
    if (id === 'pk' && this.pk) {
      const party = this.dkg.dkgParty;
      const statement: ProveStatement | undefined = party ? { circuit: 'C4', session: this.c.session, party, authorised: this.authorised } : undefined;
      this.send(Phase.PkAttestation, 0, encodePkAttestation({ pkCommitment: this.pk.commitment, pkHash: this.pk.hash, signature }), undefined, statement);
    }
    if (id === 'reject' && this.output) this.send(Phase.OutputRejection, 0, encodeOutputRejection({ ciphertextHash: keccak256(this.output.event.ciphertext), signature }));
    if (id === 'pt' && this.output && this.plaintext) {
      this.send(Phase.DecryptionAttestation, 0, encodeDecryptionAttestation({ ciphertextCommitment: this.output.event.ciphertextCommitment, plaintextHash: keccak256(this.plaintext), signature }));
    }
    this.tryPublish(now);
  }

  onChain(ev: ChainEvent, now: number): void {
    if (this.finished) return;
    switch (ev.name) {
      case 'PublicKeyPublished':
        this.chain.key = true;
        if (this.pub.pk) this.pub.pk.onChain = true;
        if (this.provedKey) this.provedKey.onChain = true;
        this.setPhase('keyPublished', this.pk && ev.pkHash.toLowerCase() !== this.pk.hash.toLowerCase() ? 'the published key differs from this node’s' : undefined);
        break;
      case 'InputPublished':
        if (this.phase === 'keyPublished') this.setPhase('inputs');
        break;
      case 'CiphertextOutputPublished':
        this.chain.output = true;
        this.onOutput(ev, now);
        break;
      case 'PlaintextOutputPublished':
        this.chain.plaintext = true;
        if (this.pub.pt) this.pub.pt.onChain = true;
        if (this.proved) this.proved.onChain = true;
        this.setPhase('plaintextPublished');
        break;
      case 'E3Completed':
        this.finish('complete');
        break;
      case 'E3Failed':
        this.finish('failed', `reason ${ev.reason}`);
        break;
      case 'MemberExpelled': {
        const party = this.c.committee.members.findIndex((m) => m.toLowerCase() === ev.node.toLowerCase()) + 1;
        if (party > 0) this.out.push({ kind: 'exclude', e3Id: this.e3Id, party: getAddress(ev.node), reason: 'expelled on chain' });
        break;
      }
      default:
        break;
    }
    this.tryPublish(now);
  }

  // ------------------------------------------------------------------------------ DKG → key

  private afterDkg(now: number): void {
    const o = this.dkg.outcome;
    if (!o || this.pk || this.phase === 'failed') return;
    if (!o.ok) {
      this.setPhase('failed', `DKG: ${o.reason}`);
      return;
    }
    this.keyShare = o.keyShare;
    this.authorised = o.authorised;
    this.evaluation = evaluationOf(o);
    if (o.rlk || o.masks) this.out.push({ kind: 'persist', e3Id: this.e3Id, record: { type: 'progress', data: evaluationRecord(o) } });
    const bytes = publicKeyBytes(o.pk as PublicKey);
    this.pk = { bytes, hash: keccak256(bytes), commitment: pkCommitmentOf(o.pk) };
    this.out.push({ kind: 'persist', e3Id: this.e3Id, record: { type: 'progress', data: { stage: 'dkg-complete', authorised: [...o.authorised], pkHash: this.pk.hash } } });
    this.setPhase('dkg', `key ready, A = {${o.authorised.join(', ')}}`);
    const request: SignRequest = {
      primaryType: 'Attestation',
      domain: this.domain(this.c.request.params.pkVerifier),
      message: { e3Id: this.e3Id, kind: AttestationKind.PublicKey, dataHash: pkAttestationHash(this.pk.commitment, this.pk.bytes) },
    };
    this.pub.pk = this.publication(request, now, 'publish-pk', this.provedKey ? this.foldStep : undefined);
    // Key-fold E3s: the attestation is still signed (its PkAttestation carries this member's C4
    // proof, which decryption links to), but the key goes on chain with the fold.
    if (this.provedKey) this.provedKey.turn = this.pub.pk.turn;
    this.sign('pk', request);
  }

  /** What the key fold needs once the DKG is done (A, its pk shares and C1 slots, the key). */
  private keyPublication() {
    if (!this.pk) return undefined;
    return { authorised: this.authorised, pkShare: (p: number) => this.dkg.pkShare(p), c1Message: (p: number) => this.dkg.c1Message(p), pk: this.pk };
  }

  // ------------------------------------------------------------------------------ compute check → decryption share

  private recompute(ev: OutputEvent): { ct: Ciphertext } | { reason: string } {
    const inputs = this.c.inputs;
    if (inputs.inconsistency) return { reason: `inputs: ${inputs.inconsistency}` };
    if (ev.inputRoot.toLowerCase() !== inputs.root.toLowerCase() || ev.inputCount !== BigInt(inputs.count)) return { reason: 'output over other inputs than the chain accepted' };
    if (inputs.count === 0) return { reason: 'no inputs' };
    if (inputs.count > this.c.maxInputs) return { reason: `more inputs than the smudging budget (${inputs.count} > ${this.c.maxInputs})` };
    try {
      const mine = inputs.compute(this.c.program, this.c.set.params, { e3Id: this.e3Id, committee: this.c.committee.members.map((m) => getAddress(m)), ...this.evaluation });
      if (!equalBytes(ciphertextToBytes(mine), hexBytes(ev.ciphertext))) return { reason: 'output differs from this node’s recomputation' };
      if (ciphertextCommitment(mine).toLowerCase() !== ev.ciphertextCommitment.toLowerCase()) return { reason: 'output commitment differs' };
      return { ct: ciphertextFromBytes(this.c.set.params, hexBytes(ev.ciphertext)) };
    } catch (e) {
      if (e instanceof BaseError) return { reason: `recomputation failed: ${e.shortMessage}` };
      throw e;
    }
  }

  private onOutput(ev: OutputEvent, now: number): void {
    if (this.output || !this.keyShare || !this.pk) return;
    const r = this.recompute(ev);
    if ('reason' in r) {
      this.output = { event: ev };
      this.setPhase('compute', `rejecting the output: ${r.reason}`);
      const request: SignRequest = { primaryType: 'RejectOutput', domain: this.domain(this.c.cfg.orchestrator), message: { e3Id: this.e3Id, ciphertextHash: keccak256(ev.ciphertext) } };
      this.pub.reject = this.publication(request, now, 'publish-reject');
      this.sign('reject', request);
      return;
    }
    const digest = ciphertextDigest(r.ct);
    this.output = { event: ev, ct: r.ct, digest };
    this.setPhase('decryption');
    // Sign-once: the share is recorded before it is sent; the key share refuses a second ciphertext.
    const share = decryptionShare(this.c.set.params, this.keyShare, r.ct);
    const bytes = S.encodeDecryptionShare(this.c.set.params, share);
    this.ownShare = bytes;
    this.out.push({ kind: 'persist', e3Id: this.e3Id, record: { type: 'decryptionShare', ctDigest: bytesToHex(digest), shareHash: keccak256(bytes) } });
    this.send(Phase.DecryptionShare, 0, bytes, undefined, { circuit: 'C6', session: this.c.session, e3Id: this.e3Id, keyShare: this.keyShare, ciphertext: r.ct, share, recursive: this.proved?.mode === 'fold' });
    this.shares.set(this.c.me, share);
    this.tryCombine(now);
  }

  private onShare(party: number, share: DecryptionShare): void {
    if (this.shares.has(party) || share.party !== party || !this.authorised.includes(party)) return;
    if (this.output && (!this.output.digest || !equalBytes(share.ctDigest, this.output.digest))) return;
    this.shares.set(party, share);
  }

  /**
   * C7 over the valid shares. Without C6 proofs a well-formed wrong share is only visible as an
   * inconsistency: so when A has more than T + 1 members it waits for T + 2 shares (the parity
   * check then detects a bad one) until the 'combine' timer, and with at least T + 3 it finds the
   * culprit by leaving one share out at a time. A detected but unidentified inconsistency waits
   * for another share.
   */
  private tryCombine(now: number, force = false): void {
    const out = this.output;
    if (!out || !out.ct || !out.digest || (this.plaintext && !this.proved)) return;
    const { ct, digest } = out;
    const valid = [...this.shares.values()].filter((s) => this.authorised.includes(s.party) && equalBytes(s.ctDigest, digest));
    const T = this.c.session.T;
    if (this.links) {
      // Proofs on: every share's C6 proof was verified at the gate; here its links (the output's
      // commitment, the sender's C4 commitments) — a share that fails is excluded with evidence,
      // and any T + 1 linked shares combine.
      const linked: DecryptionShare[] = [];
      for (const s of valid) {
        const v = s.party === this.c.me ? 'ok' : this.links.checkShare(s.party, this.authorised, ct);
        if (v === 'ok') linked.push(s);
        else if (v === 'dropped') this.shares.delete(s.party);
        else if (v !== 'pending') {
          this.shares.delete(s.party);
          this.exclude(s.party, `decryption: ${v.reason}`, v.evidence);
        }
      }
      this.proved?.noteShares(linked);
      if (linked.length < T + 1 || this.plaintext) return;
      this.combined(linked.slice(0, T + 1), ct, out.event, now);
      return;
    }
    if (valid.length < T + 1) return;
    if (valid.length < Math.min(T + 2, this.authorised.length) && !force) {
      if (!this.combineScheduled) this.schedule('combine', now + this.c.timeouts.failover);
      this.combineScheduled = true;
      return;
    }
    const params = this.c.set.params;
    let combined;
    try {
      combined = combineDecryptionShares(params, valid, T, { ciphertext: ct });
    } catch (e) {
      if (!(e instanceof DecryptionShareError)) throw e;
      if (valid.length - 1 < T + 2) return; // detected, not identifiable yet: wait for another share
      for (const bad of valid) {
        if (bad.party === this.c.me) continue;
        try {
          combined = combineDecryptionShares(params, valid.filter((s) => s !== bad), T, { ciphertext: ct });
        } catch (e2) {
          if (!(e2 instanceof DecryptionShareError)) throw e2;
          continue;
        }
        this.shares.delete(bad.party);
        this.out.push({ kind: 'exclude', e3Id: this.e3Id, party: this.addressOf(bad.party), reason: 'decryption share off the degree-T polynomial' });
        break;
      }
      if (!combined) return;
    }
    this.afterCombine(combined.plaintext, out.event, now);
  }

  /** Proofs on: T + 1 shares whose proofs verified and linked; a failure here is a bug, not a fault. */
  private combined(shares: DecryptionShare[], ct: Ciphertext, event: OutputEvent, now: number): void {
    let combined;
    try {
      combined = combineDecryptionShares(this.c.set.params, shares, this.c.session.T, { ciphertext: ct });
    } catch (e) {
      if (!(e instanceof DecryptionShareError)) throw e;
      this.setPhase('decryption', `proved shares do not combine: ${e.shortMessage}`);
      return;
    }
    this.afterCombine(combined.plaintext, event, now);
  }

  private afterCombine(plaintext: Parameters<typeof encodePlaintextOutput>[0], event: OutputEvent, now: number): void {
    const out = { event };
    this.plaintext = encodePlaintextOutput(plaintext);
    if (this.proved) {
      // The aggregator posts C7's packed plaintext with the proofs (decryption-proof.ts); the same
      // fail-over order as every publication.
      this.proved.turn = this.rank() === 0;
      if (!this.proved.turn) this.schedule('publish-pt', now + this.rank() * (this.proved.mode === 'fold' ? this.foldStep : this.c.timeouts.failover));
      return;
    }
    const request: SignRequest = {
      primaryType: 'Attestation',
      domain: this.domain(this.c.request.params.decryptionVerifier),
      message: { e3Id: this.e3Id, kind: AttestationKind.Decryption, dataHash: decryptionAttestationHash(out.event.ciphertextCommitment, this.plaintext) },
    };
    this.pub.pt = this.publication(request, now, 'publish-pt');
    this.sign('pt', request);
  }

  // ------------------------------------------------------------------------------ publications

  private tryPublish(now: number): void {
    if (this.finished) return;
    this.tryCombine(now);
    if (this.proved && this.pk) {
      // The key-share table: signed once every member of A linked its C4, at the latest with the output on chain.
      this.proved.signTable(this.authorised, this.output !== undefined);
      if (this.plaintext) this.proved.tryPublish(this.output?.ct);
    }
    const e3Id = this.e3Id;
    const { pk, reject, pt } = this.pub;
    if (pk && this.pk) {
      for (const [party, a] of this.pending.pk) {
        if (a.pkCommitment.toLowerCase() === this.pk.commitment.toLowerCase() && a.pkHash.toLowerCase() === this.pk.hash.toLowerCase()) pk.quorum.add(this.addressOf(party), a.signature);
      }
      const key = this.provedKey ? this.keyPublication() : undefined;
      if (key) this.provedKey?.tryProve(key);
      else if (pk.turn && !pk.sent && !pk.onChain && pk.quorum.ready) {
        pk.sent = true;
        this.out.push({ kind: 'tx', e3Id, tx: { fn: 'publishPublicKey', e3Id, publicKey: this.pk.bytes, pkCommitment: this.pk.commitment, proof: encodeQuorumProof(pk.quorum.quorum()) } });
      }
    }
    if (reject && this.output) {
      const h = keccak256(this.output.event.ciphertext).toLowerCase();
      for (const [party, a] of this.pending.reject) if (a.ciphertextHash.toLowerCase() === h) reject.quorum.add(this.addressOf(party), a.signature);
      if (reject.turn && !reject.sent && reject.quorum.ready) {
        reject.sent = true;
        this.out.push({ kind: 'tx', e3Id, tx: { fn: 'rejectCiphertextOutput', e3Id, signatures: sortSigned(reject.quorum.quorum()) } });
      }
    }
    if (pt && this.output && this.plaintext) {
      const h = keccak256(this.plaintext).toLowerCase();
      const cc = this.output.event.ciphertextCommitment.toLowerCase();
      for (const [party, a] of this.pending.pt) {
        if (a.plaintextHash.toLowerCase() === h && a.ciphertextCommitment.toLowerCase() === cc) pt.quorum.add(this.addressOf(party), a.signature);
      }
      if (pt.turn && !pt.sent && !pt.onChain && pt.quorum.ready) {
        pt.sent = true;
        this.out.push({ kind: 'tx', e3Id, tx: { fn: 'publishPlaintextOutput', e3Id, plaintext: this.plaintext, proof: encodeQuorumProof(pt.quorum.quorum()) } });
      }
    }
  }

  // ------------------------------------------------------------------------------ ephemerality

  /** E3 over: dispose every secret (DKG party, key share, the secret seed) and ask the store to erase. */
  private finish(phase: 'complete' | 'failed', detail?: string): void {
    this.finished = true;
    this.dkg.dispose();
    this.keyShare?.dispose();
    this.keyShare = undefined;
    this.c.secrets.erase();
    this.shares.clear();
    this.ownShare = undefined;
    this.setPhase(phase, detail);
    this.out.push({ kind: 'erase', e3Id: this.e3Id });
  }

  /** True while any secret of this E3 is held in memory (tests of ephemerality). */
  get holdsSecrets(): boolean {
    return this.dkg.holdsSecrets || this.keyShare !== undefined || !this.c.secrets.erased || this.ownShare !== undefined;
  }

  get session(): Session {
    return this.c.session;
  }

  get authorisedSet(): readonly number[] {
    return this.authorised;
  }

  drain(): CoreAction[] {
    return this.out.splice(0, this.out.length);
  }
}

const hexBytes = (h: Hex): Uint8Array => hexToBytes(h);
