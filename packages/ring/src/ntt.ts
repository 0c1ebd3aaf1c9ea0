/**
 * Negacyclic number-theoretic transform over Z_q[X]/(X^N + 1), in place.
 *
 * Forward: Cooley–Tukey with the powers of ψ merged into the twiddles, natural order in,
 * bit-reversed order out; inverse: Gentleman–Sande, bit-reversed in, natural out, then the
 * scaling by N^{-1} [Longa–Naehrig, "Speeding up the NTT for RLWE", CANS 2016, Alg. 1 and 2].
 * Output index i holds a(ψ^(2·brv(i)+1)): the evaluation of a at the odd powers of ψ, which is
 * what makes the pointwise product equal the negacyclic product.
 *
 * Each multiplication by a twiddle is the exact double-precision Shoup multiplication of
 * `modulus.ts`, inlined here because the butterflies are the hot loop of the whole library.
 */
import { InvalidParameterError } from './errors.js';
import { INV_TWO26, Modulus, TWO26 } from './modulus.js';
import { minimalPrimitiveRoot } from './primes.js';

/** Bit-reversal of i over log2(n) bits. */
export function bitReverse(i: number, logN: number): number {
  let r = 0;
  for (let b = 0; b < logN; b++) {
    r = (r << 1) | ((i >>> b) & 1);
  }
  return r >>> 0;
}

export function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && (n & (n - 1)) === 0;
}

/** Twiddle tables of one (N, q): ψ^brv(i) and ψ^{-brv(i)} with their Shoup data. */
export class NttTable {
  readonly N: number;
  readonly logN: number;
  readonly modulus: Modulus;
  /** The primitive 2N-th root of unity used (canonical: the least one). */
  readonly psi: bigint;
  // Forward twiddles ψ^brv(i): value, value/q, high and low 26-bit halves.
  private readonly fw: Float64Array;
  private readonly fwq: Float64Array;
  private readonly fwh: Float64Array;
  private readonly fwl: Float64Array;
  // Inverse twiddles ψ^{-brv(i)}.
  private readonly iw: Float64Array;
  private readonly iwq: Float64Array;
  private readonly iwh: Float64Array;
  private readonly iwl: Float64Array;
  private readonly nInv: ReturnType<Modulus['shoup']>;

  constructor(N: number, modulus: Modulus) {
    if (!isPowerOfTwo(N) || N < 2) {
      throw new InvalidParameterError('NTT size must be a power of two ≥ 2', { details: `N = ${N}` });
    }
    this.N = N;
    this.logN = Math.log2(N);
    this.modulus = modulus;
    const q = modulus.big;
    this.psi = minimalPrimitiveRoot(2 * N, q);
    const psiInv = BigInt(modulus.inv(this.psi));
    this.fw = new Float64Array(N);
    this.fwq = new Float64Array(N);
    this.fwh = new Float64Array(N);
    this.fwl = new Float64Array(N);
    this.iw = new Float64Array(N);
    this.iwq = new Float64Array(N);
    this.iwh = new Float64Array(N);
    this.iwl = new Float64Array(N);
    let p = 1n;
    let pi = 1n;
    for (let i = 0; i < N; i++) {
      const j = bitReverse(i, this.logN);
      this.set(this.fw, this.fwq, this.fwh, this.fwl, j, Number(p));
      this.set(this.iw, this.iwq, this.iwh, this.iwl, j, Number(pi));
      p = (p * this.psi) % q;
      pi = (pi * psiInv) % q;
    }
    this.nInv = modulus.shoup(modulus.inv(N));
  }

  private set(w: Float64Array, wq: Float64Array, wh: Float64Array, wl: Float64Array, j: number, v: number): void {
    const c = this.modulus.shoup(v);
    w[j] = c.w;
    wq[j] = c.wq;
    wh[j] = c.wh;
    wl[j] = c.wl;
  }

  /** In-place forward negacyclic NTT of a ∈ [0, q)^N (natural order in, bit-reversed out). */
  forward(a: Float64Array): void {
    const N = this.N;
    const { q, qh, ql } = this.modulus;
    const fwq = this.fwq;
    const fwh = this.fwh;
    const fwl = this.fwl;
    let t = N;
    for (let m = 1; m < N; m <<= 1) {
      t >>= 1;
      for (let i = 0; i < m; i++) {
        const j1 = 2 * i * t;
        const j2 = j1 + t;
        const wq = fwq[m + i];
        const wh = fwh[m + i];
        const wl = fwl[m + i];
        for (let j = j1; j < j2; j++) {
          const u = a[j];
          const x = a[j + t];
          // v = x·w mod q (exact Shoup multiplication, see modulus.ts)
          const qt = Math.floor(x * wq);
          const xh = Math.floor(x * INV_TWO26);
          const xl = x - xh * TWO26;
          const th = Math.floor(qt * INV_TWO26);
          const tl = qt - th * TWO26;
          let v = ((xh * wh - th * qh) * TWO26 + (xh * wl + xl * wh - th * ql - tl * qh)) * TWO26 + (xl * wl - tl * ql);
          v = v < 0 ? v + q : v >= q ? v - q : v;
          const s = u + v;
          const d = u - v;
          a[j] = s >= q ? s - q : s;
          a[j + t] = d < 0 ? d + q : d;
        }
      }
    }
  }

  /** In-place inverse negacyclic NTT (bit-reversed in, natural out), including the 1/N scaling. */
  inverse(a: Float64Array): void {
    const N = this.N;
    const { q, qh, ql } = this.modulus;
    const iwq = this.iwq;
    const iwh = this.iwh;
    const iwl = this.iwl;
    let t = 1;
    for (let m = N; m > 1; m >>= 1) {
      const h = m >> 1;
      let j1 = 0;
      for (let i = 0; i < h; i++) {
        const j2 = j1 + t;
        const wq = iwq[h + i];
        const wh = iwh[h + i];
        const wl = iwl[h + i];
        for (let j = j1; j < j2; j++) {
          const u = a[j];
          const y = a[j + t];
          const s = u + y;
          a[j] = s >= q ? s - q : s;
          let x = u - y;
          if (x < 0) x += q;
          const qt = Math.floor(x * wq);
          const xh = Math.floor(x * INV_TWO26);
          const xl = x - xh * TWO26;
          const th = Math.floor(qt * INV_TWO26);
          const tl = qt - th * TWO26;
          const v = ((xh * wh - th * qh) * TWO26 + (xh * wl + xl * wh - th * ql - tl * qh)) * TWO26 + (xl * wl - tl * ql);
          a[j + t] = v < 0 ? v + q : v >= q ? v - q : v;
        }
        j1 += 2 * t;
      }
      t <<= 1;
    }
    const c = this.nInv;
    for (let j = 0; j < N; j++) a[j] = this.modulus.mulShoup(a[j], c);
  }

  /** The twiddle ψ^brv(i) (for tests and documentation). */
  twiddle(i: number): number {
    return this.fw[i];
  }
  /** The inverse twiddle ψ^{-brv(i)}. */
  inverseTwiddle(i: number): number {
    return this.iw[i];
  }
}
