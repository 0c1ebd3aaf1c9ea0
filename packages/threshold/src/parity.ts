/**
 * The Reed–Solomon parity check of a Shamir sharing (spec 003, C2: "H_j · y_{i,j}^T = 0 mod q_j").
 *
 * Values c_1..c_m at distinct points x_1..x_m are evaluations of one polynomial of degree ≤ T iff
 *   Σ_k v_k · x_k^d · c_k = 0   for d = 0 .. m − T − 2,   with v_k = 1 / Π_{l ≠ k} (x_k − x_l),
 * because Σ_k v_k·g(x_k) is the leading (degree m − 1) coefficient of the interpolant of g, which
 * vanishes exactly when deg g ≤ m − 2 (the dual of a generalised Reed–Solomon code). Rows: m − T − 1;
 * with m ≤ T + 1 points every vector is a codeword (nothing can be checked).
 */
import { type Modulus, type RingContext, type RnsPoly, InvalidParameterError } from '@interfold/ring';
import { checkIds } from './lagrange.js';

/** H (rows × m) modulo m.q for the points `ids` and degree bound T. */
export function parityCheckMatrix(ids: readonly number[], T: number, m: Modulus): number[][] {
  checkIds(ids, m);
  const rows = ids.length - T - 1;
  if (rows <= 0) return [];
  const v = ids.map((xk, k) => {
    let den = 1;
    for (let l = 0; l < ids.length; l++) if (l !== k) den = m.mul(den, m.sub(m.reduce(xk), m.reduce(ids[l])));
    return m.inv(den);
  });
  const H: number[][] = [];
  for (let d = 0; d < rows; d++) H.push(ids.map((xk, k) => m.mul(v[k], m.pow(xk, d))));
  return H;
}

/**
 * Checks, for every coefficient of every limb, that the polynomials `values` (one per id) are the
 * evaluations of a degree-≤T polynomial. Returns the indices (coefficient, limb) of the first
 * failure, or null when the whole matrix is a codeword.
 */
export function firstParityFailure(
  ctx: RingContext,
  ids: readonly number[],
  values: readonly RnsPoly[],
  T: number,
): { coefficient: number; limb: number } | null {
  if (ids.length !== values.length) throw new InvalidParameterError('ids and values differ in length');
  const N = ctx.N;
  for (let l = 0; l < ctx.L; l++) {
    const m = ctx.moduli[l];
    const H = parityCheckMatrix(ids, T, m).map((row) => row.map((h) => m.shoup(h)));
    const q = m.q;
    for (const row of H) {
      const acc = new Float64Array(N);
      values.forEach((p, k) => {
        ctx.check(p);
        const x = p.limbs[l];
        const h = row[k];
        for (let i = 0; i < N; i++) {
          const s = acc[i] + m.mulShoup(x[i], h);
          acc[i] = s >= q ? s - q : s;
        }
      });
      for (let i = 0; i < N; i++) if (acc[i] !== 0) return { coefficient: i, limb: l };
    }
  }
  return null;
}

export function isCodeword(ctx: RingContext, ids: readonly number[], values: readonly RnsPoly[], T: number): boolean {
  return firstParityFailure(ctx, ids, values, T) === null;
}
