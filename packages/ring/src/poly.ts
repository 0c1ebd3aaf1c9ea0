/**
 * Polynomials of R_Q = Z_Q[X]/(X^N + 1) in RNS form: one Float64Array of N residues per limb,
 * each limb a view into one contiguous buffer (limb-major), so a polynomial serialises and
 * copies as one block. A polynomial is either in coefficient form or in NTT (evaluation) form;
 * the flag travels with it and every operation checks it, because mixing the two is the
 * classic silent bug of lattice code.
 *
 * Storage: a RingContext allocates its polynomials in the WebAssembly kernel's arena
 * (wasm/arena.ts) when the backend is 'wasm', so NTTs, pointwise products and additions run on
 * them in place (SIMD, no copies); `data` and `limbs` are ordinary Float64Array views either way,
 * and a polynomial built over any other Float64Array works too (its kernel calls copy). Freeing:
 * see wasm/arena.ts (scopes for temporaries, `free()`, a GC backstop for dropped results).
 */
import { InvalidParameterError, MismatchError } from './errors.js';
import type { Modulus, ShoupConstant } from './modulus.js';
import { NttTable, isPowerOfTwo, limbAdd, limbMulAddPointwise, limbMulPointwise, limbMulScalar, limbNeg, limbSub } from './ntt.js';
import type { RandomSource } from './random.js';
import { RnsBasis } from './rns.js';
import { sampleUniformInto } from './sampling.js';
import { allocRegion, guardViews, releaseRegion, type Region } from './wasm/arena.js';

