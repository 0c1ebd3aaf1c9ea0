/**
 * The ciphernode's peer network (issue 8, "Peer network"; spec 003 §P1–P4 message flow): a libp2p
 * host (tcp, noise, yamux, identify, gossipsub) with
 *   - one gossip topic per E3 (`/interfold/<chainId>/e3/<e3Id>/1`), messages up to `gossipBytes`;
 *   - direct streams (`/interfold/direct/1`): one length-prefixed frame per stream, for payloads
 *     of megabytes (share bundles), capped at `directBytes` inbound;
 *   - request/response (`/interfold/sync/1`): a restarted node fetches missed messages; the
 *     daemon supplies the handler (request bytes → response bytes), with a timeout on both sides;
 *   - signed peer records on `/interfold/<chainId>/peers/1`: operator address ↔ peer id.
 * Everything from a peer is untrusted: sizes are checked before allocation, every inbound path
 * is charged to the peer's budget, failures are counted and logged, never thrown at the caller.
 * The network never parses E3 payloads: the wire layer (src/wire) checks envelopes.
 */
import './polyfill.js';
import { createLibp2p, type Libp2p } from 'libp2p';
import { tcp } from '@libp2p/tcp';
import { noise } from '@chainsafe/libp2p-noise';
import { yamux } from '@chainsafe/libp2p-yamux';
import { identify, type Identify } from '@libp2p/identify';
import { gossipsub, type GossipSub, type GossipsubMessage, TopicValidatorResult } from '@libp2p/gossipsub';
import { peerIdFromString } from '@libp2p/peer-id';
import { multiaddr } from '@multiformats/multiaddr';
import type { Ed25519PrivateKey, PeerId, Stream, Connection } from '@libp2p/interface';
import type { Address, Hex } from 'viem';
import { readFrame, writeFrame } from './framing.js';
import { signPeerRecord, verifyPeerRecord, type PeerRecord } from './peerRecord.js';
import { PeerBudgets, type InboundBudget } from './limits.js';
import { FrameTooLargeError, NetError, SyncRemoteError, SyncTimeoutError, UnknownPeerError } from './errors.js';
import { silentLogger, type Logger } from '../log/index.js';

export const DIRECT_PROTOCOL = '/interfold/direct/1';
export const SYNC_PROTOCOL = '/interfold/sync/1';

export type NetLimits = {
  /** Largest gossip message (default 256 KiB): larger payloads go direct. */
  readonly gossipBytes: number;
  /** Largest inbound direct frame (default 32 MiB). */
  readonly directBytes: number;
  /** Largest sync request (default 64 KiB) and response (default 64 MiB). */
  readonly syncRequestBytes: number;
  readonly syncResponseBytes: number;
  /** Sync timeout, ms (default 10 s), for the requester and for the handler. */
  readonly syncTimeoutMs: number;
  /** Direct send timeout, ms (default 60 s). */
  readonly directTimeoutMs: number;
  /** Per-peer inbound budget (default 1 min: 2000 messages, 256 MiB). */
  readonly inbound: InboundBudget;
};

export const DEFAULT_NET_LIMITS: NetLimits = Object.freeze({
  gossipBytes: 256 * 1024,
  directBytes: 32 * 1024 * 1024,
  syncRequestBytes: 64 * 1024,
  syncResponseBytes: 64 * 1024 * 1024,
  syncTimeoutMs: 10_000,
  directTimeoutMs: 60_000,
  inbound: Object.freeze({ windowMs: 60_000, messages: 2000, bytes: 256 * 1024 * 1024 }),
});

export type PeerNetworkOptions = {
  readonly chainId: number;
  /** libp2p key (keystore) and operator key (signs the peer record). */
  readonly peerKey: Ed25519PrivateKey;
  readonly operatorKey: Hex;
  readonly listen: readonly string[];
  /** Static / bootstrap peers (multiaddrs with /p2p/<id>), dialled at start and re-dialled when lost. */
  readonly bootstrap?: readonly string[];
  readonly limits?: Partial<NetLimits>;
  readonly logger?: Logger;
  /** Re-announce period of the peer record, ms (default 30 s). */
  readonly announceIntervalMs?: number;
  /** Re-dial period for lost bootstrap peers, ms (default 5 s). */
  readonly redialIntervalMs?: number;
  /**
   * Whether an address is a registered operator (OperatorRegistry). A peer record of any other
   * address is dropped: not stored, not relayed (issue 8: the binding is for operators only).
   * Absent: every validly signed record is accepted (tests of the network alone).
   */
  readonly isOperator?: (address: Address) => Promise<boolean>;
  /** Told of every drop of a record or of E3 gossip by these checks (daemon: log + metric). */
  readonly onDrop?: (reason: NetDropReason, from: string, detail: string) => void;
};

