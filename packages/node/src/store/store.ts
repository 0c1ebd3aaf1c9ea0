/**
 * The node's store (LevelDB via `level`): one repository per stored kind (Lodestar-style), one
 * database, one lifecycle: `NodeStore.open(dir, { masterKey })` … `close()`.
 *
 * Erasure is real (issue 8, "Ephemerality"): `eraseE3` deletes every key of the E3 in one durable
 * batch, drops the cached data key, then compacts the E3's key ranges. LevelDB's compaction first
 * flushes the memtable (the write-ahead log holding the values is then deleted) and rewrites the
 * table files overlapping the ranges without the deleted values; the per-E3 data key makes any
 * copy that might survive elsewhere (a disk block, a backup) unreadable.
 */
import { Level } from 'level';
import { type Db, SYNC, compact } from './db.js';
import { Prefix, SCHEMA_VERSION, concat, e3Prefix, rangeEnd, readUint256 } from './codec.js';
import { StoreError, StoreVersionError } from './errors.js';
import { EventLogRepository } from './eventLog.js';
import { SnapshotRepository } from './snapshots.js';
import { ChainCursorRepository } from './cursor.js';
import { SignOnceRepository } from './signOnce.js';
import { SecretRepository } from './secrets.js';

const SCHEMA_KEY = Uint8Array.of(Prefix.Meta, ...new TextEncoder().encode('schema'));
const PER_E3: readonly Prefix[] = [Prefix.Log, Prefix.Snapshot, Prefix.SignOnce, Prefix.Secret, Prefix.DataKey];
const SECRET_KINDS: readonly Prefix[] = [Prefix.Secret, Prefix.DataKey];

export type StoreOptions = {
  /** 32-byte key from `deriveStoreKey(keys)`: seals each E3's data key. */
  readonly masterKey: Uint8Array;
};

export class NodeStore {
  readonly log: EventLogRepository;
  readonly snapshots: SnapshotRepository;
  readonly cursor: ChainCursorRepository;
  readonly signOnce: SignOnceRepository;
  readonly secrets: SecretRepository;

  private constructor(private readonly db: Db, options: StoreOptions) {
    this.log = new EventLogRepository(db);
    this.snapshots = new SnapshotRepository(db);
    this.cursor = new ChainCursorRepository(db);
    this.signOnce = new SignOnceRepository(db);
    this.secrets = new SecretRepository(db, options.masterKey);
  }

  /** Open (creating if needed) the database in `dir`; checks the schema version. */
  static async open(dir: string, options: StoreOptions): Promise<NodeStore> {
    const db: Db = new Level<Uint8Array, Uint8Array>(dir, { keyEncoding: 'view', valueEncoding: 'view' });
    try {
      await db.open();
    } catch (e) {
      throw new StoreError('Cannot open the store', { details: dir, cause: e });
    }
    try {
      const v = await db.get(SCHEMA_KEY);
      if (v === undefined) await db.put(SCHEMA_KEY, Uint8Array.of(SCHEMA_VERSION), SYNC);
      else if (v.length !== 1 || v[0] !== SCHEMA_VERSION) {
        throw new StoreVersionError('Unsupported store schema version', { details: `${dir}: version ${v[0]}, supported ${SCHEMA_VERSION}` });
      }
      return new NodeStore(db, options);
    } catch (e) {
      await db.close();
      throw e;
    }
  }

  /** Every E3 with a log, snapshot, sign-once or secret record, ascending. */
  async e3Ids(): Promise<bigint[]> {
    const ids = new Set<bigint>();
    for (const kind of PER_E3) {
      let from: Uint8Array = Uint8Array.of(kind);
      const end = Uint8Array.of(kind + 1);
      for (;;) {
        const [k] = await this.db.keys({ gte: from, lt: end, limit: 1 }).all();
        if (!k || k.length < 33) break;
        const id = readUint256(k, 1);
        ids.add(id);
        from = rangeEnd(e3Prefix(kind, id));
      }
    }
    return [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** Remove every key of the E3 (log, snapshot, sign-once, secrets, data key) and compact. */
  async eraseE3(e3Id: bigint): Promise<void> {
    await this.erase(e3Id, PER_E3);
    this.log.forget(e3Id);
  }

  /** Remove only the E3's secrets and its data key (crypto-shred) and compact; the public log stays. */
  async eraseSecrets(e3Id: bigint): Promise<void> {
    await this.erase(e3Id, SECRET_KINDS);
  }

  private async erase(e3Id: bigint, kinds: readonly Prefix[]): Promise<void> {
    this.secrets.forget(e3Id);
    const ranges = kinds.map((k) => {
      const p = e3Prefix(k, e3Id);
      return [p, rangeEnd(p)] as const;
    });
    const keys: Uint8Array[] = [];
    for (const [gte, lt] of ranges) keys.push(...(await this.db.keys({ gte, lt }).all()));
    await this.db.batch(keys.map((key) => ({ type: 'del' as const, key })), SYNC);
    await this.purge(ranges);
  }

  /**
   * Make LevelDB drop the deleted values from its files. `CompactRange` picks the levels to merge
   * before it flushes the memtable, and the flush writes every version of a key (value and
   * tombstone) into one new table that it may place at level 2, below the levels being merged:
   * that table would keep the value. So: compact once (flushes), then write and delete a marker
   * at both ends of each range and compact again: the markers' table lands above any table
   * overlapping the range, and merging it down rewrites those tables without the deleted values.
   */
  private async purge(ranges: readonly (readonly [Uint8Array, Uint8Array])[]): Promise<void> {
    for (const [start, end] of ranges) await compact(this.db, start, end);
    const markers = ranges.flatMap(([start]) => [start, concat(start, new Uint8Array(40).fill(0xff))]);
    await this.db.batch(markers.map((key) => ({ type: 'put' as const, key, value: new Uint8Array(0) })));
    await this.db.batch(markers.map((key) => ({ type: 'del' as const, key })), SYNC);
    for (const [start, end] of ranges) await compact(this.db, start, end);
  }

  /** The underlying LevelDB handle (diagnostics and tests only). */
  get level(): Db {
    return this.db;
  }

  async close(): Promise<void> {
    this.secrets.forgetAll();
    await this.db.close();
  }
}