const EMPTY = new Float64Array(0);

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
    return RnsPoly.allocate(this, isNtt, true);
  }

  /**
   * A polynomial with UNSPECIFIED residues (not even necessarily in [0, q)), for an output that
   * the caller overwrites entirely; saves the zero fill of `zero`.
   */
  alloc(isNtt = false): RnsPoly {
    return RnsPoly.allocate(this, isNtt, false);
  }

  /** A polynomial with uniform residues (uniform in R_Q), in the given form. */
  sampleUniform(src: RandomSource, isNtt = false): RnsPoly {
    const p = this.alloc(isNtt);
    for (let i = 0; i < this.L; i++) sampleUniformInto(p.limb(i), this.moduli[i], src);
    return p;
  }

  /** Lifts a small signed integer polynomial (|c| < 2^52) into every limb, coefficient form. */
  fromSigned(coeffs: ArrayLike<number>): RnsPoly {
    if (coeffs.length !== this.N) throw new MismatchError('Wrong coefficient count', { details: `got ${coeffs.length}, N = ${this.N}` });
    const p = this.alloc(false);
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
    const p = this.alloc(false);
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
  private buf: Float64Array;
  private views: readonly Float64Array[];
  /** The arena region this polynomial owns, if it lives in kernel memory. */
  private region: Region | undefined;
  isNtt: boolean;

  constructor(ctx: RingContext, data: Float64Array, isNtt: boolean) {
    if (data.length !== ctx.L * ctx.N) {
      throw new MismatchError('Polynomial buffer has the wrong size', { details: `got ${data.length}, need ${ctx.L * ctx.N}` });
    }
    this.ctx = ctx;
    this.buf = data;
    this.isNtt = isNtt;
    const N = ctx.N;
    this.views = Object.freeze(Array.from({ length: ctx.L }, (_, i) => data.subarray(i * N, (i + 1) * N)));
  }

  /** A polynomial of `ctx` in the kernel's arena when possible, else on the JS heap; zeroed if asked. */
  static allocate(ctx: RingContext, isNtt: boolean, zero: boolean): RnsPoly {
    const r = allocRegion(ctx.L * ctx.N);
    if (r === undefined) return new RnsPoly(ctx, new Float64Array(ctx.L * ctx.N), isNtt);
    if (zero) r.data.fill(0);
    const p = new RnsPoly(ctx, r.data, isNtt);
    p.region = r.region;
    guardViews(r.region, [r.data, ...p.views]);
    return p;
  }

  /** All residues, limb-major: limb i is data[i·N .. (i+1)·N). */
  get data(): Float64Array {
    return this.buf;
  }
  /** One view per limb (subarrays of `data`). */
  get limbs(): readonly Float64Array[] {
    return this.views;
  }

  /** Whether the residues live in the WebAssembly kernel's arena (kernel operations run in place). */
  get resident(): boolean {
    return this.region !== undefined;
  }

  /**
   * Returns the storage now (to the arena when resident). The polynomial and every view taken
   * from it must not be used afterwards: its `data` and limbs become empty, so most misuse throws
   * a length error instead of reading reused memory. Idempotent.
   */
  free(): void {
    if (this.region !== undefined) releaseRegion(this.region);
    this.region = undefined;
    this.buf = EMPTY;
    this.views = Object.freeze(this.views.map(() => EMPTY));
  }

  limb(i: number): Float64Array {
    return this.limbs[i];
  }

  /** A copy (in the arena when possible, whatever this one's storage). */
  clone(): RnsPoly {
    const p = this.ctx.alloc(this.isNtt);
    p.buf.set(this.buf);
    return p;
  }

  /** Overwrites with zeros (best-effort erasure of secrets; see docs/SECURITY.md). */
  zeroize(): void {
    this.data.fill(0);
  }

  /** In place: to NTT form. On an invalid residue it throws with the polynomial unchanged. */
  toNtt(): this {
    if (this.isNtt) throw new MismatchError('Polynomial is already in NTT form');
    this.transform(false);
    this.isNtt = true;
    return this;
  }

  /** In place: to coefficient form. On an invalid residue it throws with the polynomial unchanged. */
  fromNtt(): this {
    if (!this.isNtt) throw new MismatchError('Polynomial is already in coefficient form');
    this.transform(true);
    this.isNtt = false;
    return this;
  }

  /** Transforms every limb; if limb i is rejected, limbs 0..i−1 are transformed back first. */
  private transform(inverse: boolean): void {
    const { ntt, L } = this.ctx;
    if (this.views.length !== L || (L > 0 && this.views[0].length === 0)) {
      throw new InvalidParameterError('Polynomial was freed');
    }
    let i = 0;
    try {
      for (; i < L; i++) {
        if (inverse) ntt[i].inverse(this.views[i]);
        else ntt[i].forward(this.views[i]);
      }
    } catch (e) {
      for (let j = 0; j < i; j++) {
        if (inverse) ntt[j].forward(this.views[j]);
        else ntt[j].inverse(this.views[j]);
      }
      throw e;
    }
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
export function polyAdd(a: RnsPoly, b: RnsPoly, out: RnsPoly = a.ctx.alloc(a.isNtt)): RnsPoly {
  same(a, b);
  const moduli = a.ctx.moduli;
  for (let i = 0; i < moduli.length; i++) limbAdd(moduli[i], a.limbs[i], b.limbs[i], out.limbs[i]);
  out.isNtt = a.isNtt;
  return out;
}

/** out = a − b. */
export function polySub(a: RnsPoly, b: RnsPoly, out: RnsPoly = a.ctx.alloc(a.isNtt)): RnsPoly {
  same(a, b);
  const moduli = a.ctx.moduli;
  for (let i = 0; i < moduli.length; i++) limbSub(moduli[i], a.limbs[i], b.limbs[i], out.limbs[i]);
  out.isNtt = a.isNtt;
  return out;
}

/** out = −a. */
export function polyNeg(a: RnsPoly, out: RnsPoly = a.ctx.alloc(a.isNtt)): RnsPoly {
  const moduli = a.ctx.moduli;
  for (let i = 0; i < moduli.length; i++) limbNeg(moduli[i], a.limbs[i], out.limbs[i]);
  out.isNtt = a.isNtt;
  return out;
}

/** out = a ⊙ b, pointwise (the negacyclic product when both are in NTT form). */
export function polyMulPointwise(a: RnsPoly, b: RnsPoly, out: RnsPoly = a.ctx.alloc(true)): RnsPoly {
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
export function polyMulScalar(a: RnsPoly, c: readonly ShoupConstant[], out: RnsPoly = a.ctx.alloc(a.isNtt)): RnsPoly {
  const moduli = a.ctx.moduli;
  for (let i = 0; i < moduli.length; i++) limbMulScalar(moduli[i], a.limbs[i], c[i], out.limbs[i]);
  out.isNtt = a.isNtt;
  return out;
}

/** The per-limb Shoup constants of an integer scalar (any sign, any size). */
export function scalarConstants(ctx: RingContext, c: bigint): ShoupConstant[] {
  return ctx.moduli.map((m) => m.shoup(m.reduceBig(c)));
}
