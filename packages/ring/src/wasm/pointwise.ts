/**
 * Pointwise modular operations on one RNS limb (a Float64Array of residues modulo one q), on the
 * WebAssembly kernel when the backend is 'wasm' and in pure TypeScript otherwise. The results
 * are identical (each value is the unique representative in [0, q)); the TypeScript loops are
 * exactly those of Modulus.mul / Modulus.mulShoup and are the reference.
 *
 * When every operand is a view into the kernel's arena (an RnsPoly allocated there, see
 * arena.ts) the kernel works on it in place: no copy in or out. Otherwise the operands are copied
 * into a scratch area and back (multiplications) or the TypeScript loop runs (additions, where a
 * copy would cost more than the loop).
 *
 * Preconditions (as for Modulus.mul, not checked element by element): x ∈ [0, 2^50) and
 * y, acc ∈ [0, q) integers. Lengths are checked.
 */
import { MismatchError } from '../errors.js';
import type { Modulus, ShoupConstant } from '../modulus.js';
import { getNttBackend } from './backend.js';
import { kernelHeap, Scratch, WasmUnavailableError, type WasmHeap } from './instance.js';

/** Operand slots: x, y, acc (each `scratch.cap` values); products are written over slot 0. */
const scratch = new Scratch(3);

/**
 * The kernel heap and the address of scratch slots of n values, or undefined when the backend
 * is 'js' or (rarely) the wasm32 memory is exhausted: the TypeScript loop then computes the
 * same result.
 */
function wasmScratch(n: number): { h: WasmHeap; px: number } | undefined {
  if (getNttBackend() !== 'wasm') return undefined;
  const h = kernelHeap();
  try {
    return { h, px: scratch.ensure(h, n) };
  } catch (e) {
    if (e instanceof WasmUnavailableError) return undefined;
    throw e;
  }
}

/** The kernel heap if the backend is 'wasm' and every array is a view into its arena. */
export function residentHeap(...arrays: Float64Array[]): WasmHeap | undefined {
  if (getNttBackend() !== 'wasm') return undefined;
  const h = kernelHeap();
  for (const a of arrays) if (a.buffer !== h.buffer) return undefined;
  return h;
}

function sameLength(n: number, ...arrays: Float64Array[]): void {
  for (const a of arrays) {
    if (a.length !== n) throw new MismatchError('Limb lengths differ', { details: `${a.length} vs ${n}` });
  }
}

/** out[k] = x[k]·y[k] mod q. `out` may be x or y. */
export function limbMulPointwise(m: Modulus, x: Float64Array, y: Float64Array, out: Float64Array): void {
  const n = x.length;
  sameLength(n, y, out);
  const r = residentHeap(x, y, out);
  if (r !== undefined) return r.k.mulPointwise(x.byteOffset, y.byteOffset, out.byteOffset, n, m.q, m.qInv);
  const w = wasmScratch(n);
  if (w !== undefined) {
    const { h, px } = w;
    const py = px + 8 * scratch.cap;
    h.f64.set(x, px >>> 3);
    h.f64.set(y, py >>> 3);
    h.k.mulPointwise(px, py, px, n, m.q, m.qInv);
    out.set(h.f64.subarray(px >>> 3, (px >>> 3) + n));
    return;
  }
  for (let k = 0; k < n; k++) out[k] = m.mul(x[k], y[k]);
}

/** acc[k] = (acc[k] + x[k]·y[k]) mod q. */
export function limbMulAddPointwise(m: Modulus, x: Float64Array, y: Float64Array, acc: Float64Array): void {
  const n = x.length;
  sameLength(n, y, acc);
  const r = residentHeap(x, y, acc);
  if (r !== undefined) return r.k.mulAddPointwise(x.byteOffset, y.byteOffset, acc.byteOffset, n, m.q, m.qInv);
  const w = wasmScratch(n);
  if (w !== undefined) {
    const { h, px } = w;
    const py = px + 8 * scratch.cap;
    const pa = py + 8 * scratch.cap;
    h.f64.set(x, px >>> 3);
    h.f64.set(y, py >>> 3);
    h.f64.set(acc, pa >>> 3);
    h.k.mulAddPointwise(px, py, pa, n, m.q, m.qInv);
    acc.set(h.f64.subarray(pa >>> 3, (pa >>> 3) + n));
    return;
  }
  const q = m.q;
  for (let k = 0; k < n; k++) {
    const s = acc[k] + m.mul(x[k], y[k]);
    acc[k] = s >= q ? s - q : s;
  }
}

