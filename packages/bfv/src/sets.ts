/**
 * The named parameter sets. Literal numbers, so they can be audited; `test/sets.test.ts`
 * re-derives each modulus (the largest 50-bit NTT primes) so nobody can slip in another.
 * Security and noise analysis: docs/PARAMETERS.md.
 */
import type { BfvParametersLiteral } from './parameters.js';

/**
 * Production: N = 8192, Q = four 50-bit primes (log2 Q = 200 ≤ 218, the HE-standard bound for
 * 128-bit security at N = 8192), t = 1097729 = 67·2^14 + 1: the least prime above 2^20 with
 * t ≡ 1 (mod 2N), so SIMD slots exist and tallies of 10^6 inputs fit.
 */
export const PRODUCTION: BfvParametersLiteral = Object.freeze({
  name: 'PRODUCTION_N8192',
  N: 8192,
  moduli: Object.freeze([1125899906826241n, 1125899906629633n, 1125899905744897n, 1125899905351681n]),
  t: 1097729n,
  security: '128-bit classical (HE Security Standard 2018, Table 1: N=8192, log2 Q ≤ 218; here 200), ternary secret, CBD(21) noise σ≈3.24',
});

/**
 * Share transport for the DKG (spec 003, P1: "individual key pair"): each Shamir share of one
 * production limb (N values < q_j < 2^50) is one plaintext, so t must exceed every production
 * limb: t = 2^50 − 27, the largest prime below 2^50. Q = two 50-bit primes (log2 Q = 100):
 * Δ = Q/t ≈ 2^50 against a fresh noise below 2^19.
 */
export const SHARE_TRANSPORT: BfvParametersLiteral = Object.freeze({
  name: 'SHARE_TRANSPORT_N8192',
  N: 8192,
  moduli: Object.freeze([1125899906826241n, 1125899906629633n]),
  t: 1125899906842597n,
  security: '>128-bit classical (HE Security Standard 2018: N=8192, log2 Q = 100 ≤ 218), ternary secret, CBD(21) noise',
});

/** Tests only: N = 512, two 50-bit primes, t = 12289 (≡ 1 mod 1024, batching). Not secure. */
export const INSECURE_N512: BfvParametersLiteral = Object.freeze({
  name: 'INSECURE_N512',
  N: 512,
  moduli: Object.freeze([1125899906826241n, 1125899906820097n]),
  t: 12289n,
  security: 'INSECURE: N = 512 gives no meaningful security; for fast tests only',
});

/** Tests only: N = 1024, three 50-bit primes, t = 12289 (≡ 1 mod 2048, batching). Not secure. */
export const INSECURE_N1024: BfvParametersLiteral = Object.freeze({
  name: 'INSECURE_N1024',
  N: 1024,
  moduli: Object.freeze([1125899906826241n, 1125899906820097n, 1125899906738177n]),
  t: 12289n,
  security: 'INSECURE: N = 1024 with log2 Q = 150 is far below 128-bit security; for fast tests only',
});

/** Tests only: share transport matching INSECURE_N512 / INSECURE_N1024 (t above their limbs). */
export const INSECURE_TRANSPORT_N512: BfvParametersLiteral = Object.freeze({
  name: 'INSECURE_TRANSPORT_N512',
  N: 512,
  moduli: Object.freeze([1125899906826241n, 1125899906820097n]),
  t: 1125899906842597n,
  security: 'INSECURE: share transport for tests at N = 512',
});

export const INSECURE_TRANSPORT_N1024: BfvParametersLiteral = Object.freeze({
  name: 'INSECURE_TRANSPORT_N1024',
  N: 1024,
  moduli: Object.freeze([1125899906826241n, 1125899906820097n]),
  t: 1125899906842597n,
  security: 'INSECURE: share transport for tests at N = 1024',
});

export const PARAMETER_SETS = Object.freeze({
  PRODUCTION,
  SHARE_TRANSPORT,
  INSECURE_N512,
  INSECURE_N1024,
  INSECURE_TRANSPORT_N512,
  INSECURE_TRANSPORT_N1024,
});
