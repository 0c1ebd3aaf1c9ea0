/**
 * Exact products of integer polynomials, for ZK witnesses.
 *
 * The circuits (spec 003, C1/C3/C6 and the user-encryption proof) check equations such as
 * ct0 = pk0·u + e0 + k1·k0 + r1·q + r2·(X^N+1) over the INTEGERS, so the prover needs the
 * quotient r2 of the reduction modulo X^N + 1, which the ring arithmetic mod q never sees.
 * We compute the full product c = a·b ∈ Z[X] (degree ≤ 2N−2) with a negacyclic NTT of size 2N
 * (no wrap-around occurs below degree 2N) over enough auxiliary primes to hold
 * |c_k| ≤ N·max|a|·max|b|, then CRT-lift, then split c = rem + quo·(X^N+1).
 */
import { InvalidParameterError } from './errors.js';
import { NttTable } from './ntt.js';
import { nttPrimes } from './primes.js';
import { RnsBasis } from './rns.js';
import { Modulus } from './modulus.js';

const tables = new Map<string, { basis: RnsBasis; ntt: NttTable[] }>();

function auxiliary(size: number, count: number): { basis: RnsBasis; ntt: NttTable[] } {
  const key = `${size}:${count}`;
  let t = tables.get(key);
  if (!t) {
    const primes = nttPrimes(size, 50, count);
    const basis = new RnsBasis(primes);
    t = { basis, ntt: basis.moduli.map((m) => new NttTable(size, m)) };
    tables.set(key, t);
  }
  return t;
}

function maxAbs(a: ArrayLike<number | bigint>): bigint {
  let m = 0n;
  for (let i = 0; i < a.length; i++) {
    const v = BigInt(a[i]);
    const x = v < 0n ? -v : v;
    if (x > m) m = x;
  }
  return m;
}

function load(a: ArrayLike<number | bigint>, m: Modulus, out: Float64Array): void {
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    out[i] = typeof v === 'bigint' ? m.reduceBig(v) : Number.isSafeInteger(v) && Math.abs(v) < 2 ** 52 ? m.reduce(v) : m.reduceBig(BigInt(v));
  }
}

/** The full product a·b over Z[X] (length len(a)+len(b)−1), exact. */
export function exactPolyMul(a: ArrayLike<number | bigint>, b: ArrayLike<number | bigint>): bigint[] {
  if (a.length === 0 || b.length === 0) return [];
  const outLen = a.length + b.length - 1;
  let size = 2;
  while (size < outLen) size <<= 1;
  const bound = 2n * BigInt(Math.min(a.length, b.length)) * maxAbs(a) * maxAbs(b) + 1n;
  const bits = bound.toString(2).length;
  const count = Math.max(1, Math.ceil((bits + 1) / 49));
  if (count > 12) throw new InvalidParameterError('exactPolyMul: operands too large', { details: `bound has ${bits} bits` });
  const { basis, ntt } = auxiliary(size, count);
  const res: Float64Array[] = [];
  for (let i = 0; i < count; i++) {
    const m = basis.moduli[i];
    const x = new Float64Array(size);
    const y = new Float64Array(size);
    load(a, m, x);
    load(b, m, y);
    ntt[i].forward(x);
    ntt[i].forward(y);
    for (let k = 0; k < size; k++) x[k] = m.mul(x[k], y[k]);
    ntt[i].inverse(x);
    res.push(x);
  }
  const out = new Array<bigint>(outLen);
  const r = new Array<number>(count);
  for (let k = 0; k < outLen; k++) {
    for (let i = 0; i < count; i++) r[i] = res[i][k];
    out[k] = basis.toCenteredBigInt(r);
  }
  return out;
}

/**
 * a·b = remainder + quotient·(X^N + 1) over Z[X] for a, b of length N: remainder has N
 * coefficients (the negacyclic product over Z), quotient N−1.
 */
export function exactNegacyclicMul(
  a: ArrayLike<number | bigint>,
  b: ArrayLike<number | bigint>,
): { remainder: bigint[]; quotient: bigint[] } {
  const N = a.length;
  if (b.length !== N) throw new InvalidParameterError('exactNegacyclicMul: lengths differ', { details: `${a.length} vs ${b.length}` });
  const c = exactPolyMul(a, b);
  const remainder = new Array<bigint>(N);
  const quotient = new Array<bigint>(N - 1);
  for (let k = 0; k < N; k++) remainder[k] = c[k] - (k + N < c.length ? c[k + N] : 0n);
  for (let k = 0; k < N - 1; k++) quotient[k] = c[N + k];
  return { remainder, quotient };
}
