/** Decode: per-field sums from the decrypted plaintext; anything past the fields must be 0. */
import { decodeCoeffs, type Plaintext } from '@interfold/bfv';
import type { DataPoolConfig } from './config.js';
import { DataPoolOutputError } from './errors.js';

export type PoolSums = Readonly<Record<string, bigint>>;

export function decodeDataPool(c: DataPoolConfig, pt: Plaintext): PoolSums {
  const coeffs = decodeCoeffs(pt).map(BigInt);
  for (let j = c.fields.length; j < coeffs.length; j++) {
    if (coeffs[j] !== 0n) throw new DataPoolOutputError('output has a non-zero coefficient past the fields', { details: `coefficient ${j}` });
  }
  const bound = BigInt(c.maxContributors) * c.maxCount;
  const out: Record<string, bigint> = {};
  c.fields.forEach((f, j) => {
    const v = coeffs[j]!;
    if (v > bound) throw new DataPoolOutputError('a sum exceeds maxContributors × maxCount', { details: `${f} = ${v}` });
    out[f] = v;
  });
  return out;
}

/** The same program on plaintexts (tests, and the reference for `correct`). */
export function plainDataPool(c: DataPoolConfig, contributions: readonly (readonly bigint[])[]): PoolSums {
  const out: Record<string, bigint> = {};
  c.fields.forEach((f, j) => (out[f] = contributions.reduce((a, v) => a + v[j]!, 0n)));
  return out;
}
