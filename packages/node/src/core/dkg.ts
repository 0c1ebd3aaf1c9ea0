/**
 * The DKG of one E3 over peer messages (spec 003 P1 + P2): the rounds of threshold's `runDkg`
 * (dkg.ts), with the bulletin board replaced by gossip and direct messages and each round ended
 * by "every authorised party has spoken" or its deadline, whichever comes first. Deadlines are
 * cumulative from the CommitteeFinalized block time, so every member closes a round at the same
 * instant whatever its own progress; a party silent past a deadline is excluded. The authorised
 * set A only shrinks; below T + 1 the DKG fails.
 *
 *   c0       transport public keys (C0)
 *   c12      pk shares (C1, public check) + share commitments (C2, must cover A)
 *   c3       encrypted share bundles, direct to each recipient (C3) + masked polynomials Z
 *   c4       every recipient checks its bundles and publishes its complaint list (possibly empty);
 *            a complaint carries the dealer's signed bundle envelope as evidence when it has one
 *   dispute  the dealer answers with its opening + the bundle it sent; a codeword accuser reveals
 *   then     C4 aggregation over A, C5 pk = Σ p0_i
 *
 * All cryptography is threshold's (DkgParty, resolveComplaint, resolveCodewordComplaint,
 * PkShareProtocol); this file only moves bytes and applies its verdicts.
 */
import type { PublicKey } from '@interfold/bfv';
import type { RandomSource } from '@interfold/ring';
import {
  checkMaskedPolynomial,
  ComplaintReason,
  deriveChallenge,
  DkgParty,
  PkShareProtocol,
  resolveCodewordComplaint,
  resolveComplaint,
  type ComplaintVerdict,
  type ConsistencyChallenge,
  type EncryptedShareBundle,
  type MaskedPolynomial,
  type PkShare,
  type Session,
  type ShareCommitments,
  type ShareReveal,
  type ThresholdKeyShare,
} from '@interfold/threshold';
import * as S from '@interfold/threshold';
import { Phase, type PeerMessage, type ProveStatement } from '../types.js';
import { c1Claims, c2Claims } from '../proofs/bundle.js';
import { encodeEnvelope } from '../wire/envelope.js';
import { encodeComplaints, encodeDisputeAnswer, type ComplaintEntry, type DisputeAnswer, type Payload, type PayloadContext } from '../wire/payloads.js';
import { decodePayload } from '../wire/payloads.js';
import { evidenceLimit } from '../wire/limits.js';
import { verifyEnvelope, type EnvelopeContext } from '../wire/verify.js';
import { BaseError } from '@interfold/ring';
import { RlkStage, type RlkOptions, type RlkOutcome } from './rlk.js';

export const DKG_ROUNDS = ['c0', 'c12', 'c3', 'c4', 'dispute'] as const;
export type DkgRound = (typeof DKG_ROUNDS)[number];
export type DkgTimeouts = Readonly<Record<DkgRound, number>>;

/** What the driver asks its owner to do (turned into CoreActions by the E3 duty). */
export interface DkgEffects {
  /** `statement`: what the proof slot must prove, for the phases whose proof is REQUIRED. */
  send(phase: Phase, sub: number, payload: Uint8Array, to?: number, statement?: ProveStatement): void;
  exclude(party: number, reason: string, evidence?: readonly Uint8Array[]): void;
  schedule(name: string, at: number): void;
}

export type DkgOutcome =
  | ({ readonly ok: true; readonly pk: PublicKey; readonly authorised: readonly number[]; readonly keyShare: ThresholdKeyShare | undefined } & RlkOutcome)
  | { readonly ok: false; readonly reason: string };

/**
 * Key-fold E3s (key-fold.ts): what else each member of A must have sent by the end of the C1/C2
 * round — its C1 slot with the noir-recursive twin and its signed pk-share commitment — so that
 * whoever stays in A can be folded. `c1` is the member's signed C1 message (undefined for this node).
 */
export interface KeyGate {
  check(party: number, c1: PeerMessage | undefined): 'ok' | 'pending' | { readonly reason: string; readonly evidence: readonly Uint8Array[] };
}

