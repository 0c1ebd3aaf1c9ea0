/**
 * The smudging bound of threshold decryption (docs/PARAMETERS.md, "Threshold decryption and
 * smudging"; spec 003 P4: "The decryption share d reveals nothing about sk, thanks to the smudging
 * noise").
 *
 * The combined phase of the T + 1 decryption shares is  c0 + c1·s + E  with E = Σ_{i ∈ A} esm_i:
 * without E it would reveal the ciphertext noise v (a function of s and of the inputs' randomness).
 * Each party's contribution esm_i is uniform in [−B, B]^N. As long as one contribution is honest,
 *   SD(v + E, E) ≤ Σ_coeff |v_k| / (2B + 1) ≤ N·B_ct / (2B + 1),
 * so B = 2^λ·N·B_ct gives statistical distance below 2^−λ. Correctness needs the total noise
 * below the decoding radius: B_ct + |A|·B < Q/(2t) − 1; we require ≤ Q/(4t) (one bit of margin
 * for the floating-point fraction in the RNS rounding, bfv/src/scaling.ts).
 *
 * B_ct, the worst-case noise of the ciphertext to decrypt — a sum of M fresh encryptions under the
 * threshold key pk = (−a·s + e, a), s = Σ sk_i (|s|∞ ≤ n), e = Σ e_i (|e|∞ ≤ 21·n):
 *   fresh: ‖e·u + e1·s + e0‖∞ ≤ N·21n + N·21n + 21 = 21·(2·N·n + 1)
 *   sum of M: M·21·(2Nn + 1) + M   (the last M: the carries of the message scaling, Σk1/t < M).
 * The bound must be fixed at DKG time (the smudging contributions are dealt in P1), so the E3
 * declares M (its input cap) up front — and, for programs that multiply, its depth (1 or 2):
 * then B_ct is mul-noise.ts `depthNoiseBound` (threshold relinearisation key: rlk.ts).
 */
import { log2Big as log2, type BfvParameters } from '@interfold/bfv';
import { CBD_ETA, cryptoSource, sampleUniformBig, type RandomSource, type RnsPoly } from '@interfold/ring';
import { SmudgingBoundError } from './errors.js';
import { depthNoiseBound } from './mul-noise.js';

/** The statistical security the spec requires at least (the reference uses 50). */
export const MIN_LAMBDA = 50;
/** Our default: the production set allows ~119 for n = 10 and 10^6 inputs (docs/PARAMETERS.md). */
export const DEFAULT_LAMBDA = 100;

export type NoiseBudget = {
  /** Committee size (the threshold key is a sum of up to n contributions). */
  readonly n: number;
  /** Maximum number of fresh ciphertexts summed into the one to decrypt. */
  readonly maxInputs: number;
  /**
   * Ciphertext multiplications (depth) before decryption: 0, 1 or 2. Depth ≥ 1 needs the threshold
   * relinearisation key of rlk.ts (a 3-component ciphertext cannot be decrypted with linear Shamir
   * shares: c2·s_j² lies on a degree-2T polynomial); the bound is mul-noise.ts `depthNoiseBound`.
   */
  readonly multiplications?: number;
  /** At depth ≥ 1: products summed at each level (default 1; mul-noise.ts). */
  readonly products?: number;
};

/** The deepest program threshold decryption is budgeted for (docs/PARAMETERS.md). */
export const MAX_MULTIPLICATIONS = 2;

export type SmudgingBound = {
  readonly lambda: number;
  /** B_ct: worst-case noise of the ciphertext to decrypt. */
  readonly ciphertext: bigint;
  /** B: each party's contribution is uniform in [−B, B]. */
  readonly perParty: bigint;
  /** n·B: the largest total smudging noise. */
  readonly total: bigint;
  /** The largest total noise we accept: ⌊Q/(4t)⌋. */
  readonly limit: bigint;
  readonly budget: NoiseBudget;
};

function checkBudget(b: NoiseBudget): void {
  if (!Number.isSafeInteger(b.n) || b.n < 1) throw new SmudgingBoundError('Committee size must be a positive integer', { details: `n = ${b.n}` });
  if (!Number.isSafeInteger(b.maxInputs) || b.maxInputs < 1) {
    throw new SmudgingBoundError('maxInputs must be a positive integer', { details: `maxInputs = ${b.maxInputs}` });
  }
  const d = b.multiplications ?? 0;
  if (!Number.isInteger(d) || d < 0 || d > MAX_MULTIPLICATIONS) {
    throw new SmudgingBoundError(`Threshold decryption is budgeted for 0 to ${MAX_MULTIPLICATIONS} multiplications`, { details: `multiplications = ${d}` });
  }
  const p = b.products ?? 1;
  if (!Number.isSafeInteger(p) || p < 1 || p > 1 << 20) throw new SmudgingBoundError('products must be an integer in [1, 2^20]', { details: `products = ${p}` });
}

