/** Decode: the per-option tally; coefficients past the options must be 0, the total ≤ the voters. */
import { decodeCoeffs, type Plaintext } from '@interfold/bfv';
import type { Poll } from './config.js';
import { BallotOutputError } from './errors.js';

export type Tally = Readonly<Record<string, bigint>>;

export function decodeTally(poll: Poll, pt: Plaintext): Tally {
  const coeffs = decodeCoeffs(pt).map(BigInt);
  for (let j = poll.options.length; j < coeffs.length; j++) {
    if (coeffs[j] !== 0n) throw new BallotOutputError('output has a non-zero coefficient past the options', { details: `coefficient ${j}` });
  }
  const total = coeffs.slice(0, poll.options.length).reduce((a, v) => a + v, 0n);
  if (total > BigInt(poll.allowlist.voters.length)) throw new BallotOutputError('more votes than voters', { details: `${total} > ${poll.allowlist.voters.length}` });
  const out: Record<string, bigint> = {};
  poll.options.forEach((o, j) => (out[o] = coeffs[j]!));
  return out;
}

/** The same program on plaintext choices (the reference for `correct`). */
export function plainTally(poll: Poll, choices: readonly number[]): Tally {
  const out: Record<string, bigint> = {};
  poll.options.forEach((o, j) => (out[o] = BigInt(choices.filter((c) => c === j).length)));
  return out;
}
