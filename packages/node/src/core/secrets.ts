/**
 * The secret snapshot of one E3. Every secret this node draws for an E3 (transport secret key,
 * sk/smudging/mask contributions, Shamir polynomials, transport encryption randomness) comes from
 * one deterministic stream keyed by a 32-byte seed drawn from the injected RandomSource (the OS
 * CSPRNG in the daemon) when the node learns it sits on the committee: ChaCha20 keyed by
 * SHAKE256(domain ‖ seed) (ring's SeededSource). The seed is the snapshot: persisted before the
 * first message that depends on it, it lets a replay re-derive every secret and re-emit
 * byte-identical messages, and erasing it (plus disposing the objects) erases the E3's secrets.
 */
import { SeededSource, type RandomSource } from '@interfold/ring';
import { SnapshotError } from './errors.js';

export const SNAPSHOT_VERSION = 1;
export const SECRET_STREAM_DOMAIN = 'interfold/node/e3-secrets/v1';
const SEED_BYTES = 32;

export class E3Secrets {
  private constructor(private readonly seed: Uint8Array) {}

  /** Fresh secrets: the seed from `src` (must be a CSPRNG outside tests). */
  static draw(src: RandomSource): E3Secrets {
    return new E3Secrets(src.fill(new Uint8Array(SEED_BYTES)));
  }

  static fromSnapshot(bytes: Uint8Array): E3Secrets {
    if (bytes.length !== 1 + SEED_BYTES || bytes[0] !== SNAPSHOT_VERSION) {
      throw new SnapshotError('Secret snapshot does not decode', { details: `${bytes.length} bytes, version ${bytes[0]}` });
    }
    return new E3Secrets(bytes.slice(1));
  }

  snapshot(): Uint8Array {
    this.alive();
    const out = new Uint8Array(1 + SEED_BYTES);
    out[0] = SNAPSHOT_VERSION;
    out.set(this.seed, 1);
    return out;
  }

  /**
   * The E3's secret stream. A keyed ChaCha20 stream under a 256-bit CSPRNG key is itself a CSPRNG,
   * hence `secure: true`; created once per E3 (replay re-creates it from the same seed).
   */
  stream(domain = SECRET_STREAM_DOMAIN): RandomSource {
    this.alive();
    const s = new SeededSource(this.seed, domain);
    return Object.freeze({ secure: true, fill: (out: Uint8Array) => s.fill(out) });
  }

  get erased(): boolean {
    return this.seed.every((b) => b === 0);
  }

  erase(): void {
    this.seed.fill(0);
  }

  private alive(): void {
    if (this.erased) throw new SnapshotError('E3 secrets used after erasure');
  }
}
