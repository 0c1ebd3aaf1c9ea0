/**
 * Commitment to RNS polynomials (a key, a ciphertext): each coefficient of limb i, centred in
 * [-(q_i-1)/2, (q_i-1)/2], is shifted by (q_i-1)/2 into [0, q_i-1], packed W = bitlen(max q_i - 1)
 * bits per slot (5 slots per field for 50-bit limbs), and the packed fields hashed with the
 * domain-separated Poseidon2 sponge. Order: polynomial, then limb, then coefficient (lowest
 * degree first). Twin of the Noir code in user_encryption/src/main.nr (and later C0..C7).
 */
import { CircuitInputError } from '../errors.js';
import { pack } from '../poseidon2/pack.js';
import { spongeHash } from '../poseidon2/sponge.js';
import { domainTag } from './domains.js';

/** A polynomial in RNS form: limbs[i][j] is coefficient j modulo q_i, centred. */
export type RnsPoly = readonly (readonly bigint[])[];

export function rnsSlotWidth(moduli: readonly bigint[]): number {
  let max = 0n;
  for (const q of moduli) if (q > max) max = q;
  return (max - 1n).toString(2).length;
}

/** The shifted, range-checked coefficient stream of a list of RNS polynomials. */
export function shiftedRnsCoefficients(polys: readonly RnsPoly[], moduli: readonly bigint[], N: number): bigint[] {
  const out: bigint[] = [];
  for (const [pi, poly] of polys.entries()) {
    if (poly.length !== moduli.length) {
      throw new CircuitInputError('RNS polynomial has the wrong number of limbs', { details: `poly ${pi}: ${poly.length} != ${moduli.length}` });
    }
    for (const [i, limb] of poly.entries()) {
      const q = moduli[i]!;
      const half = (q - 1n) / 2n;
      if (limb.length !== N) throw new CircuitInputError('RNS limb has the wrong length', { details: `poly ${pi} limb ${i}: ${limb.length} != ${N}` });
      for (const [j, c] of limb.entries()) {
        if (c < -half || c > half) {
          throw new CircuitInputError('RNS coefficient is not a centred representative', {
            details: `poly ${pi} limb ${i} coeff ${j}: ${c} not in [-${half}, ${half}]`,
          });
        }
        out.push(c + half);
      }
    }
  }
  return out;
}

export function commitRnsPolys(domainLabel: string, polys: readonly RnsPoly[], moduli: readonly bigint[], N: number): bigint {
  const packed = pack(shiftedRnsCoefficients(polys, moduli, N), rnsSlotWidth(moduli));
  return spongeHash(domainTag(domainLabel), packed);
}
