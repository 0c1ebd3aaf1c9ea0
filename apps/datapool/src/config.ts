/**
 * A data pool's request-time parameters (docs/apps/datapool.md): the fields (one per disease), the
 * count bound, the minimum and maximum number of distinct contributors. Fixed when the E3 is
 * requested; the input circuit compiles `fields` and `maxCount` in.
 */
import type { BfvParameters } from '@interfold/bfv';
import { DataPoolConfigError } from './errors.js';

/** The bound: weekly counts per disease in [0, 10^5]. */
export const DEFAULT_MAX_COUNT = 100_000n;

export type DataPoolConfig = {
  readonly fields: readonly string[];
  readonly maxCount: bigint;
  /** Sums are released only if at least this many distinct submitters contributed. */
  readonly minContributors: number;
  /** Input cap: maxContributors · maxCount < t, so no per-field sum wraps mod t. */
  readonly maxContributors: number;
};

export function checkDataPoolConfig(params: BfvParameters, c: DataPoolConfig): void {
  if (c.fields.length < 1 || c.fields.length > params.N) throw new DataPoolConfigError('a pool needs 1..N fields', { details: `${c.fields.length} fields, N = ${params.N}` });
  if (new Set(c.fields).size !== c.fields.length) throw new DataPoolConfigError('field names must be distinct');
  if (c.maxCount < 1n) throw new DataPoolConfigError('maxCount must be at least 1', { details: String(c.maxCount) });
  if (!Number.isInteger(c.minContributors) || !Number.isInteger(c.maxContributors) || c.minContributors < 1 || c.minContributors > c.maxContributors) {
    throw new DataPoolConfigError('contributors must satisfy 1 <= min <= max', { details: `min ${c.minContributors}, max ${c.maxContributors}` });
  }
  if (BigInt(c.maxContributors) * c.maxCount >= params.t) {
    throw new DataPoolConfigError('a sum could wrap mod t: lower maxContributors or maxCount, or use a larger t', {
      details: `${c.maxContributors} × ${c.maxCount} >= t = ${params.t}`,
    });
  }
}