type Dispute = { readonly entry: ComplaintEntry };
const key = (dealer: number, accuser: number) => `${dealer}>${accuser}`;

export class DkgDriver {
  private round = 0;
  readonly A: Set<number>;
  private party: DkgParty | undefined;
  private readonly proto: PkShareProtocol;
  private readonly transportKeys = new Map<number, PublicKey>();
  private readonly pkShares = new Map<number, PkShare>();
  private readonly commitments = new Map<number, ShareCommitments>();
  private readonly masked = new Map<number, MaskedPolynomial>();
  /** Bundles addressed to this party: the decoded value (if consistent) and the signed envelope. */
  private readonly bundles = new Map<number, { bundle: EncryptedShareBundle | undefined; envelope: Uint8Array }>();
  private readonly sentBundles = new Map<number, EncryptedShareBundle>();
  private readonly complaintLists = new Map<number, readonly ComplaintEntry[]>();
  private readonly answers = new Map<string, DisputeAnswer>();
  private readonly reveals = new Map<string, ShareReveal>();
  /** Parties that sent a message claiming another party (signed misbehaviour), excluded at round end. */
  private readonly faults = new Map<number, string>();
  /** Signed envelopes that back a party's exclusion (a bad proof, proofs that do not link). */
  private readonly evidence = new Map<number, Uint8Array[]>();
  /** With proofs on: the signed PkShare (C1) and ShareCommitments (C2) messages, by party. */
  private readonly provedC1 = new Map<number, PeerMessage>();
  private readonly provedC2 = new Map<number, PeerMessage>();
  private challenge: ConsistencyChallenge | undefined;
  private disputes: Dispute[] = [];
  /** Depth ≥ 1 or masks: the rounds after the disputes (rlk.ts). */
  private readonly extra: RlkStage | undefined;
  outcome: DkgOutcome | undefined;

  constructor(
    private readonly session: Session,
    readonly me: number,
    private readonly src: RandomSource,
    /** Unix ms at which the DKG starts (CommitteeFinalized block time): deadlines are cumulative from it. */
    private readonly start: number,
    private readonly timeouts: DkgTimeouts,
    private readonly envelopeCtx: EnvelopeContext,
    private readonly payloadCtx: PayloadContext,
    private readonly fx: DkgEffects,
    /** Proofs REQUIRED for C0–C2 (the gate verified each; the driver links C1 → C2). */
    private readonly proofsOn = false,
    /** The program's extra rounds (relinearisation key, masks) and their secret stream. */
    extra?: RlkOptions & { readonly src: RandomSource },
    /** Key-fold E3s: the extra C1/C2-round requirements (key-fold.ts). */
    private readonly keyGate?: KeyGate,
  ) {
    this.A = new Set(session.committee.ids);
    this.proto = new PkShareProtocol(session.params, session.a);
    this.extra = extra && (extra.depth || extra.masks > 0) ? new RlkStage(session, me, extra.src, extra, this.rlkHost(), proofsOn) : undefined;
  }

  private rlkHost() {
    return {
      A: this.A,
      party: () => this.party as DkgParty,
      pkOver: (A: readonly number[]) => this.proto.aggregateShares(A.map((i) => this.pkShares.get(i) as PkShare)),
      send: (phase: Phase, sub: number, payload: Uint8Array, statement?: ProveStatement) => this.fx.send(phase, sub, payload, undefined, statement),
      c1: (party: number) => {
        const m = this.provedC1.get(party);
        return m ? { sk: c1Claims(m.proof).sk, envelope: encodeEnvelope(m) } : undefined;
      },
      exclude: (party: number, reason: string, evidence?: readonly Uint8Array[]) => {
        for (const e of evidence ?? []) this.addEvidence(party, e);
        this.exclude(party, reason);
      },
      schedule: (name: string, at: number) => this.fx.schedule(name, at),
      stillOn: (stage: string) => this.stillOn(stage),
      finish: (A: readonly number[], extras: RlkOutcome) => this.finalizeOver(A, extras),
    };
  }