/** Why the network dropped a record or an E3 topic message before the daemon's gate saw it. */
export type NetDropReason = 'NotOperator' | 'NotMember';

export type GossipEvent = { readonly e3Id: bigint; readonly from: string; readonly data: Uint8Array };
export type DirectEvent = { readonly from: string; readonly data: Uint8Array };
/** Daemon-supplied sync handler: request bytes from a peer → response bytes. */
export type SyncHandler = (from: string, request: Uint8Array, signal: AbortSignal) => Promise<Uint8Array>;

type Listeners = {
  gossip: (e: GossipEvent) => void;
  direct: (e: DirectEvent) => void;
  peerRecord: (r: PeerRecord) => void;
};

export type NetCounters = {
  messagesIn: Record<'gossip' | 'direct' | 'sync' | 'record', number>;
  messagesOut: Record<'gossip' | 'direct' | 'sync' | 'record', number>;
  bytesIn: number;
  bytesOut: number;
  /** Inbound data dropped: oversized, malformed, rate-limited, failed handler. */
  dropped: Record<'tooLarge' | 'malformed' | 'rateLimited' | 'badRecord' | 'handler' | 'notOperator' | 'notMember', number>;
};

type Services = { identify: Identify; pubsub: GossipSub };

const isAddress = (s: string): s is Address => /^0x[0-9a-fA-F]{40}$/.test(s);

export class PeerNetwork {
  readonly counters: NetCounters = {
    messagesIn: { gossip: 0, direct: 0, sync: 0, record: 0 },
    messagesOut: { gossip: 0, direct: 0, sync: 0, record: 0 },
    bytesIn: 0,
    bytesOut: 0,
    dropped: { tooLarge: 0, malformed: 0, rateLimited: 0, badRecord: 0, handler: 0, notOperator: 0, notMember: 0 },
  };
  readonly limits: NetLimits;
  private readonly log: Logger;
  private readonly budgets: PeerBudgets;
  private readonly listeners: { [K in keyof Listeners]: Set<Listeners[K]> } = { gossip: new Set(), direct: new Set(), peerRecord: new Set() };
  private readonly records = new Map<string, PeerRecord>(); // by lower-case address
  private readonly addressByPeer = new Map<string, Address>();
  private readonly e3Topics = new Map<string, bigint>();
  /** Committee (lower-case addresses) of each subscribed E3 topic whose members are known. */
  private readonly e3Members = new Map<string, ReadonlySet<string>>();
  private syncHandler: SyncHandler | undefined;
  private ownRecord: Uint8Array | undefined;
  private timers: NodeJS.Timeout[] = [];
  private announceDebounce: NodeJS.Timeout | undefined;
  private stopped = false;

  private constructor(
    private readonly node: Libp2p<Services>,
    private readonly options: PeerNetworkOptions,
  ) {
    this.limits = { ...DEFAULT_NET_LIMITS, ...options.limits };
    this.log = (options.logger ?? silentLogger).child({ component: 'net' });
    this.budgets = new PeerBudgets(this.limits.inbound);
  }

  get recordsTopic(): string {
    return `/interfold/${this.options.chainId}/peers/1`;
  }

  e3Topic(e3Id: bigint): string {
    return `/interfold/${this.options.chainId}/e3/${e3Id}/1`;
  }

