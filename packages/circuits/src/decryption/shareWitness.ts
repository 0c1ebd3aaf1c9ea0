/**
 * C6 inputs (spec 003 P4, "Decryption Shares"): the circuit inputs and public inputs of one
 * decryption share, with the Fiat-Shamir challenges computed by the TypeScript twins of the
 * circuit's sponge and packing. The witness is threshold's `decryptionShareWitness`, per limb.
 */
import type { InputMap } from '@noir-lang/noir_js';
import { CircuitInputError } from '../errors.js';
import { Fr, fieldToHex, toField } from '../poseidon2/field.js';
import { pack } from '../poseidon2/pack.js';
import { spongeHash } from '../poseidon2/sponge.js';
import { commitRnsPolys, shiftedRnsCoefficients, type RnsPoly } from '../commitments/rns.js';
import { domainTag, DOMAINS } from '../commitments/domains.js';
import type { DecryptionLayout } from './layout.js';

/** Centred integers, per limb; r2 the quotients by X^N+1 (N-1 each). */
export type DecryptionShareWitness = {
  c0: RnsPoly;
  c1: RnsPoly;
  sk: RnsPoly;
  esm: RnsPoly;
  d: RnsPoly;
  r1: RnsPoly;
  r2: RnsPoly;
};

/** What a C6 proof is bound to besides the commitments: the E3 and the party (its Shamir id). */
export type ShareBinding = { e3Id: bigint; party: number };

/** The public inputs of C6, in the circuit's order (the last one is its output). */
export type DecryptionSharePublicInputs = {
  ctCommitment: bigint;
  skCommitment: bigint;
  esmCommitment: bigint;
  e3Id: bigint;
  party: bigint;
  dCommitment: bigint;
};

export const c6PublicInputList = (p: DecryptionSharePublicInputs): bigint[] => [
  p.ctCommitment,
  p.skCommitment,
  p.esmCommitment,
  p.e3Id,
  p.party,
  p.dCommitment,
];

/** The output-ciphertext commitment (DOMAINS.CIPHERTEXT): what the chain stores as ciphertextCommitment. */
export function ciphertextCommitment(ct: { c0: RnsPoly; c1: RnsPoly }, l: DecryptionLayout): bigint {
  return commitRnsPolys(DOMAINS.CIPHERTEXT, [ct.c0, ct.c1], l.moduli, l.N);
}

/** The C6 output: the commitment to a decryption share d (DOMAINS.C6_DECRYPTION_SHARE). */
export function decryptionShareCommitment(d: RnsPoly, l: DecryptionLayout): bigint {
  return commitRnsPolys(DOMAINS.C6_DECRYPTION_SHARE, [d], l.moduli, l.N);
}

export function checkBinding(b: ShareBinding): void {
  if (typeof b.e3Id !== 'bigint' || b.e3Id < 0n || b.e3Id >= 1n << 248n) throw new CircuitInputError('e3Id must be in [0, 2^248)');
  if (!Number.isSafeInteger(b.party) || b.party < 1 || b.party >= 1 << 16) throw new CircuitInputError('party id must be in [1, 2^16)');
}

const hexes = (v: readonly bigint[]) => v.map(fieldToHex);

/**
 * Inputs for a witness. `strict: false` skips the r1 bound check (the packing still needs every
 * slot in range), so negative tests reach the circuit.
 */
export function buildC6Inputs(
  w: DecryptionShareWitness,
  l: DecryptionLayout,
  b: ShareBinding,
  strict = true,
): { inputs: InputMap; publicInputs: DecryptionSharePublicInputs } {
  checkBinding(b);
  const { moduli, N, L } = l;
  const ctS = shiftedRnsCoefficients([w.c0, w.c1], moduli, N);
  const skS = shiftedRnsCoefficients([w.sk], moduli, N);
  const esmS = shiftedRnsCoefficients([w.esm], moduli, N);
  const dS = shiftedRnsCoefficients([w.d], moduli, N);
  if (w.r1.length !== L || w.r2.length !== L) throw new CircuitInputError(`r1 and r2 need ${L} limbs`);
  const r1S: bigint[] = [];
  for (const [i, limb] of w.r1.entries()) {
    if (limb.length !== N) throw new CircuitInputError(`r1[${i}] must have ${N} coefficients`);
    for (const x of limb) {
      if (strict && (x < -l.r1Bound || x > l.r1Bound)) throw new CircuitInputError('r1 out of its bound', { details: `${x}` });
      r1S.push(x + l.r1Bound);
    }
  }
  const ctCommitment = ciphertextCommitment(w, l);
  const skCommitment = commitRnsPolys(DOMAINS.C4_SK_AGG, [w.sk], moduli, N);
  const esmCommitment = commitRnsPolys(DOMAINS.C4_ESM_AGG, [w.esm], moduli, N);
  const dCommitment = decryptionShareCommitment(w.d, l);
  const party = BigInt(b.party);
  const witC = spongeHash(domainTag(DOMAINS.C6_WITNESS), pack(r1S, l.r1.width));
  const alpha = spongeHash(domainTag(DOMAINS.C6_ALPHA), [l.paramsDigest, ctCommitment, skCommitment, esmCommitment, b.e3Id, party, dCommitment, witC]);
  // R2 = sum_l alpha^l r2_l (mod p).
  const r2 = new Array<bigint>(N - 1).fill(0n);
  let wgt = 1n;
  for (let i = 0; i < L; i++) {
    const q = w.r2[i]!;
    if (q.length !== N - 1) throw new CircuitInputError(`r2[${i}] must have ${N - 1} coefficients`);
    for (let j = 0; j < N - 1; j++) r2[j] = Fr.add(r2[j]!, Fr.mul(wgt, toField(q[j]!)));
    wgt = Fr.mul(wgt, alpha);
  }
  const publicInputs = { ctCommitment, skCommitment, esmCommitment, e3Id: b.e3Id, party, dCommitment };
  const inputs: InputMap = {
    ct_s: hexes(ctS),
    sk_s: hexes(skS),
    esm_s: hexes(esmS),
    d_s: hexes(dS),
    r1_s: hexes(r1S),
    r2: hexes(r2),
    ct_commitment: fieldToHex(ctCommitment),
    sk_commitment: fieldToHex(skCommitment),
    esm_commitment: fieldToHex(esmCommitment),
    e3_id: fieldToHex(b.e3Id),
    party: fieldToHex(party),
  };
  return { inputs, publicInputs };
}
