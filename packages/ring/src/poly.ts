/**
 * Polynomials of R_Q = Z_Q[X]/(X^N + 1) in RNS form: one Float64Array of N residues per limb,
 * each limb a view into one contiguous buffer (limb-major), so a polynomial serialises and
 * copies as one block. A polynomial is either in coefficient form or in NTT (evaluation) form;
 * the flag travels with it and every operation checks it, because mixing the two is the
 * classic silent bug of lattice code.
 */
import { InvalidParameterError, MismatchError } from './errors.js';
import type { Modulus, ShoupConstant } from './modulus.js';
import { NttTable, isPowerOfTwo, limbMulAddPointwise, limbMulPointwise, limbMulScalar } from './ntt.js';
import type { RandomSource } from './random.js';
import { RnsBasis } from './rns.js';
import { sampleUniformInto } from './sampling.js';

/** A ring R_Q with its NTT tables. Build once per parameter set; immutable. */
export class RingContext {
  readonly N: number;
  readonly basis: RnsBasis;
  readonly ntt: readonly NttTable[];

  constructor(N: number, basis: RnsBasis | readonly bigint[]) {
    if (!isPowerOfTwo(N) || N < 2) throw new InvalidParameterError('Ring degree must be a power of two', { details: `N = ${N}` });
    this.N = N;
    this.basis = basis instanceof RnsBasis ? basis : new RnsBasis(basis);
    for (const m of this.basis.moduli) {
      if ((m.big - 1n) % BigInt(2 * N) !== 0n) {
        throw new InvalidParameterError('Modulus is not NTT-friendly for this degree', { details: `q = ${m.big}, need q ≡ 1 mod ${2 * N}` });
      }
    }
    this.ntt = Object.freeze(this.basis.moduli.map((m) => new NttTable(N, m)));
    Object.freeze(this);
  }

  get L(): number {
    return this.basis.length;
  }
  get moduli(): readonly Modulus[] {
    return this.basis.moduli;
  }

  /** The zero polynomial. */
  zero(isNtt = false): RnsPoly {
    return new RnsPoly(this, new Float64Array(this.L * this.N), isNtt);
  }

  /** A polynomial with uniform residues (uniform in R_Q), in the given form. */
  sampleUniform(src: RandomSource, isNtt = false): RnsPoly {
    const p = this.zero(isNtt);
    for (let i = 0; i < this.L; i++) sampleUniformInto(p.limb(i), this.moduli[i], src);
    return p;
  }

  /** Lifts a small signed integer polynomial (|c| < 2^52) into every limb, coefficient form. */
  fromSigned(coeffs: ArrayLike<number>): RnsPoly {
    if (coeffs.length !== this.N) throw new MismatchError('Wrong coefficient count', { details: `got ${coeffs.length}, N = ${this.N}` });
    const p = this.zero(false);
    for (let i = 0; i < this.L; i++) {
      const m = this.moduli[i];
      const d = p.limb(i);
      for (let k = 0; k < this.N; k++) d[k] = m.reduce(coeffs[k]);
    }
    return p;
  }

  /** Lifts an arbitrary integer polynomial (bigint coefficients) into the ring, coefficient form. */
  fromBigInts(coeffs: readonly bigint[]): RnsPoly {
    if (coeffs.length !== this.N) throw new MismatchError('Wrong coefficient count', { details: `got ${coeffs.length}, N = ${this.N}` });
    const p = this.zero(false);
    for (let i = 0; i < this.L; i++) {
      const m = this.moduli[i];
      const d = p.limb(i);
      for (let k = 0; k < this.N; k++) d[k] = m.reduceBig(coeffs[k]);
    }
    return p;
  }

  /** The coefficients of p (coefficient form) as integers in [0, Q) or centered in (−Q/2, Q/2]. */
  toBigInts(p: RnsPoly, centered = true): bigint[] {
    this.check(p);
    if (p.isNtt) throw new MismatchError('toBigInts needs coefficient form');
    const out = new Array<bigint>(this.N);
    const r = new Array<number>(this.L);
    for (let k = 0; k < this.N; k++) {
      for (let i = 0; i < this.L; i++) r[i] = p.limbs[i][k];
      out[k] = centered ? this.basis.toCenteredBigInt(r) : this.basis.toBigInt(r);
    }
    return out;
  }

  check(p: RnsPoly): void {
    if (p.ctx !== this && !(p.ctx.N === this.N && p.ctx.basis.equals(this.basis))) {
      throw new MismatchError('Polynomial belongs to another ring', { details: `N = ${p.ctx.N}/${this.N}, L = ${p.ctx.L}/${this.L}` });
    }
  }
}

export class RnsPoly {
  readonly ctx: RingContext;
  /** All residues, limb-major: limb i is data[i·N .. (i+1)·N). */
  readonly data: Float64Array;
  readonly limbs: readonly Float64Array[];
  isNtt: boolean;

  constructor(ctx: RingContext, data: Float64Array, isNtt: boolean) {
    if (data.length !== ctx.L * ctx.N) {
      throw new MismatchError('Polynomial buffer has the wrong size', { details: `got ${data.length}, need ${ctx.L * ctx.N}` });
    }
    this.ctx = ctx;
    this.data = data;
    this.isNtt = isNtt;
    const N = ctx.N;
    this.limbs = Object.freeze(Array.from({ length: ctx.L }, (_, i) => data.subarray(i * N, (i + 1) * N)));
  }

  limb(i: number): Float64Array {
    return this.limbs[i];
  }

