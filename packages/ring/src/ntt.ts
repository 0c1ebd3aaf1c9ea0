/**
 * Negacyclic number-theoretic transform over Z_q[X]/(X^N + 1), in place.
 *
 * Forward: Cooley–Tukey with the powers of ψ merged into the twiddles, natural order in,
 * bit-reversed order out; inverse: Gentleman–Sande, bit-reversed in, natural out, then the
 * scaling by N^{-1} [Longa–Naehrig, "Speeding up the NTT for RLWE", CANS 2016, Alg. 1 and 2].
 * Output index i holds a(ψ^(2·brv(i)+1)): the evaluation of a at the odd powers of ψ, which is
 * what makes the pointwise product equal the negacyclic product.
 *
 * Two implementations, bit-for-bit identical (both return the unique residues in [0, q)):
 *   - `forwardJs` / `inverseJs`: pure TypeScript, the reference. Each multiplication by a
 *     twiddle is the exact double-precision Shoup multiplication of `modulus.ts`, inlined
 *     because the butterflies are the hot loop of the whole library.
 *   - the WebAssembly kernel (packages/ring/wasm/ntt.as.ts, i64 + 128-bit SIMD; its header
 *     proves its multiplication exact), used by `forward` / `inverse` when the backend is 'wasm'
 *     (the default where it can be instantiated; see wasm/backend.ts), against this table's
 *     twiddles (uploaded once, on first use). A limb that lives in the kernel's arena (every
 *     RnsPoly allocated by a RingContext, see wasm/arena.ts) is transformed in place; any other
 *     Float64Array is copied into kernel memory and back.
 * Both check their input: exactly N integers in [0, q), else InvalidParameterError (and `a` is
 * left unchanged).
 */
import { InvalidParameterError } from './errors.js';
import { INV_TWO26, Modulus, TWO26 } from './modulus.js';
import { minimalPrimitiveRoot } from './primes.js';
import { getNttBackend } from './wasm/backend.js';
import { kernelHeap, Scratch, WasmUnavailableError, type WasmHeap } from './wasm/instance.js';

export { getNttBackend, setNttBackend, type NttBackend } from './wasm/backend.js';
export { isWasmAvailable, WasmUnavailableError } from './wasm/instance.js';
export { limbMulPointwise, limbMulAddPointwise, limbMulScalar, limbAdd, limbSub, limbNeg, limbAddWide, limbReduceCentered, limbAccumulateScaled } from './wasm/pointwise.js';

/** Bit-reversal of i over log2(n) bits. */
export function bitReverse(i: number, logN: number): number {
  let r = 0;
  for (let b = 0; b < logN; b++) {
    r = (r << 1) | ((i >>> b) & 1);
  }
  return r >>> 0;
}

/** Largest supported transform size (the kernel and the tests cover every power of two up to it). */
export const MAX_NTT_SIZE = 1 << 16;

export function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && (n & (n - 1)) === 0;
}

/** One slot of N values: the limb being transformed by the kernel. */
const scratch = new Scratch(1);

/** A table's twiddles in kernel memory: forward at ptr (N entries), inverse at ptr + 16N (N + 2). */
type WasmTwiddles = { readonly heap: WasmHeap; readonly ptr: number; readonly bytes: number };

