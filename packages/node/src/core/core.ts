/**
 * The protocol core: sans-I/O, one state machine per E3 (DESIGN.md). Fed CoreInputs (decoded
 * chain events, signature-checked peer messages, timers, sign results, each with `now`), it
 * returns CoreActions for the daemon to execute in order (`persist` before any later `send`).
 * No I/O, no clock, no signing; randomness only from `cfg.random`, once per E3 (the secret seed,
 * secrets.ts). Deterministic: the same inputs (and snapshots) give the same actions, so a replay
 * of the E3's input log into a fresh core re-emits byte-identical messages.
 */
import type { Session } from '@interfold/threshold';
import { BaseError } from '@interfold/ring';
import { bytesToHex, getAddress, hexToBytes, zeroAddress, type Address } from 'viem';
import { Phase, type ChainEvent, type CoreAction, type CoreInput, type E3Phase, type PeerMessage, type ProofContext } from '../types.js';
import { PayloadError, WireError } from '../wire/errors.js';
import { envelopeContext, checkContext, openPayload, partyOf, type EnvelopeContext, type MessageContext } from '../wire/verify.js';
import { ciphertextCommitment, ciphertextToBytes } from './ciphertext.js';
import { DEFAULT_MAX_INPUTS, DEFAULT_TIMEOUTS, type CoreConfig, type CoreTimeouts } from './config.js';
import { E3Duty, type CommitteeEvent, type E3Request } from './e3.js';
import { InputLog } from './inputs.js';
import { paramSetById, type ParamSet } from './params.js';
import { E3Secrets } from './secrets.js';
import { sessionFor } from './evaluation.js';

/** Messages kept for an E3 whose committee this node has not seen finalised yet. */
const MAX_BUFFERED = 4096;

type Provider = { keyPublished: boolean; outputSeen: boolean; sent: boolean };

type E3Record = {
  request?: E3Request;
  /** The committee as finalised on chain (the program's context, for members and the compute provider alike). */
  committee?: readonly Address[];
  readonly inputs: InputLog;
  duty?: E3Duty;
  ctx?: MessageContext;
  provider?: Provider;
  buffer: PeerMessage[];
  phase?: E3Phase;
  done: boolean;
};

export type CoreOptions = {
  /** Secret snapshots from the store (replay after a restart), by E3 id. */
  readonly snapshots?: ReadonlyMap<bigint, Uint8Array>;
};

export class ProtocolCore {
  private readonly e3s = new Map<bigint, E3Record>();
  private readonly timeouts: CoreTimeouts;
  private readonly self: Address;
  private readonly maxInputs: number;

