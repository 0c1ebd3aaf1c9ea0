/**
 * A party's output of P1 (spec 003, C4a/C4b): its Shamir share s_j = Σ_{i ∈ A} y^{sk}_{i,j} of the
 * threshold secret key s = Σ_{i ∈ A} sk_i, and its share esm_j of the smudging noise Σ esm_i.
 *
 * The smudging share masks ONE decryption: two decryption shares for different ciphertexts with
 * the same esm_j would let anyone subtract them and cancel the smudging. `claimSmudging` records
 * the digest of the first ciphertext and refuses any other (SYSTEM.md §8: "never issues two
 * different decryption shares for one E3").
 */
import type { RnsPoly } from '@interfold/ring';
import { DisposedError, SecretReuseError } from './errors.js';
import { equalBytes } from './commit.js';

export class ThresholdKeyShare {
  private skNttCache: RnsPoly | undefined;
  private usedFor: Uint8Array | undefined;
  private disposed = false;

  constructor(
    readonly party: number,
    readonly n: number,
    readonly T: number,
    /** The authorised set A the share was aggregated over (ascending). */
    readonly authorised: readonly number[],
    private readonly skShare: RnsPoly,
    private readonly esmShare: RnsPoly,
  ) {}

  /** s_j in coefficient form (the C6 witness). */
  get sk(): RnsPoly {
    this.alive();
    return this.skShare;
  }

  /** s_j in NTT form (cached). */
  get skNtt(): RnsPoly {
    this.alive();
    if (!this.skNttCache) this.skNttCache = this.skShare.clone().toNtt();
    return this.skNttCache;
  }

  /** esm_j (the C6 witness). */
  get esm(): RnsPoly {
    this.alive();
    return this.esmShare;
  }

  /** The digest of the ciphertext this share was used to decrypt, if any. */
  get consumedBy(): Uint8Array | undefined {
    return this.usedFor;
  }

  /** Binds the smudging share to one ciphertext; throws SecretReuseError for another. */
  claimSmudging(ctDigest: Uint8Array): void {
    this.alive();
    if (this.usedFor && !equalBytes(this.usedFor, ctDigest)) {
      throw new SecretReuseError('This key share already produced a decryption share for another ciphertext', {
        details: `party ${this.party}: the smudging share masks one decryption only`,
      });
    }
    this.usedFor = Uint8Array.from(ctDigest);
  }

  private alive(): void {
    if (this.disposed) throw new DisposedError('Threshold key share used after dispose');
  }

  /** Overwrites every secret buffer (best effort: see the package report on JS limits). */
  dispose(): void {
    this.skShare.zeroize();
    this.esmShare.zeroize();
    this.skNttCache?.zeroize();
    this.disposed = true;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }
}
