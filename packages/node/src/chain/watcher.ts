/**
 * ChainWatcher: the orchestrator's events from a persisted cursor, backfilled with getLogs in
 * bounded ranges, then followed by polling; only blocks with `confirmations` on top of them are
 * read. Reorgs up to `reorgDepth` blocks: the hashes of recently processed blocks are remembered
 * (and persisted with the cursor); when one no longer matches the chain, the watcher rewinds to
 * the newest block that still matches and re-reads from there. Events are delivered in chain order
 * with their block hash; their identity is (block hash, log index) (`eventKey`), so a consumer that
 * records the keys it applied sees each event once, across reorgs and restarts (delivery is at
 * least once: the cursor is saved after the consumer returns).
 */
import type { Address, Hex, PublicClient } from 'viem';
import type { ChainEvent } from '../types.js';
import { ReorgTooDeepError } from './errors.js';
import { eventKey, parseOrchestratorLogs, toChainEvent } from './events.js';

const ZERO_HASH: Hex = `0x${'00'.repeat(32)}`;

export type BlockRef = { readonly number: bigint; readonly hash: Hex };

/**
 * What the watcher persists: the last processed block and the hashes of the blocks just before it,
 * contiguous and ending at it (at most reorgDepth + 1), for the reorg check after a restart.
 */
export type ChainCursor = { readonly block: BlockRef; readonly recent: readonly BlockRef[] };

export interface CursorStore {
  load(): Promise<ChainCursor | undefined>;
  save(cursor: ChainCursor): Promise<void>;
}

export type ChainHead = { readonly number: bigint; readonly hash: Hex; readonly timestamp: bigint; readonly mixHash: Hex };

export type ChainWatcherOptions = {
  readonly client: PublicClient;
  readonly orchestrator: Address;
  /** First block to read when there is no cursor (the deployment's start block). */
  readonly fromBlock: bigint;
  readonly cursor: CursorStore;
  /** Blocks on top of a block before its events are delivered (0 on anvil). */
  readonly confirmations?: number;
  /** Deepest reorg handled by rewinding; deeper is a ReorgTooDeepError. */
  readonly reorgDepth?: number;
  /** Blocks per getLogs call. */
  readonly batchSize?: number;
  readonly pollMs?: number;
  /** Receives each range's events in chain order; the cursor advances after it resolves. */
  readonly onEvents: (events: readonly ChainEvent[]) => Promise<void>;
  /** Every poll's head (chain lag, deadlines by chain time, seed timing). */
  readonly onHead?: (head: ChainHead, processed: bigint) => void | Promise<void>;
  readonly onReorg?: (rewoundTo: bigint, from: bigint) => void;
  /** Errors of a poll in follow mode (RPC down...): the loop keeps going; fatal ones stop it. */
  readonly onError?: (error: unknown, fatal: boolean) => void;
};

export class ChainWatcher {
  private readonly o: Required<Pick<ChainWatcherOptions, 'confirmations' | 'reorgDepth' | 'batchSize' | 'pollMs'>> & ChainWatcherOptions;
  /** Last processed block (undefined before the first range: start at fromBlock). */
  private processed: BlockRef | undefined;
  private recent: BlockRef[] = [];
  /** Keys delivered from blocks still inside the reorg window (filters re-reads after a rewind). */
  private delivered = new Map<string, bigint>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private loop: Promise<void> | undefined;
  private lastHead: ChainHead | undefined;

  constructor(options: ChainWatcherOptions) {
    this.o = { confirmations: 0, reorgDepth: 64, batchSize: 1000, pollMs: 500, ...options };
  }

  get head(): ChainHead | undefined {
    return this.lastHead;
  }

  /** Last block whose events were delivered. */
  get processedBlock(): bigint {
    return this.processed?.number ?? this.o.fromBlock - 1n;
  }

  /** Blocks between the head and the last processed block. */
  get lag(): bigint {
    return this.lastHead === undefined ? 0n : this.lastHead.number - this.processedBlock;
  }

  async init(): Promise<void> {
    const c = await this.o.cursor.load();
    if (c !== undefined) {
      // A zero hash marks "rewound before the start block": read from fromBlock again.
      this.processed = c.block.hash === ZERO_HASH ? undefined : c.block;
      this.recent = [...c.recent];
    }
  }

