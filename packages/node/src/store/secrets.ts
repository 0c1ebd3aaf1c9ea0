/**
 * Per-E3 secret records, encrypted at rest and erasable (issue 8, "Ephemerality").
 *
 * Crypto-shredding: each E3 has its own random 32-byte data key, stored sealed under the store's
 * master key (derived from the keystore, `deriveStoreKey`); each secret is sealed under its E3's
 * data key with its full LevelDB key as AAD (a record cannot be moved to another E3 or name).
 * Erasing an E3 deletes its data key and records and compacts their ranges; a copy of a sealed
 * record that LevelDB left in an old file is useless without the deleted data key.
 */
import { randomBytes } from '@noble/hashes/utils.js';
import { open, seal } from '../keystore/aead.js';
import { type Db, Mutex, SYNC } from './db.js';
import { Prefix, concat, decodeValue, e3Prefix, encodeValue, rangeEnd } from './codec.js';
import { StoreCorruptError, StoreError } from './errors.js';

const DATA_KEY_AAD = new TextEncoder().encode('interfold/node/store/data-key/v1');
const MAX_NAME = 128;

export class SecretRepository {
  private readonly dataKeys = new Map<bigint, Uint8Array>();
  private readonly lock = new Mutex();
  constructor(private readonly db: Db, private readonly masterKey: Uint8Array) {
    if (masterKey.length !== 32) throw new StoreError('The store master key must be 32 bytes');
  }

  private key(e3Id: bigint, name: string): Uint8Array {
    const n = new TextEncoder().encode(name);
    if (n.length === 0 || n.length > MAX_NAME) throw new RangeError(`secret name must be 1–${MAX_NAME} bytes`);
    return concat(e3Prefix(Prefix.Secret, e3Id), n);
  }

  /** The E3's data key: cached, loaded and unsealed, or (if create) drawn fresh and stored durably. */
  private dataKey(e3Id: bigint, create: boolean): Promise<Uint8Array | undefined> {
    return this.lock.run(async () => {
      const cached = this.dataKeys.get(e3Id);
      if (cached) return cached;
      const k = e3Prefix(Prefix.DataKey, e3Id);
      const aad = concat(DATA_KEY_AAD, k);
      const v = await this.db.get(k);
      if (v !== undefined) {
        const dk = open(this.masterKey, decodeValue(Prefix.DataKey, v, 'data key'), aad);
        if (!dk || dk.length !== 32) throw new StoreCorruptError('The E3 data key does not open under the master key', { details: `e3 ${e3Id}: wrong keystore, or altered` });
        this.dataKeys.set(e3Id, dk);
        return dk;
      }
      if (!create) return undefined;
      const dk = randomBytes(32);
      await this.db.put(k, encodeValue(Prefix.DataKey, seal(this.masterKey, dk, aad)), SYNC);
      this.dataKeys.set(e3Id, dk);
      return dk;
    });
  }

  /** Store (durably, encrypted) a secret of the E3 under a name; replaces an earlier value. */
  async put(e3Id: bigint, name: string, secret: Uint8Array): Promise<void> {
    const key = this.key(e3Id, name);
    const dk = await this.dataKey(e3Id, true);
    if (!dk) throw new StoreError('No data key');
    await this.db.put(key, encodeValue(Prefix.Secret, seal(dk, secret, key)), SYNC);
  }

  async get(e3Id: bigint, name: string): Promise<Uint8Array | undefined> {
    const key = this.key(e3Id, name);
    const v = await this.db.get(key);
    if (v === undefined) return undefined;
    const dk = await this.dataKey(e3Id, false);
    if (!dk) throw new StoreCorruptError('A secret record exists without its data key', { details: `e3 ${e3Id}, ${name}` });
    const pt = open(dk, decodeValue(Prefix.Secret, v, 'secret'), key);
    if (!pt) throw new StoreCorruptError('A secret record fails authentication', { details: `e3 ${e3Id}, ${name}` });
    return pt;
  }

  /** Names of the E3's secret records. */
  async names(e3Id: bigint): Promise<string[]> {
    const prefix = e3Prefix(Prefix.Secret, e3Id);
    const keys = await this.db.keys({ gte: prefix, lt: rangeEnd(prefix) }).all();
    return keys.map((k) => new TextDecoder().decode(k.subarray(prefix.length)));
  }

  /** Zero every cached data key (on close). */
  forgetAll(): void {
    for (const id of [...this.dataKeys.keys()]) this.forget(id);
  }

  /** Drop and zero the in-memory data key (the store deletes the records). */
  forget(e3Id: bigint): void {
    this.dataKeys.get(e3Id)?.fill(0);
    this.dataKeys.delete(e3Id);
  }
}
