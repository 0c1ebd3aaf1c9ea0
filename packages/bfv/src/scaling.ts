/**
 * The two places where BFV crosses between Z_t and Z_Q:
 *
 * Encryption adds the scaled message  (Q·m − [Q·m]_t)/t,  an exact integer polynomial. Modulo
 * q_i it equals  k1·k0_i  with  k1 = [Q·m]_t  and  k0_i = (−t)^{-1} mod q_i  — the formulation of
 * the user-encryption and C3 circuits (spec 003), so the witness k1 is a small polynomial.
 *
 * Decryption computes  m = round(t·x/Q) mod t  for x = c0 + c1·s, from the residues of x alone
 * [HPS 2019, §3.2], exactly: with y_i = [x_i·(Q/q_i)^{-1}]_{q_i},
 *   t·x/Q ≡ Σ_i y_i·t/q_i (mod t),  and  y_i·t = α_i·q_i + β_i  (exact quotient and remainder),
 * so  m = (Σ α_i + round(Σ β_i/q_i)) mod t. The fractional sum is a double with error below
 * L·2^-52, so rounding is exact unless the noise sits within 2^-50 of the decryption boundary.
 */
import { limbAdd, limbMulDivRem, limbMulScalar, withPolyScope, type RnsPoly, MismatchError } from '@interfold/ring';
import { Plaintext } from './objects.js';
import type { BfvParameters } from './parameters.js';

/** Adds k1·k0_i (the scaled message) to each limb of `acc` (coefficient form), in place. */
export function addScaledMessage(params: BfvParameters, acc: RnsPoly, k1: Float64Array): void {
  const { N } = params;
  if (k1.length !== N) throw new MismatchError('k1 has the wrong length', { details: `${k1.length} ≠ N = ${N}` });
  // On the kernel (k1 < t < q_i, so k1 is a valid multiplicand): tmp = k1·k0_i, acc_i += tmp.
  withPolyScope((scope) => {
    const k = scope.f64(N);
    k.set(k1);
    const tmp = scope.f64(N);
    params.ring.moduli.forEach((m, i) => {
      limbMulScalar(m, k, params.k0[i], tmp);
      limbAdd(m, acc.limbs[i], tmp, acc.limbs[i]);
    });
  });
}

/** k1 = [Q·m]_t, coefficient-wise, in [0, t). */
export function messageK1(params: BfvParameters, pt: Plaintext): Float64Array {
  const tm = params.tModulus;
  const c = tm.shoup(params.qModT);
  return Float64Array.from(pt.coeffs, (v) => tm.mulShoup(v, c));
}

/** m = round(t·x/Q) mod t for x given in coefficient form (any representative mod Q). */
export function roundToPlaintext(params: BfvParameters, x: RnsPoly): Plaintext {
  if (x.isNtt) throw new MismatchError('roundToPlaintext needs coefficient form');
  params.ring.check(x);
  const { N, L } = params;
  const moduli = params.ring.moduli;
  const qHatInv = params.ring.basis.qHatInv;
  const tm = params.tModulus;
  const t = tm.q;
  const out = new Float64Array(N);
  return withPolyScope((scope) => {
    const alpha = scope.f64(N);
    const frac = scope.f64(N);
    const y = scope.f64(N);
    const quo = scope.f64(N);
    for (let i = 0; i < L; i++) {
      const m = moduli[i];
      const xi = x.limbs[i];
      // y = x_i·(Q/q_i)^{-1} mod q_i, then y·B_i = quo·q_i + rem, α += A_i·y + quo (mod t), frac += rem/q_i.
      limbMulScalar(m, xi, qHatInv[i], y);
      limbMulDivRem(m, y, params.roundB[i], quo, frac);
      const a = params.roundA[i];
      for (let k = 0; k < N; k++) {
        const qt = quo[k];
        let s = alpha[k] + tm.mulShoup(y[k], a) + (qt >= t ? tm.reduce(qt) : qt);
        if (s >= t) s -= t;
        if (s >= t) s -= t;
        alpha[k] = s;
      }
    }
    for (let k = 0; k < N; k++) out[k] = tm.reduce(alpha[k] + Math.round(frac[k]));
    return new Plaintext(params, out);
  });
}