  get roundName(): string {
    if (this.round < DKG_ROUNDS.length) return DKG_ROUNDS[this.round];
    return this.extra && !this.outcome ? this.extra.roundName : 'done';
  }

  deadline(round: number): number {
    let t = this.start;
    for (let r = 0; r <= round; r++) t += this.timeouts[DKG_ROUNDS[r]];
    return t;
  }

  /** C0: this party's transport key (its secrets come from the E3's secret stream). */
  begin(now: number): void {
    this.party = new DkgParty(this.session, this.me, { src: this.src });
    const m = this.party.transportPublicKey();
    this.transportKeys.set(this.me, m.pk);
    this.fx.send(Phase.TransportKey, 0, S.encodeTransportPublicKey(this.session.params, m), undefined, { circuit: 'C0', session: this.session, party: this.party });
    this.fx.schedule(`dkg:${DKG_ROUNDS[0]}`, this.deadline(0));
    this.advance(now);
  }

  /** A checked, decoded DKG message from `from` (party id). The first message per slot counts. */
  onMessage(from: number, message: PeerMessage, p: Payload, now: number): void {
    if (from === this.me || this.outcome) return;
    const claim = (party: number, what: string): boolean => {
      if (party === from) return true;
      this.faults.set(from, `${what} claims party ${party}`);
      return false;
    };
    switch (p.phase) {
      case Phase.TransportKey:
        if (claim(p.value.party, 'transport key') && !this.transportKeys.has(from)) this.transportKeys.set(from, p.value.pk);
        break;
      case Phase.PkShare:
        if (claim(p.value.party, 'pk share') && !this.pkShares.has(from)) {
          this.pkShares.set(from, p.value);
          if (this.proofsOn) this.provedC1.set(from, message);
        }
        break;
      case Phase.ShareCommitments:
        if (claim(p.value.dealer, 'share commitments') && !this.commitments.has(from)) {
          this.commitments.set(from, p.value);
          if (this.proofsOn) this.provedC2.set(from, message);
        }
        break;
      case Phase.ShareBundle: {
        // Only the bundle in this party's slot counts (another recipient's is not evidence for it).
        if (this.bundles.has(from) || message.slot !== ((BigInt(Phase.ShareBundle) << 32n) | BigInt(this.me))) break;
        const ok = p.value.dealer === from && p.value.recipient === this.me;
        this.bundles.set(from, { bundle: ok ? p.value : undefined, envelope: encodeEnvelope(message) });
        break;
      }
      case Phase.MaskedPolynomial:
        if (claim(p.value.dealer, 'masked polynomial') && !this.masked.has(from)) this.masked.set(from, p.value);
        break;
      case Phase.Complaints:
        if (!this.complaintLists.has(from)) this.complaintLists.set(from, p.value);
        break;
      case Phase.ShareOpening: {
        const k = key(p.value.opening.dealer, p.value.opening.recipient);
        if (claim(p.value.opening.dealer, 'share opening') && !this.answers.has(k)) this.answers.set(k, p.value);
        break;
      }
      case Phase.ShareReveal: {
        const k = key(p.value.dealer, p.value.recipient);
        if (claim(p.value.recipient, 'share reveal') && !this.reveals.has(k)) this.reveals.set(k, p.value);
        break;
      }
      case Phase.RlkRound1:
      case Phase.RlkRound2:
      case Phase.CommitteeMasks:
        // Kept even before this node's disputes end (a faster member may be a round ahead).
        this.extra?.onMessage(from, message, p.value);
        break;
      default:
        return;
    }
    this.advance(now);
  }

  /**
   * A bundle for this party whose envelope verified (the dealer signed it) but whose payload does
   * not decode: kept as evidence, so the complaint it causes convicts the dealer.
   */
  onUndecodableBundle(from: number, message: PeerMessage, now: number): void {
    if (from === this.me || this.outcome || this.bundles.has(from)) return;
    if (message.slot !== ((BigInt(Phase.ShareBundle) << 32n) | BigInt(this.me))) return;
    this.bundles.set(from, { bundle: undefined, envelope: encodeEnvelope(message) });
    this.advance(now);
  }

