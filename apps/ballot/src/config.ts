/**
 * A poll's request-time parameters (docs/apps/ballot.md): the options and the allowlist of voter
 * addresses, committed as a Poseidon2 Merkle root (circuits' `allowlist`). The input circuit
 * compiles `options` and `depth` in; the root is a public input fixed at request.
 */
import type { BfvParameters } from '@interfold/bfv';
import { allowlist, checkBallotShape, CircuitInputError, type Allowlist, type BallotShape } from '@interfold/circuits';
import { BallotConfigError } from './errors.js';

export type BallotConfig = { readonly options: readonly string[]; readonly voters: readonly string[]; readonly depth?: number };
export type Poll = { readonly options: readonly string[]; readonly shape: BallotShape; readonly allowlist: Allowlist };

/** The smallest depth that holds the voters (at least 1). */
const depthFor = (n: number) => Math.max(1, Math.ceil(Math.log2(Math.max(2, n))));

export function makePoll(params: BfvParameters, c: BallotConfig): Poll {
  if (new Set(c.options).size !== c.options.length) throw new BallotConfigError('option names must be distinct');
  const depth = c.depth ?? depthFor(c.voters.length);
  try {
    const shape = { options: c.options.length, depth };
    checkBallotShape(params, shape);
    return { options: [...c.options], shape, allowlist: allowlist(c.voters, depth) };
  } catch (e) {
    if (e instanceof CircuitInputError) throw new BallotConfigError(e.shortMessage, { details: e.details, cause: e });
    throw e;
  }
}
