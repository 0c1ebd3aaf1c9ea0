import { SeededSource } from '@interfold/ring';
import * as B from '../src/index.js';

/** Deterministic keys for a parameter set (tests only). */
export function keys(lit: B.BfvParametersLiteral, seed = 'k') {
  const params = B.bfvParameters(lit);
  const src = new SeededSource(seed, `test/${lit.name}`);
  const sk = B.genSecretKey(params, src);
  const pk = B.genPublicKey(params, sk, { src });
  return { params, sk, pk, src };
}

/** Analytic worst-case noise of a fresh public-key encryption: ‖e·u + e1·s + e0‖∞ ≤ 21·(2N + 1). */
export const freshNoiseBound = (N: number) => 21n * (2n * BigInt(N) + 1n);

/**
 * Analytic worst case after one multiplication + relinearisation of two ciphertexts with noise ≤ b
 * (docs/PARAMETERS.md): t·N·(N + 3)·b + N² + L·N·⌈q_max/2⌉·21.
 */
export function mulNoiseBound(params: B.BfvParameters, b: bigint): bigint {
  const N = BigInt(params.N);
  const qmax = params.moduli.reduce((a, q) => (q > a ? q : a), 0n);
  return params.t * N * (N + 3n) * b + N * N + BigInt(params.L) * N * ((qmax + 1n) / 2n) * 21n;
}
