/**
 * Exact modular arithmetic on JavaScript numbers for moduli q < 2^50.
 *
 * JS numbers are IEEE-754 doubles: integers are exact only up to 2^53, so the 100-bit product
 * a·b of two residues cannot be formed directly. We never form it. Instead (a variant of the
 * Barrett/Shoup idea that suits doubles):
 *
 *   1. Estimate the quotient  qt = floor(a·b/q)  in floating point.
 *   2. Split a, b and qt into 26-bit halves (x = xh·2^26 + xl) and q likewise (precomputed).
 *   3. Evaluate  r = a·b − qt·q  as  ((A·2^26 + B)·2^26 + C)  with
 *        A = ah·bh − th·qh,  B = ah·bl + al·bh − th·ql − tl·qh,  C = al·bl − tl·ql.
 *
 * Proof of exactness (q < 2^50, a, b ∈ [0, 2^50), b < q):
 *   - ah, bh, th, qh < 2^24 + 1 and al, bl, tl, ql < 2^26, so every partial product is an integer
 *     below 2^50: exact. A is a difference of two values < 2^48: exact. B's partial sums stay in
 *     (−2^52, 2^52): exact. C ∈ (−2^52, 2^52): exact.
 *   - Quotient error: fl(fl(a·b)·fl(1/q)) = (a·b/q)(1+δ) with |δ| ≤ 3·2^-53 (three roundings), and
 *     a·b/q < 2^50, so the computed real is within 0.375 of a·b/q and qt = floor of it lies in
 *     {⌊a·b/q⌋−1, ⌊a·b/q⌋, ⌊a·b/q⌋+1} with a·b/q − qt ∈ (−0.375, 1.375). Hence the true
 *     r = a·b − qt·q ∈ (−0.375q, 1.375q) ⊂ (−2^51, 2^51).
 *   - A·2^26 is a power-of-two scaling: exact. The exact value of A·2^26 + B is (r − C)/2^26, an
 *     integer of magnitude < 2^27; IEEE addition is correctly rounded, so a representable exact
 *     result is returned exactly. The same argument makes (…)·2^26 + C = r exact.
 *   - One conditional add or subtract of q brings r into [0, q).
 * For a fixed multiplicand w (NTT twiddles, CRT constants) the quotient uses a precomputed
 * w/q (`shoup` below, two roundings, error < 0.25) and the split of w is precomputed too.
 *
 * The tests check this at the edges (q−1, 2^50−1 operands, random) against BigInt.
 */
import { InvalidParameterError } from './errors.js';

export const TWO26 = 67108864; // 2^26
export const INV_TWO26 = 1 / TWO26; // exact power of two
/** Largest modulus (exclusive) the arithmetic of this file supports. */
export const MAX_MODULUS_BITS = 50;
export const MAX_MODULUS = 2 ** MAX_MODULUS_BITS;

/** A multiplicand precomputed for repeated multiplication modulo one q (Shoup-style). */
export type ShoupConstant = {
  /** The value w ∈ [0, q). */
  readonly w: number;
  /** w / q as a double (quotient estimate). */
  readonly wq: number;
  /** High 26-bit half of w. */
  readonly wh: number;
  /** Low 26-bit half of w. */
  readonly wl: number;
};

export class Modulus {
  /** The modulus as a number (exact: q < 2^50). */
  readonly q: number;
  readonly big: bigint;
  /** 1 / q rounded to double. */
  readonly qInv: number;
  readonly qh: number;
  readonly ql: number;
  /** Bit length of q. */
  readonly bits: number;

  constructor(q: bigint | number) {
    const big = typeof q === 'bigint' ? q : BigInt(q);
    if (big < 2n || big >= BigInt(MAX_MODULUS)) {
      throw new InvalidParameterError('Modulus out of range', {
        details: `q = ${big}; need 2 ≤ q < 2^${MAX_MODULUS_BITS}`,
      });
    }
    this.big = big;
    this.q = Number(big);
    this.qInv = 1 / this.q;
    this.qh = Math.floor(this.q * INV_TWO26);
    this.ql = this.q - this.qh * TWO26;
    this.bits = big.toString(2).length;
    Object.freeze(this);
  }

  /** a + b mod q for a, b ∈ [0, q). */
  add(a: number, b: number): number {
    const s = a + b;
    return s >= this.q ? s - this.q : s;
  }

  /** a − b mod q for a, b ∈ [0, q). */
  sub(a: number, b: number): number {
    const d = a - b;
    return d < 0 ? d + this.q : d;
  }

  /** −a mod q for a ∈ [0, q). */
  neg(a: number): number {
    return a === 0 ? 0 : this.q - a;
  }

