/**
 * Sources of random bytes.
 *
 * Secrets (secret keys, encryption randomness, noise, smudging) come from the OS CSPRNG through
 * `crypto.getRandomValues`. Public randomness (the common random polynomial `a` of an E3,
 * SYSTEM.md §4) and reproducible tests use a keyed deterministic stream: ChaCha20 keyed by
 * SHAKE256(domain ‖ seed) — a domain-separated XOF feeding a fast stream cipher. Never Math.random.
 */
import { chacha20 } from '@noble/ciphers/chacha.js';
import { shake256 } from '@noble/hashes/sha3.js';

export interface RandomSource {
  /** Fills `out` with random bytes and returns it. */
  fill(out: Uint8Array): Uint8Array;
  /** True for the OS CSPRNG; false for a deterministic (public or test) stream. */
  readonly secure: boolean;
}

const MAX_GET_RANDOM = 65536; // getRandomValues' per-call limit

/** The OS CSPRNG (crypto.getRandomValues). The only source allowed for secrets. */
export const cryptoSource: RandomSource = Object.freeze({
  secure: true,
  fill(out: Uint8Array): Uint8Array {
    for (let off = 0; off < out.length; off += MAX_GET_RANDOM) {
      crypto.getRandomValues(out.subarray(off, Math.min(out.length, off + MAX_GET_RANDOM)));
    }
    return out;
  },
});

const encoder = new TextEncoder();

/**
 * A deterministic stream for public values and tests: ChaCha20 with key = SHAKE256(len(domain) ‖
 * domain ‖ seed)[0..32] and a zero nonce. Distinct domains give independent streams.
 */
export class SeededSource implements RandomSource {
  readonly secure = false;
  private readonly key: Uint8Array;
  private readonly nonce = new Uint8Array(12);
  private counter = 0; // in 64-byte ChaCha blocks
  private buf = new Uint8Array(0);
  private pos = 0;

  constructor(seed: Uint8Array | string, domain = 'interfold/seeded') {
    const d = encoder.encode(domain);
    const s = typeof seed === 'string' ? encoder.encode(seed) : seed;
    const h = shake256.create({ dkLen: 32 });
    h.update(new Uint8Array([d.length & 0xff, d.length >>> 8]));
    h.update(d);
    h.update(s);
    this.key = h.digest();
  }

  fill(out: Uint8Array): Uint8Array {
    let off = 0;
    while (off < out.length) {
      if (this.pos === this.buf.length) this.refill();
      const n = Math.min(out.length - off, this.buf.length - this.pos);
      out.set(this.buf.subarray(this.pos, this.pos + n), off);
      this.pos += n;
      off += n;
    }
    return out;
  }

  private refill(): void {
    const size = 16384; // 256 ChaCha blocks
    this.buf = chacha20(this.key, this.nonce, new Uint8Array(size), undefined, this.counter);
    this.counter += size / 64;
    this.pos = 0;
  }
}
