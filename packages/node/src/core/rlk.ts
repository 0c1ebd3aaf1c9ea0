/**
 * The DKG rounds a program of depth ≥ 1 (or one that takes committee masks) adds after the
 * disputes (spec 003 P1/P2; threshold rlk-dkg.ts for the schedule): the relinearisation-key
 * protocol RKG of Mouchet, Troncoso-Pastoriza, Bossuat, Hubaux 2021 (§4.3, Protocol 2; threshold
 * rlk.ts does the arithmetic) and the committee's mask ciphertexts, over the same transport,
 * deadlines, exclusion and replay rules as the rest of the DKG (dkg.ts):
 *
 *   rlk1       every member of A publishes its round-1 share (needs only sk_i and the E3 seed)
 *   rlk2 #k    with A_k the authorised set at the start of attempt k: every member publishes its
 *              round-2 share on the round-1 aggregate over A_k and its mask ciphertexts (uniform
 *              plaintexts from its secret stream) under pk_k = Σ_{i∈A_k} p0_i
 *
 * A member that is silent by a round's deadline, or whose share fails threshold's public rlk check
 * (RlkProtocol.checkShare: its party, one pair per digit, the ring) or claims another party, is
 * excluded (with its signed envelope as evidence when there is one). Round 2 and the masks depend
 * on A, so an exclusion in attempt k starts attempt k + 1 over the smaller A (slot sub = k; the
 * round-1 aggregate is recomputed without the excluded member). When an attempt completes, A is
 * final: rlk = (Σ h0' + Σ h1', h1), the masks of A, the pk and the key share are over that A.
 *
 * With proofs on (the ProofSystem makes RlkRound1/RlkRound2 REQUIRED), every share carries its
 * UltraHonk proof, which the gate verifies before the share arrives here (a failed one arrives as
 * `onBadProof` and excludes its sender with the signed envelope as evidence): round 1
 * (noir/rlk_contribution) that h0, h1 are the RKG relation in a ternary u and the C1-committed sk
 * with small noise; round 2 (noir/rlk_round2) that h0', h1' are the relation in that same sk, the
 * u round 1 committed, on the aggregate whose commitment the proof names. The links between the
 * proofs' public inputs are checked here, at the round's end: round 1's sk commitment is the one
 * the member's C1 proof output; round 2's sk and u are C1's and round 1's, and its aggregate is
 * the commitment of the aggregate this node computed over A_k. A failed link excludes the member
 * with both signed messages as evidence. So a well-formed wrong share is excluded, not only
 * noticed as an output that does not decode. Each committee mask carries a user-encryption proof
 * (a well-formed encryption, small noise, bound to session, member, attempt and index); its key
 * commitment must be this node's key over A_k. With proofs off, only threshold's structural check
 * and the mask count apply (development only).
 *
 * Secrets (the ephemeral u_i, the round noises, the masks and their encryption randomness) come
 * from the E3's secret stream under their own domain (secrets.ts), drawn in a fixed order, so a
 * replay of the log re-emits byte-identical messages.
 */
import { encodeCiphertext, encodeCoeffs, encrypt, encryptWithWitness, type EncryptionWitness, type PublicKey, type RelinKey, type SecretKey } from '@interfold/bfv';
import { centredPoly, rlkAggregateCommitment, rlkLayout } from '@interfold/circuits';
import { BaseError, sampleUniformInto, type RandomSource } from '@interfold/ring';
import { RlkProtocol, rlkCommonPolys, type DkgParty, type RlkRound1Share, type RlkRound2Share, type Session } from '@interfold/threshold';
import * as S from '@interfold/threshold';
import { keccak256 } from 'viem';
import { Phase, type PeerMessage, type ProveStatement } from '../types.js';
import { masksClaims, rlk1Claims, rlk2Claims } from '../proofs/bundle.js';
import { pkCommitmentOf } from './publication.js';
import { encodeEnvelope, subSlotOf } from '../wire/envelope.js';
import { encodeCommitteeMasks, MAX_MASKS, type CommitteeMasks } from '../wire/rlk.js';