  onTimer(now: number): void {
    this.advance(now);
  }

  /**
   * A signed DKG message whose proof the gate rejected: its sender is excluded at the end of the
   * round, with the envelope (signature + bad proof) as evidence anyone can recheck.
   */
  onBadProof(from: number, message: PeerMessage, reason: string, now: number): void {
    if (from === this.me || this.outcome) return;
    if (message.phase === Phase.RlkRound1 || message.phase === Phase.RlkRound2) {
      // The rlk rounds judge their own slots (rlk.ts), after the DKG rounds have ended.
      this.extra?.onBadProof(from, message, reason);
      this.advance(now);
      return;
    }
    if (!this.faults.has(from)) this.faults.set(from, `phase ${message.phase}: ${reason}`);
    this.addEvidence(from, encodeEnvelope(message));
    this.advance(now);
  }

  private addEvidence(party: number, envelope: Uint8Array): void {
    const list = this.evidence.get(party) ?? [];
    list.push(envelope);
    this.evidence.set(party, list);
  }

  /** The signed C2 message of a dealer (proofs on): the C4 link reads its share commitments. */
  c2Message(dealer: number): PeerMessage | undefined {
    return this.provedC2.get(dealer);
  }

  /** A party's pk share as received (or this node's own). */
  pkShare(party: number): PkShare | undefined {
    return this.pkShares.get(party);
  }

  /** The signed C1 message of a party (proofs on): the key fold reads its recursive twin. */
  c1Message(party: number): PeerMessage | undefined {
    return this.provedC1.get(party);
  }

  /** The live DKG party (the witness of C0–C2 and C4), while the E3 holds secrets. */
  get dkgParty(): DkgParty | undefined {
    return this.party;
  }

  /** Ends every round that is complete or past its deadline. */
  advance(now: number): void {
    while (!this.outcome && this.round < DKG_ROUNDS.length && (this.complete() || now >= this.deadline(this.round))) {
      this.finishRound();
      this.round++;
      if (!this.outcome && this.round < DKG_ROUNDS.length) this.fx.schedule(`dkg:${DKG_ROUNDS[this.round]}`, this.deadline(this.round));
    }
    if (!this.outcome && this.round >= DKG_ROUNDS.length) this.extra?.advance(now);
  }

  private sorted(): number[] {
    return [...this.A].sort((a, b) => a - b);
  }

  private exclude(party: number, reason: string): void {
    if (!this.A.has(party)) return;
    this.A.delete(party);
    this.fx.exclude(party, reason, this.evidence.get(party));
  }

  private complete(): boolean {
    const A = this.sorted();
    switch (DKG_ROUNDS[this.round]) {
      case 'c0':
        return A.every((i) => this.transportKeys.has(i));
      case 'c12':
        return A.every((i) => this.pkShares.has(i) && this.commitments.has(i) && (!this.keyGate || this.keyGate.check(i, this.provedC1.get(i)) !== 'pending'));
      case 'c3':
        return A.every((i) => this.masked.has(i) && (i === this.me || this.bundles.has(i)));
      case 'c4':
        return A.every((i) => this.complaintLists.has(i));
      case 'dispute':
        return this.disputes.every(({ entry: { complaint: c } }) =>
          c.reason === ComplaintReason.CodewordMismatch ? this.reveals.has(key(c.dealer, c.accuser)) : this.answers.has(key(c.dealer, c.accuser)),
        );
    }
  }

  private finishRound(): void {
    for (const [party, reason] of this.faults) this.exclude(party, reason);
    switch (DKG_ROUNDS[this.round]) {
      case 'c0':
        return this.finishC0();
      case 'c12':
        return this.finishC12();
      case 'c3':
        return this.finishC3();
      case 'c4':
        return this.finishC4();
      case 'dispute':
        return this.finishDisputes();
    }
  }

  private get live(): boolean {
    return this.A.has(this.me) && this.A.size >= this.session.T + 1;
  }

  private fail(reason: string): void {
    this.outcome = { ok: false, reason };
  }

