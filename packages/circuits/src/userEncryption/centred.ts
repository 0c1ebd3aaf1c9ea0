/** @interfold/bfv objects as the centred RNS coefficient lists the user-encryption statement uses. */
import { centeredLimb, type Ciphertext, type PublicKey } from '@interfold/bfv';
import { CircuitInputError } from '../errors.js';
import type { CentredCiphertext } from './ciphertext.js';

export function centredPublicKey(pk: PublicKey): { pk0: bigint[][]; pk1: bigint[][] } {
  const L = pk.params.L;
  return {
    pk0: Array.from({ length: L }, (_, i) => centeredLimb(pk.p0, i)),
    pk1: Array.from({ length: L }, (_, i) => centeredLimb(pk.p1, i)),
  };
}

export function centredCiphertext(ct: Ciphertext): CentredCiphertext {
  if (ct.size !== 2) throw new CircuitInputError('a fresh encryption has 2 polynomials', { details: `size ${ct.size}` });
  const L = ct.params.L;
  return {
    ct0: Array.from({ length: L }, (_, i) => centeredLimb(ct.c0, i)),
    ct1: Array.from({ length: L }, (_, i) => centeredLimb(ct.c1, i)),
  };
}