  constructor(
    private readonly cfg: CoreConfig,
    private readonly opts: CoreOptions = {},
  ) {
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...cfg.timeouts };
    this.self = getAddress(cfg.self);
    this.maxInputs = cfg.maxInputs ?? DEFAULT_MAX_INPUTS;
  }

  handle(input: CoreInput): CoreAction[] {
    switch (input.kind) {
      case 'chain':
        return this.onChain(input.event, input.now);
      case 'message':
        return this.onMessage(input.message, input.now);
      case 'timer':
        return this.onTimer(input.e3Id, input.name, input.now);
      case 'tick': {
        const out: CoreAction[] = [];
        for (const [id, r] of this.e3s) if (r.duty && !r.done) out.push(...this.onTimer(id, 'dkg:tick', input.now));
        return out;
      }
      case 'signed': {
        const d = this.e3s.get(input.e3Id)?.duty;
        if (!d) return [];
        d.onSigned(input.id, input.signer, input.signature, input.now);
        return d.drain();
      }
      case 'proved': {
        const d = this.e3s.get(input.e3Id)?.duty;
        if (!d) return [];
        d.onProved(input.slot, input.proof, input.now);
        return d.drain();
      }
      case 'rejected':
        return this.onRejected(input.message, input.now);
    }
  }

  private record(e3Id: bigint): E3Record {
    let r = this.e3s.get(e3Id);
    if (!r) this.e3s.set(e3Id, (r = { inputs: new InputLog(), buffer: [], done: false }));
    return r;
  }

  // ------------------------------------------------------------------------------ chain

  private onChain(ev: ChainEvent, now: number): CoreAction[] {
    const r = this.record(ev.e3Id);
    const out: CoreAction[] = [];
    if (r.done) return out;
    switch (ev.name) {
      case 'E3Requested': {
        r.request ??= ev;
        const provider = ev.params.computeProvider === zeroAddress ? ev.requester : ev.params.computeProvider;
        if (getAddress(provider) === this.self && !r.provider) {
          r.provider = { keyPublished: false, outputSeen: false, sent: false };
          out.push({ kind: 'schedule', e3Id: ev.e3Id, name: 'compute', at: (Number(ev.schedule.inputEnd) + 1) * 1000 + this.timeouts.deadlineGrace });
        }
        return out;
      }
      case 'CommitteeFinalized':
        r.committee ??= ev.members.map((m) => getAddress(m));
        return this.onCommittee(r, ev, now);
      case 'InputPublished':
        r.inputs.add(ev);
        break;
      case 'PublicKeyPublished':
        if (r.provider) r.provider.keyPublished = true;
        break;
      case 'CiphertextOutputPublished':
        if (r.provider) r.provider.outputSeen = true;
        break;
      default:
        break;
    }
    if (r.duty) {
      r.duty.onChain(ev, now);
      out.push(...r.duty.drain());
      r.phase = r.duty.phase;
    }
    if (ev.name === 'E3Completed' || ev.name === 'E3Failed') {
      r.done = true;
      r.buffer = [];
      r.provider = undefined;
    }
    return out;
  }

  private onCommittee(r: E3Record, ev: CommitteeEvent, now: number): CoreAction[] {
    const me = ev.members.findIndex((m) => getAddress(m) === this.self) + 1;
    if (me === 0 || r.duty) return [];
    const e3Id = ev.e3Id;
    const fail = (detail: string): CoreAction[] => {
      r.phase = 'failed';
      return [{ kind: 'phase', e3Id, phase: 'failed', detail }];
    };
    if (!r.request) return fail('selected, but the E3Requested event was never seen');
    let set: ParamSet;
    let program;
    try {
      set = paramSetById(r.request.params.paramSet);
      program = this.cfg.programs.get(r.request.params.programId);
    } catch (e) {
      if (e instanceof BaseError) return fail(e.shortMessage);
      throw e;
    }
    const n = ev.members.length;
    const maxInputs = this.maxInputs;
    let session: Session;
    try {
      // Protocol-wide (part of the session id): the largest λ the set allows (at the program's depth), at most the default.
      session = sessionFor(set, program, { n, T: ev.threshold, seed: hexToBytes(ev.seed), maxInputs });
    } catch (e) {
      if (e instanceof BaseError) return fail(`session: ${e.shortMessage}`);
      throw e;
    }
    const snap = this.opts.snapshots?.get(e3Id);
    const secrets = snap ? E3Secrets.fromSnapshot(snap) : E3Secrets.draw(this.cfg.random);
    const payload = { params: set.params, transport: set.transport, n, T: ev.threshold };
    const envelope: EnvelopeContext = envelopeContext(
      { chainId: this.cfg.chainId, orchestrator: this.cfg.orchestrator, slashingManager: this.cfg.slashingManager, e3Id, committee: ev.members.map((m) => getAddress(m)) },
      payload,
    );
    r.ctx = { ...envelope, payload, proofs: this.cfg.proofs };
    // The snapshot is stored before the first message that depends on it (the transport key, below).
    const out: CoreAction[] = [{ kind: 'persist', e3Id, record: { type: 'secret', bytes: secrets.snapshot() } }];
    r.duty = new E3Duty({ cfg: this.cfg, timeouts: this.timeouts, request: r.request, committee: ev, me, set, session, program, inputs: r.inputs, secrets, envelope, maxInputs });
    r.duty.begin(now);
    out.push(...r.duty.drain());
    const buffered = r.buffer;
    r.buffer = [];
    for (const m of buffered) out.push(...this.deliver(r, m, now));
    r.phase = r.duty.phase;
    return out;
  }

  // ------------------------------------------------------------------------------ peers, timers

  private onMessage(m: PeerMessage, now: number): CoreAction[] {
    const r = this.record(m.e3Id);
    if (r.done || getAddress(m.sender) === this.self) return [];
    if (!r.duty) {
      if (r.buffer.length < MAX_BUFFERED) r.buffer.push(m);
      return [];
    }
    return this.deliver(r, m, now);
  }

  /** Context re-check (cheap; the daemon verified the signature), typed payload, proof hook. */
  private deliver(r: E3Record, m: PeerMessage, now: number): CoreAction[] {
    const duty = r.duty as E3Duty;
    const ctx = r.ctx as MessageContext;
    let v;
    try {
      checkContext(m, ctx);
      v = openPayload(m, ctx);
    } catch (e) {
      if (e instanceof PayloadError && m.phase === Phase.ShareBundle) {
        duty.onUndecodableBundle(partyOf(ctx.committee, m.sender), m, now);
        return duty.drain();
      }
      if (e instanceof WireError) return [];
      throw e;
    }
    duty.onMessage(v, now);
    r.phase = duty.phase;
    return duty.drain();
  }

  /** A signed message whose proof the gate rejected: evidence against its sender, never applied. */
  private onRejected(m: PeerMessage, now: number): CoreAction[] {
    const r = this.e3s.get(m.e3Id);
    const ctx = r?.ctx;
    if (!r || !r.duty || !ctx || r.done || getAddress(m.sender) === this.self) return [];
    try {
      checkContext(m, ctx);
    } catch (e) {
      if (e instanceof WireError) return [];
      throw e;
    }
    r.duty.onRejected(partyOf(ctx.committee, m.sender), m, 'proof rejected', now);
    r.phase = r.duty.phase;
    return r.duty.drain();
  }

  private onTimer(e3Id: bigint, name: string, now: number): CoreAction[] {
    const r = this.e3s.get(e3Id);
    if (!r || r.done) return [];
    if (name === 'compute') return this.compute(r, e3Id);
    if (!r.duty) return [];
    r.duty.onTimer(name, now);
    r.phase = r.duty.phase;
    return r.duty.drain();
  }

  /** Compute-provider role: after the input window, the program's output over the accepted inputs. */
  private compute(r: E3Record, e3Id: bigint): CoreAction[] {
    const p = r.provider;
    if (!p || !r.request || p.sent || p.outputSeen || !p.keyPublished) return [];
    if (r.inputs.count === 0 || r.inputs.inconsistency) return [{ kind: 'phase', e3Id, phase: 'compute', detail: 'no output: no inputs or inconsistent inputs' }];
    try {
      const set = paramSetById(r.request.params.paramSet);
      const program = this.cfg.programs.get(r.request.params.programId);
      // A program of depth ≥ 1 (or with masks) needs the DKG's rlk/masks: only a member holds them.
      const evaluation = r.duty?.evaluation ?? {};
      if (((program.depth?.multiplications ?? 0) > 0 && !evaluation.evaluationKey) || ((program.masks ?? 0) > 0 && !evaluation.masks)) {
        return [{ kind: 'phase', e3Id, phase: 'compute', detail: 'no output: the program needs the committee’s rlk/masks and this node holds none (not a member of A)' }];
      }
      const ct = r.inputs.compute(program, set.params, { e3Id, committee: r.committee ?? [], ...evaluation });
      p.sent = true;
      return [
        { kind: 'phase', e3Id, phase: 'compute', detail: `output over ${r.inputs.count} inputs` },
        { kind: 'tx', e3Id, tx: { fn: 'publishCiphertextOutput', e3Id, ciphertext: bytesToHex(ciphertextToBytes(ct)), ciphertextCommitment: ciphertextCommitment(ct), inputRoot: r.inputs.root } },
      ];
    } catch (e) {
      if (e instanceof BaseError) return [{ kind: 'phase', e3Id, phase: 'compute', detail: `no output: ${e.shortMessage}` }];
      throw e;
    }
  }

  // ------------------------------------------------------------------------------ introspection

  /** What the gate needs to verify a proof from `sender` (undefined until this node's duty for the E3 exists). */
  proofContext(e3Id: bigint, sender: Address): ProofContext | undefined {
    const r = this.e3s.get(e3Id);
    if (!r?.duty || !r.ctx || r.done) return undefined;
    const party = partyOf(r.ctx.committee, sender);
    return party === 0 ? undefined : { session: r.duty.session, party };
  }

  phaseOf(e3Id: bigint): E3Phase | undefined {
    return this.e3s.get(e3Id)?.phase;
  }

  /** Final authorised set of the DKG (empty before it ends or when this node is not a member). */
  authorisedOf(e3Id: bigint): readonly number[] {
    return this.e3s.get(e3Id)?.duty?.authorisedSet ?? [];
  }

  /** Whether any secret of the E3 is still held in memory. */
  holdsSecrets(e3Id: bigint): boolean {
    return this.e3s.get(e3Id)?.duty?.holdsSecrets ?? false;
  }

  e3Ids(): bigint[] {
    return [...this.e3s.keys()];
  }
}