export const RLK_SECRET_DOMAIN = 'interfold/node/e3-secrets/rlk/v1';

/** What the stage asks of its DKG (dkg.ts). */
export interface RlkHost {
  readonly A: Set<number>;
  party(): DkgParty;
  pkOver(A: readonly number[]): PublicKey;
  /** `statement` when proofs are on (the core proves, then sends). */
  send(phase: Phase, sub: number, payload: Uint8Array, statement?: ProveStatement): void;
  /** Proofs on: the member's signed C1 message and the sk commitment its proof output (undefined if none). */
  c1(party: number): { readonly sk: bigint; readonly envelope: Uint8Array } | undefined;
  exclude(party: number, reason: string, evidence?: readonly Uint8Array[]): void;
  schedule(name: string, at: number): void;
  /** False (and the DKG's outcome set to failed) when A < T + 1 or this node left A. */
  stillOn(stage: string): boolean;
  finish(A: readonly number[], extras: RlkOutcome): void;
}

export type RlkOutcome = { readonly rlk?: RelinKey; readonly masks?: readonly CommitteeMasks[] };
export type RlkOptions = { readonly depth: boolean; readonly masks: number; readonly timeout: number };

/**
 * A member's entry of a round: its share (absent if its proof failed), signed envelope, proof slot,
 * fault, and the other signed messages that show the fault (a failed link).
 */
type Got<T> = { readonly value?: T; readonly envelope: Uint8Array; readonly proof?: Uint8Array; readonly fault?: string; readonly evidence?: readonly Uint8Array[] };

export class RlkStage {
  private readonly proto: RlkProtocol | undefined;
  private started = false;
  private done = false;
  /** 0: round 1 (if depth), then attempts 1, 2, … of round 2 + masks. */
  private attempt = 0;
  private roundStart = 0;
  private u: SecretKey | undefined;
  private readonly round1 = new Map<number, Got<RlkRound1Share>>();
  private readonly round2 = new Map<string, Got<RlkRound2Share>>();
  private readonly masks = new Map<string, Got<CommitteeMasks>>();
  private current: { A: number[]; agg?: S.RlkRound1Aggregate; aggCommitments?: readonly bigint[]; pkCommitment?: bigint } | undefined;

  constructor(
    private readonly session: Session,
    private readonly me: number,
    private readonly src: RandomSource,
    private readonly o: RlkOptions,
    private readonly host: RlkHost,
    /** Every rlk share carries a proof (the gate verified it); the links are checked here. */
    private readonly proofsOn = false,
  ) {
    if (o.masks < 0 || o.masks > MAX_MASKS || !Number.isInteger(o.masks)) throw new RangeError(`masks out of range: ${o.masks}`);
    this.proto = o.depth ? new RlkProtocol(session.params, rlkCommonPolys(session.params, session.seed)) : undefined;
  }

  get roundName(): string {
    return this.attempt === 0 ? 'rlk1' : `rlk2#${this.attempt}`;
  }

  /** The DKG's disputes are settled (A as of now); `deadline0` is when they closed. */
  start(deadline0: number): void {
    this.started = true;
    this.roundStart = deadline0;
    if (this.proto) this.beginRound1();
    else this.beginAttempt(1);
  }

  private deadline(): number {
    return this.roundStart + this.o.timeout;
  }

  private sorted(): number[] {
    return [...this.host.A].sort((a, b) => a - b);
  }

  private beginRound1(): void {
    const proto = this.proto as RlkProtocol;
    this.u = proto.genEphemeral(this.src);
    const party = this.host.party();
    const { share, noise } = proto.genShareRound1(this.me, party.witness.skContribution, this.u, this.src);
    // The prover gets copies (it zeroes them when done); these are zeroed now.
    const statement: ProveStatement | undefined = this.proofsOn
      ? { circuit: 'RLK1', session: this.session, party, u: Int32Array.from(this.u.small as Int32Array), share, noise: { e0: noise.e0.map((e) => e.slice()), e1: noise.e1.map((e) => e.slice()) } }
      : undefined;
    for (const e of [...noise.e0, ...noise.e1]) e.fill(0);
    this.round1.set(this.me, { value: share, envelope: new Uint8Array(0) });
    this.host.send(Phase.RlkRound1, 0, S.encodeRlkRound1Share(this.session.params, share), statement);
    this.host.schedule(`dkg:${this.roundName}`, this.deadline());
  }