  /** Checks quorum and this party's membership; false (and the outcome set) when the DKG cannot go on. */
  private stillOn(stage: string): boolean {
    if (this.A.size < this.session.T + 1) this.fail(`${stage}: |A| = ${this.A.size} < T + 1 = ${this.session.T + 1}`);
    else if (!this.A.has(this.me)) this.fail(`${stage}: this node was excluded`);
    return this.live;
  }

  private finishC0(): void {
    for (const i of this.sorted()) if (!this.transportKeys.has(i)) this.exclude(i, 'C0: no transport key before the deadline');
    if (!this.stillOn('C0')) return;
    const party = this.party as DkgParty;
    const { params } = this.session;
    const g = party.generate();
    this.pkShares.set(this.me, g.pkShare);
    this.commitments.set(this.me, g.commitments);
    this.fx.send(Phase.PkShare, 0, S.encodePkShare(params, g.pkShare), undefined, { circuit: 'C1', session: this.session, party, pkShare: g.pkShare });
    this.fx.send(Phase.ShareCommitments, 0, S.encodeShareCommitments(params, g.commitments), undefined, { circuit: 'C2', session: this.session, party, pkShare: g.pkShare });
  }

  private finishC12(): void {
    for (const i of this.sorted()) {
      const share = this.pkShares.get(i);
      if (!share) {
        this.exclude(i, 'C1: no pk share before the deadline');
        continue;
      }
      try {
        this.proto.checkShare(share, i);
      } catch (e) {
        this.exclude(i, `C1 pk share: ${e instanceof BaseError ? e.shortMessage : String(e)}`);
        continue;
      }
      if (!this.commitments.has(i)) this.exclude(i, 'C2: no share commitments before the deadline');
    }
    // As runDkg: a dealer's commitments must cover every other member of A.
    for (const i of this.sorted()) {
      const got = (this.commitments.get(i) as ShareCommitments).entries.map((e) => e.recipient);
      const missing = this.sorted().filter((k) => k !== i && !got.includes(k));
      if (missing.length) this.exclude(i, `C2: no commitment for recipients ${missing.join(', ')}`);
    }
    if (this.proofsOn) this.linkC1C2();
    if (this.keyGate) this.gateKey(this.keyGate);
    if (!this.stillOn('C1/C2')) return;
    const A = this.sorted();
    this.challenge = deriveChallenge(this.session, A.map((i) => this.pkShares.get(i) as PkShare), A.map((i) => this.commitments.get(i) as ShareCommitments));
    const party = this.party as DkgParty;
    const { params } = this.session;
    const keysOfA = new Map(A.map((k) => [k, this.transportKeys.get(k) as PublicKey]));
    for (const b of party.encryptShares(keysOfA)) {
      this.sentBundles.set(b.recipient, b);
      this.fx.send(Phase.ShareBundle, b.recipient, S.encodeEncryptedShareBundle(params, b), b.recipient);
    }
    const Z = party.maskedPolynomial(this.challenge);
    this.masked.set(this.me, Z);
    this.fx.send(Phase.MaskedPolynomial, 0, S.encodeMaskedPolynomial(params, Z));
  }

  /**
   * Proofs on (spec 003 P1–P2): each dealer's C2a/C2b must share the very sk / esm commitments its
   * C1 output, with one share commitment per committee member. Both messages are signed: they are
   * the evidence.
   */
  private linkC1C2(): void {
    for (const i of this.sorted()) {
      if (i === this.me) continue;
      const m1 = this.provedC1.get(i);
      const m2 = this.provedC2.get(i);
      if (!m1 || !m2) {
        this.exclude(i, 'C1/C2: message without its proof');
        continue;
      }
      let why: string | undefined;
      try {
        const c1 = c1Claims(m1.proof);
        const c2 = c2Claims(m2.proof);
        if (c2.sk.secret !== c1.sk || c2.esm.secret !== c1.esm) why = 'C2 proofs are not over the secrets C1 committed';
        else if (c2.sk.shares.length !== this.session.n || c2.esm.shares.length !== this.session.n) why = 'C2 proofs do not commit one share per member';
      } catch (e) {
        if (!(e instanceof BaseError)) throw e;
        why = `C1/C2: ${e.shortMessage}`;
      }
      if (why) {
        this.addEvidence(i, encodeEnvelope(m1));
        this.addEvidence(i, encodeEnvelope(m2));
        this.exclude(i, why);
      }
    }
  }

