/**
 * The common random polynomial `a` of an E3 (spec 003, C1: "pk_1 = a", public input): derived
 * deterministically from the E3 seed, so every party and every verifier obtains the same `a`
 * without trusting whoever chose it. The stream is ChaCha20 keyed by SHAKE256 of a domain string
 * (naming the parameter set by its fingerprint) and the seed (ring/src/random.ts); residues are
 * drawn by rejection, so `a` is uniform in R_Q given a uniform seed.
 */
import type { BfvParameters } from '@interfold/bfv';
import { SeededSource, bytesToHex, type RnsPoly } from '@interfold/ring';

export const CRP_DOMAIN = 'interfold/threshold/crp/v1';

/** `a` in coefficient form for this parameter set and E3 seed. */
export function commonRandomPoly(params: BfvParameters, seed: Uint8Array | string): RnsPoly {
  const src = new SeededSource(seed, `${CRP_DOMAIN}/${bytesToHex(params.fingerprint)}`);
  return params.ring.sampleUniform(src, false);
}
