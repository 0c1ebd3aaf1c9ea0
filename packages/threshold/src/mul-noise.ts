/**
 * Worst-case noise of ciphertexts that went through 1–2 multiplications under the THRESHOLD key
 * (docs/PARAMETERS.md, "Depth 1 and 2 under the threshold key"). Everything is an integer bound on
 * ‖v‖∞ with v defined as in bfv/src/noise.ts; smudging.ts turns the bound into the smudging width.
 *
 * The threshold secret s = Σ_{i∈A} sk_i has ‖s‖∞ ≤ n (n ternary contributions), the pk noise
 * e = Σ e_i has ‖e‖∞ ≤ η·n (η = 21, CBD(21)). The relinearisation key of rlk.ts (Mouchet et al.
 * 2021, §4.3, protocol RKG) satisfies, per RNS digit d,
 *   k0_d + k1_d·s = g_d·s² + s·e0 + u·e1 + e2 + e3     (u = Σ u_i, e_j = Σ_i e_{j,i})
 * so its noise is at most N·n·ηn + N·n·ηn + 2ηn = 2ηn·(N·n + 1)   (`relinKeyNoiseBound`).
 *
 * One multiplication of inputs with ‖v‖∞ ≤ b, then relinearisation [FV 2012 Lemma 2; HPS 2019 §4;
 * the single-key derivation of docs/PARAMETERS.md with ‖s‖∞ ≤ n in place of 1]:
 *   tensor:    t·N·(N·n + 4)·b          (t·(k1·v2 + k2·v1) with ‖k‖ ≤ (N·n + 1)/2 + 1, plus m·v terms)
 *   rounding:  N²·n² + N·n + 1          (round(t/Q·d_j) on the three components, times 1, s, s²)
 *   relin:     L·N·⌈q_max/2⌉·B_rlk      (Σ_d D_d·(noise of digit d), centred digits |D_d| ≤ ⌈q_d/2⌉)
 */
import type { BfvParameters } from '@interfold/bfv';
import { CBD_ETA } from '@interfold/ring';

const ETA = BigInt(CBD_ETA);

/** Noise of a fresh encryption under the threshold key: η·(2·N·n + 1). */
export function freshNoiseBound(params: BfvParameters, n: number): bigint {
  return ETA * (2n * BigInt(params.N) * BigInt(n) + 1n);
}

/** Noise of the threshold relinearisation key of rlk.ts: 2·η·n·(N·n + 1). */
export function relinKeyNoiseBound(params: BfvParameters, n: number): bigint {
  const nn = BigInt(n);
  return 2n * ETA * nn * (BigInt(params.N) * nn + 1n);
}

/** Noise after one multiplication + relinearisation of two inputs with noise ≤ b (file comment). */
export function productNoiseBound(params: BfvParameters, n: number, b: bigint): bigint {
  const N = BigInt(params.N);
  const nn = BigInt(n);
  const qMax = params.moduli.reduce((m, q) => (q > m ? q : m), 0n);
  const tensor = params.t * N * (N * nn + 4n) * b;
  const rounding = N * N * nn * nn + N * nn + 1n;
  const relin = BigInt(params.L) * N * ((qMax + 1n) / 2n) * relinKeyNoiseBound(params, n);
  return tensor + rounding + relin;
}

/**
 * The noise of the output of a program of multiplicative depth d (0 ≤ d ≤ 2) shaped as
 *   level 0: operands are sums of at most M fresh ciphertexts            b_0 = M·(fresh + 1)
 *   level k: at most P products of level-(k−1) operands, plus a level-0 term
 *            b_k = P·(product(b_{k−1}) + 1) + b_0
 * (the "+1"s are the carries of the message scaling). The sealed-bid auction is d = 1, P = 2.
 */
export function depthNoiseBound(params: BfvParameters, o: { n: number; maxInputs: number; multiplications: number; products: number }): bigint {
  const b0 = BigInt(o.maxInputs) * (freshNoiseBound(params, o.n) + 1n);
  let b = b0;
  for (let k = 0; k < o.multiplications; k++) b = BigInt(o.products) * (productNoiseBound(params, o.n, b) + 1n) + b0;
  return b;
}