  clone(): RnsPoly {
    return new RnsPoly(this.ctx, this.data.slice(), this.isNtt);
  }

  /** Overwrites with zeros (best-effort erasure of secrets; see docs/SECURITY.md). */
  zeroize(): void {
    this.data.fill(0);
  }

  /** In place: to NTT form. */
  toNtt(): this {
    if (this.isNtt) throw new MismatchError('Polynomial is already in NTT form');
    for (let i = 0; i < this.ctx.L; i++) this.ctx.ntt[i].forward(this.limbs[i]);
    this.isNtt = true;
    return this;
  }

  /** In place: to coefficient form. */
  fromNtt(): this {
    if (!this.isNtt) throw new MismatchError('Polynomial is already in coefficient form');
    for (let i = 0; i < this.ctx.L; i++) this.ctx.ntt[i].inverse(this.limbs[i]);
    this.isNtt = false;
    return this;
  }

  equals(o: RnsPoly): boolean {
    if (o.isNtt !== this.isNtt || o.data.length !== this.data.length) return false;
    for (let k = 0; k < this.data.length; k++) if (this.data[k] !== o.data[k]) return false;
    return true;
  }
}

function same(a: RnsPoly, b: RnsPoly): void {
  a.ctx.check(b);
  if (a.isNtt !== b.isNtt) throw new MismatchError('Operands are in different forms (NTT vs coefficient)');
}

/** out = a + b (any form, both the same). `out` may alias a or b. */
export function polyAdd(a: RnsPoly, b: RnsPoly, out: RnsPoly = a.ctx.zero(a.isNtt)): RnsPoly {
  same(a, b);
  const { N } = a.ctx;
  const x = a.data, y = b.data, z = out.data;
  const moduli = a.ctx.moduli;
  for (let i = 0, off = 0; i < moduli.length; i++, off += N) {
    // Branch-free reduction: s = x + y − q ∈ [−q, q), and floor(s/q) ∈ {−1, 0} exactly (|s/q| < 1
    // is computed without rounding up to ±1 for q < 2^50), so a data-dependent branch — mispredicted
    // half the time on uniform residues — is avoided.
    const q = moduli[i].q;
    const qInv = moduli[i].qInv;
    for (let k = off, end = off + N; k < end; k++) {
      const s = x[k] + y[k] - q;
      z[k] = s - q * Math.floor(s * qInv);
    }
  }
  out.isNtt = a.isNtt;
  return out;
}

/** out = a − b. */
export function polySub(a: RnsPoly, b: RnsPoly, out: RnsPoly = a.ctx.zero(a.isNtt)): RnsPoly {
  same(a, b);
  const { N } = a.ctx;
  const x = a.data, y = b.data, z = out.data;
  const moduli = a.ctx.moduli;
  for (let i = 0, off = 0; i < moduli.length; i++, off += N) {
    const q = moduli[i].q;
    const qInv = moduli[i].qInv;
    for (let k = off, end = off + N; k < end; k++) {
      const d = x[k] - y[k]; // ∈ (−q, q): branch-free as in polyAdd
      z[k] = d - q * Math.floor(d * qInv);
    }
  }
  out.isNtt = a.isNtt;
  return out;
}

/** out = −a. */
export function polyNeg(a: RnsPoly, out: RnsPoly = a.ctx.zero(a.isNtt)): RnsPoly {
  const { N } = a.ctx;
  a.ctx.moduli.forEach((m, i) => {
    const x = a.limbs[i], z = out.limbs[i];
    for (let k = 0; k < N; k++) z[k] = x[k] === 0 ? 0 : m.q - x[k];
  });
  out.isNtt = a.isNtt;
  return out;
}

/** out = a ⊙ b, pointwise (the negacyclic product when both are in NTT form). */
export function polyMulPointwise(a: RnsPoly, b: RnsPoly, out: RnsPoly = a.ctx.zero(true)): RnsPoly {
  same(a, b);
  if (!a.isNtt) throw new MismatchError('Pointwise product needs NTT form');
  const moduli = a.ctx.moduli;
  for (let i = 0; i < moduli.length; i++) limbMulPointwise(moduli[i], a.limbs[i], b.limbs[i], out.limbs[i]);
  out.isNtt = true;
  return out;
}

/** acc += a ⊙ b (NTT form). */
export function polyMulAddPointwise(acc: RnsPoly, a: RnsPoly, b: RnsPoly): RnsPoly {
  same(a, b);
  same(acc, a);
  if (!a.isNtt) throw new MismatchError('Pointwise product needs NTT form');
  const moduli = a.ctx.moduli;
  for (let i = 0; i < moduli.length; i++) limbMulAddPointwise(moduli[i], a.limbs[i], b.limbs[i], acc.limbs[i]);
  return acc;
}

/** out = c · a for a scalar given per limb (Shoup constants, e.g. from `scalarConstants`). */
export function polyMulScalar(a: RnsPoly, c: readonly ShoupConstant[], out: RnsPoly = a.ctx.zero(a.isNtt)): RnsPoly {
  const moduli = a.ctx.moduli;
  for (let i = 0; i < moduli.length; i++) limbMulScalar(moduli[i], a.limbs[i], c[i], out.limbs[i]);
  out.isNtt = a.isNtt;
  return out;
}

/** The per-limb Shoup constants of an integer scalar (any sign, any size). */
export function scalarConstants(ctx: RingContext, c: bigint): ShoupConstant[] {
  return ctx.moduli.map((m) => m.shoup(m.reduceBig(c)));
}
