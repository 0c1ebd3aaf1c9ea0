/**
 * Parameter sets for programs of multiplicative depth 2 under the threshold key, where
 * PRODUCTION_N8192's budget does not hold (docs/PARAMETERS.md, "Depth 1 and 2 under the threshold
 * key"). Literal numbers; test/mul-noise.test.ts re-derives the moduli (the largest 50-bit NTT
 * primes for 2N) and t (the least prime ≡ 1 mod 2N above 2^20).
 */
import type { BfvParametersLiteral } from '@interfold/bfv';

/**
 * Depth 2: N = 16384, six 50-bit primes ≡ 1 (mod 2^15) (log2 Q = 300 ≤ 438, the HE standard's
 * 128-bit bound at N = 16384), t = 1146881 = 35·2^15 + 1 (prime, SIMD, > 2^20).
 */
export const PRODUCTION_D2: BfvParametersLiteral = Object.freeze({
  name: 'PRODUCTION_D2_N16384',
  N: 16384,
  moduli: Object.freeze([1125899904679937n, 1125899903991809n, 1125899903827969n, 1125899903795201n, 1125899903500289n, 1125899903107073n]),
  t: 1146881n,
  security: '128-bit classical (HE Security Standard 2018, Table 1: N=16384, log2 Q ≤ 438; here 300), ternary secret, CBD(21) noise σ≈3.24',
});

/** Tests only: depth 2 at N = 1024 with five 50-bit primes (log2 Q = 250), t = 12289. Not secure. */
export const INSECURE_D2_N1024: BfvParametersLiteral = Object.freeze({
  name: 'INSECURE_D2_N1024',
  N: 1024,
  moduli: Object.freeze([1125899906826241n, 1125899906820097n, 1125899906738177n, 1125899906732033n, 1125899906701313n]),
  t: 12289n,
  security: 'INSECURE: N = 1024 with log2 Q = 250 gives no security; depth-2 tests only',
});

/** Share transport for PRODUCTION_D2 (same N; t = 2^50 − 27 above every D2 limb), Q = the two largest D2 primes. */
export const SHARE_TRANSPORT_D2: BfvParametersLiteral = Object.freeze({
  name: 'SHARE_TRANSPORT_D2_N16384',
  N: 16384,
  moduli: Object.freeze([1125899904679937n, 1125899903991809n]),
  t: 1125899906842597n,
  security: '>128-bit classical (HE Security Standard 2018: N=16384, log2 Q = 100 ≤ 438), ternary secret, CBD(21) noise',
});