  private beginAttempt(k: number): void {
    this.attempt = k;
    const A = this.sorted();
    const { params } = this.session;
    this.current = { A };
    if (this.proto) {
      const agg = this.proto.aggregateRound1(A.map((i) => this.round1.get(i)?.value as RlkRound1Share));
      this.current.agg = agg;
      if (this.proofsOn) {
        // One commitment per RNS digit (the round-2 circuit proves one digit at a time).
        const layout = rlkLayout(params, 2);
        this.current.aggCommitments = agg.h0.map((h0, d) => rlkAggregateCommitment(layout, centredPoly(params, h0), centredPoly(params, agg.h1[d]!)));
      }
      const party = this.host.party();
      const u = this.u as SecretKey;
      const { share, noise } = this.proto.genShareRound2(this.me, party.witness.skContribution, u, agg, this.src);
      const statement: ProveStatement | undefined = this.proofsOn
        ? { circuit: 'RLK2', session: this.session, party, u: Int32Array.from(u.small as Int32Array), agg, share, noise: { e2: noise.e2.map((e) => e.slice()), e3: noise.e3.map((e) => e.slice()) } }
        : undefined;
      for (const e of [...noise.e2, ...noise.e3]) e.fill(0);
      this.round2.set(`${k}/${this.me}`, { value: share, envelope: new Uint8Array(0) });
      this.host.send(Phase.RlkRound2, k, S.encodeRlkRound2Share(params, share), statement);
    }
    if (this.o.masks > 0) {
      const pk = this.host.pkOver(A);
      if (this.proofsOn) this.current.pkCommitment = BigInt(pkCommitmentOf(pk));
      const ciphertexts = [];
      const witnesses: EncryptionWitness[] = [];
      for (let j = 0; j < this.o.masks; j++) {
        // Uniform in Z_t^N: as coefficients or as SIMD slots alike (the encoding is a bijection).
        const v = sampleUniformInto(new Float64Array(params.N), params.tModulus, this.src);
        const pt = encodeCoeffs(params, v);
        if (this.proofsOn) {
          // With its witness: the user-encryption proof that the mask is a well-formed encryption under pk_k.
          const { ciphertext, witness } = encryptWithWitness(params, pk, pt, this.src);
          ciphertexts.push(ciphertext), witnesses.push(witness);
        } else ciphertexts.push(encrypt(params, pk, pt, this.src));
        v.fill(0);
      }
      const m = Object.freeze({ member: this.me, ciphertexts: Object.freeze(ciphertexts) });
      this.masks.set(`${k}/${this.me}`, { value: m, envelope: new Uint8Array(0) });
      const statement: ProveStatement | undefined = this.proofsOn ? { circuit: 'MASKS', session: this.session, party: this.me, attempt: k, witnesses } : undefined;
      this.host.send(Phase.CommitteeMasks, k, encodeCommitteeMasks(m), statement);
    }
    this.host.schedule(`dkg:${this.roundName}`, this.deadline());
  }

  /** A decoded message of the three phases from party `from` (the first per slot counts). */
  onMessage(from: number, message: PeerMessage, value: RlkRound1Share | RlkRound2Share | CommitteeMasks): void {
    if (from === this.me || this.done) return;
    const envelope = encodeEnvelope(message);
    const sub = subSlotOf(message.slot);
    const claimed = 'party' in value ? value.party : value.member;
    const fault = claimed !== from ? `claims party ${claimed}` : undefined;
    const proof = message.proof;
    if (message.phase === Phase.RlkRound1 && this.proto && sub === 0 && !this.round1.has(from)) {
      this.round1.set(from, { value: value as RlkRound1Share, envelope, proof, fault: this.check(value as RlkRound1Share, from) ?? fault });
    } else if (message.phase === Phase.RlkRound2 && this.proto && sub > 0 && !this.round2.has(`${sub}/${from}`)) {
      this.round2.set(`${sub}/${from}`, { value: value as RlkRound2Share, envelope, proof, fault: this.check(value as RlkRound2Share, from) ?? fault });
    } else if (message.phase === Phase.CommitteeMasks && this.o.masks > 0 && sub > 0 && !this.masks.has(`${sub}/${from}`)) {
      const n = (value as CommitteeMasks).ciphertexts.length;
      this.masks.set(`${sub}/${from}`, { value: value as CommitteeMasks, envelope, proof, fault: fault ?? (n !== this.o.masks ? `${n} mask ciphertexts, the program takes ${this.o.masks}` : undefined) });
    }
  }

