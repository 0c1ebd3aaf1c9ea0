/**
 * Pointwise modular operations on one RNS limb (a Float64Array of residues modulo one q), on the
 * WebAssembly kernel when the backend is 'wasm' and in pure TypeScript otherwise. The results
 * are identical (each value is the unique representative in [0, q)); the TypeScript loops are
 * exactly those of Modulus.mul / Modulus.mulShoup and are the reference.
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

function sameLength(n: number, ...arrays: Float64Array[]): void {
  for (const a of arrays) {
    if (a.length !== n) throw new MismatchError('Limb lengths differ', { details: `${a.length} vs ${n}` });
  }
}

/** out[k] = x[k]·y[k] mod q. `out` may be x or y. */
export function limbMulPointwise(m: Modulus, x: Float64Array, y: Float64Array, out: Float64Array): void {
  const n = x.length;
  sameLength(n, y, out);
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
