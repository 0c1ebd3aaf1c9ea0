/**
 * The Poseidon2 permutation for BN254, t = 4 (our own implementation of the Poseidon2 paper's
 * construction, eprint 2023/323, with the parameters of constants.ts). Must equal Noir's
 * `std::hash::poseidon2_permutation` black box: checked by test vectors in test/poseidon2.test.ts.
 */
import { Fr } from './field.js';
import {
  FULL_ROUND_CONSTANTS_FIRST,
  FULL_ROUND_CONSTANTS_LAST,
  INTERNAL_DIAGONAL,
  PARTIAL_ROUND_CONSTANTS,
} from './constants.js';

function sbox(x: bigint): bigint {
  const x2 = Fr.sqr(x);
  return Fr.mul(Fr.sqr(x2), x);
}

/**
 * External matrix M_E: the 4x4 MDS matrix [[5,7,1,3],[4,6,1,1],[1,3,5,7],[1,1,4,6]]
 * applied with the addition chain of the Poseidon2 paper (section 5.1).
 */
function externalLayer(s: bigint[]): void {
  const [a, b, c, d] = s as [bigint, bigint, bigint, bigint];
  const t0 = Fr.add(a, b);
  const t1 = Fr.add(c, d);
  const t2 = Fr.add(Fr.add(b, b), t1);
  const t3 = Fr.add(Fr.add(d, d), t0);
  const t4 = Fr.add(Fr.mul(t1, 4n), t3);
  const t5 = Fr.add(Fr.mul(t0, 4n), t2);
  s[0] = Fr.add(t3, t5);
  s[1] = t5;
  s[2] = Fr.add(t2, t4);
  s[3] = t4;
}

/** Internal matrix M_I = J + diag(d): s_i <- d_i * s_i + sum(s). */
function internalLayer(s: bigint[]): void {
  const sum = Fr.add(Fr.add(s[0]!, s[1]!), Fr.add(s[2]!, s[3]!));
  for (let i = 0; i < 4; i++) s[i] = Fr.add(Fr.mul(s[i]!, INTERNAL_DIAGONAL[i]!), sum);
}

function fullRound(s: bigint[], rc: readonly bigint[]): void {
  for (let i = 0; i < 4; i++) s[i] = sbox(Fr.add(s[i]!, rc[i]!));
  externalLayer(s);
}

/** Applies the permutation to a 4-element state of field elements (returns a new array). */
export function poseidon2Permutation(input: readonly bigint[]): bigint[] {
  if (input.length !== 4) throw new RangeError(`poseidon2 state must have 4 elements, got ${input.length}`);
  const s = input.map((x) => Fr.create(x));
  externalLayer(s);
  for (const rc of FULL_ROUND_CONSTANTS_FIRST) fullRound(s, rc);
  for (const c of PARTIAL_ROUND_CONSTANTS) {
    s[0] = sbox(Fr.add(s[0]!, c));
    internalLayer(s);
  }
  for (const rc of FULL_ROUND_CONSTANTS_LAST) fullRound(s, rc);
  return s;
}