  /** Key-fold E3s: a member without a foldable C1 and a valid PkShare signature leaves A now. */
  private gateKey(gate: KeyGate): void {
    for (const i of this.sorted()) {
      const v = gate.check(i, this.provedC1.get(i));
      if (v === 'ok') continue;
      if (v === 'pending') {
        this.exclude(i, 'key fold: no recursive C1 proof and PkShare signature before the deadline');
        continue;
      }
      for (const e of v.evidence) this.addEvidence(i, e);
      this.exclude(i, `key fold: ${v.reason}`);
    }
  }

  private finishC3(): void {
    for (const i of this.sorted()) if (!this.masked.has(i)) this.exclude(i, 'C3: no masked polynomial before the deadline');
    if (!this.stillOn('C3')) return;
    const party = this.party as DkgParty;
    const entries: ComplaintEntry[] = [];
    for (const i of this.sorted()) {
      if (i === this.me) continue;
      const got = this.bundles.get(i);
      const c = party.receive(this.commitments.get(i) as ShareCommitments, got?.bundle, this.challenge as ConsistencyChallenge, this.masked.get(i));
      if (c) entries.push(Object.freeze({ complaint: c, evidence: got?.envelope ?? new Uint8Array(0) }));
    }
    this.complaintLists.set(this.me, entries);
    this.fx.send(Phase.Complaints, 0, encodeComplaints(this.session.params, entries));
  }

  private finishC4(): void {
    for (const i of this.sorted()) if (!this.complaintLists.has(i)) this.exclude(i, 'C4: no complaint list before the deadline');
    if (!this.stillOn('C4')) return;
    // Complaints in runDkg's order: accusers ascending, then dealers ascending; both must be in A.
    this.disputes = [];
    for (const k of this.sorted()) {
      const list = [...(this.complaintLists.get(k) as readonly ComplaintEntry[])].sort((a, b) => a.complaint.dealer - b.complaint.dealer);
      for (const entry of list) {
        const c = entry.complaint;
        if (c.accuser !== k) {
          this.exclude(k, `C4: complaint list carries a complaint by party ${c.accuser}`);
          break;
        }
        if (this.A.has(c.dealer) && c.dealer !== k) this.disputes.push({ entry });
      }
    }
    const party = this.party as DkgParty;
    const { params } = this.session;
    for (const { entry: { complaint: c } } of this.disputes) {
      if (c.reason === ComplaintReason.CodewordMismatch && c.accuser === this.me) {
        const r = party.revealShares(c.dealer);
        if (r) {
          this.reveals.set(key(c.dealer, c.accuser), r);
          this.fx.send(Phase.ShareReveal, c.dealer, S.encodeShareReveal(params, r));
        }
      } else if (c.reason !== ComplaintReason.CodewordMismatch && c.dealer === this.me) {
        const opening = party.answerComplaint(c);
        const bundle = this.sentBundles.get(c.accuser);
        if (opening && bundle) {
          const answer = Object.freeze({ opening, bundle });
          this.answers.set(key(c.dealer, c.accuser), answer);
          this.fx.send(Phase.ShareOpening, c.accuser, encodeDisputeAnswer(params, answer));
        }
      }
    }
  }

