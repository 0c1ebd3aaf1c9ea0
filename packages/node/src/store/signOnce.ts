/**
 * Sign-once records (issue 8: "never two different messages for one protocol slot, and never two
 * different decryption shares for one E3, even across a crash: persist before sending"). Before
 * signing, the daemon claims (e3Id, slot) with the digest of what it will sign: the claim succeeds
 * if the slot is free (and is durable when the promise resolves) or holds the same digest (a
 * replay re-sends the identical message); a different digest is refused.
 */
import { type Db, Mutex, SYNC } from './db.js';
import { Prefix, concat, decodeValue, e3Prefix, encodeValue, uint256 } from './codec.js';
import { EquivocationRefusedError } from './errors.js';

export const DIGEST_BYTES = 32;

export class SignOnceRepository {
  private readonly lock = new Mutex();
  constructor(private readonly db: Db) {}

  private key(e3Id: bigint, slot: bigint): Uint8Array {
    return concat(e3Prefix(Prefix.SignOnce, e3Id), uint256(slot, 'slot'));
  }

  /** 'claimed' (first time, now durable) or 'same' (already claimed with this digest); else throws. */
  claim(e3Id: bigint, slot: bigint, digest: Uint8Array): Promise<'claimed' | 'same'> {
    if (digest.length !== DIGEST_BYTES) throw new RangeError(`digest must be ${DIGEST_BYTES} bytes`);
    const key = this.key(e3Id, slot);
    return this.lock.run(async () => {
      const v = await this.db.get(key);
      if (v !== undefined) {
        const held = decodeValue(Prefix.SignOnce, v, 'sign-once', DIGEST_BYTES);
        if (Buffer.compare(held, digest) === 0) return 'same';
        throw new EquivocationRefusedError('Refused to sign a second, different message for one slot', {
          details: `e3 ${e3Id}, slot ${slot}: holds ${Buffer.from(held).toString('hex')}, asked ${Buffer.from(digest).toString('hex')}`,
        });
      }
      await this.db.put(key, encodeValue(Prefix.SignOnce, digest), SYNC);
      return 'claimed';
    });
  }

  /** The digest claimed for a slot, if any. */
  async get(e3Id: bigint, slot: bigint): Promise<Uint8Array | undefined> {
    const v = await this.db.get(this.key(e3Id, slot));
    return v === undefined ? undefined : decodeValue(Prefix.SignOnce, v, 'sign-once', DIGEST_BYTES).slice();
  }
}