  /** a·b mod q for a ∈ [0, 2^50), b ∈ [0, q). Exact; see the file comment. */
  mul(a: number, b: number): number {
    const q = this.q;
    const qt = Math.floor(a * b * this.qInv);
    const ah = Math.floor(a * INV_TWO26);
    const al = a - ah * TWO26;
    const bh = Math.floor(b * INV_TWO26);
    const bl = b - bh * TWO26;
    const th = Math.floor(qt * INV_TWO26);
    const tl = qt - th * TWO26;
    const r =
      ((ah * bh - th * this.qh) * TWO26 + (ah * bl + al * bh - th * this.ql - tl * this.qh)) * TWO26 +
      (al * bl - tl * this.ql);
    return r < 0 ? r + q : r >= q ? r - q : r;
  }

  /** Precomputes w ∈ [0, q) for `mulShoup`. */
  shoup(w: number): ShoupConstant {
    if (!(w >= 0 && w < this.q && Number.isInteger(w))) {
      throw new InvalidParameterError('Shoup constant out of range', { details: `w = ${w}, q = ${this.q}` });
    }
    const wh = Math.floor(w * INV_TWO26);
    return Object.freeze({ w, wq: w / this.q, wh, wl: w - wh * TWO26 });
  }

  /** x·w mod q for x ∈ [0, 2^50) and a precomputed w. Exact (quotient error < 0.25). */
  mulShoup(x: number, c: ShoupConstant): number {
    const q = this.q;
    const qt = Math.floor(x * c.wq);
    const xh = Math.floor(x * INV_TWO26);
    const xl = x - xh * TWO26;
    const th = Math.floor(qt * INV_TWO26);
    const tl = qt - th * TWO26;
    const r =
      ((xh * c.wh - th * this.qh) * TWO26 + (xh * c.wl + xl * c.wh - th * this.ql - tl * this.qh)) * TWO26 +
      (xl * c.wl - tl * this.ql);
    return r < 0 ? r + q : r >= q ? r - q : r;
  }

  /**
   * Quotient and remainder of x·w by q: x·w = quo·q + rem with rem ∈ [0, q). Used where the
   * integer part of a product of residues matters (BFV decryption and scaling, HPS 2018 §4).
   * Both are exact; quo < 2^50.
   */
  mulDivRem(x: number, c: ShoupConstant): { quo: number; rem: number } {
    const q = this.q;
    let qt = Math.floor(x * c.wq);
    const xh = Math.floor(x * INV_TWO26);
    const xl = x - xh * TWO26;
    const th = Math.floor(qt * INV_TWO26);
    const tl = qt - th * TWO26;
    let r =
      ((xh * c.wh - th * this.qh) * TWO26 + (xh * c.wl + xl * c.wh - th * this.ql - tl * this.qh)) * TWO26 +
      (xl * c.wl - tl * this.ql);
    if (r < 0) {
      r += q;
      qt -= 1;
    } else if (r >= q) {
      r -= q;
      qt += 1;
    }
    return { quo: qt, rem: r };
  }

  /** Reduces an integer x with |x| < 2^52 into [0, q) (so that f·q below stays exact). */
  reduce(x: number): number {
    const r = x - Math.floor(x * this.qInv) * this.q;
    // x·qInv may be off by one ulp in either direction: fix up.
    return r < 0 ? r + this.q : r >= this.q ? r - this.q : r;
  }

  /** Reduces a bigint into [0, q) as a number. */
  reduceBig(x: bigint): number {
    const r = x % this.big;
    return Number(r < 0n ? r + this.big : r);
  }

  /** b^e mod q (BigInt; for precomputation only). */
  pow(b: number | bigint, e: number | bigint): number {
    return Number(powMod(BigInt(b), BigInt(e), this.big));
  }

  /** a^{-1} mod q; throws if a is not invertible. */
  inv(a: number | bigint): number {
    return Number(invMod(BigInt(a), this.big));
  }

  /** The centered representative of a ∈ [0, q): in (−q/2, q/2]. */
  center(a: number): number {
    return a > this.q / 2 ? a - this.q : a;
  }
}

/** b^e mod m over BigInt. */
export function powMod(b: bigint, e: bigint, m: bigint): bigint {
  if (e < 0n) return powMod(invMod(b, m), -e, m);
  let r = 1n % m;
  let x = ((b % m) + m) % m;
  while (e > 0n) {
    if (e & 1n) r = (r * x) % m;
    x = (x * x) % m;
    e >>= 1n;
  }
  return r;
}

/** a^{-1} mod m (extended Euclid); throws InvalidParameterError if gcd(a, m) ≠ 1. */
export function invMod(a: bigint, m: bigint): bigint {
  let [r0, r1] = [((a % m) + m) % m, m];
  let [s0, s1] = [1n, 0n];
  while (r1 !== 0n) {
    const qq = r0 / r1;
    [r0, r1] = [r1, r0 - qq * r1];
    [s0, s1] = [s1, s0 - qq * s1];
  }
  if (r0 !== 1n) throw new InvalidParameterError('Value not invertible', { details: `gcd(${a}, ${m}) = ${r0}` });
  return ((s0 % m) + m) % m;
}