  /**
   * A signed rlk share whose proof the gate rejected: it takes the member's slot (the first message
   * per slot counts) with the failure as its fault and the envelope (signature + bad proof) as evidence.
   */
  onBadProof(from: number, message: PeerMessage, reason: string): void {
    if (from === this.me || this.done) return;
    const sub = subSlotOf(message.slot);
    const got = { envelope: encodeEnvelope(message), fault: `proof rejected: ${reason}` };
    if (message.phase === Phase.RlkRound1 && this.proto && sub === 0 && !this.round1.has(from)) this.round1.set(from, got);
    else if (message.phase === Phase.RlkRound2 && this.proto && sub > 0 && !this.round2.has(`${sub}/${from}`)) this.round2.set(`${sub}/${from}`, got);
    else if (message.phase === Phase.CommitteeMasks && this.o.masks > 0 && sub > 0 && !this.masks.has(`${sub}/${from}`)) this.masks.set(`${sub}/${from}`, got);
  }

  /**
   * Proofs on: the links of member i's verified proofs to its earlier ones (see the header). Undefined
   * if they hold; else the fault and the extra signed messages that show it.
   */
  private linkFault(i: number, round: 1 | 2 | 'masks', g: Got<unknown>): { fault: string; evidence: Uint8Array[] } | undefined {
    if (round === 'masks') {
      try {
        return masksClaims(g.proof as Uint8Array).pk.every((c) => c === this.current?.pkCommitment) ? undefined : { fault: 'a mask is not proved under this attempt\'s key', evidence: [] };
      } catch (e) {
        if (e instanceof BaseError) return { fault: `mask proofs: ${e.shortMessage}`, evidence: [] };
        throw e;
      }
    }
    const c1 = this.host.c1(i);
    if (!c1) return { fault: 'no C1 proof to link the rlk share to', evidence: [] };
    try {
      if (round === 1) {
        const r1 = rlk1Claims(g.proof as Uint8Array);
        return r1.sk === c1.sk ? undefined : { fault: 'RKG round 1 is not over the C1-committed secret', evidence: [c1.envelope] };
      }
      const r2 = rlk2Claims(g.proof as Uint8Array);
      const first = this.round1.get(i);
      const own = this.current?.aggCommitments ?? [];
      if (r2.agg.length !== own.length || r2.agg.some((c, d) => c !== own[d])) return { fault: 'RKG round 2 is not on this attempt\'s round-1 aggregate', evidence: [] };
      if (r2.sk !== c1.sk) return { fault: 'RKG round 2 is not over the C1-committed secret', evidence: [c1.envelope] };
      if (!first?.proof || r2.u !== rlk1Claims(first.proof).u) return { fault: 'RKG round 2 is not over the ephemeral round 1 committed', evidence: first ? [first.envelope] : [] };
      return undefined;
    } catch (e) {
      if (e instanceof BaseError) return { fault: `rlk proof: ${e.shortMessage}`, evidence: [] };
      throw e;
    }
  }

  /** Replaces the fault of every entry of A that is present and clean but whose proofs do not link. */
  private link(round: 1 | 2 | 'masks', map: Map<string | number, Got<unknown>>, key: (i: number) => string | number): void {
    if (!this.proofsOn) return;
    for (const i of this.sorted()) {
      const g = map.get(key(i));
      if (i === this.me || !g || g.fault) continue;
      const bad = this.linkFault(i, round, g);
      if (bad) map.set(key(i), { ...g, fault: bad.fault, evidence: bad.evidence });
    }
  }

