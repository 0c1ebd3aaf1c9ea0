/**
 * How a verifier binds the ciphertext to a user-encryption proof without the circuit touching
 * its 2*L*N coefficients:
 *  - digest: keccak256 of the canonical encoding below, read big-endian, reduced mod p (cheap on
 *    chain, where the ciphertext arrives as calldata anyway);
 *  - evaluation: ct_eval = sum_i alpha^(2i) ct0_i(gamma) + alpha^(2i+1) ct1_i(gamma) over F_p, with
 *    centred coefficients, at the challenges the proof exposes.
 * Canonical encoding: for ct0 then ct1, limb after limb, coefficient j = 0..N-1: the residue
 * c mod q_i in [0, q_i) as 8 bytes big-endian. Total 2*L*N*8 bytes.
 */
import { keccak_256 } from '@noble/hashes/sha3.js';
import { CircuitInputError } from '../errors.js';
import { Fr, FR_MODULUS, toField } from '../poseidon2/field.js';
import type { RnsPoly } from '../commitments/rns.js';
import type { UserEncryptionLayout } from './layout.js';

export type CentredCiphertext = { ct0: RnsPoly; ct1: RnsPoly };

export function encodeCiphertext(ct: CentredCiphertext, l: UserEncryptionLayout): Uint8Array {
  const out = new Uint8Array(2 * l.L * l.N * 8);
  const view = new DataView(out.buffer);
  let o = 0;
  for (const [b, poly] of [ct.ct0, ct.ct1].entries()) {
    if (!Array.isArray(poly) || poly.length !== l.L) throw new CircuitInputError(`ciphertext poly ${b} must have ${l.L} limbs`);
    poly.forEach((limb: readonly bigint[], i: number) => {
      const q = l.moduli[i]!;
      const half = (q - 1n) / 2n;
      if (limb.length !== l.N) throw new CircuitInputError(`ciphertext poly ${b} limb ${i} must have ${l.N} coefficients`);
      for (const [j, c] of limb.entries()) {
        if (typeof c !== 'bigint' || c < -half || c > half) {
          throw new CircuitInputError('ciphertext coefficient is not a centred representative', { details: `ct${b}[${i}][${j}] = ${c}` });
        }
        view.setBigUint64(o, c < 0n ? c + q : c);
        o += 8;
      }
    });
  }
  return out;
}

/** Decodes the canonical encoding (checks length and that each residue is below its modulus). */
export function decodeCiphertext(bytes: Uint8Array, l: UserEncryptionLayout): CentredCiphertext {
  if (bytes.length !== 2 * l.L * l.N * 8) {
    throw new CircuitInputError('ciphertext encoding has the wrong length', { details: `${bytes.length} != ${2 * l.L * l.N * 8}` });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let o = 0;
  const polys: bigint[][][] = [];
  for (let b = 0; b < 2; b++) {
    const poly: bigint[][] = [];
    for (let i = 0; i < l.L; i++) {
      const q = l.moduli[i]!;
      const limb: bigint[] = [];
      for (let j = 0; j < l.N; j++) {
        const r = view.getBigUint64(o);
        o += 8;
        if (r >= q) throw new CircuitInputError('ciphertext residue not below its modulus', { details: `ct${b}[${i}][${j}] = ${r}` });
        limb.push(r > (q - 1n) / 2n ? r - q : r);
      }
      poly.push(limb);
    }
    polys.push(poly);
  }
  return { ct0: polys[0]!, ct1: polys[1]! };
}

export function ciphertextDigest(ct: CentredCiphertext, l: UserEncryptionLayout): bigint {
  const h = keccak_256(encodeCiphertext(ct, l));
  let v = 0n;
  for (const x of h) v = (v << 8n) | BigInt(x);
  return v % FR_MODULUS;
}

function evalPoly(coeffs: readonly bigint[], x: bigint): bigint {
  let acc = 0n;
  for (let j = coeffs.length - 1; j >= 0; j--) acc = Fr.add(Fr.mul(acc, x), toField(coeffs[j]!));
  return acc;
}

export function ciphertextEvaluation(ct: CentredCiphertext, alpha: bigint, gamma: bigint, l: UserEncryptionLayout): bigint {
  let acc = 0n;
  let w = 1n;
  for (let i = 0; i < l.L; i++) {
    acc = Fr.add(acc, Fr.mul(w, evalPoly(ct.ct0[i]!, gamma)));
    w = Fr.mul(w, alpha);
    acc = Fr.add(acc, Fr.mul(w, evalPoly(ct.ct1[i]!, gamma)));
    w = Fr.mul(w, alpha);
  }
  return acc;
}