/** out[k] = x[k]·c mod q for a Shoup constant c of this modulus. `out` may be x. */
export function limbMulScalar(m: Modulus, x: Float64Array, c: ShoupConstant, out: Float64Array): void {
  const n = x.length;
  sameLength(n, out);
  const r = residentHeap(x, out);
  if (r !== undefined) return r.k.mulScalar(x.byteOffset, out.byteOffset, n, m.q, c.w, c.wq);
  const w = wasmScratch(n);
  if (w !== undefined) {
    const { h, px } = w;
    h.f64.set(x, px >>> 3);
    h.k.mulScalar(px, px, n, m.q, c.w, c.wq);
    out.set(h.f64.subarray(px >>> 3, (px >>> 3) + n));
    return;
  }
  for (let k = 0; k < n; k++) out[k] = m.mulShoup(x[k], c);
}

/** out[k] = (x[k] + y[k]) mod q for residues in [0, q). `out` may be x or y. */
export function limbAdd(m: Modulus, x: Float64Array, y: Float64Array, out: Float64Array): void {
  const n = x.length;
  sameLength(n, y, out);
  const r = residentHeap(x, y, out);
  if (r !== undefined) return r.k.addMod(x.byteOffset, y.byteOffset, out.byteOffset, n, m.q);
  // Branch-free reduction: s = x + y − q ∈ [−q, q), and floor(s/q) ∈ {−1, 0} exactly (|s/q| < 1
  // is computed without rounding up to ±1 for q < 2^50), so a data-dependent branch — mispredicted
  // half the time on uniform residues — is avoided.
  const q = m.q;
  const qInv = m.qInv;
  for (let k = 0; k < n; k++) {
    const s = x[k] + y[k] - q;
    out[k] = s - q * Math.floor(s * qInv);
  }
}

/** out[k] = (x[k] − y[k]) mod q. */
export function limbSub(m: Modulus, x: Float64Array, y: Float64Array, out: Float64Array): void {
  const n = x.length;
  sameLength(n, y, out);
  const r = residentHeap(x, y, out);
  if (r !== undefined) return r.k.subMod(x.byteOffset, y.byteOffset, out.byteOffset, n, m.q);
  const q = m.q;
  const qInv = m.qInv;
  for (let k = 0; k < n; k++) {
    const d = x[k] - y[k]; // ∈ (−q, q): branch-free as in limbAdd
    out[k] = d - q * Math.floor(d * qInv);
  }
}

/** out[k] = −x[k] mod q. */
export function limbNeg(m: Modulus, x: Float64Array, out: Float64Array): void {
  const n = x.length;
  sameLength(n, out);
  const r = residentHeap(x, out);
  if (r !== undefined) return r.k.negMod(x.byteOffset, out.byteOffset, n, m.q);
  const q = m.q;
  for (let k = 0; k < n; k++) out[k] = x[k] === 0 ? 0 : q - x[k];
}

/** out[k] = (x[k] + y'[k]) mod q with y' = y − q where y ≥ q: x ∈ [0, q), y ∈ [0, 2q). */
export function limbAddWide(m: Modulus, x: Float64Array, y: Float64Array, out: Float64Array): void {
  const n = x.length;
  sameLength(n, y, out);
  const r = residentHeap(x, y, out);
  if (r !== undefined) return r.k.addModWide(x.byteOffset, y.byteOffset, out.byteOffset, n, m.q);
  const q = m.q;
  for (let k = 0; k < n; k++) {
    const v = y[k] >= q ? y[k] - q : y[k];
    const s = x[k] + v;
    out[k] = s >= q ? s - q : s;
  }
}

/** out[k] = c mod to.q for c the centered representative (in (−q/2, q/2]) of x[k] ∈ [0, from.q). */
export function limbReduceCentered(from: Modulus, to: Modulus, x: Float64Array, out: Float64Array): void {
  const n = x.length;
  sameLength(n, out);
  const r = residentHeap(x, out);
  if (r !== undefined) return r.k.reduceCentered(x.byteOffset, out.byteOffset, n, from.q, to.q, to.qInv);
  const qi = from.q;
  const half = qi / 2;
  for (let k = 0; k < n; k++) {
    const v = x[k];
    out[k] = to.reduce(v > half ? v - qi : v);
  }
}

/** acc[k] += y[k]·s (plain f64 arithmetic: the fractional sums of a base conversion). */
export function limbAccumulateScaled(y: Float64Array, s: number, acc: Float64Array): void {
  const n = y.length;
  sameLength(n, acc);
  const r = residentHeap(y, acc);
  if (r !== undefined) return r.k.accumulateScaled(y.byteOffset, acc.byteOffset, n, s);
  for (let k = 0; k < n; k++) acc[k] += y[k] * s;
}
