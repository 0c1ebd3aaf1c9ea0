/**
 * The ciphernode (Lodestar model): config → `init` (deployment, keystore unlock, store) → `start`
 * (replay of active E3s, chain adapter, network, sync of missed messages, HTTP, duties) → `close`
 * in reverse order. One long-running object per operator; `bin/ciphernode.ts` runs it as a process.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { anvilBlobFetcher, deploymentFromJson, operatorRegistryAbi, publicFor, walletFor, type Deployment } from '@interfold/contracts';
import { BlobInputReader } from './blob-inputs.js';
import { cryptoSource, type RandomSource } from '@interfold/ring';
import { hexToBytes, type Address } from 'viem';
import { privateKeyToAccount, type PrivateKeyAccount } from 'viem/accounts';
import { ChainTxSender, ChainWatcher, SortitionDuty, type ChainHead } from '../chain/index.js';
import type { NodeConfig } from '../config/index.js';
import { ProgramRegistry, ProtocolCore, type CoreTimeouts } from '../core/index.js';
import { HttpServer } from '../http/index.js';
import { deriveStoreKey, readPassword, unlockKeystoreFile, type NodeKeys } from '../keystore/index.js';
import { createLogger, type Logger } from '../log/index.js';
import { NodeStore } from '../store/index.js';
import type { ChainEvent, ProofSystem } from '../types.js';
import { encodeEnvelope, noProofsYet } from '../wire/index.js';
import { eventKey } from '../chain/index.js';
import { storeCursor } from './cursor-adapter.js';
import { NodeEvents } from './emitter.js';
import { StartupError } from './errors.js';
import { InboundGate } from './gate.js';
import { decodeInput } from './input-codec.js';
import { nodeMetrics, type NodeMetrics } from './metrics.js';
import type { PeerPort } from './net-port.js';
import { Libp2pPort } from './libp2p-port.js';
import { ChainClock } from './chain-clock.js';
import { Pipeline, SECRET_NAME } from './pipeline.js';
import { loadPrograms } from './programs.js';
import { CircuitProofSystem } from '../proofs/index.js';

export type NetFactory = (args: {
  keys: NodeKeys;
  config: NodeConfig;
  logger: Logger;
  /** Whether an address is a registered operator (OperatorRegistry): peer records of others are dropped. */
  isOperator: (address: Address) => Promise<boolean>;
  /** Drops by the network's own checks (record of a non-operator, E3 gossip by a non-member). */
  onDrop: (reason: string, from: string, detail: string) => void;
}) => Promise<PeerPort> | PeerPort;

export type CiphernodeOptions = {
  readonly config: NodeConfig;
  /** Already unlocked keys (tests, `e3 dev`); otherwise the keystore is unlocked with config.password. */
  readonly keys?: NodeKeys;
  readonly logger?: Logger;
  /** The peer network; default: src/net's libp2p network. */
  readonly net?: NetFactory;
  readonly proofs?: ProofSystem;
  /** Default: the built-in sum under the dev program id plus the config's program modules. */
  readonly programs?: ProgramRegistry;
  readonly random?: RandomSource;
  /** The host's wall clock (unix ms; tests). The node runs on chain time estimated from it (chain-clock.ts). */
  readonly clock?: () => number;
  /** Chain poll interval (ms); default 500. */
  readonly pollMs?: number;
  /** Overrides of the core's per-phase timeouts (ms). */
  readonly coreTimeouts?: Partial<CoreTimeouts>;
};

type Started = { watcher: ChainWatcher; sortition: SortitionDuty; http?: HttpServer; net: PeerPort; httpPort: number };

