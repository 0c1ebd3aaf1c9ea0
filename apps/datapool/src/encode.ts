/**
 * Input encoding: one contribution is one plaintext whose coefficient j is the count of field j
 * (coefficient encoding: the homomorphic sum adds coefficient-wise, no SIMD rotation needed), zero
 * past the fields — exactly what noir/datapool_validity proves about the encrypted message.
 */
import { encodeCoeffs, type BfvParameters, type Plaintext } from '@interfold/bfv';
import type { DataPoolConfig } from './config.js';
import { InvalidContributionError } from './errors.js';

/** Counts by field name (every field present) or in field order. */
export type Counts = Readonly<Record<string, number | bigint>> | readonly (number | bigint)[];

export function countVector(c: DataPoolConfig, counts: Counts): bigint[] {
  const list = Array.isArray(counts)
    ? (counts as readonly (number | bigint)[])
    : c.fields.map((f) => {
        const v = (counts as Readonly<Record<string, number | bigint>>)[f];
        if (v === undefined) throw new InvalidContributionError('a field has no count', { details: f });
        return v;
      });
  if (!Array.isArray(counts)) {
    const extra = Object.keys(counts).filter((k) => !c.fields.includes(k));
    if (extra.length > 0) throw new InvalidContributionError('counts for unknown fields', { details: extra.join(', ') });
  }
  if (list.length !== c.fields.length) throw new InvalidContributionError('one count per field', { details: `${list.length} counts, ${c.fields.length} fields` });
  return list.map((v, j) => {
    if ((typeof v === 'number' && !Number.isInteger(v)) || BigInt(v) < 0n || BigInt(v) > c.maxCount) {
      throw new InvalidContributionError('count out of range', { details: `${c.fields[j]} = ${v}, not in [0, ${c.maxCount}]` });
    }
    return BigInt(v);
  });
}

export function encodeContribution(params: BfvParameters, c: DataPoolConfig, counts: Counts): Plaintext {
  return encodeCoeffs(params, countVector(c, counts));
}
