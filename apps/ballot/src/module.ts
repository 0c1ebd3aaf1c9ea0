/**
 * The ballot as a program module for the ciphernode daemons (the session's program plugin:
 * `createProgram(id)` → { id, name, compute }; daemon config `programs: [{ id, module }]`).
 * Every committee member recomputes it from the chain's accepted inputs: each voter's LAST
 * accepted ballot counts (compute.ts). Eligibility and well-formedness were proved on chain
 * (contracts/programs/BallotProgram.sol + ProgramInputAdapter), so every input here is a valid
 * one-hot ballot of a listed voter, bound to its submitter.
 */
import type { BfvParameters } from '@interfold/bfv';
import type { Program, ProgramContext, ProgramInput } from '@interfold/node';
import { computeTally } from './compute.js';
import { InvalidBallotError } from './errors.js';
import { ballotProgram } from './program.js';

export type { Program, ProgramInput, ProgramContext };

/** Chain indices as the selection's numbers (an input count never nears 2^53). */
export function asIndexed<I extends { readonly index: bigint }>(inputs: readonly I[]): (Omit<I, 'index'> & { index: number })[] {
  return inputs.map((x) => {
    if (x.index < 0n || x.index > BigInt(Number.MAX_SAFE_INTEGER)) throw new InvalidBallotError('input index out of range', { details: String(x.index) });
    return { ...x, index: Number(x.index) };
  });
}

export function createProgram(id: bigint): Program {
  return Object.freeze({
    id,
    name: ballotProgram.name,
    compute: (params: BfvParameters, inputs: readonly ProgramInput[]) => computeTally(params, asIndexed(inputs)),
  });
}
