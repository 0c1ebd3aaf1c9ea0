/**
 * Glue to @interfold/threshold and @interfold/bfv: the C6 witness of a party's decryption share,
 * and the centred form of a share for C7 (spec 003 P4).
 */
import { decryptionShareWitness, type DecryptionShare, type ThresholdKeyShare } from '@interfold/threshold';
import type { BfvParameters, Ciphertext } from '@interfold/bfv';
import type { RnsPoly as RingPoly } from '@interfold/ring';
import type { RnsPoly } from '../commitments/rns.js';
import type { DecryptionShareWitness } from './shareWitness.js';

/** Centred residues of a ring polynomial (coefficient form), per limb. */
export function centredPoly(params: BfvParameters, p: RingPoly): bigint[][] {
  return params.ring.moduli.map((m, l) => Array.from(p.limbs[l]!, (v) => BigInt(m.center(v))));
}

/** The centred output ciphertext (c0, c1). */
export function centredOutput(params: BfvParameters, ct: Ciphertext): { c0: RnsPoly; c1: RnsPoly } {
  return { c0: centredPoly(params, ct.c0), c1: centredPoly(params, ct.c1) };
}

/** The C6 witness of `share` (made by `key` for `ct`): threshold's exact per-limb quotients. */
export function shareWitness(params: BfvParameters, key: ThresholdKeyShare, ct: Ciphertext, share: DecryptionShare): DecryptionShareWitness {
  const limbs = params.moduli.map((_, l) => decryptionShareWitness(params, key, ct, share, l));
  return {
    c0: limbs.map((x) => x.c0),
    c1: limbs.map((x) => x.c1),
    sk: limbs.map((x) => x.sk),
    esm: limbs.map((x) => x.esm),
    d: limbs.map((x) => x.d),
    r1: limbs.map((x) => x.r1),
    r2: limbs.map((x) => x.r2),
  };
}
