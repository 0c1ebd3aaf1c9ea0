/**
 * Vectorised quotient and remainder of x[k]·w by q (the array form of Modulus.mulDivRem): the
 * integer part of a product of residues is what BFV decryption and HPS scaling need
 * [HPS 2019, §3.2 and §4.2]. Exact for x[k] ∈ [0, 2^50) by the argument of modulus.ts.
 */
import type { Modulus, ShoupConstant } from './modulus.js';
import { MismatchError } from './errors.js';
import { residentHeap } from './wasm/pointwise.js';

// Local copies: imported bindings read inside hot loops cost ~3× under tsx's module transform.
const TWO26 = 67108864;
const INV_TWO26 = 1 / 67108864;

/** quo[k] = ⌊x[k]·w/q⌋, and frac[k] += (x[k]·w mod q)/q — the remainder as a fraction of q. */
export function limbMulDivRem(m: Modulus, x: Float64Array, c: ShoupConstant, quo: Float64Array, frac: Float64Array): void {
  if (quo.length !== x.length || frac.length !== x.length) {
    throw new MismatchError('Limb lengths differ', { details: `${x.length}, ${quo.length}, ${frac.length}` });
  }
  // In place on the kernel when all three live in its arena (same results: see mulDivRem in ntt.as.ts).
  const h = residentHeap(x, quo, frac);
  if (h !== undefined) return h.k.mulDivRem(x.byteOffset, quo.byteOffset, frac.byteOffset, x.length, m.q, m.qInv, c.w, c.wq);
  const q = m.q, qh = m.qh, ql = m.ql, inv = m.qInv;
  const { wq, wh, wl } = c;
  for (let k = 0; k < x.length; k++) {
    const xk = x[k];
    let qt = Math.floor(xk * wq);
    const xh = Math.floor(xk * INV_TWO26);
    const xl = xk - xh * TWO26;
    const th = Math.floor(qt * INV_TWO26);
    const tl = qt - th * TWO26;
    let r = ((xh * wh - th * qh) * TWO26 + (xh * wl + xl * wh - th * ql - tl * qh)) * TWO26 + (xl * wl - tl * ql);
    if (r < 0) {
      r += q;
      qt -= 1;
    } else if (r >= q) {
      r -= q;
      qt += 1;
    }
    quo[k] = qt;
    frac[k] += r * inv;
  }
}
