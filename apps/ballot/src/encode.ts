/**
 * Input encoding: a ballot is one plaintext, one-hot over the option coefficients (exactly one
 * option; a split of a weight is not supported: a one-hot ballot is the statement the circuit
 * proves, and an equal weight per voter), zero elsewhere. Coefficient encoding: the tally is the
 * coefficient-wise sum.
 */
import { encodeCoeffs, type BfvParameters, type Plaintext } from '@interfold/bfv';
import type { Poll } from './config.js';
import { InvalidBallotError } from './errors.js';

export function optionIndex(poll: Poll, choice: number | string): number {
  const i = typeof choice === 'string' ? poll.options.indexOf(choice) : choice;
  if (!Number.isInteger(i) || i < 0 || i >= poll.options.length) throw new InvalidBallotError('not an option of this poll', { details: String(choice) });
  return i;
}

export function ballotVector(poll: Poll, choice: number | string): bigint[] {
  const v = new Array<bigint>(poll.options.length).fill(0n);
  v[optionIndex(poll, choice)] = 1n;
  return v;
}

export function encodeBallot(params: BfvParameters, poll: Poll, choice: number | string): Plaintext {
  return encodeCoeffs(params, ballotVector(poll, choice));
}

/** The ballot statement on a plaintext vector (what the circuit proves about the encrypted one). */
export function checkBallotVector(poll: Poll, v: readonly bigint[]): number {
  if (v.length !== poll.options.length || v.some((x) => x !== 0n && x !== 1n) || v.filter((x) => x === 1n).length !== 1) {
    throw new InvalidBallotError('ballot must choose exactly one option', { details: v.join(',') });
  }
  return v.indexOf(1n);
}
