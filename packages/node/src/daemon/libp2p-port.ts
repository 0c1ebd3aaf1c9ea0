/**
 * PeerPort over src/net's PeerNetwork (libp2p: tcp, noise, yamux, identify, gossipsub). Gossip for
 * messages up to the gossip limit, direct streams for larger ones (share bundles) and for
 * messages addressed to one member; the sync protocol carries "everything you hold of E3 x":
 *
 *   request  = e3Id (32 bytes, big-endian)
 *   response = count (u32) ‖ count × (length u32 ‖ envelope bytes)
 *
 * Every envelope in a response is checked by the daemon's gate like any other inbound message.
 */
import { hexToBytes, toHex, type Address } from 'viem';
import type { NodeConfig } from '../config/index.js';
import type { NodeKeys } from '../keystore/index.js';
import type { Logger } from '../log/index.js';
import { PeerNetwork, type NetDropReason, type NetLimits } from '../net/index.js';
import { MalformedEnvelopeError, PHASE_OFFSET } from '../wire/index.js';
import type { InboundHandler, PeerPort, SyncHandler } from './net-port.js';

/** Offset of the e3Id in an envelope: version (1) ‖ chainId (8) ‖ orchestrator (20). */
const E3_OFFSET = 29;
const MAX_SYNC_ENTRIES = 100_000;

export function e3IdOfEnvelope(bytes: Uint8Array): bigint {
  if (bytes.length < PHASE_OFFSET) throw new MalformedEnvelopeError('Truncated envelope', { details: `${bytes.length} bytes` });
  return BigInt(toHex(bytes.subarray(E3_OFFSET, E3_OFFSET + 32)));
}

export function encodeSyncResponse(envelopes: readonly Uint8Array[]): Uint8Array {
  const total = 4 + envelopes.reduce((s, e) => s + 4 + e.length, 0);
  const out = new Uint8Array(total);
  const v = new DataView(out.buffer);
  v.setUint32(0, envelopes.length);
  let o = 4;
  for (const e of envelopes) {
    v.setUint32(o, e.length);
    out.set(e, o + 4);
    o += 4 + e.length;
  }
  return out;
}

export function decodeSyncResponse(bytes: Uint8Array): Uint8Array[] {
  const bad = (d: string) => new MalformedEnvelopeError('Malformed sync response', { details: d });
  if (bytes.length < 4) throw bad('truncated');
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = v.getUint32(0);
  if (count > MAX_SYNC_ENTRIES) throw bad(`${count} entries`);
  const out: Uint8Array[] = [];
  let o = 4;
  for (let i = 0; i < count; i++) {
    if (o + 4 > bytes.length) throw bad('truncated entry header');
    const n = v.getUint32(o);
    if (o + 4 + n > bytes.length) throw bad('truncated entry');
    out.push(bytes.slice(o + 4, o + 4 + n));
    o += 4 + n;
  }
  if (o !== bytes.length) throw bad('trailing bytes');
  return out;
}

export class Libp2pPort implements PeerPort {
  private net: PeerNetwork | undefined;
  private handlers: InboundHandler[] = [];
  private syncHandler: SyncHandler | undefined;
  private readonly members = new Map<bigint, readonly Address[]>();

  constructor(
    private readonly o: {
      keys: NodeKeys;
      config: NodeConfig;
      logger: Logger;
      limits?: Partial<NetLimits>;
      /** OperatorRegistry look-up: records of other addresses are dropped (src/net). */
      isOperator?: (address: Address) => Promise<boolean>;
      onDrop?: (reason: NetDropReason, from: string, detail: string) => void;
    },
  ) {}

  get peerId(): string {
    return this.o.keys.peerId;
  }

  private get n(): PeerNetwork {
    if (!this.net) throw new MalformedEnvelopeError('peer network not started');
    return this.net;
  }

  async start(): Promise<void> {
    const { keys, config } = this.o;
    this.net = await PeerNetwork.start({
      chainId: config.chainId,
      peerKey: keys.peerKey,
      operatorKey: keys.operatorKey,
      listen: config.listen,
      bootstrap: config.bootstrap,
      logger: this.o.logger,
      limits: this.o.limits,
      isOperator: this.o.isOperator,
      onDrop: this.o.onDrop,
    });
    this.net.on('gossip', (e) => {
      for (const h of this.handlers) h(e.e3Id, e.data, e.from);
    });
    this.net.on('direct', (e) => {
      let e3Id: bigint;
      try {
        e3Id = e3IdOfEnvelope(e.data);
      } catch {
        return; // not even an envelope header: nothing to route
      }
      for (const h of this.handlers) h(e3Id, e.data, e.from);
    });
    this.net.handleSync(async (_from, request) => {
      if (request.length !== 32) throw new MalformedEnvelopeError('Sync request must be a 32-byte e3Id', { details: `${request.length} bytes` });
      const e3Id = BigInt(toHex(request));
      return encodeSyncResponse(this.syncHandler ? await this.syncHandler(e3Id) : []);
    });
  }

  async close(): Promise<void> {
    await this.net?.stop();
  }

  async joinE3(e3Id: bigint, members: readonly Address[]): Promise<void> {
    this.members.set(e3Id, members);
    this.n.subscribeE3(e3Id, members);
  }

  async leaveE3(e3Id: bigint): Promise<void> {
    this.members.delete(e3Id);
    this.net?.unsubscribeE3(e3Id);
  }

  async publish(e3Id: bigint, bytes: Uint8Array): Promise<void> {
    if (bytes.length <= this.n.limits.gossipBytes) {
      await this.n.publish(e3Id, bytes);
      return;
    }
    // Too large for gossip: one direct stream per other member.
    const me = this.n.addressOf(this.peerId)?.toLowerCase();
    const errors: unknown[] = [];
    for (const m of this.members.get(e3Id) ?? []) {
      if (m.toLowerCase() === me) continue;
      await this.sendDirect(e3Id, m, bytes).catch((e: unknown) => errors.push(e));
    }
    if (errors.length > 0) this.o.logger.warn('direct fan-out incomplete', { e3Id, failed: errors.length });
  }

  async sendDirect(_e3Id: bigint, to: Address, bytes: Uint8Array): Promise<void> {
    await this.n.sendDirect(to, bytes);
  }

  onMessage(handler: InboundHandler): void {
    this.handlers.push(handler);
  }

  onSyncRequest(handler: SyncHandler): void {
    this.syncHandler = handler;
  }

  async sync(e3Id: bigint): Promise<readonly Uint8Array[]> {
    const req = hexToBytes(toHex(e3Id, { size: 32 }));
    const targets = new Set<string>(this.n.topicPeers(e3Id));
    for (const m of this.members.get(e3Id) ?? []) {
      const p = this.n.peerOf(m);
      if (p && p !== this.peerId) targets.add(p);
    }
    const out: Uint8Array[] = [];
    await Promise.all(
      [...targets].map(async (peer) => {
        try {
          out.push(...decodeSyncResponse(await this.n.request(peer, req)));
        } catch (error) {
          this.o.logger.debug('sync request failed', { e3Id, peer, error });
        }
      }),
    );
    return out;
  }

  peerCount(): number {
    return this.net?.peers().length ?? 0;
  }

  listenAddrs(): readonly string[] {
    return this.net?.multiaddrs() ?? [];
  }
}
