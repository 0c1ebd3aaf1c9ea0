/**
 * Primes for RNS limbs and their roots of unity.
 *
 * A negacyclic NTT of length N modulo q needs a primitive 2N-th root of unity ψ (ψ^N ≡ −1),
 * which exists iff q ≡ 1 (mod 2N) [Longa–Naehrig 2016, §2]. Precomputation only: BigInt is fine.
 */
import { InvalidParameterError } from './errors.js';
import { MAX_MODULUS_BITS, powMod } from './modulus.js';

// Deterministic Miller–Rabin: these 13 prime bases are correct for every n < 3.3·10^24
// (Sorenson & Webster 2015), far beyond the 2^64 we ever test.
const MR_BASES = [2n, 3n, 5n, 7n, 11n, 13n, 17n, 19n, 23n, 29n, 31n, 37n, 41n];

/** Deterministic primality for n < 3.3·10^24. */
export function isPrime(n: bigint): boolean {
  if (n < 2n) return false;
  for (const p of MR_BASES) {
    if (n === p) return true;
    if (n % p === 0n) return false;
  }
  if (n >= 3317044064679887385961981n) {
    throw new InvalidParameterError('isPrime: input too large for the deterministic test', { details: `n = ${n}` });
  }
  let d = n - 1n;
  let s = 0;
  while ((d & 1n) === 0n) {
    d >>= 1n;
    s++;
  }
  outer: for (const a of MR_BASES) {
    let x = powMod(a, d, n);
    if (x === 1n || x === n - 1n) continue;
    for (let i = 1; i < s; i++) {
      x = (x * x) % n;
      if (x === n - 1n) continue outer;
    }
    return false;
  }
  return true;
}

/**
 * The `count` largest primes q < 2^bits with q ≡ 1 (mod 2N), in decreasing order, skipping
 * any in `exclude`. Deterministic, so named parameter sets can be regenerated and checked.
 */
export function nttPrimes(N: number, bits: number, count: number, exclude: readonly bigint[] = []): bigint[] {
  if (!Number.isInteger(bits) || bits < 3 || bits > MAX_MODULUS_BITS) {
    throw new InvalidParameterError('nttPrimes: bit size out of range', { details: `bits = ${bits}` });
  }
  const m = 2n * BigInt(N);
  const out: bigint[] = [];
  // Largest q < 2^bits with q ≡ 1 mod 2N.
  let q = ((1n << BigInt(bits)) - 1n) / m * m + 1n;
  if (q >= 1n << BigInt(bits)) q -= m;
  const floor = 1n << BigInt(bits - 1);
  while (out.length < count) {
    if (q < floor) {
      throw new InvalidParameterError('nttPrimes: not enough primes of this size', {
        details: `N = ${N}, bits = ${bits}, wanted ${count}, found ${out.length}`,
      });
    }
    if (!exclude.includes(q) && isPrime(q)) out.push(q);
    q -= m;
  }
  return out;
}

/**
 * The smallest primitive 2N-th root of unity modulo prime q (q ≡ 1 mod 2N). Taking the minimum
 * makes the choice canonical (as SEAL does), so tables and test vectors are reproducible.
 */
export function minimalPrimitiveRoot(twoN: number, q: bigint): bigint {
  const m = BigInt(twoN);
  if ((q - 1n) % m !== 0n) {
    throw new InvalidParameterError('No 2N-th root of unity modulo q', { details: `q = ${q}, 2N = ${twoN}` });
  }
  const cofactor = (q - 1n) / m;
  const half = m / 2n;
  // ψ = g^((q−1)/2N) has order dividing 2N (a power of two); it is primitive iff ψ^N = −1.
  let psi = 0n;
  for (let g = 2n; g < q; g++) {
    const cand = powMod(g, cofactor, q);
    if (powMod(cand, half, q) === q - 1n) {
      psi = cand;
      break;
    }
  }
  if (psi === 0n) throw new InvalidParameterError('No primitive root found', { details: `q = ${q}` });
  // The primitive 2N-th roots are ψ^k for odd k: pick the least.
  const psi2 = (psi * psi) % q;
  let best = psi;
  let cur = psi;
  for (let k = 1n; k < half; k++) {
    cur = (cur * psi2) % q;
    if (cur < best) best = cur;
  }
  return best;
}