/** Returns a collected table's kernel memory to the allocator. */
const reclaim = new FinalizationRegistry<WasmTwiddles>((t) => t.heap.release(t.ptr, t.bytes));

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
  /** Kernel-side copy of the twiddles, made on first WebAssembly use. */
  private wasm: WasmTwiddles | undefined;

  constructor(N: number, modulus: Modulus) {
    if (!isPowerOfTwo(N) || N < 2 || N > MAX_NTT_SIZE) {
      throw new InvalidParameterError('NTT size must be a power of two in [2, 2^16]', { details: `N = ${N}` });
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
    // Successive powers by the exact Shoup multiplication of modulus.ts (≈10× faster than
    // BigInt; the values are the same exact residues).
    const step = modulus.shoup(Number(this.psi));
    const stepInv = modulus.shoup(modulus.inv(this.psi));
    let p = 1;
    let pi = 1;
    for (let i = 0; i < N; i++) {
      const j = bitReverse(i, this.logN);
      this.set(this.fw, this.fwq, this.fwh, this.fwl, j, p);
      this.set(this.iw, this.iwq, this.iwh, this.iwl, j, pi);
      p = modulus.mulShoup(p, step);
      pi = modulus.mulShoup(pi, stepInv);
    }
    this.nInv = modulus.shoup(modulus.inv(N));
  }

  /** Entry j of a table: v ∈ [0, q) with the fields of Modulus.shoup(v) (same expressions). */
  private set(w: Float64Array, wq: Float64Array, wh: Float64Array, wl: Float64Array, j: number, v: number): void {
    const h = Math.floor(v * INV_TWO26);
    w[j] = v;
    wq[j] = v / this.modulus.q;
    wh[j] = h;
    wl[j] = v - h * TWO26;
  }

  /** In-place forward negacyclic NTT of a ∈ [0, q)^N (natural order in, bit-reversed out). */
  forward(a: Float64Array): void {
    if (getNttBackend() === 'wasm') this.runWasm(a, false);
    else this.forwardJs(a);
  }

  /** In-place inverse negacyclic NTT (bit-reversed in, natural out), including the 1/N scaling. */
  inverse(a: Float64Array): void {
    if (getNttBackend() === 'wasm') this.runWasm(a, true);
    else this.inverseJs(a);
  }

  /** `forward` in pure TypeScript (the reference). */
  forwardJs(a: Float64Array): void {
    this.check(a);
    const N = this.N;
    const { q, qh, ql } = this.modulus;
    // Module-level imports are live bindings that V8 re-reads (with a hole check) on every use
    // in a hot loop; local copies let it keep them in registers (measured 3× faster).
    const T26 = TWO26;
    const I26 = INV_TWO26;
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
          const xh = Math.floor(x * I26);
          const xl = x - xh * T26;
          const th = Math.floor(qt * I26);
          const tl = qt - th * T26;
          let v = ((xh * wh - th * qh) * T26 + (xh * wl + xl * wh - th * ql - tl * qh)) * T26 + (xl * wl - tl * ql);
          v = v < 0 ? v + q : v >= q ? v - q : v;
          const s = u + v;
          const d = u - v;
          a[j] = s >= q ? s - q : s;
          a[j + t] = d < 0 ? d + q : d;
        }
      }
    }
  }

  /** `inverse` in pure TypeScript (the reference). */
  inverseJs(a: Float64Array): void {
    this.check(a);
    const N = this.N;
    const { q, qh, ql } = this.modulus;
    const T26 = TWO26;
    const I26 = INV_TWO26;
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
          const xh = Math.floor(x * I26);
          const xl = x - xh * T26;
          const th = Math.floor(qt * I26);
          const tl = qt - th * T26;
          const v = ((xh * wh - th * qh) * T26 + (xh * wl + xl * wh - th * ql - tl * qh)) * T26 + (xl * wl - tl * ql);
          a[j + t] = v < 0 ? v + q : v >= q ? v - q : v;
        }
        j1 += 2 * t;
      }
      t <<= 1;
    }
    const c = this.nInv;
    const m = this.modulus;
    for (let j = 0; j < N; j++) a[j] = m.mulShoup(a[j], c);
  }

  /** The twiddle ψ^brv(i) (for tests and documentation). */
  twiddle(i: number): number {
    return this.fw[i];
  }
  /** The inverse twiddle ψ^{-brv(i)}. */
  inverseTwiddle(i: number): number {
    return this.iw[i];
  }

  /** Throws unless a holds exactly N integers in [0, q). */
  private check(a: Float64Array): void {
    const N = this.N;
    if (a.length !== N) {
      throw new InvalidParameterError('NTT input has the wrong length', { details: `length ${a.length}, N = ${N}` });
    }
    const q = this.modulus.q;
    for (let j = 0; j < N; j++) {
      const x = a[j];
      if (!(x >= 0 && x < q && Math.floor(x) === x)) throw this.rangeError(a);
    }
  }

  private rangeError(a: Float64Array): InvalidParameterError {
    const q = this.modulus.q;
    const j = a.findIndex((x) => !(x >= 0 && x < q && Math.floor(x) === x));
    return new InvalidParameterError('NTT input is not a residue modulo q', { details: `a[${j}] = ${a[j]}, q = ${q}` });
  }

  /**
   * Transforms a on the kernel: in place when a is a view into the kernel's arena (an RnsPoly
   * limb), else copied into a scratch slot and back. a is unchanged on error in both cases.
   */
  private runWasm(a: Float64Array, inverse: boolean): void {
    const N = this.N;
    if (a.length !== N) {
      throw new InvalidParameterError('NTT input has the wrong length', { details: `length ${a.length}, N = ${N}` });
    }
    const h = kernelHeap();
    // Both may allocate: before any copy. If the arena is full, the TypeScript path computes
    // the same result.
    let tw: number;
    try {
      tw = this.wasm?.ptr ?? this.upload(h);
    } catch (e) {
      if (!(e instanceof WasmUnavailableError)) throw e;
      return inverse ? this.inverseJs(a) : this.forwardJs(a);
    }
    const q = this.modulus.q;
    let p = h.addressOf(a);
    const resident = p >= 0;
    if (resident) {
      // The transform detects a bad value only after its first stage has written: check first.
      if (h.k.firstInvalid(p, N, q) >= 0) throw this.rangeError(a);
    } else {
      try {
        p = scratch.ensure(h, N);
      } catch (e) {
        if (!(e instanceof WasmUnavailableError)) throw e;
        return inverse ? this.inverseJs(a) : this.forwardJs(a);
      }
      h.f64.set(a, p >>> 3);
    }
    const rc = inverse ? h.k.inverse(p, tw + 16 * N, this.logN, q) : h.k.forward(p, tw, this.logN, q);
    if (rc !== 0) throw this.rangeError(a);
    if (!resident) a.set(h.f64.subarray(p >>> 3, (p >>> 3) + N));
  }

  /** Writes both twiddle tables into kernel memory (layout: see ntt.as.ts); returns the address. */
  private upload(h: WasmHeap): number {
    const N = this.N;
    const m = this.modulus;
    const bytes = 16 * (2 * N + 2);
    const ptr = h.alloc(bytes);
    const f = h.f64;
    const fo = ptr >>> 3;
    const io = fo + 2 * N;
    for (let i = 0; i < N; i++) {
      f[fo + 2 * i] = this.fw[i];
      f[fo + 2 * i + 1] = this.fwq[i];
      f[io + 2 * i] = this.iw[i];
      f[io + 2 * i + 1] = this.iwq[i];
    }
    const nInvW = m.shoup(m.mul(this.iw[1], this.nInv.w));
    f[io + 2 * N] = this.nInv.w;
    f[io + 2 * N + 1] = this.nInv.wq;
    f[io + 2 * N + 2] = nInvW.w;
    f[io + 2 * N + 3] = nInvW.wq;
    h.k.prepTwiddles(ptr, 2 * N + 2);
    this.wasm = { heap: h, ptr, bytes };
    reclaim.register(this, this.wasm);
    return ptr;
  }
}