  /** Create, start and connect the host; subscribe to the records topic and announce. */
  static async start(options: PeerNetworkOptions): Promise<PeerNetwork> {
    const limits = { ...DEFAULT_NET_LIMITS, ...options.limits };
    const node = await createLibp2p({
      privateKey: options.peerKey,
      addresses: { listen: [...options.listen] },
      transports: [tcp()],
      connectionEncrypters: [noise()],
      streamMuxers: [yamux()],
      services: {
        identify: identify(),
        pubsub: gossipsub({
          allowPublishToZeroTopicPeers: true,
          emitSelf: false,
          // gossipsub's own RPC cap: our largest message plus protobuf framing
          maxInboundDataLength: limits.gossipBytes + 64 * 1024,
        }),
      },
    });
    const net = new PeerNetwork(node, options);
    await net.init();
    return net;
  }

  private async init(): Promise<void> {
    const ps = this.node.services.pubsub;
    ps.addEventListener('gossipsub:message', (evt) => this.onGossip(evt.detail));
    ps.topicValidators.set(this.recordsTopic, (peer, msg) => this.validateRecord(peer, msg.data, msg.type === 'signed' ? msg.from : undefined));
    ps.subscribe(this.recordsTopic);
    ps.addEventListener('subscription-change', (evt) => {
      if (evt.detail.subscriptions.some((s) => s.topic === this.recordsTopic && s.subscribe)) this.scheduleAnnounce();
    });
    await this.node.handle(DIRECT_PROTOCOL, (stream, conn) => this.onDirect(stream, conn), { maxInboundStreams: 16 });
    await this.node.handle(SYNC_PROTOCOL, (stream, conn) => this.onSync(stream, conn), { maxInboundStreams: 8 });
    const seq = BigInt(Date.now());
    this.ownRecord = await signPeerRecord(this.options.operatorKey, {
      chainId: this.options.chainId,
      seq,
      peerId: this.peerId,
      multiaddrs: this.multiaddrs(),
    });
    await this.dialBootstrap();
    this.timers.push(setInterval(() => void this.dialBootstrap(), this.options.redialIntervalMs ?? 5000).unref());
    this.timers.push(setInterval(() => void this.announce(), this.options.announceIntervalMs ?? 30_000).unref());
    await this.announce();
    this.log.info('peer network started', { peerId: this.peerId, addrs: this.multiaddrs() });
  }

  get peerId(): string {
    return this.node.peerId.toString();
  }

  /** Addresses we listen on, with /p2p/<our id>. */
  multiaddrs(): string[] {
    return this.node.getMultiaddrs().map((m) => m.toString());
  }

  /** Currently connected peers. */
  peers(): string[] {
    return this.node.getPeers().map((p) => p.toString());
  }

  on<K extends keyof Listeners>(event: K, fn: Listeners[K]): () => void {
    this.listeners[event].add(fn);
    return () => this.listeners[event].delete(fn);
  }

  /** The daemon's handler for `/interfold/sync/1` requests. */
  handleSync(handler: SyncHandler): void {
    this.syncHandler = handler;
  }

  // ------------------------------------------------------------------ gossip

  /**
   * Join the E3's topic. With `members` (the committee), gossip authored by a peer whose verified
   * record is not one of them (or that has no record) is dropped (counted `notMember`); what a
   * member sent before its record arrived is fetched again by the sync protocol.
   */
  subscribeE3(e3Id: bigint, members?: readonly Address[]): void {
    const topic = this.e3Topic(e3Id);
    if (members) this.e3Members.set(topic, new Set(members.map((m) => m.toLowerCase())));
    if (this.e3Topics.has(topic)) return;
    this.e3Topics.set(topic, e3Id);
    this.node.services.pubsub.topicValidators.set(topic, (peer, msg) => this.validateE3(peer, msg.data, topic, msg.type === 'signed' ? msg.from : undefined));
    this.node.services.pubsub.subscribe(topic);
  }

  unsubscribeE3(e3Id: bigint): void {
    const topic = this.e3Topic(e3Id);
    this.e3Members.delete(topic);
    if (!this.e3Topics.delete(topic)) return;
    this.node.services.pubsub.unsubscribe(topic);
    this.node.services.pubsub.topicValidators.delete(topic);
  }

  /** Peers known to be subscribed to the E3's topic. */
  topicPeers(e3Id: bigint): string[] {
    return this.node.services.pubsub.getSubscribers(this.e3Topic(e3Id)).map((p) => p.toString());
  }

