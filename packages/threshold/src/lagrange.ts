/**
 * Lagrange coefficients at 0 (spec 003, C7): for the authorised ids x_1 < … < x_m,
 *   L_i(0) = Π_{j ≠ i} (−x_j)/(x_i − x_j)  mod q,
 * so that f(0) = Σ_i L_i(0)·f(x_i) for every f of degree < m. Computed per limb modulus.
 */
import { InvalidParameterError, type Modulus, type RingContext, type RnsPoly } from '@interfold/ring';

/** Throws unless ids are distinct integers in [1, q). */
export function checkIds(ids: readonly number[], m: Modulus): void {
  const seen = new Set<number>();
  for (const x of ids) {
    if (!Number.isSafeInteger(x) || x < 1 || x >= m.q) {
      throw new InvalidParameterError('Party id out of range', { details: `id ${x}; need 1 ≤ id < q = ${m.q}` });
    }
    if (seen.has(x)) throw new InvalidParameterError('Duplicate party id', { details: `id ${x}` });
    seen.add(x);
  }
}

/** [L_1(0), …, L_m(0)] modulo m.q, in the order of `ids`. */
export function lagrangeAtZero(ids: readonly number[], m: Modulus): number[] {
  checkIds(ids, m);
  return ids.map((xi, i) => {
    let num = 1;
    let den = 1;
    for (let j = 0; j < ids.length; j++) {
      if (j === i) continue;
      num = m.mul(num, m.neg(m.reduce(ids[j])));
      den = m.mul(den, m.sub(m.reduce(xi), m.reduce(ids[j])));
    }
    return m.mul(num, m.inv(den));
  });
}

/**
 * Σ_i c_i·p_i with one scalar per polynomial per limb (coeffs[l][i] modulo limb l), in the form of
 * the inputs (all coefficient form or all NTT form). Used for interpolation at 0.
 */
export function linearCombination(ctx: RingContext, polys: readonly RnsPoly[], coeffs: readonly (readonly number[])[]): RnsPoly {
  if (polys.length === 0) throw new InvalidParameterError('Empty linear combination');
  const isNtt = polys[0].isNtt;
  const out = ctx.zero(isNtt);
  const N = ctx.N;
  ctx.moduli.forEach((m, l) => {
    const z = out.limbs[l];
    const q = m.q;
    polys.forEach((p, i) => {
      ctx.check(p);
      if (p.isNtt !== isNtt) throw new InvalidParameterError('Mixed NTT and coefficient forms in a linear combination');
      const c = m.shoup(coeffs[l][i]);
      const x = p.limbs[l];
      for (let k = 0; k < N; k++) {
        const s = z[k] + m.mulShoup(x[k], c);
        z[k] = s >= q ? s - q : s;
      }
    });
  });
  return out;
}

/** f(0) from the points (ids[i], values[i]) of a degree < ids.length sharing, per coefficient per limb. */
export function interpolateAtZero(ctx: RingContext, ids: readonly number[], values: readonly RnsPoly[]): RnsPoly {
  if (ids.length !== values.length) throw new InvalidParameterError('ids and values differ in length', { details: `${ids.length} vs ${values.length}` });
  const coeffs = ctx.moduli.map((m) => lagrangeAtZero(ids, m));
  return linearCombination(ctx, values, coeffs);
}