export class Ciphernode {
  readonly events = new NodeEvents();
  readonly metrics: NodeMetrics = nodeMetrics();
  private readonly log: Logger;
  private keys: NodeKeys | undefined;
  private store: NodeStore | undefined;
  private deployment: Deployment | undefined;
  private pipeline: Pipeline | undefined;
  private blobInputs: BlobInputReader | undefined;
  private started: Started | undefined;
  private requests = new Map<bigint, Extract<ChainEvent, { name: 'E3Requested' }>>();
  private appliedEvents = new Set<string>();
  private account: PrivateKeyAccount | undefined;
  private stopping = false;
  private builtProofs: CircuitProofSystem | undefined;
  /** Chain time (set in start). */
  private clock: () => number = Date.now;
  /** Anti-entropy: per active E3, a periodic sync with the committee (gossip sent before a peer
   *  joined the topic, or while it was down, is fetched from the sender's outbox). */
  private readonly syncTimers = new Map<bigint, NodeJS.Timeout>();

  constructor(private readonly o: CiphernodeOptions) {
    this.log = o.logger ?? createLogger({ level: o.config.logLevel });
  }

  get address(): Address {
    if (!this.account) throw new StartupError('node not initialised');
    return this.account.address;
  }

  /** Deployment, keystore, store. Nothing listens yet. */
  async init(): Promise<void> {
    const cfg = this.o.config;
    const step = async <T>(name: string, f: () => Promise<T> | T): Promise<T> => {
      try {
        return await f();
      } catch (cause) {
        throw new StartupError(`cannot ${name}`, { details: cause instanceof Error ? cause.message : String(cause), cause });
      }
    };
    this.deployment = await step('read the deployment', () => deploymentFromJson(readFileSync(cfg.deployment, 'utf8')));
    if (this.deployment.chainId !== cfg.chainId) {
      throw new StartupError('the deployment is for another chain', { details: `deployment ${this.deployment.chainId}, config ${cfg.chainId}` });
    }
    this.keys = this.o.keys ?? (await step('unlock the keystore', async () => unlockKeystoreFile(cfg.keystore, await readPassword(cfg.password))));
    this.account = privateKeyToAccount(this.keys.operatorKey);
    this.store = await step('open the store', () => NodeStore.open(join(cfg.dataDir, 'db'), { masterKey: deriveStoreKey(this.keys!) }));
    this.log.info('initialised', { address: this.account.address, peerId: this.keys.peerId, chainId: cfg.chainId });
  }