  /** Gossip on the E3's topic; resolves with the number of peers it was sent to. */
  async publish(e3Id: bigint, data: Uint8Array): Promise<number> {
    if (data.length > this.limits.gossipBytes) {
      throw new FrameTooLargeError('Too large for gossip: send it direct', { details: `${data.length} > ${this.limits.gossipBytes} bytes` });
    }
    const res = await this.node.services.pubsub.publish(this.e3Topic(e3Id), data);
    this.counters.messagesOut.gossip++;
    this.counters.bytesOut += data.length;
    return res.recipients.length;
  }

  private validateE3(peer: PeerId, data: Uint8Array, topic: string, author: PeerId | undefined): TopicValidatorResult {
    if (data.length > this.limits.gossipBytes) {
      this.counters.dropped.tooLarge++;
      return TopicValidatorResult.Reject;
    }
    const members = this.e3Members.get(topic);
    if (members) {
      const address = author ? this.addressByPeer.get(author.toString()) : undefined;
      if (!address || !members.has(address.toLowerCase())) {
        this.counters.dropped.notMember++;
        const from = author?.toString() ?? peer.toString();
        this.log.warn('E3 gossip dropped: author is not a committee member', { topic, from, operator: address });
        this.options.onDrop?.('NotMember', from, address ?? 'no peer record');
        // No record yet may be a member whose record is still on its way (sync fetches its
        // messages later): ignored, so the relaying peer is not penalised. A known non-member: rejected.
        return address ? TopicValidatorResult.Reject : TopicValidatorResult.Ignore;
      }
    }
    try {
      this.budgets.charge(peer.toString(), data.length);
    } catch {
      this.counters.dropped.rateLimited++;
      return TopicValidatorResult.Ignore;
    }
    return TopicValidatorResult.Accept;
  }

  private onGossip(m: GossipsubMessage): void {
    const e3Id = this.e3Topics.get(m.msg.topic);
    if (e3Id === undefined || m.msg.type !== 'signed') return; // records are handled by their validator
    this.counters.messagesIn.gossip++;
    this.counters.bytesIn += m.msg.data.length;
    this.emit('gossip', { e3Id, from: m.msg.from.toString(), data: Uint8Array.from(m.msg.data) });
  }

  private emit<K extends keyof Listeners>(event: K, arg: Parameters<Listeners[K]>[0]): void {
    for (const fn of this.listeners[event]) {
      try {
        (fn as (a: typeof arg) => void)(arg);
      } catch (e) {
        this.counters.dropped.handler++;
        this.log.warn('listener failed', { event, err: e });
      }
    }
  }

  // ------------------------------------------------------------------ peer records

  private async validateRecord(peer: PeerId, data: Uint8Array, author: PeerId | undefined): Promise<TopicValidatorResult> {
    try {
      this.budgets.charge(peer.toString(), data.length);
    } catch {
      this.counters.dropped.rateLimited++;
      return TopicValidatorResult.Ignore;
    }
    let record: PeerRecord;
    try {
      record = await verifyPeerRecord(data, this.options.chainId);
      if (!author || record.peerId !== author.toString()) throw new NetError('Peer record published by another peer', { details: `author ${author}` });
      if (this.options.isOperator && !(await this.isOperatorCached(record.address))) {
        this.counters.dropped.notOperator++;
        this.log.warn('peer record dropped: not a registered operator', { from: peer.toString(), operator: record.address });
        this.options.onDrop?.('NotOperator', record.peerId, record.address);
        return TopicValidatorResult.Reject;
      }
    } catch (e) {
      this.counters.dropped.badRecord++;
      this.log.debug('peer record rejected', { from: peer.toString(), err: e });
      return TopicValidatorResult.Reject;
    }
    this.counters.messagesIn.record++;
    const key = record.address.toLowerCase();
    const known = this.records.get(key);
    if (known && known.seq >= record.seq) return TopicValidatorResult.Ignore;
    if (known) this.addressByPeer.delete(known.peerId);
    this.records.set(key, record);
    this.addressByPeer.set(record.peerId, record.address);
    try {
      await this.node.peerStore.merge(peerIdFromString(record.peerId), { multiaddrs: record.multiaddrs.map((a) => multiaddr(a)) });
    } catch (e) {
      this.log.debug('peer store merge failed', { err: e });
    }
    this.emit('peerRecord', record);
    return TopicValidatorResult.Accept;
  }

