/**
 * Per-E3 append-only event log (issue 8, "Persistence"): every input the daemon feeds the core
 * (chain event, peer message, timer) is appended first, so a restart replays it into a fresh core.
 * Entries are opaque bytes (the daemon's encoding); sequence numbers start at 0 and have no gaps.
 */
import { type Db, Mutex, SYNC } from './db.js';
import { Prefix, concat, decodeValue, e3Prefix, encodeValue, rangeEnd, readU64, u64 } from './codec.js';
import { StoreCorruptError } from './errors.js';

export type LogEntry = { readonly seq: number; readonly bytes: Uint8Array };

export class EventLogRepository {
  private readonly lengths = new Map<bigint, number>();
  private readonly lock = new Mutex();
  constructor(private readonly db: Db) {}

  /** Append; resolves with the entry's sequence number once the entry is durable. */
  append(e3Id: bigint, bytes: Uint8Array): Promise<number> {
    return this.lock.run(async () => {
      const seq = await this.length(e3Id);
      await this.db.put(concat(e3Prefix(Prefix.Log, e3Id), u64(seq)), encodeValue(Prefix.Log, bytes), SYNC);
      this.lengths.set(e3Id, seq + 1);
      return seq;
    });
  }

  /** Number of entries (= next sequence number). */
  async length(e3Id: bigint): Promise<number> {
    const cached = this.lengths.get(e3Id);
    if (cached !== undefined) return cached;
    const prefix = e3Prefix(Prefix.Log, e3Id);
    const last = await this.db.keys({ gte: prefix, lt: rangeEnd(prefix), reverse: true, limit: 1 }).all();
    const n = last.length === 0 ? 0 : readU64(last[0], prefix.length) + 1;
    this.lengths.set(e3Id, n);
    return n;
  }

  /** Entries with seq ≥ from, in order. */
  async *iterate(e3Id: bigint, from = 0): AsyncGenerator<LogEntry> {
    const prefix = e3Prefix(Prefix.Log, e3Id);
    let expected = from;
    for await (const [key, value] of this.db.iterator({ gte: concat(prefix, u64(from)), lt: rangeEnd(prefix) })) {
      if (key.length !== prefix.length + 8) throw new StoreCorruptError('Malformed event log key', { details: `e3 ${e3Id}` });
      const seq = readU64(key, prefix.length);
      if (seq !== expected) throw new StoreCorruptError('Gap in the event log', { details: `e3 ${e3Id}: expected seq ${expected}, found ${seq}` });
      expected++;
      yield { seq, bytes: decodeValue(Prefix.Log, value, 'event log') };
    }
  }

  /** Entries with seq ≥ from, as an array (for sync responses and tests). */
  async read(e3Id: bigint, from = 0, limit = Infinity): Promise<LogEntry[]> {
    const out: LogEntry[] = [];
    for await (const e of this.iterate(e3Id, from)) {
      if (out.length >= limit) break;
      out.push(e);
    }
    return out;
  }

  /** Forget cached lengths (after erasure). */
  forget(e3Id: bigint): void {
    this.lengths.delete(e3Id);
  }
}
