/**
 * The daemon's loop (DESIGN.md): every CoreInput is appended to its E3's log in the store, then fed
 * to the protocol core; the returned actions run in order — `persist` first (durable before any
 * later action), then signing and sending, transactions, timers, erasure. One queue for all inputs,
 * so the core sees them in the order they were logged, and a replay of the logs after a restart
 * feeds a fresh core exactly the same sequence.
 *
 * Replay mode (restart): inputs come from the log (not appended again); sends are kept in the
 * outbox and published once the network is up; `sign` actions are answered from the log (the
 * `signed` input follows them there), and only those without an answer are signed afterwards.
 */
import { hexToBytes, keccak256, concatHex, type Address, type Hex, type LocalAccount } from 'viem';
import { attestationTypes, keySharesTypes, pkShareTypes, rejectOutputTypes } from '@interfold/contracts';
import type { ProtocolCore } from '../core/index.js';
import type { Logger } from '../log/index.js';
import type { NodeStore } from '../store/index.js';
import type { ChainTxSender } from '../chain/index.js';
import type { CoreAction, CoreInput, OutboundMessage, PersistRecord, ProofContext, ProofSystem } from '../types.js';
import { PHASE_OFFSET, WIRE_VERSION, encodeEnvelope, envelopeDigest, signEnvelope, verifyProofSlot, type UnsignedEnvelope } from '../wire/index.js';
import { EquivocationRefusedError } from '../store/index.js';
import type { NodeEvents } from './emitter.js';
import type { NodeMetrics } from './metrics.js';
import { encodeInput } from './input-codec.js';
import type { InboundGate } from './gate.js';
import type { PeerPort } from './net-port.js';

/** Sign-once slot of "the one decryption share of this E3" (outside every phase's slot range). */
export const DECRYPTION_SHARE_SLOT = 1n << 255n;
const SECRET_NAME = 'core-snapshot';
/** Reverts that mean "too early by chain time", not "someone else did it". */
const RETRY_LATER = new Set(['InputWindowStillOpen', 'SortitionStillOpen', 'SeedNotYetAvailable']);

export type PipelineDeps = {
  readonly core: Pick<ProtocolCore, 'handle'>;
  readonly store: NodeStore;
  readonly account: LocalAccount;
  readonly privateKey: Uint8Array;
  readonly chainId: number;
  readonly orchestrator: Address;
  readonly slashingManager: Address;
  readonly gate: InboundGate;
  readonly events: NodeEvents;
  readonly metrics: NodeMetrics;
  readonly log: Logger;
  readonly clock: () => number;
  /**
   * Proofs (docs/node/core.md "Proofs"): received messages of proved phases are verified here,
   * before they are logged and reach the core (a failure is fed as `rejected`); `prove` actions
   * run here, one at a time, off the core. `context` is the core's ProtocolCore.proofContext.
   */
  readonly proofs?: { readonly system: ProofSystem; readonly context: (e3Id: bigint, sender: Address) => ProofContext | undefined };
  /** Set once the chain adapter exists. */
  sender?: ChainTxSender;
  /** Set once the network is started. */
  net?: PeerPort;
};

export type E3Status = { phase: string; detail?: string; since: number; member: boolean };

const PHASE_NAMES: Record<number, string> = {
  1: 'TransportKey', 2: 'PkShare', 3: 'ShareCommitments', 4: 'ShareBundle', 5: 'MaskedPolynomial', 6: 'Complaints', 20: 'KeySharesAttestation', 21: 'PkShareSignature',
  7: 'ShareOpening', 8: 'ShareReveal', 9: 'PkAttestation', 10: 'DecryptionShare', 11: 'OutputRejection', 12: 'DecryptionAttestation',
};

