/**
 * The committee's randomness (SYSTEM.md §9: masks "never from the requester or the compute
 * provider alone"): every member of A encrypts two vectors uniform in Z_t^N from its OS CSPRNG,
 * R_i and R'_i, under the threshold pk. The program uses R = Σ R_i and R' = Σ R'_i: uniform as
 * soon as one member is honest, and unknown to everyone (they are only ever decrypted multiplied
 * by counts, which the layout makes non-zero exactly where a value must be hidden).
 */
import { encodeSlots, encrypt, type BfvParameters, type Ciphertext, type PublicKey } from '@interfold/bfv';
import { cryptoSource, sampleUniformInto, type RandomSource } from '@interfold/ring';

export type MaskContribution = { readonly member: number; readonly r: Ciphertext; readonly r2: Ciphertext };

function uniformSlots(params: BfvParameters, src: RandomSource): Float64Array {
  const v = new Float64Array(params.N);
  sampleUniformInto(v, params.tModulus, src);
  return v;
}

export function maskContribution(params: BfvParameters, pk: PublicKey, member: number, src: RandomSource = cryptoSource): MaskContribution {
  const v1 = uniformSlots(params, src), v2 = uniformSlots(params, src);
  const r = encrypt(params, pk, encodeSlots(params, v1), src);
  const r2 = encrypt(params, pk, encodeSlots(params, v2), src);
  v1.fill(0), v2.fill(0);
  return Object.freeze({ member, r, r2 });
}
