/**
 * Decryption [FV 2012, §3 "Decrypt"]: m = round(t/Q · [c0 + c1·s (+ c2·s²)]_Q) mod t,
 * with the exact RNS rounding of scaling.ts.
 */
import { polyAdd, polyMulPointwise, type RnsPoly } from '@interfold/ring';
import { Ciphertext, Plaintext, SecretKey, sameParams } from './objects.js';
import type { BfvParameters } from './parameters.js';
import { roundToPlaintext } from './scaling.js';

/** x = c0 + c1·s + c2·s² in coefficient form (the "phase" of the ciphertext). */
export function phase(params: BfvParameters, sk: SecretKey, ct: Ciphertext): RnsPoly {
  sameParams(params, sk.params);
  sameParams(params, ct.params);
  // Horner: ((c_{k}·s + c_{k−1})·s + …) in NTT form.
  const polys = ct.polys;
  const acc = polys[polys.length - 1].clone().toNtt();
  for (let j = polys.length - 2; j >= 0; j--) {
    polyMulPointwise(acc, sk.ntt, acc);
    polyAdd(acc, polys[j].clone().toNtt(), acc);
  }
  return acc.fromNtt();
}

export function decrypt(params: BfvParameters, sk: SecretKey, ct: Ciphertext): Plaintext {
  const x = phase(params, sk, ct);
  const pt = roundToPlaintext(params, x);
  x.zeroize();
  return pt;
}
