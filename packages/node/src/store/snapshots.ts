/** Per-E3 latest snapshot (public state; secrets go to `SecretRepository`). */
import { type Db, SYNC } from './db.js';
import { Prefix, decodeValue, e3Prefix, encodeValue } from './codec.js';
import { StoreCorruptError } from './errors.js';

export type Snapshot = { readonly logLength: number; readonly bytes: Uint8Array };

export class SnapshotRepository {
  constructor(private readonly db: Db) {}

  /** Replace the E3's snapshot; `logLength` = how many log entries it covers (replay resumes there). */
  async put(e3Id: bigint, snapshot: Snapshot): Promise<void> {
    if (!Number.isSafeInteger(snapshot.logLength) || snapshot.logLength < 0) throw new RangeError('logLength must be a non-negative integer');
    const body = new Uint8Array(8 + snapshot.bytes.length);
    new DataView(body.buffer).setBigUint64(0, BigInt(snapshot.logLength));
    body.set(snapshot.bytes, 8);
    await this.db.put(e3Prefix(Prefix.Snapshot, e3Id), encodeValue(Prefix.Snapshot, body), SYNC);
  }

  async get(e3Id: bigint): Promise<Snapshot | undefined> {
    const v = await this.db.get(e3Prefix(Prefix.Snapshot, e3Id));
    if (v === undefined) return undefined;
    const body = decodeValue(Prefix.Snapshot, v, 'snapshot');
    if (body.length < 8) throw new StoreCorruptError('Malformed snapshot record', { details: `body of ${body.length} bytes` });
    return { logLength: Number(new DataView(body.buffer, body.byteOffset).getBigUint64(0)), bytes: body.slice(8) };
  }
}
