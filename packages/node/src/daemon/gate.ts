/**
 * The inbound gate (DESIGN.md, "Peer messages"): envelope bytes from the network are checked
 * before anything else — size limit, version, chain/orchestrator/e3Id, sender ∈ committee, phase,
 * signature (src/wire verifyEnvelope) — and only then handed on (to the E3's log and the core,
 * which decodes the payload and applies the proof hook). Bytes for an E3 whose committee this
 * node does not know yet are held (bounded) until CommitteeFinalized; duplicates (same bytes,
 * e.g. re-published after a peer's restart or returned by sync) are dropped.
 */
import { keccak_256 } from '@noble/hashes/sha3.js';
import { getAddress, type Address } from 'viem';
import { paramSetById } from '../core/index.js';
import type { PeerMessage } from '../types.js';
import { envelopeContext, verifyEnvelope, WireError, type EnvelopeContext } from '../wire/index.js';

/** Raw messages held per E3 before its committee is known. */
const MAX_HELD = 4096;
const MAX_E3S_HELD = 64;

export type GateVerdict =
  | { readonly ok: true; readonly message: PeerMessage }
  | { readonly ok: false; readonly reason: string }
  | { readonly held: true };

export type GateConfig = { readonly chainId: number; readonly orchestrator: Address; readonly slashingManager: Address };

export class InboundGate {
  private readonly contexts = new Map<bigint, EnvelopeContext>();
  private readonly held = new Map<bigint, Uint8Array[]>();
  private readonly seen = new Map<bigint, Set<string>>();

  constructor(private readonly cfg: GateConfig) {}

  /** The committee of an E3 is known: messages can be checked; returns the held ones. */
  open(e3Id: bigint, paramSet: `0x${string}`, members: readonly Address[], threshold: number): Uint8Array[] {
    const set = paramSetById(paramSet);
    const ctx = envelopeContext(
      { chainId: this.cfg.chainId, orchestrator: this.cfg.orchestrator, slashingManager: this.cfg.slashingManager, e3Id, committee: members.map((m) => getAddress(m)) },
      { params: set.params, transport: set.transport, n: members.length, T: threshold },
    );
    this.contexts.set(e3Id, ctx);
    const held = this.held.get(e3Id) ?? [];
    this.held.delete(e3Id);
    return held;
  }

  isOpen(e3Id: bigint): boolean {
    return this.contexts.has(e3Id);
  }

  committee(e3Id: bigint): readonly Address[] | undefined {
    return this.contexts.get(e3Id)?.committee;
  }

  /** Forget everything of a finished E3. */
  close(e3Id: bigint): void {
    this.contexts.delete(e3Id);
    this.held.delete(e3Id);
    this.seen.delete(e3Id);
  }

  /** Marks bytes as already applied (replay from the log, own messages). */
  markSeen(e3Id: bigint, bytes: Uint8Array): void {
    let s = this.seen.get(e3Id);
    if (!s) this.seen.set(e3Id, (s = new Set()));
    s.add(Buffer.from(keccak_256(bytes)).toString('hex'));
  }

  check(e3Id: bigint, bytes: Uint8Array): GateVerdict {
    const ctx = this.contexts.get(e3Id);
    if (ctx === undefined) {
      let h = this.held.get(e3Id);
      if (h === undefined) {
        if (this.held.size >= MAX_E3S_HELD) return { ok: false, reason: 'too many unknown E3s' };
        this.held.set(e3Id, (h = []));
      }
      if (h.length >= MAX_HELD) return { ok: false, reason: 'held queue full' };
      h.push(bytes);
      return { held: true };
    }
    const digest = Buffer.from(keccak_256(bytes)).toString('hex');
    if (this.seen.get(e3Id)?.has(digest)) return { ok: false, reason: 'duplicate' };
    let message: PeerMessage;
    try {
      message = verifyEnvelope(bytes, ctx);
    } catch (e) {
      if (e instanceof WireError) return { ok: false, reason: e.name };
      throw e;
    }
    this.markSeen(e3Id, bytes);
    return { ok: true, message };
  }
}