/** B_ct = M·21·(2·N·n + 1) + M (see file comment); after multiplications, mul-noise.ts. */
export function ciphertextNoiseBound(params: BfvParameters, budget: NoiseBudget): bigint {
  checkBudget(budget);
  const d = budget.multiplications ?? 0;
  if (d > 0) return depthNoiseBound(params, { n: budget.n, maxInputs: budget.maxInputs, multiplications: d, products: budget.products ?? 1 });
  const N = BigInt(params.N);
  const n = BigInt(budget.n);
  const M = BigInt(budget.maxInputs);
  const fresh = BigInt(CBD_ETA) * (2n * N * n + 1n);
  return M * fresh + M;
}

/** ⌊Q/(4t)⌋: the total noise (ciphertext + smudging) we allow at decryption. */
export function decryptionNoiseLimit(params: BfvParameters): bigint {
  return params.Q / (4n * params.t);
}

function bound(params: BfvParameters, budget: NoiseBudget, lambda: number): SmudgingBound {
  const ciphertext = ciphertextNoiseBound(params, budget);
  const perParty = (1n << BigInt(lambda)) * BigInt(params.N) * ciphertext;
  const total = BigInt(budget.n) * perParty;
  return { lambda, ciphertext, perParty, total, limit: decryptionNoiseLimit(params), budget: Object.freeze({ ...budget }) };
}

/**
 * The smudging bound for statistical security λ. Throws SmudgingBoundError if λ < 50 on a
 * non-INSECURE set, or if B_ct + n·B exceeds ⌊Q/(4t)⌋ (decryption would fail).
 */
export function smudgingBound(params: BfvParameters, budget: NoiseBudget, lambda = DEFAULT_LAMBDA): SmudgingBound {
  if (!Number.isInteger(lambda) || lambda < 1 || lambda > 1024) throw new SmudgingBoundError('λ must be an integer in [1, 1024]', { details: `λ = ${lambda}` });
  if (lambda < MIN_LAMBDA && !params.insecure) {
    throw new SmudgingBoundError(`Statistical security below ${MIN_LAMBDA} bits is only allowed on INSECURE sets`, { details: `λ = ${lambda}, ${params.name}` });
  }
  const b = bound(params, budget, lambda);
  if (b.ciphertext + b.total > b.limit) {
    throw new SmudgingBoundError(`Smudging noise would break decryption (${budget.multiplications ?? 0} multiplications)`, {
      details: `${params.name}: λ = ${lambda}, n = ${budget.n}, maxInputs = ${budget.maxInputs}: B_ct + n·B ≈ 2^${log2(b.ciphertext + b.total).toFixed(1)} > ⌊Q/4t⌋ ≈ 2^${log2(b.limit).toFixed(1)}; largest λ here: ${maxSmudgingLambda(params, budget)}`,
    });
  }
  return Object.freeze(b);
}

/** The largest λ for which the bound still decrypts correctly (0 if none). */
export function maxSmudgingLambda(params: BfvParameters, budget: NoiseBudget): number {
  let lo = 0;
  for (let l = 1; l <= 1024; l++) {
    const b = bound(params, budget, l);
    if (b.ciphertext + b.total > b.limit) break;
    lo = l;
  }
  return lo;
}

/** log2 of a bigint: bfv's log2Big, re-exported under the name this package's callers use. */
export { log2 };

/** A smudging-noise contribution: N integers uniform in [−B, B] (the C1 witness e_sm), and its ring image. */
export type SmudgingContribution = { readonly coeffs: bigint[]; readonly poly: RnsPoly };

/** Samples a contribution from the OS CSPRNG (a source may be given for reproducible tests). */
export function sampleSmudgingContribution(params: BfvParameters, b: SmudgingBound, src: RandomSource = cryptoSource): SmudgingContribution {
  const coeffs = sampleUniformBig(params.N, b.perParty, src);
  return { coeffs, poly: params.ring.fromBigInts(coeffs) };
}