  /** The dealer's bundle for the accuser from the complaint's evidence, if it is a valid signed envelope. */
  private evidenceBundle(entry: ComplaintEntry): { present: boolean; bundle: EncryptedShareBundle | undefined; bytes: Uint8Array | undefined } {
    const none = { present: false, bundle: undefined, bytes: undefined };
    if (entry.evidence.length === 0) return none;
    const { dealer, accuser } = entry.complaint;
    try {
      const m = verifyEnvelope(entry.evidence, this.envelopeCtx);
      if (m.phase !== Phase.ShareBundle || m.sender.toLowerCase() !== this.envelopeCtx.committee[dealer - 1].toLowerCase()) return none;
      if (m.slot !== ((BigInt(Phase.ShareBundle) << 32n) | BigInt(accuser))) return none;
      // A validly signed bundle that does not decode is the dealer's fault: present, no bundle.
      try {
        const p = decodePayload(Phase.ShareBundle, m.payload, this.payloadCtx, evidenceLimit(this.envelopeCtx.limits));
        const b = p.phase === Phase.ShareBundle ? p.value : undefined;
        const ok = b && b.dealer === dealer && b.recipient === accuser;
        return { present: true, bundle: ok ? b : undefined, bytes: m.payload };
      } catch (e) {
        if (e instanceof BaseError) return { present: true, bundle: undefined, bytes: m.payload };
        throw e;
      }
    } catch (e) {
      if (e instanceof BaseError) return none;
      throw e;
    }
  }

  private verdict({ entry }: Dispute): ComplaintVerdict | null {
    const c = entry.complaint;
    const challenge = this.challenge as ConsistencyChallenge;
    const commitments = this.commitments.get(c.dealer);
    if (c.reason === ComplaintReason.CodewordMismatch) {
      return resolveCodewordComplaint(this.session, challenge, c, this.reveals.get(key(c.dealer, c.accuser)), commitments, this.masked.get(c.dealer));
    }
    const answer = this.answers.get(key(c.dealer, c.accuser));
    const ev = this.evidenceBundle(entry);
    const { params } = this.session;
    if (ev.present && answer) {
      const answered = S.encodeEncryptedShareBundle(params, answer.bundle);
      if (!ev.bytes || !S.equalBytes(answered, ev.bytes)) return { faulty: 'dealer', reason: 'the dealer signed two different bundles for the accuser' };
    }
    const bundle = ev.present ? ev.bundle : answer?.bundle;
    const v = resolveComplaint(this.session, c, answer?.opening, commitments, bundle, this.transportKeys.get(c.accuser) as PublicKey);
    if (ev.present || v.faulty === 'dealer' || !answer) return v;
    // No bundle reached the accuser (no evidence) and the dealer's public answer is consistent:
    // nobody can tell who withheld it. The opening publishes the accuser's shares, so if they also
    // pass the codeword check everyone stays and the accuser adopts them.
    const Z = this.masked.get(c.dealer);
    if (!Z || !checkMaskedPolynomial(this.session, challenge, Z, c.accuser, answer.opening.shares)) {
      return { faulty: 'dealer', reason: 'the opened shares are not on the published degree-T polynomial' };
    }
    if (c.accuser === this.me) (this.party as DkgParty).receive(commitments as ShareCommitments, answer.bundle, challenge, Z);
    return null;
  }

  private finishDisputes(): void {
    const verdicts = this.disputes.map((d) => ({ c: d.entry.complaint, v: this.verdict(d) }));
    for (const { c, v } of verdicts) if (v) this.exclude(v.faulty === 'dealer' ? c.dealer : c.accuser, `complaint ${c.accuser}→${c.dealer}: ${v.reason}`);
    if (!this.stillOn('disputes')) return;
    // A program of depth ≥ 1 (or with masks): A is final only after the rlk rounds (rlk.ts).
    if (this.extra) return this.extra.start(this.deadline(DKG_ROUNDS.length - 1));
    this.finalizeOver(this.sorted(), {});
  }

  private finalizeOver(A: readonly number[], extras: RlkOutcome): void {
    const keyShare = (this.party as DkgParty).finalize(A);
    const pk = this.proto.aggregateShares(A.map((i) => this.pkShares.get(i) as PkShare));
    this.outcome = { ok: true, pk, authorised: A, keyShare, ...extras };
  }

  /** Overwrites every secret of the DKG (threshold's dispose) and drops the received shares. */
  dispose(): void {
    this.extra?.dispose();
    this.party?.dispose();
    this.party = undefined;
    this.sentBundles.clear();
    this.bundles.clear();
    this.answers.clear();
    this.reveals.clear();
  }

  get holdsSecrets(): boolean {
    return this.party !== undefined;
  }
}