export class Pipeline {
  private queue: Promise<void> = Promise.resolve();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** When each armed timer is due (by `clock`), so `retime` can re-arm them after the clock jumps. */
  private readonly timerAt = new Map<string, { e3Id: bigint; name: string; at: number }>();
  /**
   * Timers scheduled while replaying, armed only in finishReplay: a replayed `timer` input means
   * the timer fired before the restart, so it is dropped here and never fires (or acts) twice.
   */
  private readonly replayTimers = new Map<string, { e3Id: bigint; name: string; at: number }>();
  /** While set, due timers wait here (a restart: until the network is up and the first sync round is in). */
  private heldTimers: (() => void)[] | undefined;
  /** Own envelopes per E3 (re-published after a restart; answered to sync requests). */
  readonly outbox = new Map<bigint, Map<bigint, { bytes: Uint8Array; to?: Address }>>();
  /** Proving runs here, one job at a time, never on the input queue. */
  private proving: Promise<void> = Promise.resolve();
  /** Prove requests seen in replay whose `proved` answer is not in the log yet (proved after replay). */
  private readonly unproved = new Map<string, Extract<CoreAction, { kind: 'prove' }>>();
  private readonly erasedE3s = new Set<bigint>();
  /** Sign requests seen in replay whose answer is not in the log yet. */
  private readonly unsigned = new Map<string, Extract<CoreAction, { kind: 'sign' }>>();
  readonly status = new Map<bigint, E3Status>();
  private readonly txs = new Set<Promise<unknown>>();
  private closed = false;
  replaying = false;

  constructor(readonly d: PipelineDeps) {}

  /** Queue a live input: logged, then handled. Resolves when its actions ran. */
  feed(e3Id: bigint | undefined, input: CoreInput): Promise<void> {
    const run = this.queue.then(async () => {
      if (this.closed) return;
      const checked = await this.gateProof(input);
      if (e3Id !== undefined) await this.d.store.log.append(e3Id, encodeInput(checked));
      await this.handle(checked);
    });
    this.queue = run.catch((e: unknown) => this.d.log.error('input failed', { error: e, kind: input.kind }));
    return run;
  }

  /** Replay one logged input (restart). */
  async replay(input: CoreInput): Promise<void> {
    if (input.kind === 'signed') this.unsigned.delete(`${input.e3Id}:${input.id}`);
    if (input.kind === 'proved') this.unproved.delete(`${input.e3Id}:${input.slot}`);
    if (input.kind === 'timer') this.replayTimers.delete(`${input.e3Id}:${input.name}`);
    await this.handle(input);
  }

  /** After replay: sign what the log has no answer for. */
  async finishReplay(): Promise<void> {
    this.replaying = false;
    for (const { e3Id, name, at } of this.replayTimers.values()) this.schedule(e3Id, name, at);
    this.replayTimers.clear();
    const pending = [...this.unsigned.values()];
    this.unsigned.clear();
    for (const a of pending) void this.sign(a);
    const proofs = [...this.unproved.values()];
    this.unproved.clear();
    for (const a of proofs) this.prove(a);
  }