  private readonly operatorCache = new Map<string, { ok: boolean; until: number }>();
  /** Registry look-ups are cached for a minute (records are re-announced every 30 s). */
  private async isOperatorCached(address: Address): Promise<boolean> {
    const key = address.toLowerCase();
    const c = this.operatorCache.get(key);
    if (c && c.until > Date.now()) return c.ok;
    const ok = await (this.options.isOperator as (a: Address) => Promise<boolean>)(address);
    this.operatorCache.set(key, { ok, until: Date.now() + 60_000 });
    return ok;
  }

  /** Publish our signed record on the records topic. */
  async announce(): Promise<void> {
    if (!this.ownRecord || this.stopped) return;
    try {
      await this.node.services.pubsub.publish(this.recordsTopic, this.ownRecord);
      this.counters.messagesOut.record++;
      this.counters.bytesOut += this.ownRecord.length;
    } catch (e) {
      this.log.debug('announce failed', { err: e });
    }
  }

  private scheduleAnnounce(): void {
    clearTimeout(this.announceDebounce);
    this.announceDebounce = setTimeout(() => void this.announce(), 250).unref();
  }

  /** The peer id bound to an operator address by a verified record. */
  peerOf(address: Address): string | undefined {
    return this.records.get(address.toLowerCase())?.peerId;
  }

  /** The operator address bound to a peer id by a verified record. */
  addressOf(peerId: string): Address | undefined {
    return this.addressByPeer.get(peerId);
  }

  /** All verified records. */
  peerRecords(): PeerRecord[] {
    return [...this.records.values()];
  }

  /** Dial the peer of an operator address (throws UnknownPeerError without a record). */
  async dialAddress(address: Address, signal?: AbortSignal): Promise<void> {
    await this.node.dial(this.resolve(address), { signal });
  }

  private resolve(to: string): PeerId {
    if (isAddress(to)) {
      const p = this.peerOf(to);
      if (!p) throw new UnknownPeerError('No peer record for this operator', { details: to });
      return peerIdFromString(p);
    }
    return peerIdFromString(to);
  }

  // ------------------------------------------------------------------ direct streams

  /** Send one payload (up to the receiver's cap) to a peer id or operator address over a direct stream. */
  async sendDirect(to: string, data: Uint8Array): Promise<void> {
    const signal = AbortSignal.timeout(this.limits.directTimeoutMs);
    const peer = this.resolve(to);
    let stream: Stream | undefined;
    try {
      stream = await this.node.dialProtocol(peer, DIRECT_PROTOCOL, { signal });
      await writeFrame(stream, data, signal);
      await stream.close({ signal });
    } catch (e) {
      stream?.abort(e instanceof Error ? e : new Error(String(e)));
      throw e instanceof NetError ? e : new NetError('Direct send failed', { details: `${data.length} bytes to ${to}`, cause: e });
    }
    this.counters.messagesOut.direct++;
    this.counters.bytesOut += data.length;
  }

  private async onDirect(stream: Stream, conn: Connection): Promise<void> {
    const from = conn.remotePeer.toString();
    try {
      const data = await readFrame(stream, this.limits.directBytes, {
        signal: AbortSignal.timeout(this.limits.directTimeoutMs),
        onHeader: (n) => this.budgets.charge(from, n),
      });
      this.counters.messagesIn.direct++;
      this.counters.bytesIn += data.length;
      await stream.close().catch(() => undefined);
      this.emit('direct', { from, data });
    } catch (e) {
      this.drop(e, from, 'direct');
      stream.abort(e instanceof Error ? e : new Error(String(e)));
    }
  }

  private drop(e: unknown, from: string, what: string): void {
    const name = e instanceof Error ? e.name : '';
    if (name === 'FrameTooLargeError') this.counters.dropped.tooLarge++;
    else if (name === 'RateLimitedError') this.counters.dropped.rateLimited++;
    else this.counters.dropped.malformed++;
    this.log.debug(`inbound ${what} dropped`, { from, err: e });
  }

  // ------------------------------------------------------------------ sync request/response