  /** Backfills to the head once, then follows until `stop()`. */
  async start(): Promise<void> {
    await this.init();
    await this.pollOnce();
    this.running = true;
    const tick = (): void => {
      if (!this.running) return;
      this.loop = this.pollOnce()
        .catch((e: unknown) => {
          const fatal = e instanceof ReorgTooDeepError;
          this.o.onError?.(e, fatal);
          if (fatal) this.running = false;
        })
        .finally(() => {
          if (this.running) this.timer = setTimeout(tick, this.o.pollMs);
        });
    };
    this.timer = setTimeout(tick, this.o.pollMs);
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer !== undefined) clearTimeout(this.timer);
    await this.loop?.catch(() => undefined);
  }

  /** One round: head, reorg check, then every confirmed range up to the head. */
  async pollOnce(): Promise<void> {
    const client = this.o.client;
    const b = await client.getBlock({ blockTag: 'latest' });
    const head: ChainHead = { number: b.number, hash: b.hash, timestamp: b.timestamp, mixHash: b.mixHash };
    this.lastHead = head;
    await this.checkReorg(head.number);
    const safe = head.number - BigInt(this.o.confirmations);
    let next = this.processedBlock + 1n;
    while (next <= safe) {
      const to = next + BigInt(this.o.batchSize) - 1n < safe ? next + BigInt(this.o.batchSize) - 1n : safe;
      const ok = await this.readRange(next, to);
      if (!ok) break; // the chain moved under us: the next poll's reorg check sorts it out
      next = to + 1n;
    }
    await this.o.onHead?.(head, this.processedBlock);
  }

  private async readRange(from: bigint, to: bigint): Promise<boolean> {
    const client = this.o.client;
    const raw = await client.getLogs({ address: this.o.orchestrator, fromBlock: from, toBlock: to });
    const logs = parseOrchestratorLogs(raw);
    const headers = new Map<bigint, { hash: Hex; timestamp: bigint }>();
    const header = async (n: bigint) => {
      let h = headers.get(n);
      if (h === undefined) {
        const blk = await client.getBlock({ blockNumber: n });
        h = { hash: blk.hash, timestamp: blk.timestamp };
        headers.set(n, h);
      }
      return h;
    };
    const events: ChainEvent[] = [];
    for (const log of logs) {
      const h = await header(log.blockNumber!);
      if (h.hash !== log.blockHash) return false; // reorg between getLogs and getBlock
      const ev = toChainEvent(log, h.timestamp);
      if (ev === undefined) continue;
      const key = eventKey(ev);
      if (this.delivered.has(key)) continue;
      events.push(ev);
    }
    // Remember a contiguous window of the last reorgDepth + 1 hashes (the store's cursor format).
    const depth = BigInt(this.o.reorgDepth);
    for (let n = to - depth > from ? to - depth : from; n <= to; n++) await header(n);
    const end = await header(to);
    events.sort((a, b) => (a.blockNumber === b.blockNumber ? a.logIndex - b.logIndex : a.blockNumber < b.blockNumber ? -1 : 1));
    if (events.length > 0) await this.o.onEvents(events);
    for (const ev of events) this.delivered.set(eventKey(ev), ev.blockNumber);
    for (const [n, h] of headers) this.remember({ number: n, hash: h.hash });
    this.processed = { number: to, hash: end.hash };
    this.prune(to);
    await this.o.cursor.save({ block: this.processed, recent: this.recent });
    return true;
  }

  private remember(ref: BlockRef): void {
    const i = this.recent.findIndex((r) => r.number === ref.number);
    if (i >= 0) this.recent[i] = ref;
    else this.recent.push(ref);
    this.recent.sort((a, b) => (a.number < b.number ? -1 : a.number > b.number ? 1 : 0));
  }

  private prune(top: bigint): void {
    const floor = top - BigInt(this.o.reorgDepth);
    // Contiguous and ending at `top`: drop anything older than the window or before a gap.
    const kept = this.recent.filter((r) => r.number >= floor && r.number <= top);
    let start = kept.length - 1;
    while (start > 0 && kept[start - 1].number === kept[start].number - 1n) start--;
    this.recent = kept.slice(Math.max(start, 0));
    for (const [k, n] of this.delivered) if (n < floor) this.delivered.delete(k);
  }

  /**
   * Compares remembered hashes (newest first) with the chain. On a mismatch, rewinds to the newest
   * block that still matches; with none inside the window, rewinds `reorgDepth` blocks (the
   * consumer's (block hash, log index) keys keep unchanged events from being applied twice). If
   * even the oldest remembered block at or beyond the depth differs, the reorg is too deep.
   */
  private async checkReorg(headNumber: bigint): Promise<void> {
    const p = this.processed;
    if (p === undefined) return;
    const client = this.o.client;
    const canon = async (n: bigint): Promise<Hex | undefined> => {
      if (n > headNumber) return undefined; // the chain got shorter than our cursor
      return (await client.getBlock({ blockNumber: n })).hash;
    };
    if ((await canon(p.number)) === p.hash) return;
    const depth = BigInt(this.o.reorgDepth);
    let rewind: BlockRef | undefined;
    for (let i = this.recent.length - 1; i >= 0; i--) {
      const r = this.recent[i];
      if (r.number >= p.number) continue;
      if ((await canon(r.number)) === r.hash) {
        rewind = r;
        break;
      }
      if (r.number <= p.number - depth) {
        throw new ReorgTooDeepError('the chain reorganised deeper than the configured depth', {
          details: `block ${r.number} changed; cursor at ${p.number}, depth ${depth}`,
        });
      }
    }
    const fallback = p.number - depth;
    const target = rewind?.number ?? (fallback < this.o.fromBlock - 1n ? this.o.fromBlock - 1n : fallback);
    this.o.onReorg?.(target, p.number);
    this.recent = this.recent.filter((r) => r.number <= target);
    if (rewind === undefined) this.recent = []; // a blind rewind: no window that ends at target
    // Events of blocks past the fork point may come back in new blocks: forget they were seen.
    for (const [k, n] of this.delivered) if (n > target) this.delivered.delete(k);
    if (target < this.o.fromBlock) {
      this.processed = undefined;
    } else {
      const hash = rewind?.hash ?? (await client.getBlock({ blockNumber: target })).hash;
      this.processed = { number: target, hash };
    }
    await this.o.cursor.save({ block: this.processed ?? { number: this.o.fromBlock - 1n, hash: ZERO_HASH }, recent: this.recent });
  }
}