  /** Replay, chain, network, sync, HTTP, duties. */
  async start(): Promise<void> {
    if (!this.store || !this.keys || !this.deployment || !this.account) await this.init();
    const cfg = this.o.config;
    const store = this.store!;
    const d = this.deployment!;
    const keys = this.keys!;
    const account = this.account!;
    // Chain time: windows, deadlines and every core timer follow block timestamps, so a node acts
    // after a warp on anvil as it does on a real chain (the compute provider's turn included).
    const chainClock = new ChainClock(this.o.clock ?? Date.now);
    this.clock = chainClock.now;
    const clock = chainClock.now;
    let lastProcessed = -1n;
    const onChainTime = (ts: bigint) => {
      if (chainClock.observe(ts) > 0) this.pipeline?.retime();
    };
    const c = d.contracts;

    // Core, with the secret snapshots of E3s still in the store (a restart).
    const ids = await store.e3Ids();
    const snapshots = new Map<bigint, Uint8Array>();
    for (const id of ids) {
      const s = await store.secrets.get(id, SECRET_NAME);
      if (s) snapshots.set(id, s);
    }
    const programs = this.o.programs ?? (await loadPrograms(cfg.programs ?? [], d.devProgramId));
    const t = cfg.timeouts;
    // Proofs (docs/node/core.md "Proofs"): a CircuitProofSystem (src/proofs) makes C0-C2, C4, C6
    // REQUIRED. On unless the config turns them off (development only: peers' steps unchecked).
    // Circuits load lazily per parameter set, from the content-hashed cache (compiled once per machine).
    const proofs = this.o.proofs ?? (cfg.proofs ? this.ownProofs() : noProofsYet);
    if (proofs === noProofsYet) this.log.warn('proofs are off (development only): peers’ DKG and decryption steps are not checked');
    const core = new ProtocolCore(
      {
        self: account.address,
        chainId: cfg.chainId,
        orchestrator: c.orchestrator,
        slashingManager: c.slashingManager,
        random: this.o.random ?? cryptoSource,
        programs,
        proofs,
        decryptionProofAdapter: c.decryptionProofAdapter,
        decryptionAggregateAdapter: c.decryptionAggregateAdapter,
        pkAggregateAdapter: c.pkAggregateAdapter,
        // Every DKG round gets the configured DKG timeout; fail-over and the margin after a chain
        // deadline (before the compute provider acts) follow the aggregator timeout.
        timeouts: { c0: t.dkg, c12: t.dkg, c3: t.dkg, c4: t.dkg, dispute: t.dkg, failover: t.aggregator, deadlineGrace: Math.min(15_000, t.aggregator), ...this.o.coreTimeouts },
      },
      { snapshots },
    );
    const gate = new InboundGate({ chainId: cfg.chainId, orchestrator: c.orchestrator, slashingManager: c.slashingManager });
    const pipeline = new Pipeline({
      core,
      store,
      account,
      privateKey: hexToBytes(keys.operatorKey),
      chainId: cfg.chainId,
      orchestrator: c.orchestrator,
      slashingManager: c.slashingManager,
      gate,
      events: this.events,
      metrics: this.metrics,
      log: this.log.child({ component: 'daemon' }),
      clock,
      ...(proofs === noProofsYet ? {} : { proofs: { system: proofs, context: (e3Id: bigint, sender: Address) => core.proofContext(e3Id, sender) } }),
    });
    this.pipeline = pipeline;

    // Chain clients first: replayed `tx` actions may need them.
    const client = publicFor(cfg.rpcUrl, cfg.chainId);
    const wallet = walletFor(cfg.rpcUrl, cfg.chainId, account);
    pipeline.d.sender = new ChainTxSender({
      wallet,
      client,
      orchestrator: c.orchestrator,
      slashingManager: c.slashingManager,
      onGas: (fn, gas) => this.metrics.gas.inc({ fn }, Number(gas)),
    });
    // Blob inputs: fetched over the RPC's anvil_getBlobByHash (anvil, e3 dev). A real chain serves
    // blobs from a beacon node's blob-sidecar API, which this daemon does not call yet (docs/INPUTS.md).
    this.blobInputs = new BlobInputReader({
      client,
      orchestrator: c.orchestrator,
      blobAdapter: c.userEncryptionBlobAdapter,
      fetchBlob: anvilBlobFetcher((args) => client.request(args as never)),
      log: this.log.child({ component: 'blobs' }),
    });

    // Replay every E3 log into the fresh core (spec: restart resumes where it stopped). Timers that
    // fell due while the node was down wait until the network is up and one sync round is in, so
    // a DKG deadline does not exclude peers whose messages are only a sync away.
    pipeline.holdTimers();
    pipeline.replaying = true;
    let replayed = 0;
    for (const id of ids) {
      for await (const entry of store.log.iterate(id)) {
        const input = decodeInput(entry.bytes);
        this.observe(id, input, gate);
        await pipeline.replay(input);
        replayed++;
      }
    }
    await pipeline.finishReplay();
    if (replayed > 0) this.log.info('replayed E3 logs', { e3s: ids.length, inputs: replayed });

    // Network.
    const netFactory: NetFactory = this.o.net ?? ((a) => new Libp2pPort(a));
    const isOperator = async (address: Address): Promise<boolean> =>
      (await client.readContract({ address: c.operatorRegistry, abi: operatorRegistryAbi, functionName: 'operatorInfo', args: [address] })).registered;
    const onDrop = (reason: string, from: string, detail: string) => {
      this.metrics.dropped.inc({ reason });
      this.log.warn('message dropped', { reason, from, detail });
      this.events.emit('dropped', { reason, from });
    };
    const net = await netFactory({ keys, config: cfg, logger: this.log.child({ component: 'net' }), isOperator, onDrop });
    pipeline.d.net = net;
    net.onMessage((e3Id, bytes, from) => this.inbound(e3Id, bytes, from));
    net.onSyncRequest(async (e3Id) => this.known(e3Id));
    try {
      await net.start();
    } catch (cause) {
      throw new StartupError('cannot start the peer network', { cause, details: cause instanceof Error ? cause.message : undefined });
    }

    // Rejoin active E3s: topics, re-publish own messages, fetch what was missed.
    for (const id of ids) {
      const members = gate.committee(id);
      if (!members || !this.isActive(id)) continue;
      await net.joinE3(id, members);
      await pipeline.republish(id);
      this.keepSynced(id);
    }
    // Peers connect and their records arrive over the first seconds: retry until a peer answers
    // (bounded by the sync timeout), then let the held timers fire.
    const until = Date.now() + cfg.timeouts.sync;
    for (const id of ids.filter((x) => gate.committee(x) && this.isActive(x))) {
      while (Date.now() < until) {
        const got = await net.sync(id).catch(() => [] as readonly Uint8Array[]);
        for (const bytes of got) this.inbound(id, bytes, 'sync');
        if (got.length > 0) break;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    await pipeline.drain();
    pipeline.releaseTimers();

    // Chain: watcher from the persisted cursor, sortition duty.
    const sortition = new SortitionDuty({
      self: account.address,
      client,
      sender: pipeline.d.sender!,
      orchestrator: c.orchestrator,
      operatorRegistry: c.operatorRegistry,
      onNote: (e3Id, note, fields) => this.log.info(note, { e3Id, component: 'sortition', ...fields }),
      onError: (e3Id, error) => this.log.error('sortition step failed', { e3Id, error }),
    });
    const watcher = new ChainWatcher({
      client,
      orchestrator: c.orchestrator,
      fromBlock: d.startBlock,
      cursor: storeCursor(store),
      confirmations: cfg.confirmations,
      reorgDepth: cfg.reorgDepth,
      pollMs: this.o.pollMs ?? 500,
      onEvents: async (evs) => {
        for (const ev of evs) {
          onChainTime(ev.blockTimestamp);
          await this.onChainEvent(ev, sortition, net, gate, clock);
        }
      },
      onHead: async (head: ChainHead, processed: bigint) => {
        // The clock follows the newest *processed* block (its events are fed already), so a
        // chain deadline never fires before the inputs of the blocks up to it are known.
        if (processed !== lastProcessed && processed >= 0n) {
          lastProcessed = processed;
          const b = processed === head.number ? head : await client.getBlock({ blockNumber: processed }).catch(() => undefined);
          if (b) onChainTime(b.timestamp);
        }
        this.metrics.chainHead.set(undefined, Number(head.number));
        this.metrics.chainLag.set(undefined, Number(head.number - processed));
        if (!this.stopping) sortition.onHead(head);
      },
      onReorg: (to, from) => {
        this.log.warn('chain reorg: rewinding', { to, from });
        this.events.emit('reorg', { rewoundTo: to, from });
      },
      onError: (error, fatal) => {
        this.log[fatal ? 'fatal' : 'warn']('chain watcher', { error });
        if (fatal) this.events.emit('txError', { e3Id: 0n, fn: 'watch', error });
      },
    });

    let http: HttpServer | undefined;
    let httpPort = cfg.httpPort;
    if (cfg.httpPort >= 0) {
      http = new HttpServer({
        port: cfg.httpPort,
        host: cfg.httpHost,
        metrics: this.metrics.registry,
        logger: this.log.child({ component: 'http' }),
        health: () => (this.stopping ? { ok: false, reason: 'stopping' } : { ok: true }),
        status: () => this.status(),
      });
      httpPort = (await http.start()).port;
    }
    this.started = { watcher, sortition, http, net, httpPort };
    await watcher.start();
    this.log.info('started', { address: account.address, peerId: keys.peerId, httpPort, listen: net.listenAddrs() });
    this.events.emit('started', { address: account.address, peerId: keys.peerId, httpPort });
  }

  /** The proof system this node built from its config (closed with the node). */
  private ownProofs(): CircuitProofSystem {
    const zk = this.o.config.zk;
    this.builtProofs = new CircuitProofSystem({
      config: { ...(zk.cacheDir ? { cacheDir: zk.cacheDir } : {}), production: zk.production, warn: (m) => this.log.warn('zk', { note: m }) },
    });
    return this.builtProofs;
  }

  /** Reverse order of start: HTTP, chain, duties, network, loop, store. */
  async close(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    for (const id of [...this.syncTimers.keys()]) this.stopSync(id);
    const s = this.started;
    await s?.http?.close().catch((e: unknown) => this.log.warn('http close', { error: e }));
    await s?.watcher.stop();
    await s?.sortition.drain();
    this.pipeline?.close();
    await this.pipeline?.drain();
    await s?.net.close().catch((e: unknown) => this.log.warn('net close', { error: e }));
    await this.builtProofs?.close().catch((e: unknown) => this.log.warn('prover close', { error: e }));
    await this.store?.close();
    this.log.info('closed');
    this.events.emit('closed');
  }

  /** /status: E3s and phases, peers, chain head and lag. */
  status(): unknown {
    const s = this.started;
    const e3s = [...(this.pipeline?.status ?? new Map()).entries()].map(([id, st]) => ({ e3Id: id, ...st }));
    return {
      address: this.account?.address,
      peerId: this.keys?.peerId,
      peers: s?.net.peerCount() ?? 0,
      listen: s?.net.listenAddrs() ?? [],
      chain: { head: s?.watcher.head?.number, processed: s?.watcher.processedBlock, lag: s?.watcher.lag },
      e3s,
      sortition: s?.sortition.active ?? [],
    };
  }

  // ------------------------------------------------------------------------------ internals

  private isActive(e3Id: bigint): boolean {
    const ph = this.pipeline?.status.get(e3Id)?.phase;
    return ph !== 'complete' && ph !== 'failed';
  }

  /** Daemon-side bookkeeping of an input (live or replayed): requests, committees, event keys. */
  private observe(e3Id: bigint, input: ReturnType<typeof decodeInput>, gate: InboundGate): Uint8Array[] {
    if (input.kind === 'message') {
      gate.markSeen(e3Id, encodeEnvelope(input.message)); // a replayed message is not applied twice
      return [];
    }
    if (input.kind !== 'chain') return [];
    const ev = input.event;
    this.appliedEvents.add(eventKey(ev));
    if (ev.name === 'E3Requested') this.requests.set(e3Id, ev);
    if (ev.name === 'CommitteeFinalized') {
      const me = this.account!.address.toLowerCase();
      const member = ev.members.some((m) => m.toLowerCase() === me);
      const req = this.requests.get(e3Id);
      if (member && req) {
        try {
          return gate.open(e3Id, req.params.paramSet, ev.members, ev.threshold);
        } catch (error) {
          this.log.warn('cannot check messages of this E3', { e3Id, error });
        }
      }
    }
    return [];
  }

  private async onChainEvent(ev: ChainEvent, sortition: SortitionDuty, net: PeerPort, gate: InboundGate, clock: () => number): Promise<void> {
    const key = eventKey(ev);
    if (this.appliedEvents.has(key)) return; // applied before a restart or a rewind
    if (!this.stopping) sortition.onEvent(ev);
    const event = ev.name === 'InputPublished' && this.blobInputs ? await this.blobInputs.enrich(ev) : ev;
    const input = { kind: 'chain' as const, now: clock(), event };
    const held = this.observe(ev.e3Id, input, gate);
    await this.pipeline!.feed(ev.e3Id, input);
    if (ev.name === 'CommitteeFinalized' && gate.isOpen(ev.e3Id)) {
      this.pipeline!.status.set(ev.e3Id, { ...(this.pipeline!.status.get(ev.e3Id) ?? { phase: 'committee', since: clock() }), member: true });
      await net.joinE3(ev.e3Id, ev.members);
      for (const bytes of held) this.inbound(ev.e3Id, bytes, 'held');
      await this.pipeline!.republish(ev.e3Id);
      this.keepSynced(ev.e3Id);
    }
    if ((ev.name === 'E3Completed' || ev.name === 'E3Failed') && gate.isOpen(ev.e3Id)) {
      // Keep answering sync for a moment is not needed: the E3 is over on chain.
      gate.close(ev.e3Id);
      this.stopSync(ev.e3Id);
      await net.leaveE3(ev.e3Id).catch(() => undefined);
      this.metrics.activeE3s.dec();
    }
    if (ev.name === 'CommitteeFinalized' && gate.isOpen(ev.e3Id)) this.metrics.activeE3s.inc();
  }

  /** Network → gate → log + core. */
  private inbound(e3Id: bigint, bytes: Uint8Array, from: string): void {
    const pipeline = this.pipeline;
    if (!pipeline || this.stopping) return;
    const gate = pipeline.d.gate;
    const v = gate.check(e3Id, bytes);
    if ('held' in v) return;
    if (!v.ok) {
      if (v.reason !== 'duplicate') {
        this.metrics.dropped.inc({ reason: v.reason });
        this.log.warn('message dropped', { e3Id, reason: v.reason, from });
        this.events.emit('dropped', { e3Id, reason: v.reason, from });
      }
      return;
    }
    this.metrics.messagesIn.inc({ phase: String(v.message.phase) });
    void pipeline.feed(e3Id, { kind: 'message', now: this.clock(), message: v.message });
  }

  /** Every envelope this node holds for the E3: its own, and those it accepted (from its log). */
  private async known(e3Id: bigint): Promise<Uint8Array[]> {
    const out: Uint8Array[] = [];
    for (const { bytes } of this.pipeline?.outbox.get(e3Id)?.values() ?? []) out.push(bytes);
    return out;
  }

  private keepSynced(e3Id: bigint): void {
    if (this.syncTimers.has(e3Id)) return;
    const every = Math.max(500, Math.min(5000, Math.floor(this.o.config.timeouts.sync / 4)));
    let running = false;
    const t = setInterval(() => {
      if (running || this.stopping) return;
      running = true;
      void this.syncE3(e3Id).finally(() => {
        running = false;
      });
    }, every);
    t.unref();
    this.syncTimers.set(e3Id, t);
  }

  private stopSync(e3Id: bigint): void {
    const t = this.syncTimers.get(e3Id);
    if (t) clearInterval(t);
    this.syncTimers.delete(e3Id);
  }

  private async syncE3(e3Id: bigint): Promise<void> {
    const net = this.started?.net ?? this.pipeline?.d.net;
    if (!net) return;
    try {
      const got = await net.sync(e3Id);
      for (const bytes of got) this.inbound(e3Id, bytes, 'sync');
      this.log.debug('sync round', { e3Id, received: got.length });
    } catch (error) {
      this.log.warn('sync failed', { e3Id, error });
    }
  }
}

/** Starts a node from its configuration (init + start); the CLI's entry point. */
export async function startNode(options: CiphernodeOptions): Promise<Ciphernode> {
  const node = new Ciphernode(options);
  await node.init();
  try {
    await node.start();
  } catch (e) {
    await node.close().catch(() => undefined);
    throw e;
  }
  return node;
}
