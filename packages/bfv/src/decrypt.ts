/**
 * Decryption [FV 2012, §3 "Decrypt"]: m = round(t/Q · [c0 + c1·s (+ c2·s²)]_Q) mod t,
 * with the exact RNS rounding of scaling.ts.
 */
import { polyAdd, polyMulPointwise, withPolyScope, type RnsPoly } from '@interfold/ring';
import { Ciphertext, Plaintext, SecretKey, sameParams } from './objects.js';
import type { BfvParameters } from './parameters.js';
import { roundToPlaintext } from './scaling.js';

/** x = c0 + c1·s + c2·s² in coefficient form (the "phase" of the ciphertext). */
export function phase(params: BfvParameters, sk: SecretKey, ct: Ciphertext): RnsPoly {
  sameParams(params, sk.params);
  sameParams(params, ct.params);
  // Horner in NTT form down to c1, then c0 is added in coefficient form (saves L NTTs):
  // x = INTT((c2·s + c1)·s) + c0.
  const polys = ct.polys;
  const acc = polys[polys.length - 1].clone().toNtt();
  for (let j = polys.length - 2; j >= 1; j--) {
    polyMulPointwise(acc, sk.ntt, acc);
    withPolyScope((scope) => polyAdd(acc, scope.clone(polys[j]).toNtt(), acc));
  }
  polyMulPointwise(acc, sk.ntt, acc);
  acc.fromNtt();
  return polyAdd(acc, polys[0], acc);
}

export function decrypt(params: BfvParameters, sk: SecretKey, ct: Ciphertext): Plaintext {
  const x = phase(params, sk, ct);
  const pt = roundToPlaintext(params, x);
  x.zeroize();
  x.free();
  return pt;
}
