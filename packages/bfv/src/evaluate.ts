/**
 * Linear homomorphic operations. Each works component-wise on coefficient-form ciphertexts;
 * noise adds (add/sub), or is multiplied by the plaintext's norm (mulPlain, mulScalar).
 */
import { polyAdd, polyMulPointwise, polyMulScalar, polyNeg, polySub, scalarConstants, withPolyScope, type RnsPoly } from '@interfold/ring';
import { InvalidParameterError } from './errors.js';
import { Ciphertext, Plaintext, sameParams } from './objects.js';
import type { BfvParameters } from './parameters.js';
import { addScaledMessage, messageK1 } from './scaling.js';

/**
 * Component-wise f over two ciphertexts. `out` (optional) receives the result in place — SEAL's
 * destination idiom, which avoids allocating a ciphertext per operation in a hot loop; it may be
 * a or b, and must have as many components as the larger operand.
 */
function zip(
  params: BfvParameters,
  a: Ciphertext,
  b: Ciphertext,
  f: (x: RnsPoly, y: RnsPoly, z: RnsPoly) => RnsPoly,
  out?: Ciphertext,
): Ciphertext {
  sameParams(params, a.params);
  sameParams(params, b.params);
  const n = Math.max(a.size, b.size);
  if (out) {
    sameParams(params, out.params);
    if (out.size !== n) throw new InvalidParameterError('Destination ciphertext has the wrong size', { details: `${out.size} ≠ ${n}` });
  }
  const res: RnsPoly[] = [];
  for (let j = 0; j < n; j++) {
    const x = a.polys[j] ?? params.ring.zero();
    const y = b.polys[j] ?? params.ring.zero();
    res.push(f(x, y, out ? out.polys[j] : params.ring.zero()));
  }
  return out ?? new Ciphertext(params, res);
}

/** a + b (into `out` if given). */
export function add(params: BfvParameters, a: Ciphertext, b: Ciphertext, out?: Ciphertext): Ciphertext {
  return zip(params, a, b, (x, y, z) => polyAdd(x, y, z), out);
}

/** a − b (into `out` if given). */
export function sub(params: BfvParameters, a: Ciphertext, b: Ciphertext, out?: Ciphertext): Ciphertext {
  return zip(params, a, b, (x, y, z) => polySub(x, y, z), out);
}

export function negate(params: BfvParameters, a: Ciphertext): Ciphertext {
  sameParams(params, a.params);
  return new Ciphertext(params, a.polys.map((p) => polyNeg(p)));
}

/** Sum of many ciphertexts (the tally of a ballot or a data pool). */
export function addMany(params: BfvParameters, cts: readonly Ciphertext[]): Ciphertext {
  if (cts.length === 0) throw new InvalidParameterError('addMany needs at least one ciphertext');
  let acc = new Ciphertext(params, cts[0].polys.map((p) => p.clone()));
  for (let i = 1; i < cts.length; i++) {
    const c = cts[i];
    sameParams(params, c.params);
    if (c.size > acc.size) acc = new Ciphertext(params, [...acc.polys, ...c.polys.slice(acc.size).map(() => params.ring.zero())]);
    c.polys.forEach((p, j) => polyAdd(acc.polys[j], p, acc.polys[j] as RnsPoly));
  }
  return acc;
}

/** ct + pt: adds the scaled message to c0. */
export function addPlain(params: BfvParameters, a: Ciphertext, pt: Plaintext): Ciphertext {
  sameParams(params, a.params);
  sameParams(params, pt.params);
  const c0 = a.c0.clone();
  addScaledMessage(params, c0, messageK1(params, pt));
  return new Ciphertext(params, [c0, ...a.polys.slice(1).map((p) => p.clone())]);
}

/** ct − pt. */
export function subPlain(params: BfvParameters, a: Ciphertext, pt: Plaintext): Ciphertext {
  const t = params.tModulus;
  return addPlain(params, a, new Plaintext(params, Float64Array.from(pt.coeffs, (v) => t.neg(v))));
}

/**
 * ct · pt: every component times the plaintext polynomial lifted with centered coefficients
 * (|m_k| ≤ t/2), which keeps the noise growth to N·t/2 times the input noise at worst.
 */
export function mulPlain(params: BfvParameters, a: Ciphertext, pt: Plaintext): Ciphertext {
  sameParams(params, a.params);
  sameParams(params, pt.params);
  const tq = params.tModulus.q;
  const centered = Array.from(pt.coeffs, (v) => (v > tq / 2 ? v - tq : v));
  return withPolyScope((scope) => {
    const mNtt = scope.track(params.ring.fromSigned(centered).toNtt());
    return new Ciphertext(
      params,
      a.polys.map((p) => {
        const x = p.clone().toNtt();
        return polyMulPointwise(x, mNtt, x).fromNtt();
      }),
    );
  });
}

/** ct · c for an integer scalar c (reduced to its centered representative mod t first). */
export function mulScalar(params: BfvParameters, a: Ciphertext, c: bigint | number): Ciphertext {
  sameParams(params, a.params);
  let v = ((BigInt(c) % params.t) + params.t) % params.t;
  if (v > params.t / 2n) v -= params.t;
  const k = scalarConstants(params.ring, v);
  return new Ciphertext(params, a.polys.map((p) => polyMulScalar(p, k)));
}
