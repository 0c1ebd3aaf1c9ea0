/**
 * Encoders between integer vectors and plaintexts.
 * - Coefficient encoding: value k goes to the coefficient of X^k, reduced mod t.
 * - SIMD slots (t prime, t ≡ 1 mod 2N): the plaintext polynomial whose evaluations at the odd
 *   powers of a primitive 2N-th root of unity mod t are the slot values — so that ring products
 *   are slot-wise products [Smart–Vercauteren 2014]. Slot i is the evaluation at ψ^(2·brv(i)+1)
 *   (the output order of our NTT); we offer no rotations, so no other order is needed.
 */
import { InvalidParameterError } from './errors.js';
import { Plaintext } from './objects.js';
import type { BfvParameters } from './parameters.js';

function toResidue(params: BfvParameters, v: number | bigint, i: number): number {
  if (typeof v === 'bigint') return params.tModulus.reduceBig(v);
  if (!Number.isSafeInteger(v)) throw new InvalidParameterError('Encoder input must be a safe integer or bigint', { details: `index ${i}: ${v}` });
  return Math.abs(v) < 2 ** 52 ? params.tModulus.reduce(v) : params.tModulus.reduceBig(BigInt(v));
}

/** Values (any sign) as coefficients; missing trailing coefficients are zero. */
export function encodeCoeffs(params: BfvParameters, values: ArrayLike<number | bigint>): Plaintext {
  if (values.length > params.N) throw new InvalidParameterError('Too many values for one plaintext', { details: `${values.length} > N = ${params.N}` });
  const c = new Float64Array(params.N);
  for (let i = 0; i < values.length; i++) c[i] = toResidue(params, values[i], i);
  return new Plaintext(params, c);
}

/** Coefficients in [0, t), or centered in (−t/2, t/2] when `signed`. */
export function decodeCoeffs(pt: Plaintext, opts: { signed?: boolean } = {}): number[] {
  const t = pt.params.tModulus.q;
  return Array.from(pt.coeffs, (v) => (opts.signed && v > t / 2 ? v - t : v));
}

function slotTable(params: BfvParameters) {
  const s = params.slots;
  if (!s) throw new InvalidParameterError('This parameter set has no SIMD slots (t is not a prime ≡ 1 mod 2N)', { details: params.name });
  return s;
}

/** Up to N values into the SIMD slots (missing slots are zero). */
export function encodeSlots(params: BfvParameters, values: ArrayLike<number | bigint>): Plaintext {
  const table = slotTable(params);
  const pt = encodeCoeffs(params, values);
  table.inverse(pt.coeffs);
  return pt;
}

/** The N slot values in [0, t), or centered when `signed`. */
export function decodeSlots(pt: Plaintext, opts: { signed?: boolean } = {}): number[] {
  const table = slotTable(pt.params);
  const c = pt.coeffs.slice();
  table.forward(c);
  return decodeCoeffs(new Plaintext(pt.params, c), opts);
}