  /** Threshold's public check of an rlk share (party, one pair per digit, ring, coefficient form). */
  private check(share: RlkRound1Share | RlkRound2Share, from: number): string | undefined {
    try {
      (this.proto as RlkProtocol).checkShare(share, from);
      return undefined;
    } catch (e) {
      if (e instanceof BaseError) return e.shortMessage;
      throw e;
    }
  }

  private complete(): boolean {
    const A = this.sorted();
    if (this.attempt === 0) return A.every((i) => this.round1.has(i));
    const k = this.attempt;
    return A.every((i) => (!this.proto || this.round2.has(`${k}/${i}`)) && (this.o.masks === 0 || this.masks.has(`${k}/${i}`)));
  }

  /** Ends the current round if complete or past its deadline (repeatedly). */
  advance(now: number): void {
    while (this.started && !this.done && (this.complete() || now >= this.deadline())) {
      this.roundStart = this.deadline();
      if (this.attempt === 0) this.finishRound1();
      else this.finishAttempt();
    }
  }

  /** Excludes members of A without a valid entry; true if anyone was excluded. */
  private judge(what: string, entry: (i: number) => Got<unknown> | undefined): boolean {
    let excluded = false;
    for (const i of this.sorted()) {
      if (i === this.me) continue;
      const g = entry(i);
      if (g && !g.fault) continue;
      excluded = true;
      if (!g) this.host.exclude(i, `${what}: nothing before the deadline`);
      else this.host.exclude(i, `${what}: ${g.fault}`, [g.envelope, ...(g.evidence ?? [])]);
    }
    return excluded;
  }

  private finishRound1(): void {
    this.link(1, this.round1 as Map<string | number, Got<unknown>>, (i) => i);
    this.judge('rlk round 1', (i) => this.round1.get(i));
    if (!this.host.stillOn('rlk round 1')) return this.stop();
    this.beginAttempt(1);
  }

  private finishAttempt(): void {
    const k = this.attempt;
    let excluded = false;
    if (this.proto) this.link(2, this.round2 as Map<string | number, Got<unknown>>, (i) => `${k}/${i}`);
    if (this.proto) excluded = this.judge(`rlk round 2 (attempt ${k})`, (i) => this.round2.get(`${k}/${i}`)) || excluded;
    if (this.o.masks > 0) this.link('masks', this.masks as Map<string | number, Got<unknown>>, (i) => `${k}/${i}`);
    if (this.o.masks > 0) excluded = this.judge(`committee masks (attempt ${k})`, (i) => this.masks.get(`${k}/${i}`)) || excluded;
    if (!this.host.stillOn(`rlk attempt ${k}`)) return this.stop();
    // Round 2 and the masks were made for A_k: an exclusion changes both, so run them again.
    if (excluded) return this.beginAttempt(k + 1);
    const A = (this.current as { A: number[] }).A;
    const rlk = this.proto ? this.proto.finalize(this.current?.agg as S.RlkRound1Aggregate, A.map((i) => this.round2.get(`${k}/${i}`)?.value as RlkRound2Share)) : undefined;
    const masks = this.o.masks > 0 ? A.map((i) => this.masks.get(`${k}/${i}`)?.value as CommitteeMasks) : undefined;
    this.stop();
    this.host.finish(A, { ...(rlk ? { rlk } : {}), ...(masks ? { masks } : {}) });
  }

  private stop(): void {
    this.done = true;
    this.u?.dispose();
    this.u = undefined;
  }

  /** Keccak of the masks in member order (what every member's recomputation depends on). */
  static masksHash(masks: readonly CommitteeMasks[]): `0x${string}` {
    const parts = masks.flatMap((m) => m.ciphertexts.map((c) => encodeCiphertext(c)));
    const all = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
    let o = 0;
    for (const p of parts) all.set(p, o), (o += p.length);
    return keccak256(all);
  }

  dispose(): void {
    this.stop();
  }

  get holdsSecrets(): boolean {
    return this.u !== undefined;
  }
}