  /** Ask a peer (id or operator address) for missed messages: request bytes → response bytes. */
  async request(to: string, request: Uint8Array, timeoutMs = this.limits.syncTimeoutMs): Promise<Uint8Array> {
    if (request.length > this.limits.syncRequestBytes) throw new FrameTooLargeError('Sync request too large', { details: `${request.length} bytes` });
    const signal = AbortSignal.timeout(timeoutMs);
    let stream: Stream | undefined;
    try {
      stream = await this.node.dialProtocol(this.resolve(to), SYNC_PROTOCOL, { signal });
      const response = readFrame(stream, this.limits.syncResponseBytes + 1, { signal });
      // Awaited below; if writing fails first (timeout, reset) its rejection must not go unhandled:
      // that killed a daemon process (an AbortSignal TimeoutError) in a loaded e2e run.
      response.catch(() => undefined);
      await writeFrame(stream, request, signal);
      const frame = await response;
      await stream.close().catch(() => undefined);
      this.counters.messagesOut.sync++;
      this.counters.bytesOut += request.length;
      this.counters.bytesIn += frame.length;
      if (frame.length === 0) throw new SyncRemoteError('Empty sync response');
      if (frame[0] !== 0) throw new SyncRemoteError('The peer could not serve the sync request', { details: new TextDecoder().decode(frame.subarray(1, 200)) });
      return frame.slice(1);
    } catch (e) {
      stream?.abort(e instanceof Error ? e : new Error(String(e)));
      if (signal.aborted) throw new SyncTimeoutError('Sync request timed out', { details: `${timeoutMs} ms to ${to}`, cause: e });
      throw e instanceof NetError ? e : new NetError('Sync request failed', { details: `to ${to}`, cause: e });
    }
  }

  private async onSync(stream: Stream, conn: Connection): Promise<void> {
    const from = conn.remotePeer.toString();
    const signal = AbortSignal.timeout(this.limits.syncTimeoutMs);
    let request: Uint8Array;
    try {
      request = await readFrame(stream, this.limits.syncRequestBytes, { signal, onHeader: (n) => this.budgets.charge(from, n) });
    } catch (e) {
      this.drop(e, from, 'sync request');
      stream.abort(e instanceof Error ? e : new Error(String(e)));
      return;
    }
    this.counters.messagesIn.sync++;
    this.counters.bytesIn += request.length;
    let response: Uint8Array;
    try {
      if (!this.syncHandler) throw new NetError('no sync handler');
      // the handler gets the signal; a handler that ignores it is still cut off at the timeout
      const body = await Promise.race([
        this.syncHandler(from, request, signal),
        new Promise<never>((_, reject) => {
          const fail = () => reject(new SyncTimeoutError('Sync handler timed out'));
          if (signal.aborted) fail();
          else signal.addEventListener('abort', fail, { once: true });
        }),
      ]);
      if (body.length > this.limits.syncResponseBytes) throw new FrameTooLargeError('sync response too large');
      response = new Uint8Array(1 + body.length);
      response.set(body, 1);
    } catch (e) {
      this.counters.dropped.handler++;
      this.log.debug('sync handler failed', { from, err: e });
      const msg = new TextEncoder().encode(e instanceof Error ? e.message.slice(0, 200) : 'error');
      response = new Uint8Array(1 + msg.length);
      response[0] = 1;
      response.set(msg, 1);
    }
    try {
      await writeFrame(stream, response, signal);
      this.counters.bytesOut += response.length;
      await stream.close({ signal });
    } catch (e) {
      this.log.debug('sync response failed', { from, err: e });
      stream.abort(e instanceof Error ? e : new Error(String(e)));
    }
  }

  // ------------------------------------------------------------------ lifecycle

  private async dialBootstrap(): Promise<void> {
    const connected = new Set(this.peers());
    await Promise.all(
      (this.options.bootstrap ?? []).map(async (a) => {
        try {
          const ma = multiaddr(a);
          const id = ma.getComponents().find((c) => c.name === 'p2p')?.value;
          if (id === this.peerId || (id && connected.has(id))) return;
          await this.node.dial(ma, { signal: AbortSignal.timeout(5000) });
        } catch (e) {
          this.log.debug('bootstrap dial failed', { addr: a, err: e });
        }
      }),
    );
  }

  /** Stop timers and the host (closes every connection). */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    clearTimeout(this.announceDebounce);
    await this.node.stop();
    this.log.info('peer network stopped');
  }
}
