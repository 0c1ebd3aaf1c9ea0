/**
 * The BFV value types. Ciphertexts and keys hold RnsPolys of the parameter set's ring in
 * COEFFICIENT form (canonical, what serialisation and the ZK witnesses use); NTT forms are
 * cached beside them where an operation needs them repeatedly (secret key, public key).
 */
import { MismatchError, type RnsPoly } from '@interfold/ring';
import type { BfvParameters } from './parameters.js';

/** A plaintext: N coefficients in [0, t). */
export class Plaintext {
  constructor(
    readonly params: BfvParameters,
    readonly coeffs: Float64Array,
  ) {
    if (coeffs.length !== params.N) throw new MismatchError('Plaintext has the wrong length', { details: `${coeffs.length} ≠ N = ${params.N}` });
  }
}

/**
 * A secret key s ∈ R_Q. For keys sampled by `genSecretKey`, `small` keeps the ternary
 * coefficients (the ZK witness); threshold secret-key shares are general ring elements.
 */
export class SecretKey {
  /** s in NTT form (what decryption multiplies by). */
  readonly ntt: RnsPoly;
  constructor(
    readonly params: BfvParameters,
    readonly poly: RnsPoly,
    readonly small?: Int32Array,
  ) {
    if (poly.isNtt) throw new MismatchError('Secret key must be given in coefficient form');
    params.ring.check(poly);
    this.ntt = poly.clone().toNtt();
  }

  /** Overwrites the key material (best effort: see docs/SECURITY.md). */
  dispose(): void {
    this.poly.zeroize();
    this.ntt.zeroize();
    this.small?.fill(0);
  }
}

/** A public key (p0, p1) = (−a·s + e, a). */
export class PublicKey {
  readonly p0Ntt: RnsPoly;
  readonly p1Ntt: RnsPoly;
  constructor(
    readonly params: BfvParameters,
    readonly p0: RnsPoly,
    readonly p1: RnsPoly,
  ) {
    if (p0.isNtt || p1.isNtt) throw new MismatchError('Public key must be given in coefficient form');
    params.ring.check(p0);
    params.ring.check(p1);
    this.p0Ntt = p0.clone().toNtt();
    this.p1Ntt = p1.clone().toNtt();
  }
}

/** A ciphertext (c0, c1) or, after a multiplication before relinearisation, (c0, c1, c2). */
export class Ciphertext {
  constructor(
    readonly params: BfvParameters,
    readonly polys: readonly RnsPoly[],
  ) {
    if (polys.length < 2 || polys.length > 3) throw new MismatchError('Ciphertext must have 2 or 3 components', { details: `got ${polys.length}` });
    for (const p of polys) {
      if (p.isNtt) throw new MismatchError('Ciphertext components must be in coefficient form');
      params.ring.check(p);
    }
  }
  get c0(): RnsPoly {
    return this.polys[0];
  }
  get c1(): RnsPoly {
    return this.polys[1];
  }
  get size(): number {
    return this.polys.length;
  }
}

/**
 * Relinearisation key: for each RNS digit i, (−a_i·s + e_i + g_i·s², a_i) with g_i ≡ 1 (mod q_i),
 * ≡ 0 (mod q_j, j ≠ i) — stored in NTT form, as only relinearisation uses it.
 */
export class RelinKey {
  constructor(
    readonly params: BfvParameters,
    readonly k0: readonly RnsPoly[],
    readonly k1: readonly RnsPoly[],
  ) {
    if (k0.length !== params.L || k1.length !== params.L) throw new MismatchError('Relinearisation key needs one digit per limb');
    for (const p of [...k0, ...k1]) if (!p.isNtt) throw new MismatchError('Relinearisation key must be in NTT form');
  }
}

export function sameParams(a: BfvParameters, b: BfvParameters): void {
  if (a !== b && Buffer.compare(Buffer.from(a.fingerprint), Buffer.from(b.fingerprint)) !== 0) {
    throw new MismatchError('Objects belong to different parameter sets', { details: `${a.name} vs ${b.name}` });
  }
}