  /** Wait until the queue is empty (close, tests). */
  async drain(): Promise<void> {
    await this.queue;
    await Promise.allSettled([...this.txs]);
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  private async handle(input: CoreInput): Promise<void> {
    const t0 = performance.now();
    const actions = this.d.core.handle(input);
    this.d.metrics.coreSeconds.observe({ kind: input.kind }, (performance.now() - t0) / 1000);
    for (const a of actions) await this.execute(a);
  }

  private async execute(a: CoreAction): Promise<void> {
    switch (a.kind) {
      case 'persist':
        return this.persist(a.e3Id, a.record);
      case 'send':
        return this.send(a.e3Id, a.message, a.to);
      case 'tx':
        return this.tx(a);
      case 'schedule':
        return this.schedule(a.e3Id, a.name, a.at);
      case 'phase': {
        const prev = this.status.get(a.e3Id);
        this.status.set(a.e3Id, { phase: a.phase, detail: a.detail, since: this.d.clock(), member: prev?.member ?? true });
        if (prev?.phase !== a.phase) this.d.metrics.phases.inc({ phase: a.phase });
        this.d.log.info('phase', { e3Id: a.e3Id, phase: a.phase, detail: a.detail, replay: this.replaying });
        this.d.events.emit('phase', { e3Id: a.e3Id, phase: a.phase, detail: a.detail, at: this.d.clock() });
        return;
      }
      case 'exclude':
        this.d.log.warn('party excluded', { e3Id: a.e3Id, party: a.party, reason: a.reason });
        this.d.events.emit('exclude', { e3Id: a.e3Id, party: a.party, reason: a.reason });
        return;
      case 'sign':
        if (this.replaying) {
          this.unsigned.set(`${a.e3Id}:${a.id}`, a);
          return;
        }
        void this.sign(a);
        return;
      case 'prove':
        // Replay: the `proved` answer follows in the log when the proof was made before the crash.
        if (this.replaying) this.unproved.set(`${a.e3Id}:${a.slot}`, a);
        else this.prove(a);
        return;
      case 'erase':
        return this.erase(a.e3Id);
    }
  }

  /** A received message of a proved phase: its proof verified before it is logged; a failure becomes `rejected` (evidence). */
  private async gateProof(input: CoreInput): Promise<CoreInput> {
    const p = this.d.proofs;
    if (!p || input.kind !== 'message' || p.system.policy(input.message.phase) !== 'REQUIRED') return input;
    const m = input.message;
    const ctx = p.context(m.e3Id, m.sender);
    const reason = ctx ? await verifyProofSlot(p.system, m, ctx) : 'no proof context for this E3 and sender';
    if (!reason) return input;
    this.d.metrics.dropped.inc({ reason: 'proof' });
    this.d.log.warn('proof rejected', { e3Id: m.e3Id, sender: m.sender, phase: PHASE_NAMES[m.phase] ?? String(m.phase), reason });
    return { kind: 'rejected', now: input.now, message: m, reason };
  }

  /** Proves off the core, one job at a time; the proof comes back as a logged `proved` input. */
  private prove(a: Extract<CoreAction, { kind: 'prove' }>): void {
    const p = this.d.proofs;
    if (!p) {
      this.d.log.error('a proof was requested but the pipeline has no proof system', { e3Id: a.e3Id, phase: a.phase });
      return;
    }
    this.proving = this.proving.then(async () => {
      if (this.closed || this.erasedE3s.has(a.e3Id)) return;
      const phase = PHASE_NAMES[a.phase] ?? String(a.phase);
      const t0 = performance.now();
      try {
        const proof = await p.system.prove(a.statement);
        const seconds = (performance.now() - t0) / 1000;
        this.d.metrics.proving.observe({ phase }, seconds);
        this.d.log.info('proved', { e3Id: a.e3Id, phase, circuit: a.statement.circuit, seconds, bytes: proof.length });
        await this.feed(a.e3Id, { kind: 'proved', now: this.d.clock(), e3Id: a.e3Id, slot: a.slot, proof });
      } catch (e) {
        this.d.log.error('proving failed', { e3Id: a.e3Id, phase, circuit: a.statement.circuit, error: e });
        // The fold can fail on a member's bad recursive twin: reported (an empty proof, logged like
        // any answer) so the aggregator asks again once it holds more shares. Other steps are not
        // answered: a restart's replay proves an unanswered `prove` again.
        // The key fold likewise (over all of A: the core notes that the key cannot be posted).
        if ((a.statement.circuit === 'FOLD' || a.statement.circuit === 'PKFOLD') && !this.closed) await this.feed(a.e3Id, { kind: 'proved', now: this.d.clock(), e3Id: a.e3Id, slot: a.slot, proof: new Uint8Array(0) });
      }
    });
  }

  private async persist(e3Id: bigint, r: PersistRecord): Promise<void> {
    switch (r.type) {
      case 'secret':
        await this.d.store.secrets.put(e3Id, SECRET_NAME, r.bytes);
        return;
      case 'decryptionShare':
        // Never two different decryption shares for one E3, even across a crash (issue 8).
        await this.d.store.signOnce.claim(e3Id, DECRYPTION_SHARE_SLOT, hexToBytes(keccak256(concatHex([r.ctDigest, r.shareHash]))));
        return;
      case 'progress': {
        const len = await this.d.store.log.length(e3Id);
        await this.d.store.snapshots.put(e3Id, { logLength: len, bytes: new TextEncoder().encode(JSON.stringify(r.data)) });
        return;
      }
    }
  }

  /** Sign-once claim, sign, then publish (or keep for after the restart). */
  private async send(e3Id: bigint, m: OutboundMessage, to: Address | undefined): Promise<void> {
    const u: UnsignedEnvelope = {
      version: WIRE_VERSION,
      chainId: this.d.chainId,
      orchestrator: this.d.orchestrator,
      e3Id,
      phase: m.phase,
      slot: m.slot,
      sender: this.d.account.address,
      payload: m.payload,
      proof: m.proof,
    };
    const digest = hexToBytes(envelopeDigest(u, this.d.slashingManager));
    const slotKey = to === undefined ? m.slot : m.slot ^ (BigInt(to) << 64n);
    try {
      await this.d.store.signOnce.claim(e3Id, slotKey, digest);
    } catch (e) {
      if (e instanceof EquivocationRefusedError) {
        this.d.log.error('refused to sign a second message for one slot', { e3Id, slot: m.slot, error: e });
        return;
      }
      throw e;
    }
    const bytes = encodeEnvelope(signEnvelope(u, this.d.slashingManager, this.d.privateKey));
    let box = this.outbox.get(e3Id);
    if (!box) this.outbox.set(e3Id, (box = new Map()));
    box.set(slotKey, { bytes, to });
    this.d.gate.markSeen(e3Id, bytes);
    if (this.replaying || this.d.net === undefined) return;
    await this.publish(e3Id, bytes, to, m.phase);
  }

  async publish(e3Id: bigint, bytes: Uint8Array, to: Address | undefined, phase: number): Promise<void> {
    const net = this.d.net;
    if (!net) return;
    try {
      if (to === undefined) await net.publish(e3Id, bytes);
      else await net.sendDirect(e3Id, to, bytes);
      this.d.metrics.messagesOut.inc({ phase: PHASE_NAMES[phase] ?? String(phase) });
      this.d.metrics.bytesOut.inc(undefined, bytes.length);
    } catch (e) {
      // Peers that missed it fetch it with the sync protocol (the outbox answers).
      this.d.log.warn('send failed', { e3Id, phase, to, error: e });
    }
  }

  /** Re-publish every own message of the E3 (after a restart: peers dedupe identical bytes). */
  async republish(e3Id: bigint): Promise<void> {
    for (const { bytes, to } of this.outbox.get(e3Id)?.values() ?? []) await this.publish(e3Id, bytes, to, bytes[PHASE_OFFSET]);
  }

  private tx(a: Extract<CoreAction, { kind: 'tx' }>, attempt = 0): void {
    const sender = this.d.sender;
    if (!sender || this.closed) return;
    const p = sender.send(a.tx).then(
      (outcome) => {
        // "Not yet" by chain time (the chain's clock lags ours): try again shortly.
        if (outcome.status === 'skipped' && RETRY_LATER.has(outcome.errorName) && attempt < 60) {
          setTimeout(() => this.tx(a, attempt + 1), 2000).unref();
          return;
        }
        this.d.metrics.txs.inc({ fn: a.tx.fn, status: outcome.status });
        if (outcome.status === 'mined') this.d.metrics.gas.inc({ fn: a.tx.fn }, Number(outcome.gasUsed));
        this.d.log.info('tx', { e3Id: a.e3Id, fn: a.tx.fn, status: outcome.status, ...(outcome.status === 'mined' ? { hash: outcome.hash, gasUsed: outcome.gasUsed } : { reason: outcome.errorName }) });
        this.d.events.emit('tx', { e3Id: a.e3Id, outcome });
      },
      (error: unknown) => {
        this.d.metrics.txs.inc({ fn: a.tx.fn, status: 'error' });
        this.d.log.error('tx failed', { e3Id: a.e3Id, fn: a.tx.fn, error });
        this.d.events.emit('txError', { e3Id: a.e3Id, fn: a.tx.fn, error });
      },
    );
    const q = p.finally(() => this.txs.delete(q));
    this.txs.add(q);
  }

  /** Hold due timers (restart: a deadline that passed while the node was down waits for the sync). */
  holdTimers(): void {
    this.heldTimers ??= [];
  }

  /** Fire the held timers, in the order they fell due. */
  releaseTimers(): void {
    const held = this.heldTimers ?? [];
    this.heldTimers = undefined;
    for (const fire of held) fire();
  }

  /** Re-arm every pending timer against `clock` (the daemon's chain clock jumped, e.g. a warp on anvil). */
  retime(): void {
    for (const key of [...this.timers.keys()]) {
      const t = this.timerAt.get(key);
      if (t) this.schedule(t.e3Id, t.name, t.at);
    }
  }

  private schedule(e3Id: bigint, name: string, at: number): void {
    const key = `${e3Id}:${name}`;
    if (this.replaying) {
      this.replayTimers.set(key, { e3Id, name, at });
      return;
    }
    this.timerAt.set(key, { e3Id, name, at });
    const old = this.timers.get(key);
    if (old) clearTimeout(old);
    const delay = Math.max(0, at - this.d.clock());
    const t = setTimeout(() => {
      this.timers.delete(key);
      this.timerAt.delete(key);
      const fire = () => void this.feed(e3Id, { kind: 'timer', now: this.d.clock(), e3Id, name });
      if (this.heldTimers) this.heldTimers.push(fire);
      else fire();
    }, Math.min(delay, 2 ** 31 - 1));
    this.timers.set(key, t);
  }

  private async sign(a: Extract<CoreAction, { kind: 'sign' }>): Promise<void> {
    try {
      const r = a.request;
      const signature: Hex =
        r.primaryType === 'Attestation'
          ? await this.d.account.signTypedData({ domain: r.domain, types: attestationTypes, primaryType: 'Attestation', message: r.message })
          : r.primaryType === 'KeyShares'
            ? await this.d.account.signTypedData({ domain: r.domain, types: keySharesTypes, primaryType: 'KeyShares', message: r.message })
            : r.primaryType === 'PkShare'
              ? await this.d.account.signTypedData({ domain: r.domain, types: pkShareTypes, primaryType: 'PkShare', message: r.message })
              : await this.d.account.signTypedData({ domain: r.domain, types: rejectOutputTypes, primaryType: 'RejectOutput', message: r.message });
      await this.feed(a.e3Id, { kind: 'signed', now: this.d.clock(), e3Id: a.e3Id, id: a.id, signer: this.d.account.address, signature });
    } catch (e) {
      this.d.log.error('signing failed', { e3Id: a.e3Id, id: a.id, error: e });
    }
  }

  private async erase(e3Id: bigint): Promise<void> {
    this.erasedE3s.add(e3Id);
    for (const key of [...this.replayTimers.keys()]) if (key.startsWith(`${e3Id}:`)) this.replayTimers.delete(key);
    for (const [key, t] of this.timers) {
      if (key.startsWith(`${e3Id}:`)) {
        clearTimeout(t);
        this.timers.delete(key);
      }
    }
    await this.d.store.eraseSecrets(e3Id);
    this.d.log.info('E3 secrets erased', { e3Id });
    this.d.events.emit('erased', { e3Id });
  }
}

export { SECRET_NAME };
